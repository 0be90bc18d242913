"""The public rooms' reads: the fund, its rounds (with the time from deadline to answer) and the funded projects."""

import bisect
import datetime as dt
import statistics
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.cache import cache
from django.db.models import (
    Count,
    QuerySet,
)
from django.http import Http404
from django.utils import timezone

from kompas.core import versioned

from ..choices import ApplicationStatus
from ..models import (
    Application,
    Fund,
    Project,
    Round,
)


def current_fund() -> Fund | None:
    return Fund.objects.filter(is_active=True).order_by("pk").first()


def round_phase(*, version: int) -> int:
    """How many of the rounds' opening and closing times have passed: it changes exactly when a round opens or
    closes. The times are read once per content version (every change to a round bumps it), kept in the process
    under it and shared by the processes through the cache."""
    times = versioned.kept(version, "fund:round-times", lambda: _round_times(version))
    return bisect.bisect_right(times, timezone.now().timestamp())


def _round_times(version: int) -> list[float]:
    key = f"kompas:fund:round-times:{version}"
    times: list[float] | None = cache.get(key)
    if times is None:
        times = sorted(
            moment.timestamp()
            for opens, closes in Round.objects.values_list("opens_at", "closes_at")
            for moment in (opens, closes)
            if moment is not None
        )
        cache.set(key, times, 60 * 60)
    return times


def fund_overview(fund: Fund) -> dict[str, Any]:
    rounds = list(fund.rounds.select_related("pool").order_by("-opens_at"))
    days = answer_days_by_round([r.pk for r in rounds])
    for r in rounds:
        r.answer_days, r.answered = days.get(r.pk, (None, 0))  # type: ignore[attr-defined]
    return {
        "fund": fund,
        "pools": list(fund.pools.select_related("holder")),
        "themes": list(fund.themes.filter(is_active=True)),
        "criteria": list(fund.criteria.filter(is_active=True)),
        "rounds": rounds,
    }


def answer_days_by_round(round_ids: Iterable[int]) -> dict[int, tuple[int | None, int]]:
    """Per round: the median number of days from the deadline to the answer, and how many answers it is
    counted on (seed 004 §6: "kort tid fra ansøgningsfrist til svar"). The answer is the decision – for a
    case that went to the city council, the council's decision. One query."""
    found: dict[int, list[int]] = defaultdict(list)
    for round_id, closes, decided, council in Application.objects.filter(
        round_id__in=list(round_ids),
        status__in=(
            ApplicationStatus.GRANTED,
            ApplicationStatus.REJECTED,
            ApplicationStatus.SCREENED_OUT,
        ),
    ).values_list("round_id", "round__closes_at", "decided_at", "council_recorded_at"):
        answered = council or decided
        if answered is None:
            continue
        found[round_id].append(max(0, (timezone.localdate(answered) - timezone.localdate(closes)).days))
    return {
        round_id: (int(statistics.median_low(values)), len(values))
        for round_id, values in found.items()
        if values
    }


def public_projects() -> QuerySet[Project]:
    return (
        Project.objects.select_related("lead_department", "application__round")
        .annotate(n_reports=Count("reports"))
        .order_by("-started_on", "-pk")
    )


def project_get(pk: int) -> Project:
    project = (
        Project.objects.select_related(
            "application__round__pool", "lead_department", "application__organisation"
        )
        .prefetch_related("milestones", "reports", "application__city_goals")
        .filter(pk=pk)
        .first()
    )
    if project is None:
        raise Http404
    return project


@dataclass(frozen=True)
class ProjectCard:
    title: str
    url: str
    department: str
    status: str
    status_label: str
    granted_amount: Decimal | None
    started_on: dt.date


def for_city_goal(*, city_goal_id: int, limit: int = 10) -> tuple[list[ProjectCard], int]:
    """Funded projects whose application serves a city goal; newest first. Two queries.

    Shown on the live value map to staff only; never part of the published snapshot (ADR 0007)."""
    projects = Project.objects.filter(application__city_goals=city_goal_id)
    cards = [
        ProjectCard(
            title=p.title,
            url=p.get_absolute_url(),
            department=p.lead_department.name,
            status=p.status,
            status_label=p.get_status_display(),
            granted_amount=p.application.granted_amount,
            started_on=p.started_on,
        )
        for p in projects.select_related("lead_department", "application")
        .only(
            "pk",
            "title",
            "status",
            "started_on",
            "lead_department__name",
            "application__granted_amount",
        )
        .order_by("-started_on", "-id")[:limit]
    ]
    return cards, projects.count()
