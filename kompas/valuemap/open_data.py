"""Open data: the published value map as CSV and JSON tables. Only the current snapshot is ever read.

The CSV is written by ``kompas.core.csv_export`` (formula-safe, a BOM and ``;``), so values are passed with their
types: numbers as ``Decimal``, never as text.
"""

from decimal import Decimal

from .models import Snapshot, SnapshotGoal, SnapshotIndicator, SnapshotItem

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
        [i.indicator_id, on, Decimal(value)]
        for i in indicators.iterator(chunk_size=1000)
        for on, value in i.points
    )
    return columns, rows


def items_table(snapshot: Snapshot):
    """The other modules' public items: trials, collaborations, funded projects, dialogues, farewells."""
    columns = [
        "kind",
        "id",
        "title",
        "summary",
        "owner",
        "status",
        "city_goals",
        "updated_on",
        "learned",
        "stopped",
    ]
    items = (
        SnapshotItem.objects.filter(snapshot=snapshot)
        .prefetch_related("city_goals")
        .order_by("kind", "source_id")
    )
    rows = (
        [
            i.kind,
            i.source_id,
            i.title,
            i.summary,
            i.owner,
            i.status,
            "; ".join(c.title for c in i.city_goals.all()),
            i.updated_on,
            i.learned,
            i.stopped,
        ]
        for i in items.iterator(chunk_size=500)
    )
    return columns, rows


DATASETS = {
    "goals": goals_table,
    "indicators": indicators_table,
    "data-points": data_points_table,
    "items": items_table,
}
