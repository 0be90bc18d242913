"""File names of downloads: the one place Kompas writes a ``Content-Disposition`` header.

A file name with æ, ø or å must arrive as the reader wrote it, not as ``flere-brn.docx``. The header carries
the name twice (RFC 6266): ``filename*=UTF-8''…`` (RFC 5987, percent-encoded UTF-8) for every current browser,
and ``filename="…"`` in plain ASCII for older clients and tools, with the Danish letters written out the Danish
way (æ→ae, ø→oe, å→aa, Æ→Ae, Ø→Oe, Å→Aa) and other accents dropped (é→e, ü→u). Quotes, backslashes, path
separators and control characters never reach either form, so a title cannot break the header or name a path.

Every download names its file with ``set_download_name`` (or ``content_disposition``): the CSV writer in
``core.csv_export``, the DOCX and PDF exports, the JSON exports and the fund's attachments. ``file_slug`` makes
the title part of a name, keeping the Danish letters (they are transliterated only in the ASCII fallback).
"""

from __future__ import annotations

import re
import unicodedata
from typing import TYPE_CHECKING, Final
from urllib.parse import quote

if TYPE_CHECKING:
    from django.http import HttpResponseBase

__all__ = ["ascii_filename", "content_disposition", "file_slug", "set_download_name", "transliterate"]

_DANISH: Final = str.maketrans(
    {
        "æ": "ae",
        "ø": "oe",
        "å": "aa",
        "Æ": "Ae",
        "Ø": "Oe",
        "Å": "Aa",
        "ß": "ss",
        "ð": "d",
        "Ð": "D",
        "þ": "th",
    }
)
# Control characters, quotes, backslash and the path separators; what is left is safe inside quotes.
_UNSAFE_RE: Final = re.compile(r'[\x00-\x1f\x7f"\\/:*?<>|]+')
_SPACES_RE: Final = re.compile(r"\s+")
_SLUG_DROP_RE: Final = re.compile(r"[^\w\s-]")
_SLUG_JOIN_RE: Final = re.compile(r"[-\s_]+")
FALLBACK_NAME: Final = "download"


def transliterate(text: str) -> str:
    """``text`` in ASCII: the Danish letters written out (æ→ae, ø→oe, å→aa), other accents dropped."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_DANISH))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).encode("ascii", "ignore").decode()


def _clean(name: str) -> str:
    return _SPACES_RE.sub(" ", _UNSAFE_RE.sub("-", name)).strip(" .-") or FALLBACK_NAME


def ascii_filename(name: str) -> str:
    """The plain ASCII form of a file name, for ``filename="…"``."""
    return _clean(transliterate(_clean(name)))


def content_disposition(name: str, *, inline: bool = False) -> str:
    """The header value: ``attachment; filename="ascii"; filename*=UTF-8''percent-encoded``."""
    cleaned = _clean(name)
    kind = "inline" if inline else "attachment"
    return f"{kind}; filename=\"{ascii_filename(cleaned)}\"; filename*=UTF-8''{quote(cleaned, safe='')}"


def set_download_name(response: HttpResponseBase, name: str, *, inline: bool = False) -> HttpResponseBase:
    """Give ``response`` the download name ``name`` (see the module docstring) and return it."""
    response["Content-Disposition"] = content_disposition(name, inline=inline)
    return response


def file_slug(text: str, *, max_length: int = 60, default: str = "uden-titel") -> str:
    """``text`` as part of a file name: lower case, words joined by hyphens, æ, ø and å kept."""
    normal = unicodedata.normalize("NFKC", text)
    slug = _SLUG_JOIN_RE.sub("-", _SLUG_DROP_RE.sub("", normal.lower())).strip("-_")
    return slug[:max_length].rstrip("-") or default
