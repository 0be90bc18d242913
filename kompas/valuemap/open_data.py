"""Open data: the published value map as CSV and JSON tables. Only the current snapshot is ever read."""

import io

from .models import Snapshot, SnapshotGoal, SnapshotIndicator

LICENCE = "CC BY 4.0 – Aarhus Kommune / Kompas"


def goals_table(snapshot: Snapshot):
    columns = [
        "goal_id",
        "title",
        "value_statement",
        "beneficiaries",
        "department",
        "unit",
        "status",
        "status_reason",
        "period_start",
        "period_end",
        "city_goals",
        "latest_follow_up_on",
    ]
    goals = SnapshotGoal.objects.filter(snapshot=snapshot).prefetch_related("city_goals").order_by("goal_id")
    rows = (
        [
            g.goal_id,
            g.title,
            g.value_statement,
            g.beneficiaries,
            g.department_name,
            g.unit_name,
            g.status,
            g.status_reason,
            g.period_start,
            g.period_end,
            "; ".join(c.title for c in g.city_goals.all()),
            g.latest_follow_up_on,
        ]
        for g in goals.iterator(chunk_size=500)
    )
    return columns, rows


def indicators_table(snapshot: Snapshot):
    columns = [
        "indicator_id",
        "goal_id",
        "name",
        "unit",
        "direction",
        "baseline",
        "target",
        "target_date",
        "latest_value",
        "latest_on",
        "progress",
        "trend",
    ]
    indicators = (
        SnapshotIndicator.objects.filter(goal__snapshot=snapshot)
        .select_related("goal")
        .order_by("indicator_id")
    )
    rows = (
        [
            i.indicator_id,
            i.goal.goal_id,
            i.name,
            i.unit,
            i.direction,
            i.baseline,
            i.target,
            i.target_date,
            i.latest_value,
            i.latest_on,
            i.fraction,
            i.trend,
        ]
        for i in indicators.iterator(chunk_size=1000)
    )
    return columns, rows


def data_points_table(snapshot: Snapshot):
    columns = ["indicator_id", "date", "value"]
    indicators = (
        SnapshotIndicator.objects.filter(goal__snapshot=snapshot)
        .only("indicator_id", "points")
        .order_by("indicator_id")
    )
    rows = (
        [i.indicator_id, on, value] for i in indicators.iterator(chunk_size=1000) for on, value in i.points
    )
    return columns, rows


DATASETS = {"goals": goals_table, "indicators": indicators_table, "data-points": data_points_table}


def csv_lines(columns, rows, *, writer):
    buffer = io.StringIO()
    out = writer(buffer, delimiter=";")
    out.writerow(columns)
    yield "\ufeff" + buffer.getvalue()  # a BOM so spreadsheet programs read æ, ø and å right
    for row in rows:
        buffer.seek(0)
        buffer.truncate()
        out.writerow(["" if v is None else v for v in row])
        yield buffer.getvalue()
