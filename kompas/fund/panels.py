"""Front-page panel: what waits for this person in Udviklingspuljen (drafts, confirmations, assessments,
screening). Registered in FundConfig.ready with ``welcome.Panel(key="fund-work", build=panels.fund_work, ...)``."""

from django.db.models import Count, DateTimeField, IntegerField, Q, QuerySet, Window
from django.utils import timezone
from django.utils.translation import ngettext

from kompas.core import welcome
from kompas.core.statements import Param, Statement, id_values, ids_in

from .choices import ApplicationStatus, CoApplicantStatus, ConflictGround
from .models import Application, Assignment, CoApplicant
from .permissions import can_confirm, can_manage_fund, is_assessor, led_department_ids


def _counted(queryset: QuerySet) -> QuerySet:
    """One row holding how many rows ``queryset`` has (none when it has none)."""
    return queryset.order_by().annotate(n=Window(Count("pk"))).values_list("n")[:1]


def _count(statement: Statement, **values) -> int:
    rows = statement.rows(**values)
    return rows[0][0] if rows else 0


# The reader's own counts, compiled once per process with the reader's id, the time and the departments they lead
# as parameters (kompas.core.statements).
_DRAFTS = Statement(
    lambda: _counted(
        Application.objects.filter(
            applicant_id=Param("user", IntegerField()),
            status=ApplicationStatus.DRAFT,
            round__closes_at__gt=Param("now", DateTimeField()),
        )
    )
)
_PENDING_CONFIRMATIONS = Statement(
    lambda count: _counted(
        CoApplicant.objects.filter(
            ids_in("department_id", "department", count), status=CoApplicantStatus.PENDING
        )
    )
)
_OPEN_ASSESSMENTS = Statement(
    lambda: _counted(
        Assignment.objects.filter(assessor_id=Param("user", IntegerField()), submitted_at__isnull=True)
        .filter(Q(declared_at__isnull=True) | Q(conflict="") | Q(conflict=ConflictGround.NONE))
        .filter(application__status=ApplicationStatus.IN_ASSESSMENT)
        .exclude(
            application__round__sealed=True, application__round__closes_at__gt=Param("now", DateTimeField())
        )
    )
)


def _to_screen() -> int:
    # Applications in a round that is sealed until it closes cannot be screened yet.
    return (
        Application.objects.filter(status=ApplicationStatus.SUBMITTED)
        .exclude(round__sealed=True, round__closes_at__gt=timezone.now())
        .count()
    )


def fund_work(request) -> dict | None:
    user = request.user
    if not user.is_authenticated:
        return None
    items = []
    now = timezone.now()
    drafts = _count(_DRAFTS, user=user.pk, now=now)
    if drafts:
        items.append(
            (
                ngettext(
                    "%(n)d draft application not sent yet",
                    "%(n)d draft applications not sent yet",
                    drafts,
                )
                % {"n": drafts},
                welcome.address("fund:mine"),
            )
        )
    # Only staff have the confirmations page (``can_confirm``): for anyone else the departments they lead are
    # not asked for.
    led = led_department_ids(user) if can_confirm.test(user) else frozenset()
    if led:
        pending = _count(_PENDING_CONFIRMATIONS, shape=(len(led),), **id_values("department", led))
        if pending:
            items.append(
                (
                    ngettext(
                        "%(n)d request to confirm your department as co-applicant",
                        "%(n)d requests to confirm your department as co-applicant",
                        pending,
                    )
                    % {"n": pending},
                    welcome.address("fund:confirmations"),
                )
            )
    if is_assessor.test(user):
        open_assessments = _count(_OPEN_ASSESSMENTS, user=user.pk, now=now)
        if open_assessments:
            items.append(
                (
                    ngettext(
                        "%(n)d application waits for your assessment",
                        "%(n)d applications wait for your assessment",
                        open_assessments,
                    )
                    % {"n": open_assessments},
                    welcome.address("fund:assessor-home"),
                )
            )
    if can_manage_fund.test(user):
        # The same for everyone who manages the fund: kept with the front page's shared data (its source holds
        # the content version and the rounds' phase, so a submission or a round that closes shows at once).
        to_screen = welcome.shared_data(request, "fund:to-screen", _to_screen)
        if to_screen:
            items.append(
                (
                    ngettext(
                        "%(n)d submitted application waits for screening",
                        "%(n)d submitted applications wait for screening",
                        to_screen,
                    )
                    % {"n": to_screen},
                    welcome.address("fund:manage") + f"?status={ApplicationStatus.SUBMITTED}",
                )
            )
    if not items:
        return None
    return {"items": items}
