"""Results of a reflection round: per principle and perspective, the gaps between perspectives and the change
from the previous round. Plain data in, plain data out; no Django.

The disclosure rule (ADR 0012): a perspective's figures are shown only when at least ``min_group`` people of
that perspective answered the round. There is deliberately no "all perspectives" figure: with it, a hidden
perspective could be worked out by subtracting the shown ones.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Answer:
    """One submitted rating: who answered (an opaque id), their perspective, the principle and the score."""

    respondent: int
    perspective: str
    principle: int
    score: int


@dataclass(frozen=True)
class Cell:
    shown: bool
    mean: float | None  # None when hidden or nobody rated the principle
    change: float | None = None  # against the previous round, when both are shown


@dataclass
class PrincipleResult:
    principle: int
    cells: dict[str, Cell] = field(default_factory=dict)  # perspective -> cell
    gap: float | None = None  # largest minus smallest shown mean; None when fewer than two are shown


@dataclass
class RoundResult:
    perspectives: tuple[str, ...]
    respondents: dict[str, int]  # perspective -> how many answered (always shown: a count reveals no score)
    shown: dict[str, bool]
    principles: list[PrincipleResult]

    @property
    def any_shown(self) -> bool:
        return any(self.shown.values())


def disclosed(respondents: int, min_group: int) -> bool:
    """May a group of this size be shown? Never for fewer than three, whatever the setting says."""
    return respondents >= max(min_group, 3)


def _means(answers: Iterable[Answer]) -> tuple[dict[str, set[int]], dict[tuple[int, str], float]]:
    people: dict[str, set[int]] = {}
    sums: dict[tuple[int, str], list[int]] = {}
    for a in answers:
        if not 1 <= a.score <= 5:
            raise ValueError(f"score out of range: {a.score}")
        people.setdefault(a.perspective, set()).add(a.respondent)
        total = sums.setdefault((a.principle, a.perspective), [0, 0])
        total[0] += a.score
        total[1] += 1
    return people, {key: s / n for key, (s, n) in sums.items()}


def round_result(
    *,
    answers: Iterable[Answer],
    principles: Sequence[int],
    perspectives: Sequence[str],
    min_group: int = 3,
    previous: "RoundResult | None" = None,
) -> RoundResult:
    people, means = _means(answers)
    respondents = {p: len(people.get(p, ())) for p in perspectives}
    shown = {p: disclosed(respondents[p], min_group) for p in perspectives}
    previous_cells = {}
    if previous is not None:
        previous_cells = {(r.principle, p): c for r in previous.principles for p, c in r.cells.items()}
    results = []
    for principle in principles:
        row = PrincipleResult(principle=principle)
        for perspective in perspectives:
            mean = means.get((principle, perspective)) if shown[perspective] else None
            change = None
            before = previous_cells.get((principle, perspective))
            if mean is not None and before is not None and before.mean is not None:
                change = round(mean - before.mean, 2)
            row.cells[perspective] = Cell(
                shown=shown[perspective], mean=None if mean is None else round(mean, 2), change=change
            )
        visible = [c.mean for c in row.cells.values() if c.mean is not None]
        if len(visible) >= 2:
            row.gap = round(max(visible) - min(visible), 2)
        results.append(row)
    return RoundResult(
        perspectives=tuple(perspectives), respondents=respondents, shown=shown, principles=results
    )
