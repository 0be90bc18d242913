"""Panel linkage across waves by a keyed pseudonym (HMAC-SHA256).

The key is read from the environment variable ``KOMPAS_SURVEY_PANEL_KEY`` at the moment it is needed – never
from the database, never from settings at import time. Whoever holds the key and the population file can
re-identify a pseudonym, so the key is kept by the operator apart from the database and its backups.
"""

import hashlib
import hmac
import os

ENV_NAME = "KOMPAS_SURVEY_PANEL_KEY"
MIN_KEY_LENGTH = 32


class PanelKeyMissing(RuntimeError):
    pass


def panel_key() -> bytes:
    key = os.environ.get(ENV_NAME, "")
    if len(key) < MIN_KEY_LENGTH:
        raise PanelKeyMissing(f"{ENV_NAME} must hold at least {MIN_KEY_LENGTH} characters.")
    return key.encode()


def is_configured() -> bool:
    return len(os.environ.get(ENV_NAME, "")) >= MIN_KEY_LENGTH


def pseudonym(*, instrument_name: str, employee_id: str) -> str:
    """The same person gets the same pseudonym in every wave of the same instrument family."""
    message = f"{instrument_name}\x1f{employee_id.strip()}".encode()
    return hmac.new(panel_key(), message, hashlib.sha256).hexdigest()
