"""OIDC login for the municipal directory (staff) and a NemLog-in/MitID broker (citizens).

Switched on with USE_OIDC=true and the OIDC_* settings (see README). Users are matched on the OIDC subject,
then on e-mail; a new user gets the roles that OIDC_ROLE_MAP gives their groups, or 'citizen' if none. A login
that carries the roles claim (OIDC_ROLES_CLAIM) comes from the staff directory: if none of its groups maps to a
role it is refused, so a member of staff never quietly becomes a citizen. CPR numbers are dropped from the
claims before anything else sees them.

The routes (kompas.accounts.oidc_urls), the backend and the CSP addition are always installed and check
USE_OIDC at each request, so the browser tests switch OIDC on with override_settings (ADR 0019).
"""

from urllib.parse import urlencode, urlsplit

import jwt
import requests
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import BACKEND_SESSION_KEY
from django.core.exceptions import SuspiciousOperation
from django.db import transaction
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import resolve_url
from django.utils.translation import gettext as _
from mozilla_django_oidc.auth import OIDCAuthenticationBackend
from mozilla_django_oidc.views import (
    OIDCAuthenticationCallbackView,
    OIDCAuthenticationRequestView,
    OIDCLogoutView,
)

from kompas.core import ratelimit
from kompas.core.access import public
from kompas.core.cpr import contains_cpr
from kompas.core.roles import RoleCode

from . import login_throttle, services
from .forms import locked_error
from .models import User
from .user_cache import CachedUserMixin

BACKEND_PATH = "kompas.accounts.oidc.KompasOIDCBackend"
# Protocol claims: identifiers, never shown text, so they are not searched for CPR numbers.
PROTOCOL_CLAIMS = frozenset({"sub", "iss", "aud", "azp", "sid", "nonce", "at_hash", "c_hash"})


class OIDCLoginFailed(Exception):
    """A login through the provider that did not succeed; ``reason`` picks the message the user sees."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


def failure_message(reason: str) -> str:
    texts = {
        "unreachable": _(
            "The login service could not be reached, so you have not been logged in. "
            "Please try again in a few minutes."
        ),
        "audience": _("The login was issued for another service than Kompas, so it was refused."),
        "expired": _("The login had expired when it reached Kompas. Please try again."),
        "invalid": _("The login could not be verified, so you have not been logged in. Please try again."),
        "no_role": _(
            "Your work login does not give access to Kompas. "
            "Ask your manager to have you added to one of the Kompas groups."
        ),
    }
    return texts.get(reason) or _("The login was not completed. Please try again.")


def mapped_roles(claims: dict) -> set[str]:
    """The Kompas roles that OIDC_ROLE_MAP gives the groups in the roles claim (none if it has none)."""
    groups = claims.get(settings.OIDC_ROLES_CLAIM) or []
    if isinstance(groups, str):
        groups = [groups]
    mapped = {settings.OIDC_ROLE_MAP[g] for g in groups if isinstance(g, str) and g in settings.OIDC_ROLE_MAP}
    return {code for code in mapped if code in RoleCode.values}


def roles_from_claims(claims: dict) -> list[str]:
    return sorted(mapped_roles(claims)) or [RoleCode.CITIZEN]


def is_staff_login(claims: dict) -> bool:
    """The staff directory sends the roles claim; a citizen broker (NemLog-in/MitID) does not."""
    return settings.OIDC_ROLES_CLAIM in claims


def without_cpr(claims: dict) -> dict:
    """The claims minus every CPR number: claims named for it (``dk.cpr``, ``.../cprNumber``) and text with one."""

    def has_cpr(value) -> bool:
        if isinstance(value, str):
            return contains_cpr(value)
        if isinstance(value, list | tuple):
            return any(has_cpr(item) for item in value)
        return False

    return {
        name: value
        for name, value in claims.items()
        if "cpr" not in name.lower() and (name in PROTOCOL_CLAIMS or not has_cpr(value))
    }


class KompasOIDCBackend(CachedUserMixin, OIDCAuthenticationBackend):
    """Checks what mozilla-django-oidc leaves out (audience, issuer, expiry with a clock skew, the userinfo
    subject) and turns every failure into :class:`OIDCLoginFailed`, which the callback shows in Danish."""

    def authenticate(self, request, **kwargs):
        # Only the callback passes a nonce; a password login (e-mail and password) is not ours.
        if not settings.USE_OIDC or "nonce" not in kwargs:
            return None
        try:
            return super().authenticate(request, **kwargs)
        except OIDCLoginFailed:
            raise
        except (requests.ConnectionError, requests.Timeout) as exc:
            raise OIDCLoginFailed("unreachable") from exc
        except requests.HTTPError as exc:
            status = exc.response.status_code if exc.response is not None else 0
            raise OIDCLoginFailed("unreachable" if status >= 500 else "invalid") from exc
        except (requests.RequestException, ValueError, KeyError, jwt.PyJWTError, SuspiciousOperation) as exc:
            raise OIDCLoginFailed("invalid") from exc

    def _verify_jws(self, payload, key):
        if jwt.get_unverified_header(payload).get("alg") != self.OIDC_RP_SIGN_ALGO:
            raise OIDCLoginFailed("invalid")
        client_id = self.OIDC_RP_CLIENT_ID
        try:
            claims = jwt.decode(
                payload,
                key,
                algorithms=[self.OIDC_RP_SIGN_ALGO],
                audience=client_id,
                issuer=settings.OIDC_OP_ISSUER or None,
                leeway=settings.OIDC_CLOCK_SKEW_SECONDS,
                options={"require": ["exp", "iat", "aud", "sub"]},
            )
        except jwt.ExpiredSignatureError as exc:
            raise OIDCLoginFailed("expired") from exc
        except jwt.InvalidAudienceError as exc:
            raise OIDCLoginFailed("audience") from exc
        except jwt.PyJWTError as exc:
            raise OIDCLoginFailed("invalid") from exc
        audiences = claims["aud"] if isinstance(claims["aud"], list) else [claims["aud"]]
        if len(audiences) > 1 and claims.get("azp") != client_id:
            raise OIDCLoginFailed("audience")
        return claims

    def get_userinfo(self, access_token, id_token, payload):
        claims = super().get_userinfo(access_token, id_token, payload)
        if claims.get("sub") != payload.get("sub"):  # OpenID Connect Core 5.3.2
            raise OIDCLoginFailed("invalid")
        return without_cpr(claims)

    def verify_claims(self, claims):
        if is_staff_login(claims) and not mapped_roles(claims):
            raise OIDCLoginFailed("no_role")
        return super().verify_claims(claims)

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
        full_name = claims.get("name") or " ".join(
            part for part in (claims.get("given_name"), claims.get("family_name")) if part
        )
        user = services.user_create(
            email=claims.get("email", ""),
            full_name=full_name,
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


def logged_in_through_provider(request) -> bool:
    return bool(settings.USE_OIDC) and request.session.get(BACKEND_SESSION_KEY) == BACKEND_PATH


def provider_logout_url(request) -> str:
    """``OIDC_OP_LOGOUT_URL_METHOD``: the provider's end_session endpoint, which sends the browser back to us."""
    back = request.build_absolute_uri(resolve_url(settings.LOGOUT_REDIRECT_URL))
    endpoint = settings.OIDC_OP_LOGOUT_ENDPOINT
    if not endpoint:
        return back
    query = urlencode({"client_id": settings.OIDC_RP_CLIENT_ID, "post_logout_redirect_uri": back})
    return f"{endpoint}{'&' if '?' in endpoint else '?'}{query}"


class ProviderFormActionMiddleware:
    """Allows the logout form's redirect to the provider: CSP form-action also covers a form's redirects."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if settings.USE_OIDC and settings.OIDC_OP_LOGOUT_ENDPOINT:
            parts = urlsplit(settings.OIDC_OP_LOGOUT_ENDPOINT)
            update = dict(getattr(response, "_csp_update", None) or {})
            update["form-action"] = [*update.get("form-action", []), f"{parts.scheme}://{parts.netloc}"]
            response._csp_update = update
        return response


class KompasOIDCRequestView(OIDCAuthenticationRequestView):
    """Sends the browser to the provider (with PKCE when OIDC_USE_PKCE is on, the default)."""

    def get(self, request):
        if not settings.USE_OIDC:
            raise Http404
        return super().get(request)


class KompasOIDCLogoutView(OIDCLogoutView):
    def post(self, request):
        if not settings.USE_OIDC:
            raise Http404
        return super().post(request)


class KompasOIDCCallbackView(OIDCAuthenticationCallbackView):
    """The OIDC callback (``OIDC_CALLBACK_CLASS``), throttled per client like the other login forms.

    The callback never learns which account a failed attempt was for, so failures count against the client
    address only (scope ``login_client``, shared with the password login). A locked client is turned away
    before the code is exchanged.
    """

    @classmethod
    def as_view(cls, **initkwargs):
        return public(super().as_view(**initkwargs))

    failure_reason = ""

    @property
    def failure_url(self):
        return resolve_url(settings.LOGIN_URL)  # the login page, which shows why in Danish

    def get(self, request):
        if not settings.USE_OIDC:
            raise Http404
        address = ratelimit.client_address(request)
        if login_throttle.is_locked(address=address):
            error = locked_error(seconds=login_throttle.retry_after(address=address))
            messages.error(request, error.messages[0])
            return HttpResponseRedirect(self.failure_url)
        try:
            return super().get(request)
        except OIDCLoginFailed as exc:
            self.failure_reason = exc.reason
        except SuspiciousOperation:  # an unknown state: the back button, or a login begun in another tab
            self.failure_reason = "stale"
        return self.login_failure()

    def login_failure(self):
        login_throttle.register_failure(address=ratelimit.client_address(self.request))
        messages.error(self.request, failure_message(self.failure_reason))
        return super().login_failure()
