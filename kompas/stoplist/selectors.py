"""Reads of the farewell list; every page runs the same number of queries however long the list is."""

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, cast

from django.db.models import Count, Q, QuerySet, Sum
from django.http import Http404

from kompas.organisations.models import Department

from .choices import FAREWELL_DONE, FarewellStatus
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
    *, user: "User | AnonymousUser", filters: FarewellFilters, led_units: Iterable[int] = frozenset()
) -> QuerySet[FarewellProposal]:
    qs = FarewellProposal.objects.select_related("owner_unit__department").order_by("-created_at", "-id")
    if filters.status in FarewellStatus.values:
        qs = qs.filter(status=filters.status)
    if filters.department:
        qs = qs.filter(owner_unit__department_id=filters.department)
    if filters.kind:
        qs = qs.filter(kind=filters.kind)
    if filters.mine:
        qs = qs.filter(proposer=cast("User", user))  # the list is for staff, who are signed in
    if filters.to_decide:
        qs = qs.filter(status=FarewellStatus.PROPOSED, owner_unit_id__in=list(led_units))
    return qs


def proposal_get_for_user(*, user: "User | AnonymousUser", pk: int) -> FarewellProposal:
    """The one guarded accessor: the same 404 for a missing proposal and for a user who may not see it."""
    if not can_view_farewells.test(user):
        raise Http404
    proposal = (
        FarewellProposal.objects.select_related(
            "owner_unit__department", "proposer", "decided_by", "follow_up__goal"
        )
        .filter(pk=pk)
        .first()
    )
    if proposal is None:
        raise Http404
    return proposal


@dataclass(frozen=True)
class DepartmentFarewells:
    department: Department
    count: int
    hours_freed: Decimal


def public_totals() -> tuple[list[DepartmentFarewells], int, Decimal]:
    """What was said goodbye to (stopped or simplified) and the hours freed, per department."""
    done = Q(units__farewell_proposals__status__in=FAREWELL_DONE)
    rows = (
        Department.objects.annotate(
            farewell_count=Count("units__farewell_proposals", filter=done),
            farewell_hours=Sum("units__farewell_proposals__hours_freed", filter=done),
        )
        .filter(farewell_count__gt=0)
        .order_by("order", "name")
    )
    totals = [DepartmentFarewells(row, row.farewell_count, _hours(row.farewell_hours)) for row in rows]
    return totals, sum(t.count for t in totals), _hours(sum((t.hours_freed for t in totals), Decimal(0)))


def _hours(value: Decimal | int | None) -> Decimal:
    return Decimal(value or 0).quantize(Decimal("0.1"))


def public_farewells(*, department: int | None = None) -> QuerySet[FarewellProposal]:
    """The public list: only what the public may see (no proposer, no internal note)."""
    qs = (
        FarewellProposal.objects.filter(status__in=FAREWELL_DONE)
        .select_related("owner_unit__department")
        .only(
            "title",
            "kind",
            "description",
            "burdens",
            "status",
            "hours_per_year",
            "hours_freed",
            "decision_reason",
            "decided_at",
            "owner_unit__name",
            "owner_unit__department__name",
            "owner_unit__department__short_name",
        )
        .order_by("-decided_at", "-id")
    )
    if department:
        qs = qs.filter(owner_unit__department_id=department)
    return qs
