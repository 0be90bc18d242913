"""The trend page draws each index across the waves with the shared line chart (ADR 0021)."""

import re
from decimal import Decimal

import pytest
from django.urls import reverse

from kompas.core import formats
from kompas.surveys import charts, selectors

from . import factories


@pytest.fixture
def two_waves(db):
    unit = factories.unit("Diagramenheden")
    pop = factories.population([(unit, "employee", 12)])
    # Half answer 3 and half 4 in 2024 (mean 3,5); everybody answers 4 in 2025.
    first = factories.closed_wave(pop, year=2024, value=lambda p, i: 3 if p.pk % 2 else 4)
    factories.closed_wave(pop, year=2025, inst=first.instrument, value=lambda p, i: 4)
    return first.instrument.name


def test_one_chart_per_index_on_the_answer_scale(two_waves):
    found = charts.lines(selectors.trend(two_waves))
    assert found, "the default instrument has indices"
    for trend in found:
        ticks = [t.label for t in trend.chart.value_ticks]
        assert ticks[0] == "1" and ticks[-1] == "5"  # the scale, not the data's narrow range
        assert [t.label for t in trend.chart.time_ticks] == ["2024", "2025"]
        assert trend.latest_year == 2025 and trend.chart.target is None
        low, high = (y for _x, y in trend.chart.dots)
        assert high < low  # 4 is drawn above 3,5


def test_a_hidden_wave_has_no_point():
    class Cell:
        def __init__(self, mean, suppressed=False):
            self.mean, self.suppressed = mean, suppressed

    class Wave:
        def __init__(self, year):
            self.year = year

    class Row:
        kind, label, points = "index", "Værdiskabelse", 5

    series = [
        {
            "row": Row(),
            "points": [
                {"wave": Wave(2023), "cell": Cell(3.25)},
                {"wave": Wave(2024), "cell": Cell(None, suppressed=True)},
                {"wave": Wave(2025), "cell": Cell(4.0)},
            ],
        }
    ]
    (trend,) = charts.lines(series)
    assert len(trend.chart.dots) == 2 and trend.latest == formats.number(Decimal("4"), decimals=2)
    assert [t.label for t in trend.chart.time_ticks] == ["2023", "2025"]
    # Evenly spaced waves: the hidden middle wave keeps its place, so the two points are the axis' ends.
    assert trend.chart.dots[0][0] == trend.chart.left and trend.chart.dots[1][0] == trend.chart.right
    hidden_only = [{**series[0], "points": [series[0]["points"][1]]}]
    assert charts.lines(hidden_only) == []


def test_the_trend_page_shows_named_charts_with_danish_numbers(two_waves, client_for):
    body = client_for("leader").get(reverse("surveys:trends")).content.decode()
    svgs = re.findall(r"<svg\b[^>]*>.*?</svg>", body, flags=re.S)
    trend_svgs = [svg for svg in svgs if 'id="trend-1-title"' in svg]
    assert len(trend_svgs) == 1
    svg = trend_svgs[0]
    opening = svg[: svg.index(">") + 1]
    assert 'role="img"' in opening and 'aria-labelledby="trend-1-title trend-1-desc"' in opening
    title = re.search(r'<title id="trend-1-title">([^<]+)</title>', svg).group(1)
    assert "(1–5)" in title
    desc = re.search(r'<desc id="trend-1-desc">([^<]+)</desc>', svg).group(1)
    assert "2025" in desc and "tabellen" in desc
    labels = [t.strip() for t in re.findall(r"<text\b[^>]*>([^<]*)</text>", svg)]
    assert {"1", "2", "3", "4", "5", "2024", "2025"} <= set(labels)
    assert "polyline" not in body  # no hand-drawn chart is left on the page
    # A 2024 mean of 3,5 is written the Danish way in the table beside the chart.
    assert "3,50" in body
