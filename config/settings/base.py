"""Settings for Kompas. Everything lives here; the environment decides.

The embedded default (no environment at all) runs on SQLite under ``var/`` with Celery eager and mail on the
console, which is what ``make run`` uses. Production sets ``DATABASE_URL``, ``REDIS_URL`` and the rest; see
``config/settings/production.py`` and the README.
"""

import os
from pathlib import Path
from typing import Any

import dj_database_url
from csp.constants import NONE, SELF
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = Path(os.environ.get("KOMPAS_VAR_DIR", BASE_DIR / "var"))


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "kompas-embedded-default-not-for-production")
DEBUG = env_bool("DJANGO_DEBUG", default=False)
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost,[::1],testserver")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "django.forms",
    "rules.apps.AutodiscoverRulesConfig",
    "django_htmx",
    "csp",
    "ninja",  # serves its own Swagger UI files instead of loading them from a CDN
    "kompas.core",
    "kompas.activity",
    "kompas.accounts",
    "kompas.organisations",
    "kompas.citygoals",
    "kompas.goals",
    "kompas.valuemap",
    "kompas.dialogues",
    "kompas.fund",
    "kompas.collaborations",
    "kompas.stoplist",
    "kompas.surveys",
    "kompas.trials",
    "kompas.proposals",
    "kompas.library",
    "kompas.hearings",
    "kompas.learning",
    "kompas.council",
    "kompas.compass",
    "kompas.api",
    "kompas.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "kompas.core.middleware.CSPMiddleware",  # django-csp's, with the policy built once
    "kompas.core.middleware.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "kompas.accounts.role_session.RolesInSessionMiddleware",
    "kompas.core.middleware.LanguageMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "kompas.core.middleware.RequestTooLargeMiddleware",
]

ROOT_URLCONF = "config.urls"

# --- Content-Security-Policy (django-csp) and Permissions-Policy: in every environment, so the browser tests
# run under the same policy as production. No inline script, style or eval anywhere: scripts and styles are
# static files; htmx is told not to inject its indicator style or evaluate attributes (core/base.html).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
    }
}
# Powerful browser features Kompas never uses, switched off for the site and anything it might embed
# (kompas.core.middleware.PermissionsPolicyMiddleware).
KOMPAS_PERMISSIONS_POLICY: dict[str, list[str]] = {
    feature: []
    for feature in (
        "accelerometer",
        "autoplay",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "publickey-credentials-get",
        "screen-wake-lock",
        "serial",
        "usb",
        "xr-spatial-tracking",
    )
}
FORM_RENDERER = "kompas.core.forms.KompasFormRenderer"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "kompas.core.context_processors.site",
            ],
        },
    },
]

# --- Database: SQLite under var/ unless DATABASE_URL says otherwise -------------------------------------
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{VAR_DIR / 'kompas.sqlite3'}"),
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "0")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The embedded default takes parallel writes: WAL lets readers go on while one writes, IMMEDIATE takes the
    # write lock at BEGIN (so waiting works instead of failing on a lock upgrade), and writers wait up to the
    # timeout for each other instead of answering "database is locked".
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
        }
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
# The vote's few statements are prepared on PostgreSQL (ADR 0026, kompas/core/prepared.py). Set to 0 behind a
# connection pooler that cannot keep prepared statements (PgBouncer before 1.21 in transaction mode).
PREPARED_STATEMENTS = os.environ.get("DATABASE_PREPARED_STATEMENTS", "1") != "0"
# A PostgreSQL read replica (streaming replication) for the selectors marked @replica_reads: aggregate pages
# that may lag by a second. Writes, sessions, the cache and everything unmarked stay on the primary
# (kompas/core/db_router.py, docs/operations.md). In tests the replica is a mirror of the test database.
DATABASE_REPLICA_URL = os.environ.get("DATABASE_REPLICA_URL", "")
if DATABASE_REPLICA_URL:
    DATABASES["replica"] = dj_database_url.parse(
        DATABASE_REPLICA_URL, conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "0"))
    )
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
KOMPAS_REPLICA_READS = bool(DATABASE_REPLICA_URL)
DATABASE_ROUTERS = ["kompas.core.db_router.PrimaryReplicaRouter"]

# --- Cache: Redis when REDIS_URL is set (shared by all web processes), else per-process memory -----------
# (production without Redis uses the database instead, so the rate-limit counts are still shared: ADR 0016)
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES: dict[str, dict[str, Any]] = {
        "default": {"BACKEND": "kompas.core.cache_backends.RedisCache", "LOCATION": REDIS_URL}
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "kompas"}}

# Sessions read from the cache and written through to the database when Redis is there.
SESSION_ENGINE = (
    "django.contrib.sessions.backends.cached_db" if REDIS_URL else "django.contrib.sessions.backends.db"
)

# --- Background work: Celery with Redis, eager in the embedded default ----------------------------------
CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_RESULT_BACKEND = None
CELERY_TASK_ALWAYS_EAGER = not REDIS_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TIMEZONE = "Europe/Copenhagen"
# A task is acknowledged when it has finished, not when it starts: a worker killed mid-task (out of memory, a
# node lost) leaves the message on the broker and another worker runs it again, so every task is idempotent
# (a rerun changes nothing that the first run finished). Redis hands an unacknowledged message out again
# after the visibility timeout, which must be longer than the longest task.
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": int(os.environ.get("KOMPAS_CELERY_VISIBILITY_TIMEOUT", str(60 * 60))),
}
# Beat runs the daily tasks once a day; the topology check (ops/topology_check.py) shortens the interval.
KOMPAS_BEAT_INTERVAL_SECONDS = int(os.environ.get("KOMPAS_BEAT_INTERVAL_SECONDS", str(60 * 60 * 24)))
CELERY_BEAT_SCHEDULE = {
    "due-follow-ups": {
        "task": "kompas.goals.tasks.notify_due_follow_ups",
        "schedule": KOMPAS_BEAT_INTERVAL_SECONDS,
    },
    "daily-digest": {
        "task": "kompas.activity.tasks.send_daily_digests",
        "schedule": KOMPAS_BEAT_INTERVAL_SECONDS,
    },
    "committee-digests": {
        "task": "kompas.council.tasks.send_committee_digests",
        "schedule": KOMPAS_BEAT_INTERVAL_SECONDS,
    },
}
# A deliberately slow task for the topology check (kompas.core.tasks.topology_probe); off everywhere else.
KOMPAS_TOPOLOGY_PROBE = env_bool("KOMPAS_TOPOLOGY_PROBE", default=False)

# --- Accounts and login ---------------------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    "rules.permissions.ObjectPermissionBackend",
    "kompas.accounts.backends.ModelBackend",  # Django's, reading the signed-in user through the user cache
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "core:home"
LOGOUT_REDIRECT_URL = "core:home"
# Repeated failed logins lock the account (and the address) for a while.
KOMPAS_LOGIN_MAX_FAILURES = int(os.environ.get("KOMPAS_LOGIN_MAX_FAILURES", "5"))
KOMPAS_LOGIN_LOCKOUT_SECONDS = int(os.environ.get("KOMPAS_LOGIN_LOCKOUT_SECONDS", str(15 * 60)))

# --- Rate limits: every limit on the site, in one place (kompas.core.ratelimit; ADR 0016) --------------
# scope: (attempts allowed, window in seconds). Counts live in the default cache, which production must share
# between all web processes (a system check refuses a process-local cache there).
KOMPAS_RATE_LIMITS = {
    # Failed logins per account (e-mail address) and per client address. An address gets a wider allowance:
    # many people may share one (a town hall's network).
    "login_account": (KOMPAS_LOGIN_MAX_FAILURES, KOMPAS_LOGIN_LOCKOUT_SECONDS),
    "login_client": (KOMPAS_LOGIN_MAX_FAILURES * 4, KOMPAS_LOGIN_LOCKOUT_SECONDS),
    # Password-reset requests per e-mail address and per client address (each request may send a mail).
    "password_reset_account": (3, 60 * 60),
    "password_reset_client": (20, 60 * 60),
    # Citizen dialogues: joining a forum per client, votes and own statements per participant.
    "forum_join_client": (30, 60 * 60),
    "vote_participant": (120, 60),
    "statement_participant": (10, 60 * 60),
}
# The request.META header our own reverse proxy writes the client's address into (e.g. "HTTP_X_FORWARDED_FOR"),
# and how many proxies of ours append to it. Empty: use REMOTE_ADDR (never trust a header nobody vouches for).
KOMPAS_TRUSTED_PROXY_HEADER = os.environ.get("KOMPAS_TRUSTED_PROXY_HEADER", "")
KOMPAS_TRUSTED_PROXY_COUNT = int(os.environ.get("KOMPAS_TRUSTED_PROXY_COUNT", "1"))
# Production sets this: the default cache must then be shared by all processes (system check kompas.E010).
KOMPAS_REQUIRE_SHARED_CACHE = False

# OIDC: the municipal directory for staff, a NemLog-in/MitID broker for citizens. Off by default.
USE_OIDC = env_bool("USE_OIDC", default=False)
OIDC_RP_CLIENT_ID = os.environ.get("OIDC_RP_CLIENT_ID", "")
OIDC_RP_CLIENT_SECRET = os.environ.get("OIDC_RP_CLIENT_SECRET", "")
OIDC_RP_SIGN_ALGO = os.environ.get("OIDC_RP_SIGN_ALGO", "RS256")
OIDC_OP_AUTHORIZATION_ENDPOINT = os.environ.get("OIDC_OP_AUTHORIZATION_ENDPOINT", "")
OIDC_OP_TOKEN_ENDPOINT = os.environ.get("OIDC_OP_TOKEN_ENDPOINT", "")
OIDC_OP_USER_ENDPOINT = os.environ.get("OIDC_OP_USER_ENDPOINT", "")
OIDC_OP_JWKS_ENDPOINT = os.environ.get("OIDC_OP_JWKS_ENDPOINT", "")
OIDC_RP_SCOPES = os.environ.get("OIDC_RP_SCOPES", "openid email profile")
# The claim that carries the user's groups, and which group names map to which Kompas role codes.
OIDC_ROLES_CLAIM = os.environ.get("OIDC_ROLES_CLAIM", "groups")
OIDC_ROLE_MAP = dict(
    pair.split("=", 1) for pair in env_list("OIDC_ROLE_MAP", "") if "=" in pair
)  # e.g. "kompas-medarbejder=employee,kompas-leder=leader"
# The callback counts failed logins per client like the other login forms (kompas.accounts.login_throttle).
OIDC_CALLBACK_CLASS = "kompas.accounts.oidc.KompasOIDCCallbackView"
# The id_token must come from this issuer (the discovery document's "issuer"; checked when set), and may be
# this many seconds out against our clock. Authorization code with PKCE (S256) unless switched off.
OIDC_OP_ISSUER = os.environ.get("OIDC_OP_ISSUER", "")
OIDC_CLOCK_SKEW_SECONDS = int(os.environ.get("OIDC_CLOCK_SKEW_SECONDS", "60"))
OIDC_USE_PKCE = env_bool("OIDC_USE_PKCE", default=True)
OIDC_TIMEOUT = int(os.environ.get("OIDC_TIMEOUT", "10"))  # seconds for each call to the provider
# Logging out of Kompas also ends the session at the provider (its end_session_endpoint), then comes back.
OIDC_OP_LOGOUT_ENDPOINT = os.environ.get("OIDC_OP_LOGOUT_ENDPOINT", "")
OIDC_OP_LOGOUT_URL_METHOD = "kompas.accounts.oidc.provider_logout_url"
# The OIDC routes, backend and CSP addition are always installed and do nothing unless USE_OIDC is on at the
# time of the request, so tests switch OIDC on with override_settings (ADR 0019). Session refresh goes to the
# provider on ordinary page views, so it is only installed when USE_OIDC is on at start.
AUTHENTICATION_BACKENDS.append("kompas.accounts.oidc.KompasOIDCBackend")
MIDDLEWARE.insert(
    MIDDLEWARE.index("kompas.core.middleware.CSPMiddleware") + 1,
    "kompas.accounts.oidc.ProviderFormActionMiddleware",
)
if USE_OIDC:
    MIDDLEWARE.append("mozilla_django_oidc.middleware.SessionRefresh")

# --- Mail -----------------------------------------------------------------------------------------------
EMAIL_BACKEND = os.environ.get("DJANGO_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Kompas <kompas@localhost>")
# Where the file backend (DJANGO_EMAIL_BACKEND=django.core.mail.backends.filebased.EmailBackend) writes mail.
EMAIL_FILE_PATH = os.environ.get("EMAIL_FILE_PATH", str(VAR_DIR / "mail"))

# --- Language, time and format --------------------------------------------------------------------------
LANGUAGE_CODE = "da"
LANGUAGES = [("da", _("Danish")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Copenhagen"
USE_I18N = True
USE_TZ = True
LANGUAGE_COOKIE_NAME = "kompas_language"
LANGUAGE_COOKIE_SECURE = env_bool("DJANGO_SECURE_COOKIES", default=False)
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"

# --- Static files: DKFDS, htmx and our own, collected by `make static` ----------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
# Front-end packages come from npm (package.json, installed by `make`), served from their dist folders.
STATICFILES_DIRS = [
    ("dkfds", BASE_DIR / "node_modules" / "dkfds" / "dist"),
    ("htmx", BASE_DIR / "node_modules" / "htmx.org" / "dist"),
]
WHITENOISE_USE_FINDERS = True  # the embedded default serves straight from the finders, no collectstatic
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
MEDIA_ROOT = VAR_DIR / "media"
MEDIA_URL = "/media/"

# --- Request limits: refused with a clear page, never a 500 ---------------------------------------------
DATA_UPLOAD_MAX_MEMORY_SIZE = int(os.environ.get("KOMPAS_MAX_REQUEST_BYTES", str(2 * 1024 * 1024)))
DATA_UPLOAD_MAX_NUMBER_FIELDS = 2000
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
KOMPAS_MAX_UPLOAD_BYTES = int(os.environ.get("KOMPAS_MAX_UPLOAD_BYTES", str(10 * 1024 * 1024)))

# --- Security defaults (production.py tightens) ---------------------------------------------------------
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = 60 * 60 * 10
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

# --- Kompas ---------------------------------------------------------------------------------------------
KOMPAS_SITE_NAME = os.environ.get("KOMPAS_SITE_NAME", "Kompas")
KOMPAS_MUNICIPALITY = os.environ.get("KOMPAS_MUNICIPALITY", "Aarhus Kommune")
# The stage from which the city council's members read a council proposal: "committee" (fagudvalget) or
# "magistrate" (Magistraten), as the municipality's bodies receive it (kompas.proposals.permissions; kompas.E201).
KOMPAS_PROPOSALS_POLITICIANS_FROM = os.environ.get("KOMPAS_PROPOSALS_POLITICIANS_FROM", "committee")
# The accessibility statement (tilgængelighedserklæring) lives on was.digst.dk for Danish public sites.
KOMPAS_ACCESSIBILITY_STATEMENT_URL = os.environ.get(
    "KOMPAS_ACCESSIBILITY_STATEMENT_URL", "https://www.was.digst.dk/"
)
# The site's public address, for the links in e-mails sent outside a request (the daily digest, a service run by a
# task or a command): https://kompas.<kommune>.dk in production (check --deploy warns otherwise). Pages and the
# e-mails sent while answering a request keep building their links from the request.
KOMPAS_SITE_URL = os.environ.get("KOMPAS_SITE_URL", "http://127.0.0.1:8000").rstrip("/")
KOMPAS_API_TOKEN_DAYS = int(os.environ.get("KOMPAS_API_TOKEN_DAYS", "365"))

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "loggers": {
        "kompas": {"handlers": ["console"], "level": os.environ.get("KOMPAS_LOG_LEVEL", "INFO")},
        "django.request": {"handlers": ["console"], "level": "ERROR"},
    },
}
