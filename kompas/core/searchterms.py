"""Search terms without Django: split a query into words, strip the commonest Danish endings (a light
stemmer for the full-text fallback on SQLite and for highlighting), and cut a snippet around the first hit
with the matching stretches marked.

PostgreSQL does the real stemming with its ``danish`` configuration (``textsearch.py``); this module only has
to be good enough that "samarbejder" also finds "samarbejde" where PostgreSQL is not there. Shared by every
module's search (the library and the site search).
"""

import re
from dataclasses import dataclass
from functools import lru_cache

WORD = re.compile(r"[0-9A-Za-zÆØÅæøåÉéÜüÖöÄä]+")
MAX_TERMS = 8
MIN_STEM = 4
# Longest first: inflection endings of nouns, verbs and adjectives.
ENDINGS = ("erne", "ene", "ere", "ers", "ets", "ens", "er", "en", "et", "es", "e", "s")
STOP_WORDS = frozenset(
    {
        "af",
        "alle",
        "at",
        "de",
        "dem",
        "den",
        "der",
        "det",
        "du",
        "eller",
        "en",
        "er",
        "et",
        "for",
        "fra",
        "har",
        "hvad",
        "hvis",
        "i",
        "ikke",
        "jeg",
        "kan",
        "med",
        "men",
        "og",
        "om",
        "på",
        "sig",
        "som",
        "til",
        "ud",
        "under",
        "var",
        "vi",
        "være",
    }
)


def stem(word: str) -> str:
    """Strip one common ending, keeping at least MIN_STEM letters."""
    word = word.lower()
    for ending in ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= MIN_STEM:
            return word[: -len(ending)]
    return word


def query_terms(query: str) -> list[str]:
    """The distinct stems of a query, in order, without stop words; at most MAX_TERMS."""
    terms: list[str] = []
    for match in WORD.finditer(query or ""):
        word = match.group().lower()
        if word in STOP_WORDS or len(word) < 2:
            continue
        term = stem(word)
        if term not in terms:
            terms.append(term)
        if len(terms) == MAX_TERMS:
            break
    return terms


_LETTERS = WORD.pattern[1:-2]  # the class of WORD without its brackets and "+"
# The small letters of WORD and their capitals (also in WORD): what ``lower()`` makes the same letter.
_UPPER = {c: c.upper() for c in "abcdefghijklmnopqrstuvwxyzæøåéüöä"}


@lru_cache(maxsize=256)
def _hit_words(terms: tuple[str, ...]) -> "re.Pattern[str] | None":
    """One pattern for the words (runs of WORD) whose lowered text starts with one of the (lowered) terms:
    matched in C instead of comparing every word of a long text with every term in Python. Each letter is
    matched as itself or its capital, as ``lower()`` maps them in WORD; a term with other signs is no word's
    beginning."""
    starts = [t for t in dict.fromkeys(terms) if WORD.fullmatch(t) and t == t.lower()]
    if not starts:
        return None
    alternatives = "|".join(
        "".join(f"[{c}{_UPPER[c]}]" if c in _UPPER else re.escape(c) for c in term) for term in starts
    )
    return re.compile(rf"(?<![{_LETTERS}])(?:{alternatives})[{_LETTERS}]*")


@dataclass(frozen=True)
class Part:
    text: str
    hit: bool


def snippet(text: str, terms: list[str], width: int = 240) -> list[Part]:
    """A stretch of ``text`` of about ``width`` characters around the first word that starts with a term,
    split into parts where each whole word starting with a term is a hit. Without a hit: the beginning."""
    text = " ".join((text or "").split())
    pattern = _hit_words(tuple(t.lower() for t in terms if t))
    hits = list(pattern.finditer(text)) if pattern is not None else []
    if hits:
        start = max(0, hits[0].start() - width // 3)
        if start:
            space = text.find(" ", start)
            start = space + 1 if 0 <= space < hits[0].start() else start
    else:
        start = 0
    end = min(len(text), start + width)
    if end < len(text):
        space = text.rfind(" ", start, end)
        end = space if space > start else end
    parts: list[Part] = []
    if start:
        parts.append(Part("… ", False))
    cursor = start
    for match in hits:
        if match.start() < start or match.end() > end:
            continue
        if match.start() > cursor:
            parts.append(Part(text[cursor : match.start()], False))
        parts.append(Part(match.group(), True))
        cursor = match.end()
    if cursor < end:
        parts.append(Part(text[cursor:end], False))
    if end < len(text):
        parts.append(Part(" …", False))
    return parts
