"""Tests for kompas.goals.progress: worked examples for every edge case, then hypothesis properties."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kompas.goals.progress import Direction, Point, Progress, Trend, progress

D = Decimal
HIGHER = Direction.HIGHER
LOWER = Direction.LOWER
TODAY = date(2024, 7, 1)
START = date(2024, 1, 1)


@pytest.fixture(autouse=True)
def _clean_cache() -> None:
    """Override the project-wide autouse fixture that clears Django's cache.

    This module is pure Python and never touches the cache, so without this override it could not
    run with ``-p no:django`` (the root conftest's fixture needs configured Django settings).
    """


def pts(*pairs: tuple[str, str]) -> list[Point]:
    """Points from ``("2024-01-01", "12.5")`` pairs."""
    return [Point(on=date.fromisoformat(on), value=D(value)) for on, value in pairs]


def series(*values: str, every: int = 10) -> list[Point]:
    """Points ``every`` days apart from START with the given values."""
    return [Point(on=START + timedelta(days=every * i), value=D(v)) for i, v in enumerate(values)]


def run(points: list[Point], **kwargs) -> Progress:
    """``progress`` with defaults for the arguments a test does not care about."""
    kwargs.setdefault("direction", HIGHER)
    kwargs.setdefault("baseline", None)
    kwargs.setdefault("target", None)
    kwargs.setdefault("today", TODAY)
    return progress(points=points, **kwargs)


# --- Worked examples: fraction and achieved -------------------------------------------------------


def test_empty_list_has_no_latest_fraction_or_trend():
    result = run([], baseline=D("10"), target=D("20"), baseline_date=START, target_date=date(2025, 1, 1))
    assert result.latest is None
    assert result.fraction is None
    assert result.achieved is False
    assert result.trend is Trend.UNKNOWN
    assert result.points_used == 0
    assert result.expected_fraction == D("0.4973")  # time still passes without data
    assert result.on_pace is None


def test_single_point_gives_fraction_but_unknown_trend():
    result = run(series("15"), baseline=D("10"), target=D("20"))
    assert result.latest == Point(START, D("15"))
    assert result.fraction == D("0.5000")
    assert result.achieved is False
    assert result.trend is Trend.UNKNOWN
    assert result.points_used == 1


def test_fraction_is_share_of_the_way_rounded_to_four_places():
    assert run(series("1"), baseline=D("0"), target=D("3")).fraction == D("0.3333")
    assert run(series("2"), baseline=D("0"), target=D("3")).fraction == D("0.6667")
    assert str(run(series("15"), baseline=D("10"), target=D("20")).fraction) == "0.5000"


def test_fraction_rounds_half_to_even():
    assert run(series("5"), baseline=D("0"), target=D("100000")).fraction == D("0.0000")  # 0.00005
    assert run(series("15"), baseline=D("0"), target=D("100000")).fraction == D("0.0002")  # 0.00015


def test_fraction_just_below_target_is_not_shown_as_one():
    result = run(series("99999.5"), baseline=D("0"), target=D("100000"))  # 0.999995
    assert result.fraction == D("0.9999")
    assert result.achieved is False


def test_missing_baseline_uses_earliest_point():
    points = pts(("2024-06-01", "50"), ("2024-01-01", "40"), ("2024-03-01", "45"))
    result = run(points, baseline=None, target=D("60"))
    assert result.latest == Point(date(2024, 6, 1), D("50"))
    assert result.fraction == D("0.5000")  # (50 - 40) / (60 - 40)


def test_missing_baseline_with_single_point_is_zero_until_target_reached():
    assert run(series("40"), target=D("60")).fraction == D("0")
    reached = run(series("60"), target=D("60"))
    assert (reached.fraction, reached.achieved) == (D("1"), True)


def test_baseline_equal_to_target_never_divides_by_zero():
    at_target = run(series("20"), baseline=D("20"), target=D("20"))
    assert (at_target.fraction, at_target.achieved) == (D("1"), True)
    short = run(series("19"), baseline=D("20"), target=D("20"))
    assert (short.fraction, short.achieved) == (D("0"), False)
    lower_beyond = run(series("19"), direction=LOWER, baseline=D("20"), target=D("20"))
    assert (lower_beyond.fraction, lower_beyond.achieved) == (D("1"), True)


def test_target_on_the_wrong_side_of_baseline_is_reached_or_not():
    # Higher is better, yet the target lies below the baseline: nothing to divide, only reached or not.
    assert run(series("7"), baseline=D("10"), target=D("5")).fraction == D("1")
    assert run(series("4"), baseline=D("10"), target=D("5")).fraction == D("0")


def test_target_already_passed_is_achieved_with_fraction_one():
    result = run(series("25"), baseline=D("10"), target=D("20"))
    assert result.fraction == D("1")
    assert result.achieved is True


def test_moving_away_beyond_baseline_clamps_fraction_to_zero():
    result = run(series("5"), baseline=D("10"), target=D("20"))
    assert result.fraction == D("0")
    assert result.achieved is False


def test_lower_is_better():
    result = run(series("80"), direction=LOWER, baseline=D("100"), target=D("50"))
    assert result.fraction == D("0.4000")  # (80 - 100) / (50 - 100)
    assert result.achieved is False
    done = run(series("40"), direction=LOWER, baseline=D("100"), target=D("50"))
    assert (done.fraction, done.achieved) == (D("1"), True)
    worse = run(series("120"), direction=LOWER, baseline=D("100"), target=D("50"))
    assert worse.fraction == D("0")


def test_no_target_means_no_fraction_but_still_a_trend():
    result = run(series("1", "2", "3"), baseline=D("0"), target=None)
    assert result.fraction is None
    assert result.achieved is False
    assert result.on_pace is None
    assert result.trend is Trend.IMPROVING


def test_unsorted_points_are_sorted_by_date():
    points = pts(("2024-03-01", "30"), ("2024-01-01", "10"), ("2024-02-01", "20"))
    result = run(points, baseline=D("0"), target=D("40"))
    assert result.latest == Point(date(2024, 3, 1), D("30"))
    assert result.fraction == D("0.7500")
    assert result.trend is Trend.IMPROVING


def test_duplicate_dates_last_given_is_latest():
    points = pts(("2024-01-01", "1"), ("2024-05-01", "2"), ("2024-05-01", "3"))
    assert run(points).latest == Point(date(2024, 5, 1), D("3"))
    assert run(list(reversed(points))).latest == Point(date(2024, 5, 1), D("2"))


# --- Worked examples: trend -----------------------------------------------------------------------


def test_rising_series_improves_for_higher_and_worsens_for_lower():
    points = series("10", "11", "13", "12", "14")
    assert run(points, direction=HIGHER).trend is Trend.IMPROVING
    assert run(points, direction=LOWER).trend is Trend.WORSENING
    falling = series("14", "12", "13", "11", "10")
    assert run(falling, direction=HIGHER).trend is Trend.WORSENING
    assert run(falling, direction=LOWER).trend is Trend.IMPROVING


def test_relative_change_is_fitted_change_over_max_of_mean_and_range():
    # Slope 0.1 per day over 20 days = change 2; mean 101 > range 2, so relative change 2/101 = 0.0198.
    points = series("100", "101", "102")
    assert run(points).trend is Trend.IMPROVING
    assert run(points, flat_tolerance=D("0.02")).trend is Trend.FLAT
    assert run(points, flat_tolerance=D("0.0198")).trend is Trend.IMPROVING


def test_relative_change_equal_to_tolerance_is_not_flat():
    # Change 1, mean 100 -> exactly 0.01.
    assert run(series("99.5", "100", "100.5")).trend is Trend.IMPROVING


def test_scale_uses_the_size_of_a_negative_mean():
    # Mean -101, so the scale is 101 (not the range 2): relative change -2/101 = -0.0198.
    points = series("-100", "-101", "-102")
    assert run(points).trend is Trend.WORSENING
    assert run(points, flat_tolerance=D("0.02")).trend is Trend.FLAT
    assert run(points, direction=LOWER).trend is Trend.IMPROVING


def test_range_sets_the_scale_for_values_around_zero():
    # Mean 0, range 2, change 2: relative change 1, not a division by a tiny mean.
    assert run(series("-1", "0", "1")).trend is Trend.IMPROVING
    assert run(series("1", "0", "-1")).trend is Trend.WORSENING


def test_trend_is_scale_free():
    small = run(series("1.00", "1.01", "1.00", "1.01"), flat_tolerance=D("0.001"))
    large = run(series("1000", "1010", "1000", "1010"), flat_tolerance=D("0.001"))
    assert small.trend is large.trend is Trend.IMPROVING


def test_small_wobble_around_a_level_is_flat():
    assert run(series("500", "501", "499", "500", "501", "499")).trend is Trend.FLAT


def test_constant_values_are_flat():
    assert run(series("7", "7", "7")).trend is Trend.FLAT
    assert run(series("0", "0")).trend is Trend.FLAT
    assert run(series("7", "7"), flat_tolerance=D("0")).trend is Trend.FLAT
    assert run(series("1", "2"), flat_tolerance=D("0")).trend is Trend.IMPROVING


def test_all_points_on_one_date_give_unknown_trend():
    points = pts(("2024-02-01", "1"), ("2024-02-01", "5"), ("2024-02-01", "9"))
    result = run(points)
    assert result.trend is Trend.UNKNOWN
    assert result.points_used == 3


def test_trend_uses_only_the_last_window_points():
    points = series("100", "80", "60", "40", "20", "21", "22", "23", "24", "25", "26")
    recent = run(points)
    assert recent.trend is Trend.IMPROVING
    assert recent.points_used == 6
    everything = run(points, window=20)
    assert everything.trend is Trend.WORSENING
    assert everything.points_used == 11


# --- Worked examples: expected fraction and pace --------------------------------------------------


def test_expected_fraction_follows_a_straight_line_in_time():
    dates = {"baseline_date": START, "target_date": date(2025, 1, 1)}  # 366 days
    assert run([], **dates, today=date(2024, 7, 1)).expected_fraction == D("0.4973")  # 182 / 366
    assert run([], **dates, today=date(2023, 6, 1)).expected_fraction == D("0")
    assert run([], **dates, today=date(2026, 6, 1)).expected_fraction == D("1")


def test_expected_fraction_needs_both_dates():
    assert run([], baseline_date=START).expected_fraction is None
    assert run([], target_date=START).expected_fraction is None


def test_expected_fraction_with_target_date_not_after_baseline_date():
    dates = {"baseline_date": START, "target_date": START}
    assert run([], **dates, today=START - timedelta(days=1)).expected_fraction == D("0")
    assert run([], **dates, today=START).expected_fraction == D("1")


def test_on_pace_compares_fraction_with_expected_fraction():
    goal = {"baseline": D("0"), "target": D("100"), "baseline_date": START, "target_date": date(2025, 1, 1)}
    ahead = run(series("50"), **goal)  # 0.5000 >= 0.4973
    assert ahead.on_pace is True
    behind = run(series("40"), **goal)
    assert behind.on_pace is False
    achieved_late = run(series("100"), **goal, today=date(2026, 1, 1))
    assert achieved_late.on_pace is True
    no_dates = run(series("50"), baseline=D("0"), target=D("100"))
    assert no_dates.on_pace is None


def test_lower_mirrors_higher_worked_example():
    points = series("80", "75", "78", "70")
    goal = {"baseline_date": START, "target_date": date(2025, 1, 1)}
    lower = run(points, direction=LOWER, baseline=D("100"), target=D("50"), **goal)
    higher = run(negated(points), direction=HIGHER, baseline=D("-100"), target=D("-50"), **goal)
    assert lower.fraction == higher.fraction == D("0.6000")
    assert lower.trend is higher.trend is Trend.IMPROVING
    assert (lower.achieved, lower.on_pace) == (higher.achieved, higher.on_pace) == (False, True)


# --- Worked examples: validation ------------------------------------------------------------------


def test_rejects_floats_and_non_finite_values():
    with pytest.raises(TypeError):
        Point(START, 1.5)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="finite"):
        Point(START, D("NaN"))
    with pytest.raises(TypeError):
        run([], target=20)  # type: ignore[arg-type]


def test_rejects_bad_window_and_tolerance():
    with pytest.raises(ValueError, match="window"):
        run([], window=1)
    with pytest.raises(ValueError, match="flat_tolerance"):
        run([], flat_tolerance=D("-0.1"))


# --- Properties -----------------------------------------------------------------------------------

PROPERTY = settings(max_examples=200, deadline=None, database=None)

wide_values = st.decimals(
    allow_nan=False, allow_infinity=False, places=2, min_value=-(10**6), max_value=10**6
)
# Values in a narrow band as well, so that baselines, targets and points often interleave (fractions
# strictly between 0 and 1, on_pace both ways) instead of nearly always clamping.
narrow_values = st.decimals(allow_nan=False, allow_infinity=False, places=2, min_value=-100, max_value=100)
values = wide_values | narrow_values
dates = st.dates(min_value=date(2022, 1, 1), max_value=date(2026, 12, 31))
point = st.builds(Point, on=dates, value=values)
point_lists = st.lists(point, max_size=10)
unique_date_point_lists = st.lists(point, max_size=10, unique_by=lambda p: p.on)
directions = st.sampled_from(Direction)
optional_values = st.one_of(st.none(), values, values)
optional_dates = st.one_of(st.none(), dates, dates)


@st.composite
def goal_arguments(draw: st.DrawFn, points: st.SearchStrategy[list[Point]] = point_lists) -> dict:
    """Keyword arguments for ``progress``, covering missing baselines, targets and dates."""
    return {
        "points": draw(points),
        "direction": draw(directions),
        "baseline": draw(optional_values),
        "target": draw(optional_values),
        "baseline_date": draw(optional_dates),
        "target_date": draw(optional_dates),
        "today": draw(dates),
        "window": draw(st.integers(min_value=2, max_value=8)),
        "flat_tolerance": draw(st.decimals(min_value=0, max_value=2, places=3)),
    }


def negated(points: list[Point]) -> list[Point]:
    return [Point(p.on, -p.value) for p in points]


def latest_index(points: list[Point]) -> int:
    """Index of the point ``progress`` treats as latest: the last given among the latest date."""
    return max(range(len(points)), key=lambda i: (points[i].on, i))


@PROPERTY
@given(goal_arguments())
def test_property_fractions_lie_in_unit_interval_or_are_none(arguments):
    result = progress(**arguments)
    for share in (result.fraction, result.expected_fraction):
        assert share is None or D(0) <= share <= D(1)
    assert (result.fraction is None) == (not arguments["points"] or arguments["target"] is None)
    assert result.points_used == min(len(arguments["points"]), arguments["window"])


@PROPERTY
@given(goal_arguments())
def test_property_lower_mirrors_higher(arguments):
    lower = progress(**{**arguments, "direction": LOWER})
    higher = progress(
        **{
            **arguments,
            "direction": HIGHER,
            "points": negated(arguments["points"]),
            "baseline": None if arguments["baseline"] is None else -arguments["baseline"],
            "target": None if arguments["target"] is None else -arguments["target"],
        }
    )
    assert lower.fraction == higher.fraction
    assert lower.achieved == higher.achieved
    assert lower.trend is higher.trend
    assert lower.on_pace == higher.on_pace
    assert lower.expected_fraction == higher.expected_fraction
    assert lower.points_used == higher.points_used


SWAPPED = {Trend.IMPROVING: Trend.WORSENING, Trend.WORSENING: Trend.IMPROVING}


@PROPERTY
@given(goal_arguments())
def test_property_negating_values_in_the_same_direction_reverses_the_trend(arguments):
    # Unlike the mirror property this keeps the direction, so it checks that the trend itself is odd.
    trend = progress(**arguments).trend
    negated_trend = progress(**{**arguments, "points": negated(arguments["points"])}).trend
    assert negated_trend is SWAPPED.get(trend, trend)


@PROPERTY
@given(goal_arguments(points=st.lists(point, min_size=1, max_size=10)), values, st.integers(0, 100))
def test_property_moving_latest_toward_target_never_lowers_fraction(arguments, target, step):
    arguments["target"] = target
    before = progress(**arguments)
    points = list(arguments["points"])
    index = latest_index(points)
    latest = points[index].value
    points[index] = Point(points[index].on, latest + (target - latest) * step / 100)
    after = progress(**{**arguments, "points": points})
    assert after.fraction >= before.fraction


@PROPERTY
@given(goal_arguments())
def test_property_achieved_exactly_when_fraction_is_one(arguments):
    result = progress(**arguments)
    if result.achieved:
        assert result.fraction == 1
        assert result.on_pace in (True, None)
    if result.fraction == 1:
        assert result.achieved


@PROPERTY
@given(goal_arguments(points=unique_date_point_lists), st.randoms(use_true_random=False))
def test_property_permuting_points_changes_nothing(arguments, random):
    shuffled = list(arguments["points"])
    random.shuffle(shuffled)
    assert progress(**{**arguments, "points": shuffled}) == progress(**arguments)
