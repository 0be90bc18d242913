"""Decision and council: Borgmesterens Afdeling's decision, the city council's, the ledger commitment and payouts."""

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, cast

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from kompas import activity
from kompas.core import formats, versions

from .. import ledger, verbs
from ..allocation import split_proportionally
from ..choices import (
    ApplicationStatus,
    CoApplicantStatus,
    CouncilOutcome,
    Outcome,
)
from ..models import (
    Application,
    CoApplicant,
    Project,
)
from ..routing import requires_council
from .base import (
    NOTIFICATION_TEXTS,
    FundError,
    _cpr_guard,
    _notify_applicant,
    _refuse_party,
    _require_assessment_done,
    _require_main_criterion,
)

if TYPE_CHECKING:
    from kompas.accounts.models import User
    from kompas.fund.models import LedgerEntry


@dataclass(frozen=True)
class DecisionResult:
    application: Application
    ok: bool
    council: bool = False
    message: str = ""


def _year_amounts(application: Application, total: Decimal) -> dict[int, Decimal]:
    lines = {line.year: line.amount for line in application.budget_lines.all() if line.amount > 0}
    if not lines:
        return {application.first_year or timezone.localdate().year: total}
    split = split_proportionally(total, {str(year): amount for year, amount in lines.items()})
    return {int(year): amount for year, amount in split.items()}


def _grant(application: Application, actor: "User") -> Project:
    # A granted application has its amount and a confirmed lead department (submission requires them).
    amount = cast(Decimal, application.granted_amount or application.amount)
    ledger.commit(
        pool=application.round.pool,
        amounts=_year_amounts(application, amount),
        application=application,
        actor=actor,
        note=application.title,
    )
    application.status = ApplicationStatus.GRANTED
    application.save()
    lead = (
        application.co_applicants.filter(status=CoApplicantStatus.CONFIRMED)
        .select_related("department")
        .first()
    )
    project = Project.objects.create(
        application=application,
        title=application.title,
        lead_department=cast(CoApplicant, lead).department,
    )
    activity.record(
        actor=actor, verb=verbs.GRANT_COMMITTED, target=project, changes={"amount": [None, str(amount)]}
    )
    versions.bump("content")
    return project


@transaction.atomic
def application_decide(
    *,
    application: Application,
    actor: "User",
    outcome: str,
    reason_code: str,
    note: str = "",
    granted_amount: Decimal | None = None,
) -> DecisionResult:
    """Borgmesterens Afdeling decides on the directors' group's recommendation; the council when required."""
    application = (
        Application.objects.select_for_update(of=("self",))
        .select_related("round__pool")
        .get(pk=application.pk)
    )
    _refuse_party(application, actor)
    if application.status not in (ApplicationStatus.IN_ASSESSMENT, ApplicationStatus.RECOMMENDED):
        raise FundError(_("The application is not ready for a decision."))
    if outcome == Outcome.GRANT:
        _require_assessment_done(application)
        _require_main_criterion(application)
        # The process order (seed 004 §6): "Det er direktørgruppen, der indstiller projekter til Borgmesterens
        # Afdeling" – Borgmesterens Afdeling grants on the directors' group's recommendation, never without it.
        if application.status != ApplicationStatus.RECOMMENDED:
            raise FundError(
                _(
                    "The directors' group has not recommended the application. Borgmesterens Afdeling grants on "
                    "the directors' group's recommendation; a rejection may come at any time."
                )
            )
    _cpr_guard(decision_note=note)
    if granted_amount is not None and (granted_amount <= 0 or granted_amount > (application.amount or 0)):
        raise FundError(
            _("The granted amount must be above 0 and at most the amount applied for."), "granted_amount"
        )
    application.outcome = outcome
    application.reason_code = reason_code
    application.decision_note = note
    application.decided_by = actor
    application.decided_at = timezone.now()
    if outcome == Outcome.REJECT:
        application.status = ApplicationStatus.REJECTED
        versions.bump("content")  # the public fund page shows the time from the deadline to the answer
        application.save()
        activity.record(
            actor=actor,
            verb=verbs.DECISION,
            target=application,
            changes={"outcome": [None, outcome], "reason": [None, reason_code]},
        )
        _notify_applicant(application, NOTIFICATION_TEXTS[2])
        return DecisionResult(application, ok=True)
    application.granted_amount = granted_amount or application.amount
    # A submitted application has its amount and years (``SUBMIT_REQUIRED``).
    if requires_council(
        cast(Decimal, application.granted_amount),
        cast(int, application.first_year),
        cast(int, application.last_year),
    ):
        application.status = ApplicationStatus.AWAITING_COUNCIL
        application.save()
        activity.record(
            actor=actor, verb=verbs.SENT_TO_COUNCIL, target=application, changes={"outcome": [None, outcome]}
        )
        _notify_applicant(application, NOTIFICATION_TEXTS[3])
        return DecisionResult(application, ok=True, council=True)
    _grant(application, actor)
    activity.record(
        actor=actor,
        verb=verbs.DECISION,
        target=application,
        changes={"outcome": [None, outcome], "reason": [None, reason_code]},
    )
    _notify_applicant(application, NOTIFICATION_TEXTS[2])
    return DecisionResult(application, ok=True)


def decisions_batch(
    *, applications: Iterable[Application], actor: "User", outcome: str, reason_code: str, note: str = ""
) -> list[DecisionResult]:
    """Decide several applications with one reason code; each is its own transaction, so a refused
    commitment (the pool is spent) stops only that application."""
    results = []
    for application in applications:
        try:
            results.append(
                application_decide(
                    application=application, actor=actor, outcome=outcome, reason_code=reason_code, note=note
                )
            )
        except ledger.LedgerRefused as exc:
            results.append(DecisionResult(application, ok=False, message=refused_message(exc)))
        except FundError as exc:
            results.append(DecisionResult(application, ok=False, message=str(exc.message)))
    return results


def refused_message(exc: "ledger.LedgerRefused") -> str:
    return gettext(
        "The pool does not hold enough for %(year)s: %(requested)s was asked for, %(remaining)s remains."
    ) % {"year": exc.year, "requested": formats.kr(exc.requested), "remaining": formats.kr(exc.remaining)}


COUNCIL_BY_PROPOSAL = _(
    "A council proposal has been drafted for this case: the council's decision comes from the proposal when "
    "it is decided, so it is not typed in here."
)


@transaction.atomic
def council_decision_record(
    *, application: Application, actor: "User", decided_on: dt.date, case_number: str, outcome: str
) -> Application:
    """Record the city council's decision by hand – only where no council proposal is linked to the case
    (a municipality that does not use the proposal module). With a proposal, the decision flows back from
    it (``council_decision_from_proposal``) and is never re-keyed."""
    application = (
        Application.objects.select_for_update(of=("self",))
        .select_related("round__pool")
        .get(pk=application.pk)
    )
    _refuse_party(application, actor)
    if application.council_proposal_id:
        raise FundError(COUNCIL_BY_PROPOSAL)
    _cpr_guard(council_case_number=case_number)
    return _council_decide(
        application, actor=actor, decided_on=decided_on, case_number=case_number, outcome=outcome
    )


def _council_decide(
    application: Application, *, actor: "User", decided_on: dt.date, case_number: str, outcome: str
) -> Application:
    if application.status != ApplicationStatus.AWAITING_COUNCIL:
        raise FundError(_("The application does not await the city council."))
    if outcome == CouncilOutcome.APPROVED:
        _require_assessment_done(application)
        _require_main_criterion(application)
    application.council_recorded_by = actor
    application.council_recorded_at = timezone.now()
    application.council_decided_on = decided_on
    application.council_case_number = case_number
    application.council_outcome = outcome
    activity.record(
        actor=actor,
        verb=verbs.COUNCIL_DECISION,
        target=application,
        changes={
            "council_outcome": [None, outcome],
            "case_number": [None, case_number],
            "date": [None, str(decided_on)],
            **(
                {"proposal": [None, application.council_proposal_id]}
                if application.council_proposal_id
                else {}
            ),
        },
    )
    if outcome == CouncilOutcome.APPROVED:
        _grant(application, actor)
    else:
        application.status = ApplicationStatus.REJECTED
        versions.bump("content")
        application.save()
    _notify_applicant(application, NOTIFICATION_TEXTS[2])
    return application


@transaction.atomic
def council_proposal_link(*, application_id: int, proposal_id: int, url: str, actor: "User") -> Application:
    """The council step drafts a council proposal (kompas.proposals calls this): the case keeps the link."""
    application = Application.objects.select_for_update(of=("self",)).get(pk=application_id)
    if application.status == ApplicationStatus.DRAFT:
        raise FundError(_("A draft has no council case."))
    application.council_proposal_id = proposal_id
    application.council_proposal_url = url[:300]
    application.save(update_fields=["council_proposal_id", "council_proposal_url", "updated_at"])
    activity.record(
        actor=actor,
        verb=verbs.COUNCIL_PROPOSAL_LINKED,
        target=application,
        changes={"proposal": [None, proposal_id]},
    )
    return application


@transaction.atomic
def council_decision_from_proposal(
    *,
    application_id: int,
    proposal_id: int,
    approved: bool,
    decided_on: dt.date,
    case_number: str,
    actor: "User",
) -> Application:
    """The council proposal of the case has been decided (kompas.proposals calls this when it records the
    decision): the decision flows into the case by the link – an approval grants and commits the money."""
    application = (
        Application.objects.select_for_update(of=("self",))
        .select_related("round__pool")
        .get(pk=application_id)
    )
    if application.council_proposal_id != proposal_id:
        raise FundError(_("The council proposal is not the one linked to the case."))
    return _council_decide(
        application,
        actor=actor,
        decided_on=decided_on,
        case_number=case_number,
        outcome=CouncilOutcome.APPROVED if approved else CouncilOutcome.REJECTED,
    )


@transaction.atomic
def disbursement_record(
    *, project: Project, actor: "User", year: int, amount: Decimal, note: str = ""
) -> "LedgerEntry":
    _refuse_party(project.application, actor)
    _cpr_guard(note=note)
    entry = ledger.disburse(project=project, year=year, amount=amount, actor=actor, note=note)
    activity.record(
        actor=actor,
        verb=verbs.DISBURSEMENT,
        target=project,
        changes={"amount": [None, str(amount)], "year": [None, year]},
    )
    return entry
