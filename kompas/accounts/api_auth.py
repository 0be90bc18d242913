"""API authentication: the browser session (with CSRF) or a personal bearer token."""

from django.conf import settings
from django.utils import timezone
from ninja.security import HttpBearer, SessionAuth

from .models import ApiToken
from .selectors import api_token_authenticate


class BrowserSession(SessionAuth):
    """The signed-in browser. CSRF is checked only when a session cookie is actually sent, so a call with a
    bearer token or a participant token is not refused for a CSRF token it has no reason to have."""

    def _get_key(self, request):
        if settings.SESSION_COOKIE_NAME not in request.COOKIES:
            return None
        return super()._get_key(request)


class TokenAuth(HttpBearer):
    def __call__(self, request):
        # Most calls carry no bearer token (a browser, an anonymous participant): answered from the request's
        # environment, without building its header map (ninja's reads request.headers).
        if "HTTP_AUTHORIZATION" not in request.META:
            return None
        return super().__call__(request)

    def authenticate(self, request, token: str):
        user = api_token_authenticate(raw=token)
        if user is None:
            return None
        ApiToken.objects.filter(token_hash=ApiToken.hash(token)).update(last_used_at=timezone.now())
        request.user = user
        return user


session_or_token = [BrowserSession(), TokenAuth()]
