"""Applications: the applicant's own, one application with what its pages show, the programme list."""

from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.db.models import (
    Case,
    IntegerField,
    Prefetch,
    QuerySet,
    Value,
    When,
)
from django.http import Http404

from ..choices import ApplicationStatus, CoApplicantStatus
from ..models import (
    Application,
    CoApplicant,
)

if TYPE_CHECKING:
    from kompas.accounts.models import User


def applications_of(user: "User") -> QuerySet[Application]:
    return Application.objects.filter(applicant=user).select_related("round").order_by("-updated_at")


def application_get(pk: int) -> Application:
    application = (
        Application.objects.select_related("round__fund", "round__pool", "applicant", "organisation", "theme")
        .prefetch_related(
            Prefetch(
                "co_applicants",
                queryset=CoApplicant.objects.select_related("department"),
            ),
            "budget_lines",
            "attachments",
            "city_goals",
        )
        .filter(pk=pk)
        .first()
    )
    if application is None:
        raise Http404
    return application


def applications_for_programme(
    *, round_id: int | None = None, status: str = "", query: str = ""
) -> QuerySet[Application]:
    """The submitted applications, newest first, with what the programme staff's list shows (no aggregate: the
    list's count and the site search's ``IN (...)`` subquery stay a plain scan of the applications)."""
    qs = (
        Application.objects.exclude(status=ApplicationStatus.DRAFT)
        .select_related("round", "theme", "organisation", "applicant")
        .order_by("-submitted_at", "-pk")
    )
    if round_id:
        qs = qs.filter(round_id=round_id)
    if status:
        qs = qs.filter(status=status)
    if query:
        qs = qs.filter(title__icontains=query)
    return qs


def pending_confirmations(department_ids: Iterable[int]) -> list[CoApplicant]:
    return list(
        CoApplicant.objects.filter(department_id__in=department_ids)
        .select_related(
            "application__applicant",
            "application__organisation",
            "application__round",
            "department",
        )
        # The requests that wait for an answer first (alphabetically "pending" would come last).
        .annotate(
            answered=Case(
                When(status=CoApplicantStatus.PENDING, then=Value(0)),
                default=Value(1),
                output_field=IntegerField(),
            )
        )
        .order_by("answered", "-created_at")[:200]
    )
