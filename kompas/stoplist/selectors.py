"""Reads of the farewell list; every page runs the same number of queries however long the list is."""

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, cast

from django.db.models import Count, Q, QuerySet, Sum
from django.db.models.functions import Coalesce
from django.http import Http404
from django.shortcuts import get_object_or_404

from kompas.core import public_items as public_kinds
from kompas.core.public_items import PublicItem
from kompas.organisations.models import Department

from .choices import FAREWELL_DONE, FarewellLevel, FarewellStatus
from .models import FarewellProposal
from .permissions import can_view_farewells

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from kompas.accounts.models import User


@dataclass(frozen=True)
class FarewellFilters:
    status: str = ""
    department: int | None = None
    kind: str = ""
    mine: bool = False
    to_decide: bool = False


def proposals_for_list(
    *,
    user: "User | AnonymousUser",
    filters: FarewellFilters,
    led_units: Iterable[int] = frozenset(),
    led_departments: Iterable[int] = frozenset(),
    decides_for_municipality: bool = False,
) -> QuerySet[FarewellProposal]:
    qs = FarewellProposal.objects.select_related("owner_unit__department", "owner_department").order_by(
        "-created_at", "-id"
    )
    if filters.status in FarewellStatus.values:
        qs = qs.filter(status=filters.status)
    if filters.department:
        qs = qs.filter(_in_department(filters.department))
    if filters.kind:
        qs = qs.filter(kind=filters.kind)
    if filters.mine:
        qs = qs.filter(proposer=cast("User", user))  # the list is for staff, who are signed in
    if filters.to_decide:
        mine = Q(owner_unit_id__in=list(led_units)) | Q(owner_department_id__in=list(led_departments))
        if decides_for_municipality:
            mine |= Q(level=FarewellLevel.MUNICIPALITY)
        qs = qs.filter(mine, status=FarewellStatus.PROPOSED)
    return qs


def _in_department(department: int) -> Q:
    """Owned by the department: by one of its units, or by the department itself."""
    return Q(owner_unit__department_id=department) | Q(owner_department_id=department)


def proposal_get_for_user(*, user: "User | AnonymousUser", pk: int) -> FarewellProposal:
    """The one guarded accessor: the same 404 for a missing proposal and for a user who may not see it."""
    if not can_view_farewells.test(user):
        raise Http404
    return get_object_or_404(
        FarewellProposal.objects.select_related(
            "owner_unit__department", "owner_department", "proposer", "decided_by", "follow_up__goal"
        ),
        pk=pk,
    )


@dataclass(frozen=True)
class DepartmentFarewells:
    department: Department | None  # None: what the whole municipality owns
    count: int
    hours_freed: Decimal
    kroner_freed: Decimal = Decimal("0.00")


@dataclass(frozen=True)
class FarewellTotals:
    count: int
    hours_freed: Decimal
    kroner_freed: Decimal


def public_totals() -> tuple[list[DepartmentFarewells], int, Decimal]:
    """What was said goodbye to (stopped or simplified) and the hours freed, per department (a unit's item
    counts for its department), then what the whole municipality owns. Two queries."""
    rows, totals = public_totals_with_kroner()
    return rows, totals.count, totals.hours_freed


def public_totals_with_kroner() -> tuple[list[DepartmentFarewells], FarewellTotals]:
    """The same rows, with the kroner freed beside the hours, and the grand totals of both."""
    grouped = (
        FarewellProposal.objects.filter(status__in=FAREWELL_DONE)
        .order_by()
        .annotate(dept=Coalesce("owner_unit__department_id", "owner_department_id"))
        .values("dept")
        .annotate(n=Count("pk"), hours=Sum("hours_freed"), kroner=Sum("kroner_freed"))
    )
    by_department = {row["dept"]: row for row in grouped}
    departments = Department.objects.filter(pk__in=[d for d in by_department if d is not None]).order_by(
        "order", "name"
    )
    rows = [
        DepartmentFarewells(
            d,
            by_department[d.pk]["n"],
            _hours(by_department[d.pk]["hours"]),
            _kroner(by_department[d.pk]["kroner"]),
        )
        for d in departments
    ]
    if None in by_department:
        whole = by_department[None]
        rows.append(DepartmentFarewells(None, whole["n"], _hours(whole["hours"]), _kroner(whole["kroner"])))
    totals = FarewellTotals(
        count=sum(r.count for r in rows),
        hours_freed=_hours(sum((r.hours_freed for r in rows), Decimal(0))),
        kroner_freed=_kroner(sum((r.kroner_freed for r in rows), Decimal(0))),
    )
    return rows, totals


def _hours(value: Decimal | int | None) -> Decimal:
    return Decimal(value or 0).quantize(Decimal("0.1"))


def _kroner(value: Decimal | int | None) -> Decimal:
    return Decimal(value or 0).quantize(Decimal("0.01"))


PUBLIC_FIELDS = (
    "title",
    "kind",
    "description",
    "burdens",
    "status",
    "hours_per_year",
    "hours_freed",
    "kroner_per_year",
    "kroner_freed",
    "level",
    "decision_reason",
    "decided_at",
    "updated_at",
    "owner_unit__name",
    "owner_unit__department__name",
    "owner_unit__department__short_name",
    "owner_department__name",
)


def public_farewells(*, department: int | None = None) -> QuerySet[FarewellProposal]:
    """The public list: only what the public may see (no proposer, no internal note)."""
    qs = (
        FarewellProposal.objects.filter(status__in=FAREWELL_DONE)
        .select_related("owner_unit__department", "owner_department")
        .only(*PUBLIC_FIELDS)
        .order_by("-decided_at", "-id")
    )
    if department:
        qs = qs.filter(_in_department(department))
    return qs


# What the public may see of farewell decisions, as the published value map copies it (ADR 0007): what the
# public list shows (stopped or simplified, the hours freed, the reason), linked to a city goal through the
# follow-up it came from. Never the proposer nor the internal note.
PUBLIC_STATUS_LABELS = dict(FarewellStatus.choices)


def public_items() -> list[PublicItem]:
    farewells = (
        public_farewells()
        .only(*PUBLIC_FIELDS, "follow_up")
        .prefetch_related("follow_up__goal__city_goals")
        .order_by("pk")
    )
    items = []
    for f in farewells:
        city_goals = tuple(sorted(c.pk for c in f.follow_up.goal.city_goals.all())) if f.follow_up else ()
        numbers = [("hours_per_year", str(f.hours_per_year))]
        if f.hours_freed is not None:
            numbers.append(("hours_freed", str(f.hours_freed)))
        items.append(
            PublicItem(
                kind=public_kinds.FAREWELL,
                source_id=f.pk,
                title=f.title,
                summary=f.description,
                owner=f.owner_label,
                status=f.status,
                city_goal_ids=city_goals,
                updated_on=(f.decided_at or f.updated_at).date(),
                numbers=tuple(numbers),
                stopped=f.decision_reason,
            )
        )
    return items
