"""Server-rendered, accessible bar charts: geometry only, plain data in and out; no Django.

The template draws the bars as SVG and always shows the same numbers in a table beside the chart.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Bar:
    label: str
    value: int
    y: int
    width: float
    label_y: int


@dataclass(frozen=True)
class BarChart:
    bars: list[Bar]
    width: int
    height: int
    label_width: int
    bar_height: int


def bar_chart(
    rows: list[tuple[str, int]],
    *,
    width: int = 480,
    label_width: int = 200,
    bar_height: int = 22,
    gap: int = 8,
) -> BarChart:
    """Horizontal bars scaled to the largest value; a zero maximum gives zero-width bars."""
    top = max((value for _label, value in rows), default=0)
    room = width - label_width - 40
    bars = []
    for index, (label, value) in enumerate(rows):
        y = index * (bar_height + gap)
        bar_width = room * value / top if top else 0.0
        bars.append(Bar(label=label, value=value, y=y, width=round(bar_width, 1), label_y=y + bar_height - 6))
    height = max(0, len(rows) * (bar_height + gap) - gap)
    return BarChart(bars=bars, width=width, height=height, label_width=label_width, bar_height=bar_height)
