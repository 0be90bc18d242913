"""Near-duplicate statements: a plain comparison of normalised text. No Django."""

import re
from difflib import SequenceMatcher

THRESHOLD = 0.85
_WORDS = re.compile(r"[\w']+", re.UNICODE)


def normalise(text: str) -> str:
    return " ".join(_WORDS.findall(text.lower()))


def most_similar(text: str, candidates: dict[int, str], *, threshold: float = THRESHOLD) -> int | None:
    """The id of the candidate most like ``text`` if it is at least ``threshold`` similar, else None."""
    wanted = normalise(text)
    best_id, best = None, threshold
    for key, other in candidates.items():
        ratio = SequenceMatcher(None, wanted, normalise(other)).ratio()
        if ratio >= best:
            best_id, best = key, ratio
    return best_id
