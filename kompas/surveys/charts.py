"""Geometry for the server-rendered SVG charts (numbers only; the templates draw them, with tables beside)."""

from collections.abc import Iterable
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


PALETTE = ["#1a1a1a", "#0059b3", "#008139", "#b35900", "#6b2f8f", "#a10000"]


def lines(series: list[dict[str, Any]]) -> dict[str, Any]:
    """One line per index across waves (indices only, so the chart stays readable)."""
    picked = [s for s in series if s["row"].kind == "index"]
    if not picked:
        return {"lines": []}
    waves = [p["wave"] for p in picked[0]["points"]]
    width, height, left, top, plot_w, plot_h = 640, 260, 50, 20, 520, 200
    step = plot_w / max(len(waves) - 1, 1)

    def y_of(mean: float) -> float:
        return round(top + plot_h - (mean - 1) / 4 * plot_h, 1)

    out = []
    for n, entry in enumerate(picked):
        coords = []
        for i, point in enumerate(entry["points"]):
            if not point["cell"].suppressed:
                coords.append((round(left + i * step, 1), y_of(point["cell"].mean)))
        out.append(
            {
                "label": entry["row"].label,
                "colour": PALETTE[n % len(PALETTE)],
                "points": " ".join(f"{x},{y}" for x, y in coords),
                "dots": coords,
            }
        )
    return {
        "lines": out,
        "width": width,
        "height": height + 30,
        "axis": [{"x": round(left + i * step, 1), "label": w.year} for i, w in enumerate(waves)],
        "grid": [{"y": y_of(v), "label": v} for v in (1, 2, 3, 4, 5)],
        "left": left,
        "right": left + plot_w,
        "base": top + plot_h,
    }
