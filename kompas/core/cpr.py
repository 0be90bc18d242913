"""Detect Danish CPR numbers (personnumre) in free text, so that they can be refused before saving.

Pure standard library, no Django import, so it can be used from validators, the API, Celery tasks and
scripts alike. The number itself is never returned as text: callers get a yes/no answer or the offsets
of each hit, which is enough to log the event (count and positions) without logging the number.

A candidate is ten digits written as ``DDMMYY-SSSS``, ``DDMMYYSSSS`` or ``DDMMYY SSSS`` (a hyphen, an
en dash, a space or a no-break space may separate the two parts). It is reported when

* it stands alone: it is not part of a longer run of letters or digits, nor a group in a longer number
  written with separators (``1234 0101901234``, ``21-0101901234``, ``0101901234,50``);
* ``DDMMYY`` is a real calendar date, the century being taken from the 7th digit as the CPR register
  does (so ``290200-1234`` is 29 February 1900, which did not exist, while ``290200-4234`` is 2000);
* the few characters just before it do not label it as something else (a phone, case, account,
  invoice, order, EAN/CVR/P number, an amount, ...), unless a CPR word (``cpr``, ``personnummer``,
  ``født``) is also there, and it is not followed by a currency (``kr.``, ``DKK``, ``,-``).

The old modulus-11 check is deliberately not applied: CPR numbers issued since 2007 need not pass it.

Before matching, the text is normalised (``normalise``): each character to its NFKC form (full-width and other
compatibility digits become ASCII digits, odd spaces become spaces), every dash variant (U+2010-U+2015, U+2212,
U+FE58, U+FE63, U+FF0D) to ``-``, and invisible characters (zero-width space, joiners, word joiner, BOM, soft
hyphen) are removed. Offsets are mapped back, so ``text[start:end]`` is the number as the user wrote it.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator
from datetime import date
from functools import lru_cache
from typing import Final

__all__ = ["CONTEXT_WINDOW", "CPR_MESSAGE", "contains_cpr", "find_cpr_spans", "lines_with_cpr", "normalise"]

CPR_MESSAGE: Final = "Teksten ser ud til at indeholde et CPR-nummer. Fjern det, før du gemmer."

CONTEXT_WINDOW: Final = 25
"""How many characters before a number a context keyword may end and still count."""

_KEYWORD_MARGIN: Final = 30
"""Extra characters read before the window, so a keyword straddling its edge is seen whole."""

_CANDIDATE_RE: Final = re.compile(
    r"""
    (?<!\w)                          # not glued to a letter, digit or underscore before it
    (?<![0-9][-\u2013/.,:\ \u00a0])  # not a later group of a longer number: 1.234, 21-..., 1234 ...
    (?<![+\#])                       # not +4520304050 nor order #0101901234
    (?P<day>[0-9]{2})(?P<month>[0-9]{2})(?P<year>[0-9]{2})
    (?:(?P<space>[\ \u00a0])|[-\u2013])?
    (?P<seventh>[0-9])[0-9]{3}
    (?!\w)                           # not glued to a letter or digit after it
    (?![-\u2013/.,:][0-9])           # not followed by more groups or decimals: -01, ,50, .5
    (?(space)(?![\ \u00a0][0-9]))    # "DDMMYY SSSS" must not be two groups of a longer spaced number
    """,
    re.VERBOSE,
)

# Words that say the number just after them is something else than a CPR number.
_NEGATIVE_KEYWORDS: Final = (
    # phone numbers
    r"\w*telefon(?:en|nr|nummer)?",
    r"tlf",
    r"tel",
    r"mobil(?:en|nr|nummer|telefon|e?pay)?",
    r"mob",
    r"ring(?:e|er|et)?",
    r"sms",
    r"fax",
    r"\+45",
    r"0045",
    # case and journal numbers, references
    r"sags?",
    r"j\.?\s?nr",
    r"journal\w*",
    r"ref(?:erence)?",
    r"dok(?:ument)?",
    # amounts
    r"kr",
    r"kroner",
    r"dkk",
    r"eur",
    r"beløb(?:et)?",
    r"saldo(?:en)?",
    r"pris(?:en)?",
    # bank accounts
    r"\w*konto(?:en)?",
    r"reg(?:istrering)?s?",
    r"iban",
    r"swift",
    r"bic",
    r"bank",
    # business identifiers
    r"ean",
    r"gln",
    r"cvr",
    r"(?:se|p)(?:-|\.\s?)(?:nr|nummer)",
    # commerce
    r"faktura\w*",
    r"ordre\w*",
    r"bestilling\w*",
    r"kvittering\w*",
    r"bilag\w*",
    r"lb\.?\s?nr",
    r"matr(?:ikel)?",
    # any other compound label: kundenr, medarbejdernummer, løbenr, serienummer, ...
    r"\w+(?:nr|nummer)",
)

# Words that say the number just after them is a CPR number; they always win over the words above.
_POSITIVE_KEYWORDS: Final = (
    r"cpr\w*",
    r"person\w*(?:nr|nummer|numre|nummeret)",
    r"født\w*",
    r"fødsel\w*",
)

_LABEL_SUFFIX: Final = r"(?:\.?\s?-?(?:nr|nummer)\b\.?)?"  # "tlf. nr.", "reg.nr", "EAN-nummer"

_KEYWORD_RE: Final = re.compile(
    rf"""
    (?<!\w)
    (?:
        (?P<positive>{"|".join(_POSITIVE_KEYWORDS)})
      | (?P<negative>(?:{"|".join(_NEGATIVE_KEYWORDS)}){_LABEL_SUFFIX})
    )
    (?![^\W\d_])                     # ends where a word ends (a digit may follow directly)
    """,
    re.IGNORECASE | re.VERBOSE,
)

_SENTENCE_BREAK_RE: Final = re.compile(r"[.!?]\s+[A-ZÆØÅ]|\n\s*\n")

_CURRENCY_AFTER_RE: Final = re.compile(r"[\ \u00a0]?(?:kr\.?|kroner|dkk|euro?|,-)(?![^\W\d_])", re.IGNORECASE)


_DASHES: Final = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d"
_INVISIBLE: Final = "\u00ad\u200b\u200c\u200d\u2060\ufeff"

# Characters that normalise to themselves whatever their neighbours: ASCII and the Danish letters.
_PLAIN_RE: Final = re.compile(r"[\x00-\x7fæøåÆØÅéÉüÜöÖäÄ]+")


@lru_cache(maxsize=4096)
def _normalise_character(character: str) -> str:
    """One character as the detector reads it: dashes as ``-``, invisible ones as nothing, else NFKC."""
    if character in _DASHES:
        return "-"
    if character in _INVISIBLE:
        return ""
    folded = unicodedata.normalize("NFKC", character)
    return "".join("-" if c in _DASHES else c for c in folded if c not in _INVISIBLE)


def normalise(text: str) -> tuple[str, list[int] | None]:
    """Return ``text`` as the detector reads it, and where each of its characters came from.

    The second value is ``None`` when nothing changed; otherwise it has one entry per normalised character
    plus one for the end, each the offset in ``text`` of the character it came from.
    """
    if _PLAIN_RE.fullmatch(text) or not text:
        return text, None
    pieces: list[str] = []
    origins: list[int] = []
    position = 0
    changed = False
    for plain in _PLAIN_RE.finditer(text):
        changed |= _normalise_run(text, position, plain.start(), pieces, origins)
        pieces.append(plain.group())
        origins.extend(range(plain.start(), plain.end()))
        position = plain.end()
    changed |= _normalise_run(text, position, len(text), pieces, origins)
    if not changed:
        return text, None
    origins.append(len(text))
    return "".join(pieces), origins


def _normalise_run(text: str, start: int, end: int, pieces: list[str], origins: list[int]) -> bool:
    """Append the normalised form of ``text[start:end]``; return True if it differs from the original."""
    changed = False
    for index in range(start, end):
        character = text[index]
        folded = _normalise_character(character)
        changed |= folded != character
        pieces.append(folded)
        origins.extend([index] * len(folded))
    return changed


def contains_cpr(text: str) -> bool:
    """Return True if ``text`` appears to contain at least one Danish CPR number."""
    return next(_iter_cpr_matches(normalise(text)[0]), None) is not None


def find_cpr_spans(text: str) -> list[tuple[int, int]]:
    """Return ``(start, end)`` offsets of every CPR number found in ``text``, in order.

    ``text[start:end]`` is the number as written (10 digits, possibly with a separator or characters that
    normalise to them). Log the count or the offsets, never the slice.
    """
    normalised, origins = normalise(text)
    spans = [match.span() for match in _iter_cpr_matches(normalised)]
    if origins is None:
        return spans
    return [(origins[start], origins[end - 1] + 1) for start, end in spans]


def lines_with_cpr(rows: Iterable[tuple[int, Iterable[object]]]) -> list[int]:
    """The line numbers, in order and once each, of the rows with a CPR number in any of their cells.

    ``rows`` holds ``(line number, cells)``; cells that are not text (numbers, dates, None) are skipped.
    Every import checks its rows with this before it saves anything, and names the lines in its error.
    """
    found = {
        line
        for line, cells in rows
        if any(isinstance(cell, str) and cell and contains_cpr(cell) for cell in cells)
    }
    return sorted(found)


def _iter_cpr_matches(text: str) -> Iterator[re.Match[str]]:
    """Yield the regex match of each standalone, date-valid CPR candidate not ruled out by context."""
    for match in _CANDIDATE_RE.finditer(text):
        if _has_valid_birth_date(match) and not _has_non_cpr_context(text, match.start(), match.end()):
            yield match


def _has_valid_birth_date(match: re.Match[str]) -> bool:
    """Return True if the match's DDMMYY, with the century from its 7th digit, is a real date."""
    year = _birth_century(int(match["year"]), int(match["seventh"])) + int(match["year"])
    return _is_real_date(year, int(match["month"]), int(match["day"]))


def _birth_century(year_of_century: int, seventh_digit: int) -> int:
    """Return the century (1800, 1900 or 2000) the CPR register implies for a birth year and 7th digit."""
    if seventh_digit <= 3:
        return 1900
    if seventh_digit in (4, 9):
        return 2000 if year_of_century <= 36 else 1900
    return 2000 if year_of_century <= 57 else 1800


def _is_real_date(year: int, month: int, day: int) -> bool:
    """Return True if the given year, month and day form a valid Gregorian calendar date."""
    try:
        date(year, month, day)
    except ValueError:
        return False
    return True


def _has_non_cpr_context(text: str, start: int, end: int) -> bool:
    """Return True if the text around ``text[start:end]`` shows it is not a CPR number."""
    return _is_followed_by_currency(text, end) or _is_labelled_as_other_number(text, start)


def _is_followed_by_currency(text: str, end: int) -> bool:
    """Return True if a currency (``kr.``, ``DKK``, ``,-``) follows the number, making it an amount."""
    return _CURRENCY_AFTER_RE.match(text, end) is not None


def _is_labelled_as_other_number(text: str, start: int) -> bool:
    """Return True if a non-CPR label (and no CPR label) ends within the window before ``start``.

    A non-CPR label only counts if no sentence ends between it and the number.
    """
    keywords = list(_keywords_before(text, start))
    if any(keyword["positive"] for keyword in keywords):
        return False
    negatives = [keyword for keyword in keywords if keyword["negative"]]
    if not negatives:
        return False
    return _SENTENCE_BREAK_RE.search(text, negatives[-1].end(), start) is None


def _keywords_before(text: str, start: int) -> Iterator[re.Match[str]]:
    """Yield the context keywords that end at most ``CONTEXT_WINDOW`` characters before ``start``."""
    scan_from = max(0, start - CONTEXT_WINDOW - _KEYWORD_MARGIN)
    for keyword in _KEYWORD_RE.finditer(text, scan_from, start):
        if keyword.end() >= start - CONTEXT_WINDOW:
            yield keyword
