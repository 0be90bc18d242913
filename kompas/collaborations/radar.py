"""Geometry of the radar chart of a reflection round: one axis per principle, scores 1–5 on each axis.

Plain numbers in, SVG coordinates out; the template draws them (inside ``{% localize off %}``).
"""

import math
from collections.abc import Sequence
from dataclasses import dataclass

SIZE = 360
CENTRE = SIZE / 2
RADIUS = 130
MAX_SCORE = 5


@dataclass(frozen=True)
class Axis:
    x: float
    y: float
    label_x: float
    label_y: float
    anchor: str  # text-anchor for the label


@dataclass(frozen=True)
class Series:
    key: str
    points: str  # "x,y x,y …" for <polygon points>; "" when the series has no values


def _point(index: int, count: int, fraction: float) -> tuple[float, float]:
    angle = -math.pi / 2 + 2 * math.pi * index / count
    return (
        round(CENTRE + RADIUS * fraction * math.cos(angle), 1),
        round(CENTRE + RADIUS * fraction * math.sin(angle), 1),
    )


def axes(count: int) -> list[Axis]:
    result = []
    for i in range(count):
        x, y = _point(i, count, 1.0)
        lx, ly = _point(i, count, 1.12)
        anchor = "middle" if abs(lx - CENTRE) < 5 else ("start" if lx > CENTRE else "end")
        result.append(Axis(x=x, y=y, label_x=lx, label_y=ly, anchor=anchor))
    return result


def rings(count: int) -> list[str]:
    """One polygon per score 1..5, for the grid."""
    return [
        " ".join(f"{x},{y}" for x, y in (_point(i, count, level / MAX_SCORE) for i in range(count)))
        for level in range(1, MAX_SCORE + 1)
    ]


def polygon(values: Sequence[float | None]) -> str:
    """The polygon of one perspective. A missing value is drawn at the centre; all missing gives ''."""
    if not values or all(v is None for v in values):
        return ""
    count = len(values)
    pts = []
    for i, value in enumerate(values):
        fraction = 0.0 if value is None else max(0.0, min(float(value), MAX_SCORE)) / MAX_SCORE
        pts.append(_point(i, count, fraction))
    return " ".join(f"{x},{y}" for x, y in pts)
