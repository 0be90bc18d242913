"""Readable web addresses from Danish titles: æ, ø and å are spelt out, not dropped."""

from django.utils.text import slugify

DANISH_LETTERS = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa", "Æ": "Ae", "Ø": "Oe", "Å": "Aa"})


def danish_slugify(text: str, *, max_length: int = 70) -> str:
    return slugify(text.translate(DANISH_LETTERS))[:max_length].strip("-")
