"""API authentication: the browser session (with CSRF) or a personal bearer token."""

from django.utils import timezone
from ninja.security import HttpBearer, SessionAuth

from kompas.accounts.models import ApiToken
from kompas.accounts.selectors import api_token_authenticate


class TokenAuth(HttpBearer):
    def authenticate(self, request, token: str):
        user = api_token_authenticate(raw=token)
        if user is None:
            return None
        ApiToken.objects.filter(token_hash=ApiToken.hash(token)).update(last_used_at=timezone.now())
        request.user = user
        return user


session_or_token = [SessionAuth(), TokenAuth()]
