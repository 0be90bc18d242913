"""One rate limiter for the whole site: fixed windows counted in the default cache.

Every limit is named by a *scope* and configured in one place, ``settings.KOMPAS_RATE_LIMITS``::

    KOMPAS_RATE_LIMITS = {"login_account": (5, 900), ...}   # scope: (attempts, window in seconds)

The counts live in Django's default cache. Production must use a cache every web process shares (Redis or the
database cache; a system check refuses a process-local one), otherwise each worker counts on its own. Counting is
``cache.add`` followed by ``cache.incr``, which both shared backends do atomically, so concurrent requests in
different processes never lose a count. Keys are hashed: no e-mail address or IP address is stored in the cache.

This module imports nothing from Kompas, only Django (and redis-py, for its Redis path).
"""

import hashlib
import ipaddress
import time
from typing import TYPE_CHECKING, Any, cast

from django.conf import settings
from django.core.cache import cache, caches
from django.core.cache.backends.redis import RedisCache
from redis.exceptions import NoScriptError

from . import redis_direct

if TYPE_CHECKING:
    from collections.abc import Sequence

    from django.http import HttpRequest

_PREFIX = "kompas:rl"


def _limit(scope: str) -> tuple[int, int]:
    try:
        limit, window = settings.KOMPAS_RATE_LIMITS[scope]
    except KeyError:
        raise KeyError(f"Unknown rate-limit scope {scope!r}: add it to settings.KOMPAS_RATE_LIMITS") from None
    return int(limit), int(window)


def _keys(scope: str, key: str) -> tuple[str, str]:
    """The cache keys of the count and of the window's start for (scope, key)."""
    digest = hashlib.sha256(f"{scope}\0{str(key).strip().lower()}".encode()).hexdigest()[:40]
    return f"{_PREFIX}:{scope}:{digest}", f"{_PREFIX}:{scope}:{digest}:t"


def _count(scope: str, key: str) -> int:
    count_key, _ = _keys(scope, key)
    value = cache.get(count_key)
    return int(value) if value else 0


def hit(scope: str, key: str) -> bool:
    """Record one attempt for ``key`` in ``scope``; False when that attempt exceeds the scope's limit.

    The window starts with the first attempt and is not extended by later ones (a fixed window).
    """
    return hit_reading(scope, key, ())[0]


def hit_reading(scope: str, key: str, names: "Sequence[str]") -> "tuple[bool, dict[str, Any]]":
    """``hit``, and the default cache's entries ``names`` (as ``cache.get_many`` gives them) read in the same
    round trip: a caller that needs both, such as a vote that needs the content version, pays one."""
    limit, window = _limit(scope)
    count_key, start_key = _keys(scope, key)
    in_redis = _hit_in_redis(count_key, start_key, window, names)
    if in_redis is not None:
        counted, found = in_redis
        return counted <= limit, found
    if cache.add(count_key, 0, window):
        cache.set(start_key, int(time.time()), window)
    try:
        count = cache.incr(count_key)
    except ValueError:  # the window expired between add and incr: this attempt opens a new one
        cache.set(count_key, 1, window)
        cache.set(start_key, int(time.time()), window)
        count = 1
    return count <= limit, (cache.get_many(list(names)) if names else {})


# Open the window if there is none and count the attempt: the MULTI/EXEC of SET NX EX, SET NX EX and INCR as one
# script, so one command and one answer instead of five (and, a script being atomic, the count cannot expire
# between the SET and the INCR). Any further keys are read in the same script (false, a nil, where missing).
_REDIS_HIT = b"""
redis.call('SET', KEYS[1], 0, 'EX', ARGV[1], 'NX')
redis.call('SET', KEYS[2], ARGV[2], 'EX', ARGV[1], 'NX')
local answer = {redis.call('INCR', KEYS[1])}
for n = 3, #KEYS do answer[n - 1] = redis.call('GET', KEYS[n]) end
return answer
"""
_REDIS_HIT_SHA = hashlib.sha1(_REDIS_HIT).hexdigest()  # noqa: S324 - the script's name in Redis, not a secret


def _hit_in_redis(
    count_key: str, start_key: str, window: int, names: "Sequence[str]"
) -> "tuple[int, dict[str, Any]] | None":
    """On Django's Redis cache: open the window if there is none, count the attempt and read the entries
    ``names`` in one round trip (one script, ``_REDIS_HIT``; the generic path costs three or four, and one more
    for the entries). None on other caches.

    The values are those the generic path stores (Django's Redis serializer keeps integers as they are), so
    ``retry_after``, ``is_limited`` and ``reset`` read them alike; the entries are decoded as ``cache.get``
    decodes them."""
    backend = caches["default"]
    if not isinstance(backend, RedisCache):
        return None
    # The two keys are ours (a scope's name and a digest): only the caller's names need Django's validation.
    entry_names = [backend.make_and_validate_key(name) for name in names]
    args = (
        2 + len(entry_names),
        backend.make_key(count_key),
        backend.make_key(start_key),
        *entry_names,
        window,
        int(time.time()),
    )
    redis_cache = cast(Any, backend)._cache  # Django's own Redis client: its pool and its serializer
    answer = _run_in_redis(redis_cache._get_connection_pool(True), args)
    values = [*answer[1:], *[None] * (len(names) + 1 - len(answer))]  # a missing entry comes back as nil
    found = {
        name: redis_cache._serializer.loads(value)
        for name, value in zip(names, values, strict=True)
        if value is not None
    }
    return int(answer[0]), found


def _run_in_redis(pool: Any, args: "Sequence[object]") -> Any:
    """``_REDIS_HIT`` with ``args`` (the number of keys, the keys, the arguments) on a connection of ``pool``:
    what ``redis.Redis.evalsha`` does, without the client's layers around the one command
    (``redis_direct.call``: the same connection handling as the client's)."""

    def run(connection: Any) -> Any:
        connection.send_command("EVALSHA", _REDIS_HIT_SHA, *args)
        try:
            return connection.read_response()
        except NoScriptError:  # a restarted (or another) Redis: EVAL runs the script and loads it once more
            connection.send_command("EVAL", _REDIS_HIT, *args)
            return connection.read_response()

    return redis_direct.call(pool, run)


def is_limited(scope: str, key: str) -> bool:
    """Whether ``key`` has used up the scope's allowance in the current window (records nothing)."""
    limit, _ = _limit(scope)
    return _count(scope, key) >= limit


def reset(scope: str, key: str) -> None:
    cache.delete_many(list(_keys(scope, key)))


def retry_after(scope: str, key: str) -> int:
    """Seconds until the current window ends (0 when nothing is counted)."""
    _, window = _limit(scope)
    count_key, start_key = _keys(scope, key)
    values = cache.get_many([count_key, start_key])
    if not values.get(count_key):
        return 0
    started = values.get(start_key)
    if started is None:
        return window
    return max(1, min(window, int(started) + window - int(time.time())))


def client_address(request: "HttpRequest") -> str:
    """The client's IP address.

    ``REMOTE_ADDR`` unless ``settings.KOMPAS_TRUSTED_PROXY_HEADER`` names a request.META header (e.g.
    ``"HTTP_X_FORWARDED_FOR"``) set by our own reverse proxies. Then the address ``KOMPAS_TRUSTED_PROXY_COUNT``
    hops from the right of that header is the client (1: the right-most, appended by the one proxy in front of
    us). Addresses further left are written by the client and could be anything, so they are never used.
    """
    remote = request.META.get("REMOTE_ADDR", "") or ""
    header = getattr(settings, "KOMPAS_TRUSTED_PROXY_HEADER", "") or ""
    if not header:
        return remote
    hops = max(1, int(getattr(settings, "KOMPAS_TRUSTED_PROXY_COUNT", 1) or 1))
    parts = [part.strip() for part in request.META.get(header, "").split(",") if part.strip()]
    if len(parts) < hops:
        return remote
    candidate = parts[-hops]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return remote
