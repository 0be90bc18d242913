"""Progress toward a target and the trend of an indicator (the measure of a goal).

Pure Python, standard library only: no Django, no database. Every value that crosses the
API is a :class:`~decimal.Decimal`; internally all arithmetic is exact (:class:`~fractions.Fraction`),
so the documented properties hold without floating-point noise.

Orientation
    Everything is computed in *good-direction space*: for :attr:`Direction.HIGHER` values are used
    as they are, for :attr:`Direction.LOWER` every value (points, baseline, target) is negated first.
    "Higher is better" then holds in both cases. Because of this, ``progress`` with direction LOWER
    and values ``v``, baseline ``b``, target ``t`` returns exactly the same ``fraction``, ``achieved``,
    ``trend``, ``expected_fraction``, ``on_pace`` and ``points_used`` as direction HIGHER with
    ``-v``, ``-b``, ``-t`` (only ``latest`` differs, as it is the caller's own point).

Ordering
    Points may be given in any order. They are sorted by date with a *stable* sort, so among points
    sharing a date the one given last counts as the later. With distinct dates the result therefore
    does not depend on the input order at all.

Fraction of the way (``Progress.fraction``)
    ``(latest - baseline) / (target - baseline)`` clamped to ``[0, 1]``, in good-direction space:

    * no points, or no target: ``None``;
    * baseline ``None``: the value of the earliest point is the baseline;
    * latest at or beyond the target (target already passed): ``1`` and ``achieved`` is ``True``;
    * latest moved away from the target, past the baseline: ``0``;
    * baseline equal to the target, or a target that is not on the good side of the baseline
      (e.g. direction HIGHER, baseline 10, target 5): there is no "way" to divide, so the
      fraction is ``1`` if the latest value is at or beyond the target and ``0`` otherwise
      (never a division by zero).

    The exact value is rounded to 4 decimal places (ROUND_HALF_EVEN). A value that is not
    exactly 1 is never shown as 1: it is capped at ``0.9999``. Hence ``fraction == 1`` holds
    exactly when ``achieved`` is true.

Trend (``Progress.trend``)
    Taken from the last ``window`` points (after sorting), in good-direction space:

    1. ``x`` = days since the first point of the window, ``y`` = the (oriented) value;
    2. ``slope`` = ordinary least-squares slope of ``y`` on ``x`` (value units per day);
    3. ``change`` = ``slope * span_days`` (the fitted change from the first to the last date of
       the window);
    4. ``scale`` = ``max(|mean(y)|, max(y) - min(y))``: the larger of the level and the spread
       of the values;
    5. ``relative change`` = ``change / scale``. This is scale-free (multiplying every value by a
       positive constant does not change it) and odd (negating every value negates it).

    ``UNKNOWN`` with fewer than two points or when all points share one date; ``FLAT`` when all
    values are equal, the relative change is 0 or ``|relative change| < flat_tolerance``;
    otherwise ``IMPROVING`` for a positive and ``WORSENING`` for a negative relative change.
    So a rising series is IMPROVING for HIGHER and WORSENING for LOWER.

Expected fraction (``Progress.expected_fraction``)
    Where the straight line from ``(baseline_date, 0)`` to ``(target_date, 1)`` is on ``today``,
    clamped to ``[0, 1]`` and rounded to 4 decimal places (ROUND_HALF_EVEN). ``None`` when either
    date is missing. When ``target_date <= baseline_date`` it is ``1`` from ``target_date`` on and
    ``0`` before.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum
from fractions import Fraction

FRACTION_PLACES = 4
"""Decimal places of ``Progress.fraction`` and ``Progress.expected_fraction``."""

_ZERO = Fraction(0)
_ONE = Fraction(1)


class Direction(StrEnum):
    """Which way an indicator is better."""

    HIGHER = "higher"
    LOWER = "lower"


class Trend(StrEnum):
    """Recent movement of an indicator, judged in its good direction."""

    IMPROVING = "improving"
    WORSENING = "worsening"
    FLAT = "flat"
    UNKNOWN = "unknown"


@dataclass(frozen=True)
class Point:
    """One measurement of an indicator: its ``value`` on the date ``on``."""

    on: date
    value: Decimal

    def __post_init__(self) -> None:
        _exact(self.value, "Point.value")


@dataclass(frozen=True)
class Progress:
    """How far an indicator has come toward its target, and where it is heading.

    ``points_used`` is the number of points the trend was computed from (at most ``window``).
    See the module docstring for the precise definition of every field.
    """

    latest: Point | None
    fraction: Decimal | None
    achieved: bool
    trend: Trend
    expected_fraction: Decimal | None
    on_pace: bool | None
    points_used: int


# --- Exact arithmetic helpers ---------------------------------------------------------------------


def _exact(value: Decimal, name: str) -> Fraction:
    """Return ``value`` as an exact Fraction; reject floats, other types, NaN and infinities."""
    if not isinstance(value, Decimal):
        raise TypeError(f"{name} must be a Decimal, not {type(value).__name__}")
    if not value.is_finite():
        raise ValueError(f"{name} must be finite, not {value}")
    return Fraction(value)


def _to_decimal(value: Fraction, places: int) -> Decimal:
    """Round ``value`` to ``places`` decimal places, half to even, and return it as a Decimal."""
    units = round(value * 10**places)  # Fraction.__round__ rounds half to even
    return Decimal(units).scaleb(-places)


def _clamp_unit(value: Fraction) -> Fraction:
    """Clamp ``value`` to the closed interval [0, 1]."""
    return min(max(value, _ZERO), _ONE)


def _orient(value: Fraction, direction: Direction) -> Fraction:
    """Map a value into good-direction space, where higher is always better."""
    return value if direction is Direction.HIGHER else -value


# --- Ordering -------------------------------------------------------------------------------------


def _chronological(points: Sequence[Point]) -> list[Point]:
    """Sort points by date; the sort is stable, so of equal dates the last given stays last."""
    return sorted(points, key=lambda point: point.on)


# --- Fraction of the way --------------------------------------------------------------------------


def _share_of_way(latest: Fraction, baseline: Fraction, target: Fraction) -> Fraction:
    """Exact share of the way from ``baseline`` to ``target`` reached by ``latest``, clamped to [0, 1].

    All three are in good-direction space. When the target is not above the baseline there is no
    way to divide: the share is 1 once the target is reached and 0 before.
    """
    if target <= baseline:
        return _ONE if latest >= target else _ZERO
    return _clamp_unit((latest - baseline) / (target - baseline))


def _display_fraction(share: Fraction) -> Decimal:
    """Round a share to ``FRACTION_PLACES``, never rounding a share below 1 up to exactly 1."""
    shown = _to_decimal(share, FRACTION_PLACES)
    if share < _ONE and shown == 1:
        return Decimal(10**FRACTION_PLACES - 1).scaleb(-FRACTION_PLACES)
    return shown


# --- Expected fraction ----------------------------------------------------------------------------


def _expected_share(baseline_date: date | None, target_date: date | None, today: date) -> Fraction | None:
    """Exact share of the time from ``baseline_date`` to ``target_date`` elapsed on ``today``."""
    if baseline_date is None or target_date is None:
        return None
    total_days = (target_date - baseline_date).days
    if total_days <= 0:
        return _ONE if today >= target_date else _ZERO
    return _clamp_unit(Fraction((today - baseline_date).days, total_days))


# --- Trend ----------------------------------------------------------------------------------------


def _least_squares_slope(xs: Sequence[Fraction], ys: Sequence[Fraction]) -> Fraction | None:
    """Ordinary least-squares slope of ``ys`` on ``xs``; ``None`` if all ``xs`` are equal."""
    count = len(xs)
    mean_x = sum(xs, _ZERO) / count
    mean_y = sum(ys, _ZERO) / count
    spread_xx = sum(((x - mean_x) ** 2 for x in xs), _ZERO)
    if spread_xx == 0:
        return None
    spread_xy = sum(((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys, strict=True)), _ZERO)
    return spread_xy / spread_xx


def _relative_change(days: Sequence[Fraction], values: Sequence[Fraction]) -> Fraction | None:
    """Fitted change over the span of ``days``, divided by max(|mean|, range) of ``values``.

    ``None`` when there is no time axis (fewer than two points, or a single date); ``0`` for
    constant values (whose range and slope are both zero).
    """
    if len(days) < 2:
        return None
    slope = _least_squares_slope(days, values)
    if slope is None:
        return None
    value_range = max(values) - min(values)
    if value_range == 0:
        return _ZERO
    mean = sum(values, _ZERO) / len(values)
    scale = max(abs(mean), value_range)
    span_days = max(days) - min(days)
    return slope * span_days / scale


def _classify(relative_change: Fraction | None, tolerance: Fraction) -> Trend:
    """Turn a relative change in good-direction space into a :class:`Trend`."""
    if relative_change is None:
        return Trend.UNKNOWN
    if relative_change == 0 or abs(relative_change) < tolerance:
        return Trend.FLAT  # zero change is flat even with a tolerance of 0
    return Trend.IMPROVING if relative_change > 0 else Trend.WORSENING


def _trend(recent: Sequence[Point], direction: Direction, tolerance: Fraction) -> Trend:
    """Trend of the chronologically sorted ``recent`` points, judged in the good direction."""
    if not recent:
        return Trend.UNKNOWN
    first_day = recent[0].on
    days = [Fraction((point.on - first_day).days) for point in recent]
    values = [_orient(Fraction(point.value), direction) for point in recent]
    return _classify(_relative_change(days, values), tolerance)


# --- Public API -----------------------------------------------------------------------------------


def _on_pace(achieved: bool, fraction: Decimal | None, expected: Decimal | None) -> bool | None:
    """Whether the shown fraction is at least the shown expected fraction (always true if achieved)."""
    if fraction is None or expected is None:
        return None
    return achieved or fraction >= expected


def _validate_settings(window: int, flat_tolerance: Decimal) -> Fraction:
    """Check ``window`` and ``flat_tolerance``; return the tolerance as an exact Fraction."""
    if isinstance(window, bool) or not isinstance(window, int) or window < 2:
        raise ValueError(f"window must be an integer of at least 2, not {window!r}")
    tolerance = _exact(flat_tolerance, "flat_tolerance")
    if tolerance < 0:
        raise ValueError(f"flat_tolerance must not be negative, not {flat_tolerance}")
    return tolerance


def progress(
    *,
    points: Sequence[Point],
    direction: Direction,
    baseline: Decimal | None,
    target: Decimal | None,
    baseline_date: date | None = None,
    target_date: date | None = None,
    today: date,
    window: int = 6,
    flat_tolerance: Decimal = Decimal("0.01"),
) -> Progress:
    """Compute the progress of an indicator toward its target and its recent trend.

    ``points`` may be unsorted and may repeat dates. ``baseline`` defaults to the earliest point's
    value. ``window`` (at least 2) is how many of the most recent points the trend looks at;
    the trend is FLAT when the relative change over them is below ``flat_tolerance``. The exact
    rules, including every edge case, are in the module docstring.

    Raises ``TypeError`` for a value that is not a Decimal and ``ValueError`` for a non-finite
    value, a window below 2 or a negative tolerance.
    """
    direction = Direction(direction)
    tolerance = _validate_settings(window, flat_tolerance)
    exact_target = None if target is None else _exact(target, "target")
    exact_baseline = None if baseline is None else _exact(baseline, "baseline")

    ordered = _chronological(points)
    latest = ordered[-1] if ordered else None
    recent = ordered[-window:]

    fraction: Decimal | None = None
    achieved = False
    if latest is not None and exact_target is not None:
        start = exact_baseline if exact_baseline is not None else Fraction(ordered[0].value)
        oriented_latest = _orient(Fraction(latest.value), direction)
        oriented_target = _orient(exact_target, direction)
        achieved = oriented_latest >= oriented_target
        share = _share_of_way(oriented_latest, _orient(start, direction), oriented_target)
        fraction = _display_fraction(share)

    expected_share = _expected_share(baseline_date, target_date, today)
    expected = None if expected_share is None else _to_decimal(expected_share, FRACTION_PLACES)

    return Progress(
        latest=latest,
        fraction=fraction,
        achieved=achieved,
        trend=_trend(recent, direction, tolerance),
        expected_fraction=expected,
        on_pace=_on_pace(achieved, fraction, expected),
        points_used=len(recent),
    )
