from typing import TYPE_CHECKING

from django.db.models import Count, Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404

from .models import Department, PartnerOrganisation, Unit

if TYPE_CHECKING:
    from kompas.accounts.models import User


def departments_with_units() -> QuerySet[Department]:
    return Department.objects.annotate(unit_count=Count("units", filter=Q(units__is_active=True))).order_by(
        "order", "name"
    )


def department_get(*, slug: str) -> Department:
    active_units = Unit.objects.filter(is_active=True).order_by("name")
    return get_object_or_404(
        Department.objects.prefetch_related(Prefetch("units", queryset=active_units, to_attr="active_units")),
        slug=slug,
    )


def partners(*, kind: str = "") -> QuerySet[PartnerOrganisation]:
    qs = PartnerOrganisation.objects.order_by("name")
    return qs.filter(kind=kind) if kind else qs


def units_for_user(user: "User") -> QuerySet[Unit]:
    return Unit.objects.filter(memberships__user=user).select_related("department")
