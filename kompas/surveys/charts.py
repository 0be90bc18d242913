"""Geometry for the server-rendered SVG charts (numbers only; the templates draw them, with tables beside)."""

LABEL_WIDTH = 360
BAR_AREA = 300
BAR_HEIGHT = 18
ROW_HEIGHT = 28


def bars(results) -> dict:
    """Horizontal bars of shown totals on the item's own scale (1 … points)."""
    out = []
    for i, result in enumerate(results):
        points = result.row.points or 5
        share = (result.total.mean - 1) / (points - 1) if points > 1 else 0
        out.append(
            {
                "label": result.row.label,
                "value": f"{result.total.mean:.1f}".replace(".", ","),
                "points": points,
                "width": round(max(share, 0) * BAR_AREA, 1),
                "y": i * ROW_HEIGHT + 4,
                "label_y": i * ROW_HEIGHT + 18,
            }
        )
    return {
        "bars": out,
        "width": LABEL_WIDTH + BAR_AREA + 50,
        "height": max(len(out) * ROW_HEIGHT + 8, 30),
        "label_width": LABEL_WIDTH,
        "bar_height": BAR_HEIGHT,
    }


PALETTE = ["#1a1a1a", "#0059b3", "#008139", "#b35900", "#6b2f8f", "#a10000"]


def lines(series) -> dict:
    """One line per index across waves (indices only, so the chart stays readable)."""
    picked = [s for s in series if s["row"].kind == "index"]
    if not picked:
        return {"lines": []}
    waves = [p["wave"] for p in picked[0]["points"]]
    width, height, left, top, plot_w, plot_h = 640, 260, 50, 20, 520, 200
    step = plot_w / max(len(waves) - 1, 1)

    def y_of(mean):
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
