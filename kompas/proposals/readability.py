"""Readability of Danish text: LIX, its Danish band, the longest sentences and the character count.

Pure standard library, no Django import. LIX (Björnsson's læsbarhedsindeks) is

    words per sentence + 100 × (words longer than six letters) / words

* A **word** is a run of letters and digits; a hyphen, apostrophe or full stop inside it keeps it one word
  ("f.eks", "2021-2023" and "mio.kr" are one word each). A word is **long** when it has more than six
  letters (digits and marks are not letters).
* A **sentence** ends at a line break, or at ``.``, ``!``, ``?``, ``:`` or ``;`` followed by a space and a
  capital letter (or by the end of the text). A full stop before a small letter or a digit is an
  abbreviation ("f.eks. budgettet", "nr. 9") and does not end the sentence. Pieces without a word
  (empty lines) do not count.

Danish bands (the ones the municipality's writing guides use): under 25 very easy; 25–34 easy; 35–44 medium;
45–54 difficult; 55 and over very difficult.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = [
    "BANDS",
    "Readability",
    "Sentence",
    "analyse",
    "band",
    "character_count",
    "lix",
    "longest_sentences",
    "sentences",
    "words",
]

LONG_WORD_LETTERS = 6

# (lower bound, code): a LIX value belongs to the last band whose bound it reaches.
BANDS: tuple[tuple[float, str], ...] = (
    (0.0, "very_easy"),
    (25.0, "easy"),
    (35.0, "medium"),
    (45.0, "difficult"),
    (55.0, "very_difficult"),
)

_WORD_RE = re.compile(r"[^\W_]+(?:['’.\-–][^\W_]+)*")
_SENTENCE_END_RE = re.compile(r"(?<=[.!?:;])[\"'”»)]*\s+(?=[\"'“«(]*[A-ZÆØÅÄÖÜÉ])")


@dataclass(frozen=True)
class Sentence:
    text: str
    words: int


@dataclass(frozen=True)
class Readability:
    characters: int
    words: int
    sentences: int
    long_words: int
    lix: float
    band: str
    longest: tuple[Sentence, ...]


def words(text: str) -> list[str]:
    return _WORD_RE.findall(text)


def _letters(word: str) -> int:
    return sum(1 for char in word if char.isalpha())


def sentences(text: str) -> list[str]:
    """The sentences of ``text`` in order, each stripped; pieces without a word are left out."""
    found = []
    for line in text.splitlines():
        for piece in _SENTENCE_END_RE.split(line):
            piece = piece.strip()
            if piece and words(piece):
                found.append(piece)
    return found


def lix(text: str) -> float:
    """LIX of ``text``, rounded to one decimal; 0.0 for a text without words."""
    all_words = words(text)
    if not all_words:
        return 0.0
    long_words = sum(1 for word in all_words if _letters(word) > LONG_WORD_LETTERS)
    count = len(sentences(text))
    return round(len(all_words) / count + 100 * long_words / len(all_words), 1)


def band(value: float) -> str:
    """The Danish band of a LIX value: very_easy, easy, medium, difficult or very_difficult."""
    code = BANDS[0][1]
    for bound, name in BANDS:
        if value >= bound:
            code = name
    return code


def character_count(text: str) -> int:
    """Characters as "Antal tegn" counts them: spaces included, each run of white space as one space."""
    return len(" ".join(text.split()))


def longest_sentences(text: str, limit: int = 3) -> list[Sentence]:
    """The ``limit`` longest sentences by number of words, longest first (earlier first on a tie)."""
    measured = [Sentence(text=piece, words=len(words(piece))) for piece in sentences(text)]
    return sorted(measured, key=lambda sentence: -sentence.words)[:limit]


def analyse(text: str, *, limit: int = 3) -> Readability:
    all_words = words(text)
    value = lix(text)
    return Readability(
        characters=character_count(text),
        words=len(all_words),
        sentences=len(sentences(text)),
        long_words=sum(1 for word in all_words if _letters(word) > LONG_WORD_LETTERS),
        lix=value,
        band=band(value),
        longest=tuple(longest_sentences(text, limit)),
    )
