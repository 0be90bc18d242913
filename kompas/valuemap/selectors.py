"""Reads of the value map. Two sources with one shape: the live data (staff) and the published snapshot
(everyone). Every page runs a fixed number of queries, whatever the amount of data."""

import datetime as dt
import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING, Any, TypeVar

from django.core.cache import cache
from django.core.paginator import Page, Paginator
from django.db.models import Count, OuterRef, Prefetch, QuerySet, Subquery, prefetch_related_objects
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from kompas.citygoals.models import CityGoal
from kompas.collaborations import selectors as collaboration_selectors
from kompas.core import charts, formats, versioned, versions
from kompas.core import public_items as kinds
from kompas.core.choices import Visibility
from kompas.core.db_router import replica_reads
from kompas.core.public_items import PublicItem, PublicStory
from kompas.dialogues import selectors as dialogue_selectors
from kompas.fund import selectors as fund_selectors
from kompas.fund.models import EffectReport, Project
from kompas.goals.choices import GoalStatus
from kompas.goals.models import DataPoint, Evidence, FollowUp, Goal, Indicator
from kompas.goals.selectors import IndicatorView, indicator_view
from kompas.organisations.models import Department
from kompas.stoplist import selectors as stoplist_selectors
from kompas.trials import selectors as trial_selectors

from .models import Snapshot, SnapshotEvidence, SnapshotGoal, SnapshotIndicator, SnapshotItem, SnapshotState

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

_GoalT = TypeVar("_GoalT", bound=Goal)

# Each goal card carries a chart and a table per indicator: ten cards a page keep a city goal's page readable
# (at Aarhus scale twenty made a 570 KB page of 100 charts).
GOALS_PER_PAGE = 10
STORIES = 6


@dataclass(frozen=True)
class IndicatorCard:
    key: int  # the indicator's id, as in the open data; it names the chart in the page
    name: str
    unit: str
    latest_value: Decimal | None
    latest_on: dt.date | None
    target: Decimal | None
    fraction: Decimal | None
    achieved: bool
    trend: str
    points: list[tuple[dt.date, Decimal]] = field(default_factory=list)
    baseline: Decimal | None = None
    chart: charts.LineChart | None = None  # the shared line chart (ADR 0021), drawn beside its table


@dataclass(frozen=True)
class GoalCard:
    key: int
    title: str
    url: str
    department: str
    unit: str
    status: str
    status_label: str
    status_reason: str
    is_internal: bool
    latest_follow_up_on: dt.date | None
    latest_learning: str
    indicators: list[IndicatorCard]
    latest_stop: str = ""  # what the latest follow-up said we stop doing


@dataclass(frozen=True)
class StoryCard:
    kind: str
    title: str
    text: str
    occurred_on: dt.date | None
    source: str
    goal_title: str
    goal_url: str


@dataclass(frozen=True)
class OverviewRow:
    city_goal: CityGoal
    total: int
    by_status: list[int]  # in the order of GoalStatus
    stories: int


@dataclass(frozen=True)
class Filters:
    department: int | None = None
    unit: int | None = None


def current_snapshot() -> Snapshot | None:
    return Snapshot.objects.filter(is_current=True, state=SnapshotState.READY).first()


STATE_TIMEOUT = 60 * 60


STATE_KEY = "kompas:valuemap:state"


def current_state(version: int | None = None) -> tuple[int, Snapshot | None, dict[int, CityGoal]]:
    """The content version, the current snapshot and the active city goals by primary key, the same for every
    reader: kept with the content version they were read under (a published snapshot and every change to a city
    goal are recorded, which bumps it), and read with the version in one cache round trip. The version is read
    before the data, so data read after a change is never kept as that of the version before it.

    Given the content version the request has already read (the page cache reads it first), the state is also
    kept in the process under it (``versioned.kept``): no cache round trip and nothing to unpickle. What is
    kept is only read: the view hands the city goal to its templates and keys."""
    if version is not None:
        return versioned.kept(version, STATE_KEY, _shared_state)
    return _shared_state()


def _shared_state() -> tuple[int, Snapshot | None, dict[int, CityGoal]]:
    version, found = versions.current_with("content", STATE_KEY)
    kept: tuple[int, Snapshot | None, dict[int, CityGoal]] | None = found.get(STATE_KEY)
    if kept is not None and kept[0] == version:
        return kept
    state = (
        version,
        current_snapshot(),
        {goal.pk: goal for goal in CityGoal.objects.filter(is_active=True)},
    )
    cache.set(STATE_KEY, state, STATE_TIMEOUT)
    return state


def _status_label(status: str) -> str:
    return str(GoalStatus(status).label) if status in GoalStatus.values else status


def _department_chart(rows: list[tuple[str, int]]) -> charts.BarChart | None:
    """Goals by department as the shared bars (ADR 0021); the bars start at zero."""
    return charts.bar_chart([(name, n, formats.number(n)) for name, n in rows], minimum=0)


# --- overview -----------------------------------------------------------------------------------------------


@replica_reads  # aggregate counts for everyone: a second of replication lag is harmless
def overview_live() -> dict[str, Any]:
    city_goals = list(CityGoal.objects.filter(is_active=True).order_by("order"))
    live = Goal.objects.filter(archived_at__isnull=True)
    status_rows = live.values("city_goals", "status").annotate(n=Count("id", distinct=True))
    story_rows = (
        Evidence.objects.filter(goal__archived_at__isnull=True)
        .values("goal__city_goals")
        .annotate(n=Count("id"))
    )
    department_rows = (
        live.values("owner_unit__department__name", "owner_unit__department__order")
        .annotate(n=Count("id"))
        .order_by("owner_unit__department__order")
    )
    return _overview(
        city_goals,
        [(r["city_goals"], r["status"], r["n"]) for r in status_rows],
        {r["goal__city_goals"]: r["n"] for r in story_rows},
        [(r["owner_unit__department__name"], r["n"]) for r in department_rows],
    )


@replica_reads
def overview_published(snapshot: Snapshot) -> dict[str, Any]:
    city_goals = list(CityGoal.objects.filter(is_active=True).order_by("order"))
    status_rows, stories, department_rows, counts = _published_counts(snapshot)
    overview = _overview(city_goals, status_rows, stories, department_rows)
    overview["kinds"] = [(kind, KIND_LABELS[kind]) for kind in kinds.KINDS]
    overview["item_rows"] = [
        (row.city_goal, [counts.get(row.city_goal.pk, {}).get(kind, 0) for kind in kinds.KINDS])
        for row in overview["rows"]
    ]
    overview["unlinked"] = [
        group for group in published_items(snapshot=snapshot, city_goal=None) if group.total
    ]
    return overview


PUBLISHED_COUNTS_SECONDS = 24 * 60 * 60


_PublishedCounts = tuple[
    list[tuple[int | None, str, int]], dict[int, int], list[tuple[str, int]], dict[int, dict[str, int]]
]


def _published_counts(snapshot: Snapshot) -> _PublishedCounts:
    """What the overview counts in a snapshot: goals per city goal and status, stories per city goal, goals per
    department and public items per city goal and kind. A published snapshot never changes (ADR 0007), so
    they are counted once per snapshot and kept in the shared cache: the overview built again after a write
    elsewhere (it is kept under the content version) reads them in one cache round trip."""
    key = f"kompas:valuemap:published-counts:1:{snapshot.pk}"
    found: _PublishedCounts | None = cache.get(key)
    if found is not None:
        return found
    goals = SnapshotGoal.objects.filter(snapshot=snapshot)
    status_rows = goals.values("city_goals", "status").annotate(n=Count("id", distinct=True))
    story_rows = (
        SnapshotEvidence.objects.filter(goal__snapshot=snapshot)
        .values("goal__city_goals")
        .annotate(n=Count("id"))
    )
    department_rows = goals.values("department_name").annotate(n=Count("id")).order_by("department_name")
    counted: _PublishedCounts = (
        [(r["city_goals"], r["status"], r["n"]) for r in status_rows],
        {r["goal__city_goals"]: r["n"] for r in story_rows},
        [(r["department_name"], r["n"]) for r in department_rows],
        published_item_counts(snapshot),
    )
    cache.set(key, counted, PUBLISHED_COUNTS_SECONDS)
    return counted


def _overview(
    city_goals: list[CityGoal],
    status_rows: list[tuple[int | None, str, int]],
    stories: dict[int, int],
    department_rows: list[tuple[str, int]],
) -> dict[str, Any]:
    by_city_goal: dict[int, dict[str, int]] = {}
    for city_goal_id, status, n in status_rows:
        if city_goal_id is not None:
            by_city_goal.setdefault(city_goal_id, {})[status] = n
    rows = [
        OverviewRow(
            city_goal=cg,
            total=sum(by_city_goal.get(cg.pk, {}).values()),
            by_status=[by_city_goal.get(cg.pk, {}).get(s, 0) for s in GoalStatus.values],
            stories=stories.get(cg.pk, 0),
        )
        for cg in city_goals
    ]
    return {
        "rows": rows,
        "statuses": GoalStatus.choices,
        "by_department": department_rows,
        "department_chart": _department_chart(department_rows),
    }


# --- one city goal ------------------------------------------------------------------------------------------


def citygoal_live(
    *, city_goal: CityGoal, filters: Filters, page_number: int | str | None, today: dt.date
) -> dict[str, Any]:
    latest = FollowUp.objects.filter(goal=OuterRef("pk")).order_by("-written_on", "-id")
    goals = (
        Goal.objects.filter(city_goals=city_goal, archived_at__isnull=True)
        .select_related("owner_unit__department")
        .annotate(
            latest_on=Subquery(latest.values("written_on")[:1]),
            latest_learning=Subquery(latest.values("learned")[:1]),
            latest_stop=Subquery(latest.values("will_stop")[:1]),
        )
        .order_by("-updated_at", "-id")
    )
    scoped = _filter_live(goals, filters)
    # The page carries a GoalToDraw per goal once its goals are read.
    page: Page[Any] = Paginator(scoped, GOALS_PER_PAGE).get_page(page_number)
    page.object_list = _live_goals(list(page.object_list), today=today)
    stories = (
        _filter_live_evidence(
            Evidence.objects.filter(goal__city_goals=city_goal, goal__archived_at__isnull=True), filters
        )
        .select_related("goal")
        .order_by("-occurred_on", "-id")[:STORIES]
    )
    departments = (
        _filter_live(goals, Filters(unit=filters.unit))
        .values("owner_unit__department__name", "owner_unit__department__order")
        .annotate(n=Count("id"))
        .order_by("owner_unit__department__order")
    )
    by_department = [(r["owner_unit__department__name"], r["n"]) for r in departments]
    return {
        "page": page,
        "stories": [
            StoryCard(
                kind=e.get_kind_display(),
                title=e.title,
                text=e.text,
                occurred_on=e.occurred_on,
                source=e.source,
                goal_title=e.goal.title,
                goal_url=reverse("goals:detail", args=[e.goal_id]),
            )
            for e in stories
        ],
        "by_department": by_department,
        "department_chart": _department_chart(by_department),
        # The live items, internal ones included; the published snapshot holds the public ones (ADR 0007).
        "collaborations": collaboration_selectors.for_city_goal(city_goal_id=city_goal.pk),
        "fund_projects": fund_selectors.for_city_goal(city_goal_id=city_goal.pk),
        "trials": trial_selectors.for_city_goal(city_goal_id=city_goal.pk),
    }


_INDICATOR_FIELDS = (
    "id",
    "goal_id",
    "name",
    "unit",
    "direction",
    "baseline",
    "baseline_date",
    "target",
    "target_date",
)


@dataclass(frozen=True)
class GoalToDraw:
    """A goal of a city goal's page as read: ``digest`` names everything its card shows, so a card drawn once is
    found again until one of them changes (``parts.goal_cards``); ``card()`` draws it (progress and charts).

    On the live page the digest covers the goal's texts, status and latest follow-up, each indicator and all its
    values, and the day, which the progress depends on. On the published page it is the snapshot's copy of the
    goal, which never changes once published (ADR 0007)."""

    digest: str
    card: Callable[[], GoalCard]


def _live_goals(goals: list[Any], *, today: dt.date) -> list[GoalToDraw]:  # Goals with latest_* annotated
    """The goals' indicators and values as plain rows (two queries), and per goal its digest and card."""
    indicators = list(
        Indicator.objects.filter(goal__in=goals).order_by("goal_id", "id").values_list(*_INDICATOR_FIELDS)
    )
    points: dict[int, list[tuple[dt.date, Decimal]]] = {row[0]: [] for row in indicators}
    if indicators:
        for indicator_id, on, value in (
            DataPoint.objects.filter(indicator_id__in=list(points))
            .order_by("indicator_id", "on")
            .values_list("indicator_id", "on", "value")
        ):
            points[indicator_id].append((on, value))
    by_goal: dict[int, list[tuple[Any, ...]]] = {}
    for row in indicators:
        by_goal.setdefault(row[1], []).append(row)

    def card(g: Any, rows: list[tuple[Any, ...]]) -> Callable[[], GoalCard]:
        def draw() -> GoalCard:
            cards = []
            for row in rows:
                indicator = Indicator(**dict(zip(_INDICATOR_FIELDS, row, strict=True)))
                values = [DataPoint(indicator_id=row[0], on=on, value=value) for on, value in points[row[0]]]
                cards.append(_card_from_view(indicator_view(indicator, values, today=today)))
            return GoalCard(
                key=g.pk,
                title=g.title,
                url=reverse("goals:detail", args=[g.pk]),
                department=g.owner_unit.department.name,
                unit=g.owner_unit.name,
                status=g.status,
                status_label=g.get_status_display(),
                status_reason=g.status_reason,
                is_internal=g.visibility == Visibility.INTERNAL,
                latest_follow_up_on=g.latest_on,
                latest_learning=g.latest_learning or "",
                indicators=cards,
                latest_stop=g.latest_stop or "",
            )

        return draw

    found = []
    for g in goals:
        rows = by_goal.get(g.pk, [])
        source = (
            g.pk,
            g.title,
            g.owner_unit.department.name,
            g.owner_unit.name,
            g.status,
            g.status_reason,
            g.visibility,
            g.latest_on,
            g.latest_learning,
            g.latest_stop,
            [(row, points[row[0]]) for row in rows],
            today,
        )
        found.append(GoalToDraw(digest=hashlib.sha256(repr(source).encode()).hexdigest(), card=card(g, rows)))
    return found


def _filter_live(goals: QuerySet[_GoalT], filters: Filters) -> QuerySet[_GoalT]:
    if filters.department:
        goals = goals.filter(owner_unit__department_id=filters.department)
    if filters.unit:
        goals = goals.filter(owner_unit_id=filters.unit)
    return goals


def _filter_live_evidence(evidence: QuerySet[Evidence], filters: Filters) -> QuerySet[Evidence]:
    if filters.department:
        evidence = evidence.filter(goal__owner_unit__department_id=filters.department)
    if filters.unit:
        evidence = evidence.filter(goal__owner_unit_id=filters.unit)
    return evidence


def _card_from_view(view: IndicatorView) -> IndicatorCard:
    latest = view.progress.latest
    return IndicatorCard(
        key=view.indicator.pk,
        name=view.indicator.name,
        unit=view.indicator.unit,
        latest_value=latest.value if latest else None,
        latest_on=latest.on if latest else None,
        target=view.indicator.target,
        fraction=view.progress.fraction,
        achieved=view.progress.achieved,
        trend=str(view.progress.trend),
        points=[(p.on, p.value) for p in view.points],
        baseline=view.indicator.baseline,
        chart=view.chart,
    )


def _card_from_snapshot(row: SnapshotIndicator) -> IndicatorCard:
    points = [(dt.date.fromisoformat(on), Decimal(value)) for on, value in row.points]
    return IndicatorCard(
        key=row.indicator_id,
        name=row.name,
        unit=row.unit,
        latest_value=row.latest_value,
        latest_on=row.latest_on,
        target=row.target,
        fraction=row.fraction,
        achieved=row.achieved,
        trend=row.trend,
        points=points,
        baseline=row.baseline,
        # Drawn from the copied numbers only: the published chart shows what the snapshot holds (ADR 0007).
        chart=charts.line_chart(points, target=row.target, baseline=row.baseline),
    )


def _published_card(g: SnapshotGoal) -> GoalCard:
    return GoalCard(
        key=g.goal_id,
        title=g.title,
        url=reverse("valuemap:goal", args=[g.goal_id]),
        department=g.department_name,
        unit=g.unit_name,
        status=g.status,
        status_label=_status_label(g.status),
        status_reason=g.status_reason,
        is_internal=False,
        latest_follow_up_on=g.latest_follow_up_on,
        latest_learning=g.latest_learning,
        indicators=[_card_from_snapshot(i) for i in g.indicators.all()],
        latest_stop=g.latest_stop,
    )


def _published_goals(goals: list[SnapshotGoal]) -> list[GoalToDraw]:
    """The snapshot's goals to draw: each named by its row in the snapshot, and drawn with the indicators of
    all of them read in one query the first time any card is drawn."""
    read: list[bool] = []

    def card(goal: SnapshotGoal) -> Callable[[], GoalCard]:
        def draw() -> GoalCard:
            if not read:
                prefetch_related_objects(goals, "indicators")
                read.append(True)
            return _published_card(goal)

        return draw

    return [GoalToDraw(digest=f"snapshot-goal:{goal.pk}", card=card(goal)) for goal in goals]


def citygoal_published(
    *, snapshot: Snapshot, city_goal: CityGoal, filters: Filters, page_number: int | str | None
) -> dict[str, Any]:
    goals = SnapshotGoal.objects.filter(snapshot=snapshot, city_goals=city_goal).order_by("title", "goal_id")
    scoped = goals
    if filters.department:
        scoped = scoped.filter(department_id=filters.department)
    if filters.unit:
        scoped = scoped.filter(unit_id=filters.unit)
    # The page carries a GoalToDraw per goal once its goals are read: a card drawn before for this snapshot is
    # found again, and the indicators (with every data point) are read only when a card is drawn.
    page: Page[Any] = Paginator(scoped, GOALS_PER_PAGE).get_page(page_number)
    page.object_list = _published_goals(list(page.object_list))
    stories = (
        SnapshotEvidence.objects.filter(goal__in=scoped)
        .select_related("goal")
        .order_by("-occurred_on", "-id")[:STORIES]
    )
    departments = (
        (goals.filter(unit_id=filters.unit) if filters.unit else goals)
        .values("department_name")
        .annotate(n=Count("id"))
        .order_by("department_name")
    )
    by_department = [(r["department_name"], r["n"]) for r in departments]
    return {
        "items": published_items(snapshot=snapshot, city_goal=city_goal),
        "page": page,
        "stories": [
            StoryCard(
                kind=e.kind,
                title=e.title,
                text=e.text,
                occurred_on=e.occurred_on,
                source=e.source,
                goal_title=e.goal.title,
                goal_url=reverse("valuemap:goal", args=[e.goal.goal_id]),
            )
            for e in stories
        ],
        "by_department": by_department,
        "department_chart": _department_chart(by_department),
    }


def published_goal(
    *, snapshot: Snapshot, goal_id: int
) -> tuple[SnapshotGoal, GoalCard, list[SnapshotEvidence]] | None:
    goal = (
        SnapshotGoal.objects.filter(snapshot=snapshot, goal_id=goal_id)
        .prefetch_related(
            "indicators",
            "city_goals",
            Prefetch("evidence", queryset=SnapshotEvidence.objects.order_by("-occurred_on")),
        )
        .first()
    )
    if goal is None:
        return None
    return goal, _published_card(goal), list(goal.evidence.all())


def published_goal_title(*, snapshot: Snapshot, goal_id: int) -> str | None:
    return (
        SnapshotGoal.objects.filter(snapshot=snapshot, goal_id=goal_id)
        .values_list("title", flat=True)
        .first()
    )


def departments() -> list[Department]:
    return list(Department.objects.order_by("order"))


# --- the other modules' public items (trials, collaborations, funded projects, dialogues, farewells) ---------

ITEMS_PER_KIND = 5

KIND_LABELS: dict[str, "StrOrPromise"] = {
    kinds.TRIAL: _("Trials"),
    kinds.COLLABORATION: _("Collaborations"),
    kinds.FUND_PROJECT: _("Funded projects"),
    kinds.DIALOGUE: _("Dialogue forums"),
    kinds.FAREWELL: _("Said goodbye to"),
}
KIND_INTROS: dict[str, "StrOrPromise"] = {
    kinds.TRIAL: _("New ideas tried at small scale, with what we saw and learned after each round."),
    kinds.COLLABORATION: _(
        "Collaborations with citizens, associations and businesses, and how the parties rate them together."
    ),
    kinds.FUND_PROJECT: _(
        "Projects of the development fund, with the money granted and the effects reported."
    ),
    kinds.DIALOGUE: _("Dialogues on a dilemma, and what we take with us."),
    kinds.FAREWELL: _("What we stopped or simplified to make room, and the hours it freed."),
}

# How each published figure is named and written: (label, "count" | "money" | "decimal" | "hours" | "text").
NUMBER_LABELS: dict[str, tuple["StrOrPromise", str]] = {
    "iterations": (_("Rounds tried and decided"), "count"),
    "saw_numbers": (_("What we saw in numbers"), "text"),
    "rounds": (_("Reflection rounds"), "count"),
    "partners": (_("Partners"), "count"),
    "mean_municipality": (_("Average rating by the municipality (1–5)"), "decimal"),
    "mean_partner": (_("Average rating by the partners (1–5)"), "decimal"),
    "mean_citizen": (_("Average rating by the citizens (1–5)"), "decimal"),
    "granted": (_("Granted"), "money"),
    "gain_expected": (_("Expected economic gain per year"), "money"),
    "gain_realised": (_("Economic gain realised so far"), "money"),
    "reports": (_("Effect reports"), "count"),
    "participants": (_("Participants"), "count"),
    "statements": (_("Statements"), "count"),
    "votes": (_("Votes"), "count"),
    "hours_per_year": (_("Hours it cost a year"), "hours"),
    "hours_freed": (_("Hours freed a year"), "hours"),
}

FUND_STATUS_LABELS = dict(Project._meta.get_field("status").flatchoices)
STATUS_LABELS: dict[str, dict[Any, Any]] = {
    kinds.TRIAL: trial_selectors.PUBLIC_STATUS_LABELS,
    kinds.COLLABORATION: collaboration_selectors.PUBLIC_STATUS_LABELS,
    kinds.FUND_PROJECT: FUND_STATUS_LABELS,
    kinds.DIALOGUE: dialogue_selectors.PUBLIC_STATUS_LABELS,
    kinds.FAREWELL: stoplist_selectors.PUBLIC_STATUS_LABELS,
}


@dataclass(frozen=True)
class ItemCard:
    kind: str
    title: str
    summary: str
    owner: str
    status: str
    status_label: str
    numbers: list[tuple[str, str]]  # (label, value as written)
    learned: str
    stopped: str
    stories: list[StoryCard]
    url: str
    updated_on: dt.date


@dataclass(frozen=True)
class ItemGroup:
    kind: str
    label: str
    intro: str
    cards: list[ItemCard]
    total: int


def fund_public_items() -> list[PublicItem]:
    """Every funded project with what its public page shows (a fund selector written here against the fund's
    models, as the fund module is being reshaped): the grant, the expected and realised gain, the latest effect
    report's experience and learning, and why it stopped, if it did."""
    latest = EffectReport.objects.order_by("project_id", "-period_end", "-id")
    projects = (
        Project.objects.select_related("lead_department", "application")
        .prefetch_related("application__city_goals")
        .annotate(report_count=Count("reports"))
        .order_by("pk")
    )
    reports: dict[int, EffectReport] = {}
    for each in latest.filter(project__in=projects):
        reports.setdefault(each.project_id, each)
    items = []
    for p in projects:
        application = p.application
        report = reports.get(p.pk)
        numbers = (
            [("granted", str(application.granted_amount))] if application.granted_amount is not None else []
        )
        if application.economic_gain_per_year is not None:
            numbers.append(("gain_expected", str(application.economic_gain_per_year)))
        numbers.append(("reports", str(p.report_count)))
        stories: tuple[PublicStory, ...] = ()
        if report is not None:
            numbers.append(("gain_realised", str(report.economic_gain_realised)))
            if report.effects_experience:
                stories = (
                    PublicStory(
                        title="",
                        text=report.effects_experience,
                        occurred_on=report.period_end,
                        source=p.lead_department.name,
                    ),
                )
        stopped = ""
        if p.status == "stopped":
            stopped = "\n\n".join(text for text in (p.stop_reason, p.stop_learning) if text)
        items.append(
            PublicItem(
                kind=kinds.FUND_PROJECT,
                source_id=p.pk,
                title=p.title,
                summary=application.summary,
                owner=p.lead_department.name,
                status=p.status,
                city_goal_ids=tuple(sorted(c.pk for c in application.city_goals.all())),
                updated_on=p.updated_at.date(),
                numbers=tuple(numbers),
                learned=report.learning if report is not None else "",
                stopped=stopped,
                stories=stories,
                url=p.get_absolute_url(),
            )
        )
    return items


def public_items() -> list[PublicItem]:
    """What every module marked public, for the snapshot (services.snapshot_build)."""
    return [
        *trial_selectors.public_items(),
        *collaboration_selectors.public_items(),
        *fund_public_items(),
        *dialogue_selectors.public_items(),
        *stoplist_selectors.public_items(),
    ]


def _number_text(key: str, value: str) -> tuple[str, str]:
    label, how = NUMBER_LABELS.get(key, (key, "text"))
    if how == "money":
        return str(label), formats.kroner(value)
    if how == "count":
        return str(label), formats.number(value)
    if how == "decimal":
        return str(label), formats.number(value, decimals=1)
    if how == "hours":
        return str(label), formats.number(value)
    return str(label), value


def _item_card(row: SnapshotItem) -> ItemCard:
    return ItemCard(
        kind=row.kind,
        title=row.title,
        summary=row.summary,
        owner=row.owner,
        status=row.status,
        status_label=str(STATUS_LABELS.get(row.kind, {}).get(row.status, row.status)),
        numbers=[_number_text(key, value) for key, value in row.numbers],
        learned=row.learned,
        stopped=row.stopped,
        stories=[
            StoryCard(
                kind="",
                title=story["title"],
                text=story["text"],
                occurred_on=dt.date.fromisoformat(story["occurred_on"]) if story["occurred_on"] else None,
                source=story["source"],
                goal_title="",
                goal_url="",
            )
            for story in row.stories
        ],
        url=row.url,
        updated_on=row.updated_on,
    )


def published_items(*, snapshot: Snapshot, city_goal: CityGoal | None) -> list[ItemGroup]:
    """The newest items of each kind for a city goal (or, with None, those tied to no city goal), and how many
    there are of each. A fixed number of queries: one count, one read per kind."""
    items = SnapshotItem.objects.filter(snapshot=snapshot)
    items = items.filter(city_goals=city_goal) if city_goal else items.filter(city_goals__isnull=True)
    totals = dict(items.values_list("kind").annotate(n=Count("id")).values_list("kind", "n"))
    groups = []
    for kind in kinds.KINDS:
        total = totals.get(kind, 0)
        cards = (
            [
                _item_card(row)
                for row in items.filter(kind=kind).order_by("-updated_on", "-id")[:ITEMS_PER_KIND]
            ]
            if total
            else []
        )
        groups.append(
            ItemGroup(
                kind=kind,
                label=str(KIND_LABELS[kind]),
                intro=str(KIND_INTROS[kind]),
                cards=cards,
                total=total,
            )
        )
    return groups


def published_item_counts(snapshot: Snapshot) -> dict[int, dict[str, int]]:
    """Per city goal: how many public items of each kind the snapshot holds. One query."""
    rows = (
        SnapshotItem.objects.filter(snapshot=snapshot, city_goals__isnull=False)
        .values_list("city_goals", "kind")
        .annotate(n=Count("id"))
        .values_list("city_goals", "kind", "n")
    )
    counts: dict[int, dict[str, int]] = {}
    for city_goal_id, kind, n in rows:
        counts.setdefault(city_goal_id, {})[kind] = n
    return counts
