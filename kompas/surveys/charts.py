"""Geometry for the server-rendered SVG charts (numbers only; the templates draw them, with tables beside)."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from functools import partial
from typing import TYPE_CHECKING, Any, cast

from kompas.core import charts, formats

if TYPE_CHECKING:
    from .selectors import ItemResult


def bars(results: Iterable["ItemResult"]) -> charts.BarChart | None:
    """Horizontal bars of shown totals, each on its item's own scale (1 … points); drawn by the shared chart
    geometry (kompas/core/charts.py, ADR 0021) so the labels stay readable on a phone."""
    rows = []
    for result in results:
        points = result.row.points or 5
        # shown totals only (``selectors.ranking``), which have a mean
        share = (cast(float, result.total.mean) - 1) / (points - 1) if points > 1 else 0
        rows.append((result.row.label, max(share, 0), formats.number(result.total.mean, decimals=1)))
    return charts.bar_chart(rows, minimum=0, maximum=1)


# The waves stand evenly spaced along the time axis, as in the table (one column per wave), and are named by
# their year: wave number n is drawn at day n after this date, and the axis writes that day as the wave's year.
_FIRST_WAVE = date(2000, 1, 1)


@dataclass(frozen=True)
class TrendChart:
    """One index across the waves: the shared line chart (ADR 0021) and the words a screen reader needs."""

    label: str
    chart: charts.LineChart
    latest: str  # the last shown mean, as written
    latest_year: int


def _year_of(years: dict[date, int], day: date) -> str:
    return str(years[day])


def lines(series: list[dict[str, Any]]) -> list[TrendChart]:
    """One chart per index across waves (indices only, one line each, so every chart stays readable).

    The value axis is the answer scale (1 … 5) whatever the means are, so a small change looks small; a
    wave where the index is hidden (too few answers) has no point, as in the table."""
    out = []
    for entry in series:
        row = entry["row"]
        if row.kind != "index":
            continue
        years: dict[date, int] = {}
        points = []
        for position, point in enumerate(entry["points"]):
            cell = point["cell"]
            if cell.suppressed or cell.mean is None:
                continue
            day = _FIRST_WAVE + timedelta(days=position)
            years[day] = point["wave"].year
            points.append((day, Decimal(str(cell.mean)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)))
        chart = charts.line_chart(
            points, minimum=Decimal(1), maximum=Decimal(row.points or 5), dates=partial(_year_of, years)
        )
        if chart is None:
            continue
        out.append(
            TrendChart(
                label=row.label,
                chart=chart,
                latest=formats.number(points[-1][1], decimals=2),
                latest_year=years[points[-1][0]],
            )
        )
    return out
