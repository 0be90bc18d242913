"""Personal data held by the accounts app (GDPR registry entry)."""

from django.contrib.auth.hashers import make_password
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kompas.core.personal_data import Provider


def export(user) -> dict:
    return {
        "email": user.email,
        "full_name": user.full_name,
        "roles": sorted(user.role_codes()),
        "preferred_language": user.preferred_language,
        "digest_enabled": user.digest_enabled,
        "date_joined": user.date_joined.isoformat(),
        "last_login": user.last_login.isoformat() if user.last_login else None,
        "api_tokens": [
            {"name": t.name, "created": t.created_at.isoformat(), "expires": t.expires_at.isoformat()}
            for t in user.api_tokens.all()
        ],
    }


def erase(user) -> int:
    tokens, _detail = user.api_tokens.all().delete()
    user.email = f"anonymiseret-{user.pk}@kompas.invalid"
    user.full_name = ""
    user.password = make_password(None)
    user.is_active = False
    user.is_staff = False
    user.is_superuser = False
    user.oidc_subject = ""
    user.last_login = None
    user.anonymised_at = timezone.now()
    user.save()
    user.roles.clear()
    return 1 + tokens


PROVIDER = Provider(
    key="accounts",
    description=_("The account: e-mail, name, roles, language, API tokens and last login."),
    export=export,
    erase=erase,
    kept=_(
        "An anonymous account row is kept so that statistics and the audit trail still add up; "
        "it holds no name, e-mail or login."
    ),
    order=1000,  # last: the others may still need the account while they erase
)
