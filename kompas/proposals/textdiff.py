"""A readable difference between two versions of a text, line by line and, in changed lines, word by word.

Pure standard library (difflib). Lines are compared first; a block of changed lines that replaced as many
lines is shown word by word, so a one-word edit in a long paragraph is easy to spot.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

__all__ = ["Line", "Piece", "diff_lines"]

_TOKEN_RE = re.compile(r"\s+|[^\s]+")


@dataclass(frozen=True)
class Piece:
    kind: str  # "same", "added" or "removed"
    text: str


@dataclass(frozen=True)
class Line:
    kind: str  # "same", "added", "removed" or "changed"
    pieces: tuple[Piece, ...]

    @property
    def text(self) -> str:
        return "".join(piece.text for piece in self.pieces)


def _word_diff(old: str, new: str) -> tuple[Piece, ...]:
    old_tokens, new_tokens = _TOKEN_RE.findall(old), _TOKEN_RE.findall(new)
    pieces: list[Piece] = []
    matcher = difflib.SequenceMatcher(a=old_tokens, b=new_tokens, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            pieces.append(Piece("same", "".join(old_tokens[i1:i2])))
            continue
        if i2 > i1:
            pieces.append(Piece("removed", "".join(old_tokens[i1:i2])))
        if j2 > j1:
            pieces.append(Piece("added", "".join(new_tokens[j1:j2])))
    return tuple(pieces)


def diff_lines(old: list[str], new: list[str]) -> list[Line]:
    """The lines of ``new`` compared with ``old``; ``same`` lines included, so the whole text reads."""
    result: list[Line] = []
    matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            result.extend(Line("same", (Piece("same", line),)) for line in old[i1:i2])
        elif tag == "replace" and i2 - i1 == j2 - j1:
            result.extend(
                Line("changed", _word_diff(a, b)) for a, b in zip(old[i1:i2], new[j1:j2], strict=True)
            )
        else:
            result.extend(Line("removed", (Piece("removed", line),)) for line in old[i1:i2])
            result.extend(Line("added", (Piece("added", line),)) for line in new[j1:j2])
    return result
