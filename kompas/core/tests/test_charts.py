"""The chart geometry (kompas/core/charts.py, ADR 0021): worked examples and properties with hypothesis."""

import re
from datetime import date, timedelta
from decimal import Decimal
from fractions import Fraction

from hypothesis import given
from hypothesis import strategies as st

from kompas.core import charts

values = st.decimals(min_value=Decimal("-1000000"), max_value=Decimal("1000000"), places=2, allow_nan=False)
days = st.integers(min_value=0, max_value=3650)
series = st.lists(st.tuples(days, values), min_size=1, max_size=30)
optional = st.none() | values


def as_points(raw):
    return [(date(2020, 1, 1) + timedelta(days=d), v) for d, v in raw]


def path_coordinates(path: str) -> list[tuple[float, float]]:
    numbers = [float(n) for n in re.findall(r"-?\d+(?:\.\d+)?", path)]
    return list(zip(numbers[::2], numbers[1::2], strict=True))


# --- Worked examples ----------------------------------------------------------------------------------


def test_ticks_are_round_numbers_around_the_data():
    assert charts.nice_ticks(Fraction(3), Fraction(97)) == [0, 25, 50, 75, 100]
    assert charts.nice_ticks(Fraction("0.12"), Fraction("0.31")) == [
        Fraction("0.1"),
        Fraction("0.15"),
        Fraction("0.2"),
        Fraction("0.25"),
        Fraction("0.3"),
        Fraction("0.35"),
    ]
    assert charts.nice_ticks(Fraction(5), Fraction(5)) == [Fraction(x, 4) for x in (18, 19, 20, 21, 22)]


def test_a_goal_chart_has_danish_labels_the_target_and_baseline_and_the_last_value():
    points = [(date(2024, 1, 1), Decimal("1200")), (date(2025, 1, 1), Decimal("1850.5"))]
    chart = charts.line_chart(points, target=Decimal("2500"), baseline=Decimal("1000"), language="da")
    labels = [t.label for t in chart.value_ticks]
    assert labels[0] == "1.000" and labels[-1] == "2.500"
    assert chart.last.value == "1.850,5"
    assert chart.target.value == "2.500" and chart.baseline.value == "1.000"
    assert chart.target.y < chart.last.y < chart.baseline.y  # the target is drawn above, the baseline below
    assert [t.label for t in chart.time_ticks] == ["1.1.2024", "1.1.2025"]
    assert chart.path.startswith(f"M {chart.left} ")


def test_english_labels_and_a_single_point():
    chart = charts.line_chart([(date(2025, 3, 1), Decimal("0.5"))], language="en")
    assert chart.last.value == "0.5" and chart.path == "" and len(chart.dots) == 1
    assert [t.anchor for t in chart.time_ticks] == ["middle"]


def test_a_fixed_scale_keeps_a_small_change_small():
    points = [(date(2023, 1, 1), Decimal("3.9")), (date(2024, 1, 1), Decimal("4.0"))]
    free = charts.line_chart(points, language="da")
    fixed = charts.line_chart(points, minimum=Decimal(1), maximum=Decimal(5), language="da")
    assert [t.label for t in fixed.value_ticks] == ["1", "2", "3", "4", "5"]
    assert free.value_ticks[0].label == "3,9"  # without the scale the axis hugs the data
    (_x1, y1), (_x2, y2) = fixed.dots
    assert 0 < y1 - y2 < (fixed.bottom - fixed.top) / 10 < (free.dots[0][1] - free.dots[1][1])


def test_no_points_no_chart():
    assert charts.line_chart([], target=Decimal(1)) is None
    assert charts.bar_chart([]) is None


def test_bars_put_each_label_above_its_bar_and_shorten_long_labels():
    rows = [("Kort", 5, "5,0"), ("Et meget langt udsagn " * 5, 3, "3,0"), ("Nul", 1, "1,0")]
    chart = charts.bar_chart(rows, minimum=1, maximum=5)
    first, long, zero = chart.bars
    assert first.width > long.width > zero.width == 0
    assert first.label_y < first.y  # the label stands above the bar
    assert long.label.endswith("…") and long.full_label.startswith("Et meget langt")
    assert chart.font_size * 358 / chart.width >= 12  # readable when narrowed to a phone's column


# --- Properties -------------------------------------------------------------------------------------------


@given(st.fractions(min_value=-(10**6), max_value=10**6), st.fractions(min_value=-(10**6), max_value=10**6))
def test_property_ticks_are_ordered_evenly_spaced_and_cover_the_range(a, b):
    ticks = charts.nice_ticks(a, b)
    assert 2 <= len(ticks) <= 12
    assert ticks == sorted(ticks)
    assert ticks[0] <= min(a, b) and ticks[-1] >= max(a, b)
    steps = {ticks[i + 1] - ticks[i] for i in range(len(ticks) - 1)}
    assert len(steps) == 1 and steps.pop() > 0


@given(series, optional, optional, optional, optional)
def test_property_a_line_chart_stays_inside_its_box(raw, target, baseline, minimum, maximum):
    chart = charts.line_chart(
        as_points(raw), target=target, baseline=baseline, minimum=minimum, maximum=maximum, language="da"
    )
    inside_x = lambda x: 0 <= x <= chart.width  # noqa: E731
    inside_y = lambda y: 0 <= y <= chart.height  # noqa: E731
    assert 0 < chart.left < chart.right <= chart.width and 0 < chart.top < chart.bottom < chart.height
    for x, y in chart.dots + tuple(path_coordinates(chart.path)):
        assert chart.left <= x <= chart.right and chart.top <= y <= chart.bottom
    for tick in chart.value_ticks:
        assert chart.top <= tick.position <= chart.bottom
    for tick in chart.time_ticks:
        assert chart.left <= tick.position <= chart.right
    for line in (chart.target, chart.baseline):
        if line is not None:
            assert chart.top <= line.y <= chart.bottom and inside_y(line.label_y)
    assert inside_x(chart.last.label_x) and inside_y(chart.last.label_y)
    assert (chart.last.x, chart.last.y) == chart.dots[-1]


@given(series)
def test_property_higher_values_are_drawn_higher_up_and_later_dates_further_right(raw):
    points = as_points(raw)
    chart = charts.line_chart(points, language="da")
    ordered = sorted(points, key=lambda p: p[0])
    for (day_a, value_a), (xa, ya) in zip(ordered, chart.dots, strict=True):
        for (day_b, value_b), (xb, yb) in zip(ordered, chart.dots, strict=True):
            if value_a > value_b:
                assert ya <= yb
            if day_a < day_b:
                assert xa <= xb
    positions = [t.position for t in chart.value_ticks]
    assert positions == sorted(positions, reverse=True)  # the axis rises from the bottom


@given(
    st.lists(
        st.tuples(st.text(min_size=1, max_size=120), st.decimals(min_value=0, max_value=1000, places=1)),
        min_size=1,
        max_size=20,
    )
)
def test_property_bars_stay_inside_their_box_and_grow_with_the_value(raw):
    rows = [(label, value, str(value)) for label, value in raw]
    chart = charts.bar_chart(rows)
    for bar in chart.bars:
        assert 0 <= bar.width <= chart.width and bar.value_x <= chart.width
        assert 0 <= bar.label_y <= bar.y and bar.y + chart.bar_height <= chart.height
        assert len(bar.label) <= len(bar.full_label.strip()) or bar.label.endswith("…")
    by_value = sorted(zip((v for _l, v in raw), chart.bars, strict=True), key=lambda pair: pair[0])
    widths = [bar.width for _v, bar in by_value]
    assert widths == sorted(widths)
