"""Login throttling: failed logins lock the account (e-mail address) and the client address for a while.

Built on the one site-wide limiter, ``kompas.core.ratelimit`` (scopes ``login_account`` and ``login_client`` in
``settings.KOMPAS_RATE_LIMITS``). The counts live in the default cache, which production shares between all web
processes (Redis or the database cache; ADR 0016). Every login form uses this module: the site's login, Django
admin's login and the OIDC callback (which only knows the client, not the account).
"""

from kompas.core import ratelimit

ACCOUNT = "login_account"
CLIENT = "login_client"


def _pairs(*, email: str, address: str) -> list[tuple[str, str]]:
    pairs = []
    if email:
        pairs.append((ACCOUNT, email))
    if address:
        pairs.append((CLIENT, address))
    return pairs


def is_locked(*, email: str = "", address: str = "") -> bool:
    """Whether the account or the client address has used up its failed attempts."""
    return any(ratelimit.is_limited(scope, key) for scope, key in _pairs(email=email, address=address))


def retry_after(*, email: str = "", address: str = "") -> int:
    """Seconds until every lock on the account and the address has lifted (0 when none)."""
    return max(
        (
            ratelimit.retry_after(scope, key)
            for scope, key in _pairs(email=email, address=address)
            if ratelimit.is_limited(scope, key)
        ),
        default=0,
    )


def register_failure(*, email: str = "", address: str = "") -> bool:
    """Count one failed attempt against the account and the address; True when that locks either."""
    for scope, key in _pairs(email=email, address=address):
        ratelimit.hit(scope, key)
    return is_locked(email=email, address=address)


def reset(*, email: str) -> None:
    """A successful login clears the account's count (the address keeps its count: it may be shared)."""
    ratelimit.reset(ACCOUNT, email)
