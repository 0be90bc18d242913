"""What the audit trail may keep of a value: private text becomes a marker, an erased person's name goes.

Plain data in, plain data out, no Django import (the services in this app use it; ADR 0003 and 0018).
"""

import json
import re
from collections.abc import Iterable
from typing import Any

# Stored instead of a private value. It says that the field changed and nothing about what it holds; it is the
# same in every language, like the "…" the council proposals have always kept for their long texts.
PRIVATE_MARKER = "…"


def _is_empty(value: Any) -> bool:
    return value is None or value == "" or value == [] or value == {}


def conceal(value: Any) -> Any:
    """The marker for a value that may not be shown; an empty value stays empty (set and cleared still show)."""
    return value if _is_empty(value) else PRIVATE_MARKER


def redact(changes: dict[str, list[Any]], private: Iterable[str]) -> dict[str, list[Any]]:
    """``changes`` with the before and after of every field named in ``private`` replaced by the marker.

    The field stays in the record, so a reader still sees THAT it changed (and whether it was set or cleared).
    """
    private = set(private)
    return {
        key: [conceal(value) for value in pair] if key in private else pair for key, pair in changes.items()
    }


def identifier_pattern(identifiers: Iterable[str]) -> re.Pattern[str] | None:
    """One case-insensitive pattern matching any of ``identifiers`` as a whole word (or whole address).

    Longer identifiers first, so "Pia Hansen" goes as a whole before a shorter one inside it could match.
    """
    words = sorted({i.strip() for i in identifiers if i and i.strip()}, key=len, reverse=True)
    if not words:
        return None
    alternatives = "|".join(re.escape(word) for word in words)
    return re.compile(rf"(?<![\w@.])(?:{alternatives})(?![\w@])", re.IGNORECASE)


def scrub(value: Any, pattern: re.Pattern[str], replacement: str) -> Any:
    """``value`` (a string or JSON data) with every match of ``pattern`` replaced, in keys as well as values."""
    if isinstance(value, str):
        return pattern.sub(replacement.replace("\\", "\\\\"), value)
    if isinstance(value, list):
        return [scrub(item, pattern, replacement) for item in value]
    if isinstance(value, dict):
        return {
            scrub(key, pattern, replacement): scrub(item, pattern, replacement) for key, item in value.items()
        }
    return value


def search_forms(identifier: str) -> list[str]:
    """The forms an identifier can take inside stored JSON text: as written, and \\u-escaped (SQLite)."""
    escaped = json.dumps(identifier)[1:-1]
    return list(dict.fromkeys([identifier, escaped]))
