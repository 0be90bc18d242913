"""Summaries of assessors' scores. Pure: no Django.

A score is 0–5, or ``None`` for "not applicable" (n/a). The mean leaves n/a out; the spread shows how far
the assessors agree (lowest, highest and the population standard deviation).
"""

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import cast

MIN_SCORE = 0
MAX_SCORE = 5
TENTH = Decimal("0.1")


@dataclass(frozen=True)
class Summary:
    count: int  # scores other than n/a
    not_applicable: int
    mean: Decimal | None
    low: int | None
    high: int | None
    std_dev: Decimal | None

    @property
    def spread(self) -> int | None:
        return None if self.low is None else cast(int, self.high) - self.low  # low and high are set together


def summarise(scores: Iterable[int | None]) -> Summary:
    values: list[int] = []
    not_applicable = 0
    for score in scores:
        if score is None:
            not_applicable += 1
            continue
        if not MIN_SCORE <= score <= MAX_SCORE:
            raise ValueError(f"a score must be between {MIN_SCORE} and {MAX_SCORE}")
        values.append(int(score))
    if not values:
        return Summary(0, not_applicable, None, None, None, None)
    n = len(values)
    mean = Decimal(sum(values)) / n
    variance = cast(Decimal, sum((Decimal(v) - mean) ** 2 for v in values) / n)  # a sum of Decimals
    return Summary(
        count=n,
        not_applicable=not_applicable,
        mean=mean.quantize(TENTH, rounding=ROUND_HALF_UP),
        low=min(values),
        high=max(values),
        std_dev=variance.sqrt().quantize(TENTH, rounding=ROUND_HALF_UP),
    )


# The main criterion (economic gain in the longer run) is "ufravigeligt" (seed 004 §6): it cannot be n/a, and
# it is met when the assessors' mean on it is at least this (0 = no economic gain for the municipality).
MAIN_CRITERION_PASS = Decimal("1")


def main_criterion_met(scores: Iterable[int | None]) -> bool | None:
    """True or False once some assessor has scored the main criterion, None before. n/a counts as failing:
    the main criterion is never "not applicable"."""
    values = list(scores)
    if not values:
        return None
    if any(v is None for v in values):
        return False
    summary = summarise(values)
    return summary.mean is not None and summary.mean >= MAIN_CRITERION_PASS
