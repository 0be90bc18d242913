"""Front-page panel: what waits for this person in Udviklingspuljen (drafts, confirmations, assessments,
screening). Registered in FundConfig.ready with ``welcome.Panel(key="fund-work", build=panels.fund_work, ...)``."""

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import ngettext

from .choices import ApplicationStatus, CoApplicantStatus, ConflictGround
from .models import Application, Assignment, CoApplicant
from .permissions import can_manage_fund, is_assessor, led_department_ids


def fund_work(request) -> dict | None:
    user = request.user
    if not user.is_authenticated:
        return None
    items = []
    drafts = Application.objects.filter(
        applicant=user, status=ApplicationStatus.DRAFT, round__closes_at__gt=timezone.now()
    ).count()
    if drafts:
        items.append(
            (
                ngettext(
                    "%(n)d draft application not sent yet",
                    "%(n)d draft applications not sent yet",
                    drafts,
                )
                % {"n": drafts},
                reverse("fund:mine"),
            )
        )
    led = led_department_ids(user)
    if led:
        pending = CoApplicant.objects.filter(
            department_id__in=list(led), status=CoApplicantStatus.PENDING
        ).count()
        if pending:
            items.append(
                (
                    ngettext(
                        "%(n)d request to confirm your department as co-applicant",
                        "%(n)d requests to confirm your department as co-applicant",
                        pending,
                    )
                    % {"n": pending},
                    reverse("fund:confirmations"),
                )
            )
    if is_assessor.test(user):
        open_assessments = (
            Assignment.objects.filter(assessor=user, submitted_at__isnull=True)
            .filter(Q(declared_at__isnull=True) | Q(conflict="") | Q(conflict=ConflictGround.NONE))
            .filter(application__status=ApplicationStatus.IN_ASSESSMENT)
            .exclude(application__round__sealed=True, application__round__closes_at__gt=timezone.now())
            .count()
        )
        if open_assessments:
            items.append(
                (
                    ngettext(
                        "%(n)d application waits for your assessment",
                        "%(n)d applications wait for your assessment",
                        open_assessments,
                    )
                    % {"n": open_assessments},
                    reverse("fund:assessor-home"),
                )
            )
    if can_manage_fund.test(user):
        # Applications in a round that is sealed until it closes cannot be screened yet.
        to_screen = (
            Application.objects.filter(status=ApplicationStatus.SUBMITTED)
            .exclude(round__sealed=True, round__closes_at__gt=timezone.now())
            .count()
        )
        if to_screen:
            items.append(
                (
                    ngettext(
                        "%(n)d submitted application waits for screening",
                        "%(n)d submitted applications wait for screening",
                        to_screen,
                    )
                    % {"n": to_screen},
                    reverse("fund:manage") + f"?status={ApplicationStatus.SUBMITTED}",
                )
            )
    if not items:
        return None
    return {"items": items}
