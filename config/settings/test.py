"""Settings for the test suite: the base settings, fast hashing, mail kept in memory, Celery eager."""

from .base import *  # noqa: F403
from .base import os

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # speed only; production uses argon2
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
CELERY_TASK_ALWAYS_EAGER = True
CELERY_BROKER_URL = "memory://"
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "kompas-test"}}
DEBUG = False
# On PostgreSQL the suite also has a "replica" alias: a test mirror of the test database (no second database is
# created). Reads go there only where a test turns KOMPAS_REPLICA_READS on (kompas/core/tests/test_db_router.py).
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql" and "replica" not in DATABASES:  # noqa: F405
    DATABASES["replica"] = {**DATABASES["default"], "TEST": {"MIRROR": "default"}}  # noqa: F405
KOMPAS_REPLICA_READS = False
KOMPAS_E2E = os.environ.get("KOMPAS_E2E", "")
