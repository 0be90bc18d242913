"""Projects and effects: milestones, effect reports, early stops, spreading and the learnings they share."""

import datetime as dt
from collections.abc import Iterator
from decimal import Decimal
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from kompas import activity
from kompas.core import versions
from kompas.core.learnings import SharedLearning, announce

from .. import ledger, verbs
from ..choices import (
    CouncilOutcome,
    GrantingBody,
    ProjectStatus,
)
from ..models import (
    EffectReport,
    LocalProject,
    Milestone,
    Project,
)
from ..permissions import can_manage_fund
from .base import FundError, _cpr_guard, _refuse_party
from .local import _local_learning

if TYPE_CHECKING:
    from kompas.accounts.models import User


def _report_learning(report: EffectReport) -> SharedLearning:
    project = report.project
    return SharedLearning(
        key=f"fund.report:{report.pk}",
        kind="fund_report",
        title=project.title,
        body="\n\n".join(
            t
            for t in (
                report.what_was_done,
                report.effects_numbers,
                report.effects_experience,
                report.learning,
            )
            if t
        ),
        url=project.get_absolute_url(),
        date=report.period_end,
        shared=report.shareable,
        department_id=project.lead_department_id,
        city_goal_ids=tuple(project.application.city_goals.values_list("pk", flat=True)),
        paths=("learn",),
    )


def _stop_learning(project: Project) -> SharedLearning:
    return SharedLearning(
        key=f"fund.stop:{project.pk}",
        kind="fund_report",
        title=project.title,
        body="\n\n".join(t for t in (project.stop_reason, project.stop_learning) if t),
        url=project.get_absolute_url(),
        date=project.ended_on or timezone.localdate(),
        shared=project.stop_learning_shareable and project.status == ProjectStatus.STOPPED,
        department_id=project.lead_department_id,
        city_goal_ids=tuple(project.application.city_goals.values_list("pk", flat=True)),
        paths=("learn", "lead"),
    )


def shared_learnings() -> Iterator[SharedLearning]:
    """The learning source for the library (registered in FundConfig.ready)."""
    for report in EffectReport.objects.filter(shareable=True).select_related("project__application"):
        yield _report_learning(report)
    for project in Project.objects.filter(
        status=ProjectStatus.STOPPED, stop_learning_shareable=True
    ).select_related("application"):
        yield _stop_learning(project)
    for local in LocalProject.objects.filter(shareable=True):
        yield _local_learning(local)


@transaction.atomic
def milestone_add(*, project: Project, actor: "User", title: str, due_on: dt.date) -> Milestone:
    _cpr_guard(title=title)
    milestone = Milestone.objects.create(project=project, title=title, due_on=due_on)
    activity.record(
        actor=actor, verb=verbs.MILESTONE_ADDED, target=project, changes={"milestone": [None, title]}
    )
    return milestone


@transaction.atomic
def milestone_reached(*, milestone: Milestone, actor: "User", done_on: dt.date | None = None) -> Milestone:
    milestone.done_on = done_on or timezone.localdate()
    milestone.save(update_fields=["done_on", "updated_at"])
    activity.record(
        actor=actor,
        verb=verbs.MILESTONE_REACHED,
        target=milestone.project,
        changes={"milestone": [None, milestone.title]},
    )
    return milestone


# A realised gain (or loss) this large is a typing error, not an effect: 25 times the seed's whole 40 mio. kr.
IMPOSSIBLE_GAIN = Decimal("1000000000")


def project_period(project: Project) -> tuple[dt.date, dt.date]:
    """The project's period: from the start of its first budget year (or the day it started, if earlier) to
    the day it ended, or else the end of its last budget year."""
    application = project.application
    first = application.first_year or project.started_on.year
    start = min(dt.date(first, 1, 1), project.started_on)
    if project.ended_on:
        return start, project.ended_on
    return start, dt.date(max(application.last_year or first, project.started_on.year), 12, 31)


@transaction.atomic
def effect_report_create(
    *,
    project: Project,
    actor: "User",
    period_start: dt.date,
    period_end: dt.date,
    what_was_done: str,
    effects_numbers: str = "",
    effects_experience: str = "",
    economic_gain_realised: Decimal = Decimal("0"),
    learning: str = "",
    shareable: bool = False,
) -> EffectReport:
    _cpr_guard(
        what_was_done=what_was_done,
        effects_numbers=effects_numbers,
        effects_experience=effects_experience,
        learning=learning,
    )
    start, end = project_period(project)
    if period_start < start or period_end > end:
        raise FundError(
            _("The period must lie within the project's period, %(start)s to %(end)s.")
            % {"start": date_format(start, "j. F Y"), "end": date_format(end, "j. F Y")},
            "period_start",
        )
    if period_end > timezone.localdate():
        raise FundError(
            _("Report on a period that has passed: the period cannot end in the future."), "period_end"
        )
    if abs(economic_gain_realised) > IMPOSSIBLE_GAIN:
        raise FundError(
            _("The economic gain cannot be right: check the figure (it is stated in kr.)."),
            "economic_gain_realised",
        )
    report = EffectReport(
        project=project,
        author=actor,
        period_start=period_start,
        period_end=period_end,
        what_was_done=what_was_done,
        effects_numbers=effects_numbers,
        effects_experience=effects_experience,
        economic_gain_realised=economic_gain_realised,
        learning=learning,
        shareable=shareable,
    )
    report.full_clean(exclude=["author"])
    report.save()
    activity.record(
        actor=actor,
        verb=verbs.EFFECT_REPORT,
        target=project,
        changes={"period": [None, f"{report.period_start}–{report.period_end}"]},
    )
    announce(_report_learning(report))
    versions.bump("content")
    return report


@transaction.atomic
def project_stop_propose(*, project: Project, actor: "User", reason: str) -> Project:
    """The project proposes to stop ("fejle hurtigt og billigt"): the body that granted the money decides."""
    project = Project.objects.select_for_update().get(pk=project.pk)
    if project.status != ProjectStatus.RUNNING:
        raise FundError(_("Only a running project can be stopped."))
    if not reason.strip():
        raise FundError(_("Write why the project should stop."), "reason")
    _cpr_guard(stop_proposal=reason)
    project.stop_proposal = reason
    project.stop_proposed_at = timezone.now()
    project.stop_proposed_by = actor
    project.save(update_fields=["stop_proposal", "stop_proposed_at", "stop_proposed_by", "updated_at"])
    activity.record(actor=actor, verb=verbs.PROJECT_STOP_PROPOSED, target=project)
    return project


def granting_body(project: Project) -> str:
    """Who granted the money: the city council when it approved the grant, otherwise Borgmesterens Afdeling."""
    if project.application.council_outcome == CouncilOutcome.APPROVED:
        return GrantingBody.COUNCIL
    return GrantingBody.PROGRAMME


COUNCIL_DECIDES_STOP = _(
    "The city council granted the money, so the city council decides to stop the project: draft a council "
    "proposal to stop it. When the council has decided, its decision stops the project here."
)


@transaction.atomic
def project_stop(*, project: Project, actor: "User", reason: str, learning: str, shareable: bool) -> Decimal:
    """Stop early – fail fast and cheaply. What is committed and not paid out goes back to the pool.

    A decision of the body that granted the money, with its reason: programme staff (Borgmesterens Afdeling)
    stop their own grants here; the city council's grants are stopped by the council's decision on a council
    proposal (``project_stop_proposal_link``, ``project_stop_from_proposal``), never by a date typed by hand."""
    project = Project.objects.select_for_update().select_related("application").get(pk=project.pk)
    if project.status != ProjectStatus.RUNNING:
        raise FundError(_("Only a running project can be stopped."))
    if not can_manage_fund.test(actor):
        raise FundError(
            _(
                "Stopping the project and returning the money to the pool is decided by the body that granted "
                "it. Propose the stop with your reason; programme staff take it from there."
            )
        )
    _refuse_party(project.application, actor)
    if granting_body(project) == GrantingBody.COUNCIL:
        raise FundError(COUNCIL_DECIDES_STOP)
    if not reason.strip():
        raise FundError(_("Give the reason for stopping the project."), "reason")
    return _stop(project, actor=actor, reason=reason, learning=learning, shareable=shareable)


def _stop(
    project: Project,
    *,
    actor: "User",
    reason: str,
    learning: str = "",
    shareable: bool = False,
    council_decided_on: dt.date | None = None,
) -> Decimal:
    _cpr_guard(stop_reason=reason, stop_learning=learning)
    body = GrantingBody.COUNCIL if council_decided_on else GrantingBody.PROGRAMME
    project.status = ProjectStatus.STOPPED
    project.ended_on = council_decided_on or timezone.localdate()
    project.stop_reason = reason
    project.stop_learning = learning
    project.stop_learning_shareable = shareable
    project.stop_decided_by = actor
    project.stop_body = body
    project.stop_council_decided_on = council_decided_on
    project.save()
    released = ledger.release_open(project=project, actor=actor, note=gettext("Stopped early"))
    activity.record(
        actor=actor,
        verb=verbs.PROJECT_STOPPED,
        target=project,
        changes={
            "released": [None, str(released)],
            "body": [None, body],
            **(
                {
                    "proposal": [None, project.stop_council_proposal_id],
                    "date": [None, str(council_decided_on)],
                }
                if council_decided_on
                else {}
            ),
        },
    )
    announce(_stop_learning(project))
    versions.bump("content")
    return released


@transaction.atomic
def project_stop_proposal_link(*, project_id: int, proposal_id: int, url: str, actor: "User") -> Project:
    """Programme staff draft a council proposal to stop a project the city council granted
    (kompas.proposals calls this): the project keeps the link, and the council's decision comes back by it."""
    project = Project.objects.select_for_update().select_related("application").get(pk=project_id)
    if not can_manage_fund.test(actor):
        raise FundError(_("Programme staff draft the council proposal to stop a project."))
    if project.status != ProjectStatus.RUNNING:
        raise FundError(_("Only a running project can be stopped."))
    if granting_body(project) != GrantingBody.COUNCIL:
        raise FundError(
            _(
                "Borgmesterens Afdeling granted the money, so programme staff stop the project themselves; "
                "it needs no council proposal."
            )
        )
    if project.stop_council_proposal_id not in (None, proposal_id):
        raise FundError(_("A council proposal to stop the project has already been drafted."))
    project.stop_council_proposal_id = proposal_id
    project.stop_council_proposal_url = url[:300]
    project.save(update_fields=["stop_council_proposal_id", "stop_council_proposal_url", "updated_at"])
    activity.record(
        actor=actor,
        verb=verbs.PROJECT_STOP_COUNCIL_PROPOSAL,
        target=project,
        changes={"proposal": [None, proposal_id]},
    )
    return project


@transaction.atomic
def project_stop_from_proposal(
    *, project_id: int, proposal_id: int, approved: bool, decided_on: dt.date, reason: str, actor: "User"
) -> Project:
    """The council proposal to stop the project has been decided (kompas.proposals calls this when it records
    the decision). Adopted: the project stops with the decision's reason and date, and what is not paid out
    goes back to the pool. Rejected: the project runs on, and a new proposal may be drafted later."""
    project = Project.objects.select_for_update().select_related("application").get(pk=project_id)
    if project.stop_council_proposal_id != proposal_id:
        raise FundError(_("The council proposal is not the one linked to the project."))
    if not approved:
        project.stop_council_proposal_id = None
        project.stop_council_proposal_url = ""
        project.save(update_fields=["stop_council_proposal_id", "stop_council_proposal_url", "updated_at"])
        activity.record(
            actor=actor,
            verb=verbs.PROJECT_STOP_COUNCIL_REJECTED,
            target=project,
            changes={"proposal": [proposal_id, None], "date": [None, str(decided_on)]},
        )
        return project
    if project.status != ProjectStatus.RUNNING:
        raise FundError(_("Only a running project can be stopped."))
    _stop(project, actor=actor, reason=reason, council_decided_on=decided_on)
    return project


@transaction.atomic
def project_complete(*, project: Project, actor: "User") -> Project:
    project.status = ProjectStatus.COMPLETED
    project.ended_on = timezone.localdate()
    project.save(update_fields=["status", "ended_on", "updated_at"])
    activity.record(actor=actor, verb=verbs.PROJECT_COMPLETED, target=project)
    versions.bump("content")  # the status shows on the live value map
    return project


@transaction.atomic
def project_spread_set(*, project: Project, actor: "User", spread: bool, note: str = "") -> Project:
    _cpr_guard(spread_note=note)
    project.spread = spread
    project.spread_note = note
    project.save(update_fields=["spread", "spread_note", "updated_at"])
    activity.record(
        actor=actor, verb=verbs.PROJECT_SPREAD, target=project, changes={"spread": [not spread, spread]}
    )
    return project
