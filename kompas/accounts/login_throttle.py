"""Login rate limit: repeated failures lock the e-mail address and the client address for a while.

Counts live in the cache (Redis in production, so every web process sees the same counts).
"""

import hashlib

from django.conf import settings
from django.core.cache import cache


def _key(kind: str, value: str) -> str:
    digest = hashlib.sha256(value.strip().lower().encode()).hexdigest()[:32]
    return f"kompas:login:{kind}:{digest}"


def _keys(*, email: str, address: str) -> list[str]:
    keys = [_key("email", email)] if email else []
    if address:
        keys.append(_key("addr", address))
    return keys


def is_locked(*, email: str, address: str) -> bool:
    limit = settings.KOMPAS_LOGIN_MAX_FAILURES
    # The address gets a wider allowance: several people may share one (a town hall's network).
    counts = cache.get_many(_keys(email=email, address=address))
    return any(count >= (limit * 4 if ":addr:" in key else limit) for key, count in counts.items())


def register_failure(*, email: str, address: str) -> int:
    """Count one failed attempt; returns the count for the e-mail address."""
    timeout = settings.KOMPAS_LOGIN_LOCKOUT_SECONDS
    result = 0
    for key in _keys(email=email, address=address):
        cache.add(key, 0, timeout)
        try:
            count = cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.set(key, 1, timeout)
            count = 1
        if ":email:" in key:
            result = count
    return result


def reset(*, email: str) -> None:
    cache.delete(_key("email", email))
