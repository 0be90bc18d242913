"""Writes of the accounts app. Every service is keyword-only, transactional and audited."""

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from kompas import activity
from kompas.activity.services import changes_between, snapshot
from kompas.core import personal_data
from kompas.core.roles import RoleCode

from . import verbs
from .models import ApiToken, Role, User

PROFILE_FIELDS = ("full_name", "preferred_language", "digest_enabled")


def roles_ensure() -> list[Role]:
    """Create the role rows of DESIGN §2 if missing (idempotent)."""
    return [Role.objects.get_or_create(code=code)[0] for code in RoleCode.values]


@transaction.atomic
def user_create(
    *,
    email: str,
    full_name: str = "",
    password: str | None = None,
    roles: Iterable[str] = (),
    actor: "User | None" = None,
) -> User:
    user = User.objects.create_user(
        email=email, password=password, full_name=full_name, is_staff=RoleCode.ADMIN in set(roles)
    )
    if roles:
        user.roles.set(Role.objects.filter(code__in=list(roles)))
    activity.record(
        actor=actor, verb=verbs.USER_CREATED, target=user, changes={"roles": [None, sorted(roles)]}
    )
    return user


@transaction.atomic
def user_set_roles(*, user: User, roles: Iterable[str], actor: "User") -> User:
    before = sorted(user.role_codes())
    wanted = sorted(set(roles))
    user.roles.set(Role.objects.filter(code__in=wanted))
    user._role_codes = None
    user.is_staff = RoleCode.ADMIN in wanted
    user.save(update_fields=["is_staff"])
    if before != wanted:
        activity.record(
            actor=actor, verb=verbs.ROLES_CHANGED, target=user, changes={"roles": [before, wanted]}
        )
    return user


@transaction.atomic
def user_update_profile(
    *, user: User, full_name: str, preferred_language: str, digest_enabled: bool, actor: "User"
) -> User:
    # Compare with what is stored, not with an instance a ModelForm may already have changed.
    user = User.objects.select_for_update().get(pk=user.pk)
    before = snapshot(user, PROFILE_FIELDS)
    user.full_name = full_name
    user.preferred_language = preferred_language
    user.digest_enabled = digest_enabled
    user.save(update_fields=list(PROFILE_FIELDS))
    changes = changes_between(before, snapshot(user, PROFILE_FIELDS))
    if changes:
        activity.record(actor=actor, verb=verbs.PROFILE_UPDATED, target=user, changes=changes)
    return user


@transaction.atomic
def api_token_create(*, user: User, name: str, actor: "User") -> tuple[ApiToken, str]:
    """Create a token; returns the row and the raw token, which is shown once and never stored."""
    raw = ApiToken.generate()
    token = ApiToken.objects.create(
        user=user,
        name=name,
        prefix=raw[4:12],
        token_hash=ApiToken.hash(raw),
        expires_at=timezone.now() + dt.timedelta(days=settings.KOMPAS_API_TOKEN_DAYS),
    )
    activity.record(
        actor=actor, verb=verbs.API_TOKEN_CREATED, target=user, changes={"token": [None, str(token)]}
    )
    return token, raw


@transaction.atomic
def api_token_revoke(*, token: ApiToken, actor: "User") -> ApiToken:
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
        activity.record(
            actor=actor,
            verb=verbs.API_TOKEN_REVOKED,
            target=token.user,
            changes={"token": [str(token), None]},
        )
    return token


def login_locked_record(*, user: User | None) -> None:
    """Audit that an account was locked after repeated failed logins (never the password)."""
    activity.record(actor=None, verb=verbs.LOGIN_LOCKED, target=user)


@transaction.atomic
def person_export(*, person: User, actor: "User") -> dict[str, Any]:
    """Everything Kompas holds about one person, by the GDPR registry, as JSON-ready data."""
    data = {
        "generated_at": timezone.now().isoformat(),
        "person": {"id": person.pk, "email": person.email},
        "sections": {provider.key: provider.export(person) for provider in personal_data.providers()},
    }
    activity.record(actor=actor, verb=verbs.PERSONAL_DATA_EXPORTED, target=person)
    return data


@transaction.atomic
def person_erase(*, person: User, actor: "User") -> list[dict[str, Any]]:
    """Erase a person: every registered provider anonymises or removes its part, statistics are kept.

    Returns a receipt: per provider, how many rows were touched and what was kept, and why.
    """
    receipt = []
    for provider in personal_data.providers():
        count = provider.erase(person)
        receipt.append(
            {
                "key": provider.key,
                "description": str(provider.description),
                "rows": count,
                "kept": str(provider.kept),
            }
        )
    activity.record(
        actor=actor, verb=verbs.PERSON_ERASED, target=person, changes={"providers": [None, len(receipt)]}
    )
    return receipt
