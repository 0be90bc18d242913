"""Writes of the city council's place: committee memberships and the calm committee digest."""

import datetime as dt
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from kompas import activity
from kompas.core.links import absolute
from kompas.core.roles import RoleCode

from . import selectors, verbs
from .models import Committee, CommitteeMembership, DigestLog, period_of

if TYPE_CHECKING:
    from kompas.accounts.models import User


@transaction.atomic
def membership_add(
    *,
    committee: Committee,
    user: "User",
    actor: "User | None",
    party: str = "",
    is_chair: bool = False,
    is_group_chair: bool = False,
) -> CommitteeMembership:
    """Put a politician on a committee (or update their membership). Only a user with the city council role
    can sit on a committee."""
    if RoleCode.POLITICIAN not in user.role_codes():
        raise ValidationError(
            {"user": _("Only a member of the city council can sit on a committee.")}, code="not_politician"
        )
    membership, created = CommitteeMembership.objects.update_or_create(
        committee=committee,
        user=user,
        defaults={"party": party.strip(), "is_chair": is_chair, "is_group_chair": is_group_chair},
    )
    activity.record(
        actor=actor,
        verb=verbs.MEMBER_ADDED,
        target=committee,
        changes={"member": [None if created else str(user), str(user)]},
    )
    return membership


@transaction.atomic
def membership_remove(*, membership: CommitteeMembership, actor: "User | None") -> None:
    committee, user = membership.committee, membership.user
    membership.delete()
    activity.record(
        actor=actor, verb=verbs.MEMBER_REMOVED, target=committee, changes={"member": [str(user), None]}
    )


def previous_period(today: dt.date) -> tuple[dt.date, dt.date]:
    """The period a digest sent today covers: the calendar month before this one."""
    start, _end = period_of(today)
    return period_of(start - dt.timedelta(days=1))


def committee_digest_send(
    *, committee: Committee, membership: CommitteeMembership, today: dt.date | None = None
) -> int:
    """Send one member the committee's digest of the last period, at most once a period, and only when
    something happened in the committee's field. Returns the number of items in the mail (0: none sent)."""
    today = today or timezone.localdate()
    start, end = previous_period(today)
    user = membership.user
    if not user.email or not user.is_active:
        return 0
    items = selectors.digest_items(committee=committee, start=start, end=end)
    if not items:
        return 0
    try:
        with transaction.atomic():
            DigestLog.objects.create(
                committee=committee, recipient=user, period_start=start, items=len(items)
            )
            activity.record(actor=None, verb=verbs.DIGEST_SENT, target=committee)
    except IntegrityError:
        return 0  # already sent for this period
    language = getattr(user, "preferred_language", "") or settings.LANGUAGE_CODE
    with translation.override(language):
        context = {
            "user": user,
            "committee": committee,
            "items": items,
            "start": start,
            "last_day": end - dt.timedelta(days=1),
            "site_name": settings.KOMPAS_SITE_NAME,
            "committee_url": absolute(selectors.committee_digest_url(committee)),
        }
        subject = render_to_string("council/email/digest_subject.txt", context).strip()
        body = render_to_string("council/email/digest_body.txt", context)
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [user.email])
    return len(items)


def committee_digests_send(*, today: dt.date | None = None) -> int:
    """Every active committee's digest to each of its members; returns the number of e-mails sent."""
    sent = 0
    for committee in Committee.objects.filter(is_active=True).prefetch_related("departments"):
        for membership in selectors.digest_recipients(committee):
            if committee_digest_send(committee=committee, membership=membership, today=today):
                sent += 1
    return sent
