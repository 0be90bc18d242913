"""OIDC login for the municipal directory (staff) and a NemLog-in/MitID broker (citizens).

Switched on with USE_OIDC=true and the OIDC_* settings (see README). Users are matched on the OIDC subject,
then on e-mail; a new user gets the roles that OIDC_ROLE_MAP gives their groups, or 'citizen' if none.
"""

from django.conf import settings
from django.contrib import messages
from django.db import transaction
from django.http import HttpResponseRedirect
from mozilla_django_oidc.auth import OIDCAuthenticationBackend
from mozilla_django_oidc.views import OIDCAuthenticationCallbackView

from kompas.core import ratelimit
from kompas.core.access import public
from kompas.core.roles import RoleCode

from . import login_throttle, services
from .forms import locked_error
from .models import User


def roles_from_claims(claims: dict) -> list[str]:
    groups = claims.get(settings.OIDC_ROLES_CLAIM) or []
    if isinstance(groups, str):
        groups = [groups]
    mapped = {settings.OIDC_ROLE_MAP[g] for g in groups if g in settings.OIDC_ROLE_MAP}
    valid = sorted(code for code in mapped if code in RoleCode.values)
    return valid or [RoleCode.CITIZEN]


class KompasOIDCBackend(OIDCAuthenticationBackend):
    def filter_users_by_claims(self, claims):
        subject = claims.get("sub", "")
        if subject:
            by_subject = User.objects.filter(oidc_subject=subject, is_active=True)
            if by_subject.exists():
                return by_subject
        email = claims.get("email", "")
        return User.objects.filter(email__iexact=email, is_active=True) if email else User.objects.none()

    @transaction.atomic
    def create_user(self, claims):
        user = services.user_create(
            email=claims.get("email", ""),
            full_name=claims.get("name", ""),
            roles=roles_from_claims(claims),
            actor=None,
        )
        user.oidc_subject = claims.get("sub", "")
        user.save(update_fields=["oidc_subject"])
        return user

    def update_user(self, user, claims):
        if claims.get("sub") and user.oidc_subject != claims["sub"]:
            user.oidc_subject = claims["sub"]
            user.save(update_fields=["oidc_subject"])
        return user


class KompasOIDCCallbackView(OIDCAuthenticationCallbackView):
    """The OIDC callback (``OIDC_CALLBACK_CLASS``), throttled per client like the other login forms.

    The callback never learns which account a failed attempt was for, so failures count against the client
    address only (scope ``login_client``, shared with the password login). A locked client is turned away
    before the code is exchanged.
    """

    @classmethod
    def as_view(cls, **initkwargs):
        return public(super().as_view(**initkwargs))

    def get(self, request):
        address = ratelimit.client_address(request)
        if login_throttle.is_locked(address=address):
            error = locked_error(seconds=login_throttle.retry_after(address=address))
            messages.error(request, error.messages[0])
            return HttpResponseRedirect(self.failure_url)
        return super().get(request)

    def login_failure(self):
        login_throttle.register_failure(address=ratelimit.client_address(self.request))
        return super().login_failure()
