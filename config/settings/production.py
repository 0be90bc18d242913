"""Production settings: PostgreSQL, Redis, a Celery worker, gunicorn behind a TLS proxy.

Required environment: DJANGO_SECRET_KEY, DJANGO_ALLOWED_HOSTS, DATABASE_URL. Recommended: REDIS_URL.
"""

from django.core.exceptions import ImproperlyConfigured
from whitenoise.compress import Compressor

from .base import *  # noqa: F403
from .base import REDIS_URL, env_bool, os

for _name in ("DJANGO_SECRET_KEY", "DJANGO_ALLOWED_HOSTS", "DATABASE_URL"):
    if not os.environ.get(_name):
        raise ImproperlyConfigured(f"{_name} must be set in production.")

DEBUG = False
# Every web process must see the same rate-limit counts (login lockout, password reset; ADR 0016): Redis when
# REDIS_URL is set, else the database (its table is created on migrate). A process-local cache is refused by a
# system check (kompas.E010).
KOMPAS_REQUIRE_SHARED_CACHE = True
if not REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "kompas.core.cache_backends.DatabaseCache",
            "LOCATION": "kompas_cache",
            "OPTIONS": {"MAX_ENTRIES": 100_000},
        }
    }
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = False  # production serves the collected, hashed files
# collectstatic pre-compresses (gzip and brotli) what browsers fetch, but not DKFDS' Sass sources, source maps and
# the legacy font formats next to its woff2 fonts (served as they are): that was two thirds of the bytes and made
# collectstatic take minutes (measured by ops/topology_check.py).
WHITENOISE_SKIP_COMPRESS_EXTENSIONS = [
    *Compressor.SKIP_COMPRESS_EXTENSIONS,
    "ttf",
    "otf",
    "eot",
    "scss",
    "map",
]
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", default=True)
# The load balancer's health probe (/healthz) may come over plain HTTP from inside the network.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_HSTS_SECONDS", str(60 * 60 * 24 * 365)))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = env_bool("DJANGO_HSTS_PRELOAD", default=True)
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
LANGUAGE_COOKIE_SECURE = True
# An operator who turns preloading off has chosen so; the preload warning is then silenced on purpose.
SILENCED_SYSTEM_CHECKS = [] if SECURE_HSTS_PRELOAD else ["security.W021"]
