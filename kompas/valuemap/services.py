"""Publishing the value map: a snapshot of what may be public, built in the background."""

import datetime as dt
from typing import TYPE_CHECKING, TypedDict

from django.db import transaction
from django.db.models import OuterRef, Prefetch, Q, QuerySet, Subquery
from django.utils import timezone

from kompas import activity
from kompas.core import search_index
from kompas.core.choices import Visibility
from kompas.core.public_items import PublicItem
from kompas.goals.models import DataPoint, Evidence, FollowUp, Goal, Indicator
from kompas.goals.selectors import indicator_view

from . import selectors, verbs
from .models import Snapshot, SnapshotEvidence, SnapshotGoal, SnapshotIndicator, SnapshotItem, SnapshotState

if TYPE_CHECKING:
    from django_stubs_ext import WithAnnotations

    from kompas.accounts.models import User

BATCH = 200
# A citizen's own words only with the citizen's consent.
PUBLIC_EVIDENCE = Q(is_citizen_voice=False) | Q(consent_public=True)


class _LatestFollowUp(TypedDict):
    """What ``snapshot_build`` annotates on each goal: its latest follow-up."""

    latest_on: dt.date | None
    latest_learning: str | None
    latest_change: str | None
    latest_stop: str | None


def snapshot_request(*, actor: "User", note: str) -> Snapshot:
    """Start publishing: the snapshot is built by a background task once this transaction commits."""
    from .tasks import build_snapshot

    with transaction.atomic():
        snapshot = Snapshot.objects.create(published_by=actor, note=note, state=SnapshotState.BUILDING)
        activity.record(actor=actor, verb=verbs.PUBLISH_REQUESTED, target=snapshot)
        transaction.on_commit(lambda: build_snapshot.delay(snapshot.pk))
    return snapshot


def publishable_goals() -> QuerySet[Goal]:
    """Goals the public may see: public and not archived."""
    return Goal.objects.filter(visibility=Visibility.PUBLIC, archived_at__isnull=True)


def snapshot_build(*, snapshot_id: int) -> Snapshot:
    """Copy what may be public into the snapshot and make it the current one.

    Idempotent: the task may run twice (a worker lost mid-task; see CELERY_TASK_ACKS_LATE in the settings): a
    snapshot that is already built is returned as it is, and the row lock keeps two runs from both copying.
    """
    snapshot = Snapshot.objects.get(pk=snapshot_id)
    if snapshot.state == SnapshotState.READY:
        return snapshot
    today = timezone.localdate()
    latest = FollowUp.objects.filter(goal=OuterRef("pk")).order_by("-written_on", "-id")
    goals = (
        publishable_goals()
        .select_related("owner_unit__department")
        .prefetch_related("city_goals", "co_creators_partners")
        .annotate(
            latest_on=Subquery(latest.values("written_on")[:1]),
            latest_learning=Subquery(latest.values("learned")[:1]),
            latest_change=Subquery(latest.values("will_change")[:1]),
            latest_stop=Subquery(latest.values("will_stop")[:1]),
        )
        .order_by("pk")
    )
    counts = {"goals": 0, "indicators": 0, "data_points": 0, "experiences": 0, "items": 0}
    try:
        with transaction.atomic():
            snapshot = Snapshot.objects.select_for_update().get(pk=snapshot_id)
            if snapshot.state == SnapshotState.READY:
                return snapshot  # another run built it while this one waited for the lock
            ids = list(goals.values_list("pk", flat=True))
            for start in range(0, len(ids), BATCH):
                _copy_batch(snapshot, list(goals.filter(pk__in=ids[start : start + BATCH])), today, counts)
            counts["items"] = _copy_items(snapshot, selectors.public_items())
            # The copies are what the public finds in the site search (valuemap/search.py).
            search_index.refresh_rows(SnapshotGoal.objects.filter(snapshot=snapshot))
            Snapshot.objects.filter(is_current=True).update(is_current=False)
            snapshot.state, snapshot.is_current, snapshot.published_at = (
                SnapshotState.READY,
                True,
                timezone.now(),
            )
            snapshot.counts = counts
            snapshot.save()
            activity.record(
                actor=snapshot.published_by,
                verb=verbs.PUBLISHED,
                target=snapshot,
                changes={"goals": [None, counts["goals"]]},
            )
    except Exception:
        Snapshot.objects.filter(pk=snapshot.pk).update(state=SnapshotState.FAILED)
        raise
    return snapshot


def _copy_batch(
    snapshot: Snapshot,
    goals: "list[WithAnnotations[Goal, _LatestFollowUp]]",
    today: dt.date,
    counts: dict[str, int],
) -> None:
    rows = [
        SnapshotGoal(
            snapshot=snapshot,
            goal_id=g.pk,
            title=g.title,
            value_statement=g.value_statement,
            beneficiaries=g.beneficiaries,
            department_id=g.owner_unit.department_id,
            department_name=g.owner_unit.department.name,
            unit_id=g.owner_unit_id,
            unit_name=g.owner_unit.name,
            co_creators=", ".join(
                [p.name for p in g.co_creators_partners.all()]
                + ([g.co_creators_citizens] if g.co_creators_citizens else [])
            ),
            status=g.status,
            status_reason=g.status_reason,
            period_start=g.period_start,
            period_end=g.period_end,
            latest_follow_up_on=g.latest_on,
            latest_learning=g.latest_learning or "",
            latest_change=g.latest_change or "",
            latest_stop=g.latest_stop or "",
            updated_at=g.updated_at,
        )
        for g in goals
    ]
    SnapshotGoal.objects.bulk_create(rows)
    copied = {
        row.goal_id: row
        for row in SnapshotGoal.objects.filter(snapshot=snapshot, goal_id__in=[g.pk for g in goals])
    }
    through = SnapshotGoal.city_goals.through
    through.objects.bulk_create(
        [
            through(snapshotgoal_id=copied[g.pk].pk, citygoal_id=cg.pk)
            for g in goals
            for cg in g.city_goals.all()
        ]
    )
    indicators = Indicator.objects.filter(goal__in=goals).prefetch_related(
        Prefetch("data_points", queryset=DataPoint.objects.order_by("on"))
    )
    indicator_rows = []
    for indicator in indicators:
        points = list(indicator.data_points.all())
        view = indicator_view(indicator, points, today=today)
        latest = view.progress.latest
        indicator_rows.append(
            SnapshotIndicator(
                goal=copied[indicator.goal_id],
                indicator_id=indicator.pk,
                name=indicator.name,
                unit=indicator.unit,
                direction=indicator.direction,
                baseline=indicator.baseline,
                target=indicator.target,
                target_date=indicator.target_date,
                points=[[p.on.isoformat(), str(p.value)] for p in points],
                latest_value=latest.value if latest else None,
                latest_on=latest.on if latest else None,
                fraction=view.progress.fraction,
                achieved=view.progress.achieved,
                trend=str(view.progress.trend),
            )
        )
        counts["data_points"] += len(points)
    SnapshotIndicator.objects.bulk_create(indicator_rows)
    evidence = [
        SnapshotEvidence(
            goal=copied[e.goal_id],
            kind=e.kind,
            title=e.title,
            text=e.text,
            occurred_on=e.occurred_on,
            source=e.source,
        )
        for e in Evidence.objects.filter(goal__in=goals).filter(PUBLIC_EVIDENCE).order_by("pk")
    ]
    SnapshotEvidence.objects.bulk_create(evidence, batch_size=2000)
    counts["goals"] += len(rows)
    counts["indicators"] += len(indicator_rows)
    counts["experiences"] += len(evidence)


def _copy_items(snapshot: Snapshot, items: list[PublicItem]) -> int:
    """Copy the modules' public items (trials, collaborations, funded projects, dialogues, farewells)."""
    SnapshotItem.objects.bulk_create(
        [
            SnapshotItem(
                snapshot=snapshot,
                kind=item.kind,
                source_id=item.source_id,
                title=item.title,
                summary=item.summary,
                owner=item.owner,
                status=item.status,
                numbers=[list(pair) for pair in item.numbers],
                learned=item.learned,
                stopped=item.stopped,
                stories=[
                    {
                        "title": story.title,
                        "text": story.text,
                        "occurred_on": story.occurred_on.isoformat() if story.occurred_on else None,
                        "source": story.source,
                    }
                    for story in item.stories
                ],
                url=item.url,
                updated_on=item.updated_on,
            )
            for item in items
        ],
        batch_size=1000,
    )
    copied = {
        (kind, source_id): pk
        for pk, kind, source_id in SnapshotItem.objects.filter(snapshot=snapshot).values_list(
            "pk", "kind", "source_id"
        )
    }
    through = SnapshotItem.city_goals.through
    through.objects.bulk_create(
        [
            through(snapshotitem_id=copied[(item.kind, item.source_id)], citygoal_id=city_goal_id)
            for item in items
            for city_goal_id in item.city_goal_ids
        ],
        batch_size=5000,
    )
    return len(items)
