"""Geometry of the server-rendered SVG charts (ADR 0021): numbers in, coordinates and labels out.

Pure Python, no Django: the templates ``core/partials/line_chart.html`` and ``core/partials/bar_chart.html``
draw what these functions compute, and a table beside every chart holds the same numbers. Numbers are
written by :mod:`kompas.core.formats` in the language given (Danish "1.234,5").

Readable at a phone's width: a chart is drawn in a box about as wide as a phone's column (``WIDTH``), so
``FONT_SIZE`` units stay at least 12 px when the SVG is narrowed to 358 px (390 px screen, DKFDS' padding).
Every coordinate lies inside the ``width`` x ``height`` box; the tests check this with hypothesis.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from fractions import Fraction

from . import formats

WIDTH = 440
LINE_HEIGHT = 260
FONT_SIZE = 16
CHAR_WIDTH = Fraction(6, 10)  # a generous average width of a digit or letter, in ems
PLACES = 2


def _coordinate(value: Fraction | float) -> float:
    return round(float(value), PLACES)


def _text_width(text: str, font_size: int = FONT_SIZE) -> float:
    return float(len(text) * CHAR_WIDTH * font_size)


def date_label(day: date) -> str:
    """A date as "1.3.2025": short, and read the same way in Danish and English."""
    return f"{day.day}.{day.month}.{day.year}"


# --- Axis ticks ------------------------------------------------------------------------------------------


def nice_ticks(low: Fraction, high: Fraction, *, count: int = 5) -> list[Fraction]:
    """Round tick values (1, 2, 2.5 or 5 times a power of ten apart) from at or below ``low`` to at or above
    ``high``; about ``count`` of them and never fewer than two. ``low == high`` gets a range around it."""
    low, high = Fraction(low), Fraction(high)
    if high < low:
        low, high = high, low
    if high == low:
        pad = abs(low) / 10 if low else Fraction(1)
        low, high = low - pad, high + pad
    raw = (high - low) / max(count - 1, 1)
    exponent = math.floor(math.log10(raw.numerator) - math.log10(raw.denominator))
    magnitude = Fraction(10) ** exponent
    while magnitude > raw:  # guard the float logarithm at exact powers of ten
        magnitude /= 10
    while magnitude * 10 <= raw:
        magnitude *= 10
    step = next(
        m * magnitude
        for m in (Fraction(1), Fraction(2), Fraction(5, 2), Fraction(5), Fraction(10))
        if m * magnitude >= raw
    )
    start = math.floor(low / step) * step
    end = math.ceil(high / step) * step
    ticks = []
    value = start
    while value <= end:
        ticks.append(value)
        value += step
    return ticks


def _decimal(value: Fraction) -> Decimal:
    return Decimal(value.numerator) / Decimal(value.denominator)


# --- Line chart ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Tick:
    position: float  # y for the value axis, x for the time axis
    label: str
    anchor: str = "end"


@dataclass(frozen=True)
class ReferenceLine:
    """A horizontal line across the plot (the target, the baseline) with its label just above it."""

    y: float
    label_y: float
    value: str


@dataclass(frozen=True)
class PointLabel:
    x: float
    y: float
    label_x: float
    label_y: float
    anchor: str
    value: str


@dataclass(frozen=True)
class LineChart:
    width: int
    height: int
    left: float
    right: float
    top: float
    bottom: float
    font_size: int
    path: str
    dots: tuple[tuple[float, float], ...]
    value_ticks: tuple[Tick, ...]
    time_ticks: tuple[Tick, ...]
    target: ReferenceLine | None
    baseline: ReferenceLine | None
    last: PointLabel | None


def line_chart(
    points: Sequence[tuple[date, Decimal]],
    *,
    target: Decimal | None = None,
    baseline: Decimal | None = None,
    minimum: Decimal | None = None,
    maximum: Decimal | None = None,
    language: str | None = None,
    width: int = WIDTH,
    height: int = LINE_HEIGHT,
    font_size: int = FONT_SIZE,
    dates: Callable[[date], str] = date_label,
) -> LineChart | None:
    """A time series as a line with a value axis, the dates at both ends, the target and baseline lines and
    the last value written beside its point. ``None`` without points (there is nothing to draw).

    The value axis covers the values, the target and the baseline, and reaches at least ``minimum`` and
    ``maximum`` when they are given: a fixed scale (a survey's 1 … 5) keeps a small change looking small."""
    ordered = sorted(points, key=lambda p: p[0])
    if not ordered:
        return None
    values = [Fraction(v) for _d, v in ordered]
    extra = [Fraction(v) for v in (target, baseline, minimum, maximum) if v is not None]
    ticks = nice_ticks(min(values + extra), max(values + extra))
    tick_labels = [formats.number(_decimal(t), language=language) for t in ticks]

    top = font_size * 1.5  # room for a label above the highest line
    bottom = height - font_size * 2  # room for the dates
    left = max(_text_width(label, font_size) for label in tick_labels) + font_size
    right = width - font_size / 2
    low, high = ticks[0], ticks[-1]

    def y_of(value: Fraction) -> float:
        return _coordinate(bottom - (value - low) * Fraction(bottom - top) / (high - low))

    first_day, last_day = ordered[0][0], ordered[-1][0]
    span = (last_day - first_day).days

    def x_of(day: date) -> float:
        if span == 0:
            return _coordinate((left + right) / 2)
        return _coordinate(left + Fraction((day - first_day).days, span) * Fraction(right - left))

    dots = tuple((x_of(day), y_of(value)) for (day, _v), value in zip(ordered, values, strict=True))
    path = (
        " ".join(f"{'M' if i == 0 else 'L'} {x} {y}" for i, (x, y) in enumerate(dots))
        if len(dots) > 1
        else ""
    )
    value_ticks = tuple(
        Tick(position=y_of(t), label=label, anchor="end") for t, label in zip(ticks, tick_labels, strict=True)
    )
    if span == 0:
        time_ticks: tuple[Tick, ...] = (Tick(position=dots[0][0], label=dates(first_day), anchor="middle"),)
    else:
        time_ticks = (
            Tick(position=_coordinate(left), label=dates(first_day), anchor="start"),
            Tick(position=_coordinate(right), label=dates(last_day), anchor="end"),
        )

    def reference(value: Decimal | None) -> ReferenceLine | None:
        if value is None:
            return None
        y = y_of(Fraction(value))
        return ReferenceLine(
            y=y,
            label_y=_coordinate(max(y - font_size / 4, font_size)),
            value=formats.number(value, language=language),
        )

    last_x, last_y = dots[-1]
    last_text = formats.number(ordered[-1][1], language=language)
    above = last_y - font_size / 2
    label_y = above if above - font_size >= 0 else last_y + font_size * 1.25
    text_width = _text_width(last_text, font_size)
    anchor, label_x = ("end", last_x) if last_x - text_width >= 0 else ("start", last_x)
    label_x = min(max(label_x, 0.0), float(width))
    last = PointLabel(
        x=last_x,
        y=last_y,
        label_x=_coordinate(label_x),
        label_y=_coordinate(min(label_y, bottom)),
        anchor=anchor,
        value=last_text,
    )
    return LineChart(
        width=width,
        height=height,
        left=_coordinate(left),
        right=_coordinate(right),
        top=_coordinate(top),
        bottom=_coordinate(bottom),
        font_size=font_size,
        path=path,
        dots=dots,
        value_ticks=value_ticks,
        time_ticks=time_ticks,
        target=reference(target),
        baseline=reference(baseline),
        last=last,
    )


# --- Horizontal bar chart --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Bar:
    label: str  # shortened to fit the chart; the table beside it has the full text
    full_label: str
    value: str
    y: float
    label_y: float
    width: float
    value_x: float
    value_y: float


@dataclass(frozen=True)
class BarChart:
    width: int
    height: int
    font_size: int
    bar_height: int
    bars: tuple[Bar, ...]


def _shorten(text: str, limit: int) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: max(limit - 1, 1)].rstrip() + "…"


def bar_chart(
    rows: Sequence[tuple[str, Decimal | float | int, str]],
    *,
    minimum: Decimal | float | int = 0,
    maximum: Decimal | float | int | None = None,
    width: int = WIDTH,
    font_size: int = FONT_SIZE,
    bar_height: int = 20,
) -> BarChart | None:
    """Horizontal bars, each with its label on its own line above it and its value after its end.

    ``rows`` are ``(label, value, value as written)``. A bar's length is its value's share of ``minimum`` ..
    ``maximum`` (the largest value when not given), clamped to the bar area. ``None`` without rows.
    """
    if not rows:
        return None
    numbers = [Fraction(str(value)) for _l, value, _t in rows]
    low = Fraction(str(minimum))
    high = Fraction(str(maximum)) if maximum is not None else max(numbers)
    value_room = max(_text_width(text, font_size) for _l, _v, text in rows) + font_size / 2
    area = max(width - value_room, width / 2)
    chars = max(int(width / float(CHAR_WIDTH * font_size)), 8)
    row_height = font_size * 1.25 + bar_height + font_size * 0.75
    bars = []
    for i, ((label, _value, text), number) in enumerate(zip(rows, numbers, strict=True)):
        share = (number - low) / (high - low) if high > low else Fraction(0)
        length = _coordinate(min(max(share, Fraction(0)), Fraction(1)) * Fraction(area))
        top = i * row_height
        bar_y = top + font_size * 1.25
        bars.append(
            Bar(
                label=_shorten(label, chars),
                full_label=str(label),
                value=text,
                y=_coordinate(bar_y),
                label_y=_coordinate(top + font_size),
                width=length,
                value_x=_coordinate(length + font_size / 4),
                value_y=_coordinate(bar_y + bar_height / 2 + font_size * 0.35),
            )
        )
    return BarChart(
        width=width,
        height=math.ceil(len(rows) * row_height),
        font_size=font_size,
        bar_height=bar_height,
        bars=tuple(bars),
    )
