"""Assessment: screening, assessors and their declarations, scores, the shortlist, the advisory board and the
directors' group's recommendation."""

from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kompas import activity
from kompas.activity.services import changes_between

from .. import verbs
from ..choices import (
    ApplicationStatus,
    ConflictGround,
    Recommendation,
)
from ..models import (
    AdvisoryComment,
    Application,
    Assignment,
    Criterion,
    Score,
    SealedPeek,
)
from ..permissions import is_director_of, party_to_case_reason
from .base import (
    NOTIFICATION_TEXTS,
    FundError,
    _cpr_guard,
    _notify,
    _notify_applicant,
    _refuse_party,
    _require_assessment_done,
    _require_main_criterion,
    _state,
)

if TYPE_CHECKING:
    from kompas.accounts.models import User


@transaction.atomic
def peek_record(*, application: Application, actor: "User", reason: str) -> SealedPeek:
    _cpr_guard(reason=reason)
    peek = SealedPeek.objects.create(application=application, user=actor, reason=reason[:300])
    activity.record(
        actor=actor, verb=verbs.SEALED_PEEK, target=application, changes={"reason": [None, reason]}
    )
    return peek


@transaction.atomic
def application_screen(
    *, application: Application, actor: "User", accept: bool, note: str = ""
) -> Application:
    application = Application.objects.select_for_update().get(pk=application.pk)
    _refuse_party(application, actor)
    if application.status != ApplicationStatus.SUBMITTED:
        raise FundError(_("Only submitted applications are screened."))
    if application.round.is_sealed_now():
        raise FundError(_("The round is sealed until it closes."))
    _cpr_guard(screening_note=note)
    application.status = ApplicationStatus.IN_ASSESSMENT if accept else ApplicationStatus.SCREENED_OUT
    application.screening_note = note
    application.screened_by = actor
    application.screened_at = timezone.now()
    if not accept:
        application.decided_at = timezone.now()
        application.decided_by = actor
    application.save()
    activity.record(
        actor=actor,
        verb=verbs.APPLICATION_SCREENED,
        target=application,
        changes={"status": [ApplicationStatus.SUBMITTED, application.status]},
    )
    _notify_applicant(application, NOTIFICATION_TEXTS[1] if accept else NOTIFICATION_TEXTS[2])
    return application


@transaction.atomic
def assessor_assign(*, application: Application, assessor: "User", actor: "User") -> Assignment:
    _refuse_party(application, actor)
    if application.applicant_id == assessor.pk:
        raise FundError(_("An applicant cannot assess their own application."), "assessor")
    if party_to_case_reason(assessor, application):
        raise FundError(
            _(
                "This person is a party to the application (a member of the applying organisation, the "
                "leader who confirmed it for a department, or someone who declared a conflict of interest) "
                "and cannot assess it."
            ),
            "assessor",
        )
    assignment, created = Assignment.objects.get_or_create(
        application=application, assessor=assessor, defaults={"assigned_by": actor}
    )
    if not created:
        raise FundError(_("The assessor is already assigned."), "assessor")
    activity.record(
        actor=actor,
        verb=verbs.ASSESSOR_ASSIGNED,
        target=application,
        changes={"assessor": [None, assessor.pk]},
    )
    from django.urls import reverse

    _notify([assessor], NOTIFICATION_TEXTS[7], reverse("fund:assessor-home"), title=application.title)
    return assignment


@transaction.atomic
def conflict_declare(*, assignment: Assignment, actor: "User", conflict: str, note: str = "") -> Assignment:
    """Declare conflict of interest (forvaltningsloven § 3). A declared conflict removes access for good."""
    assignment = Assignment.objects.select_for_update().get(pk=assignment.pk)
    if assignment.assessor_id != actor.pk:
        raise FundError(_("Only the assessor can declare."))
    if assignment.has_conflict:
        raise FundError(_("A declared conflict of interest cannot be withdrawn. Ask programme staff."))
    if conflict not in ConflictGround.values:
        raise FundError(_("Choose one of the grounds."), "conflict")
    _cpr_guard(conflict_note=note)
    assignment.conflict = conflict
    assignment.conflict_note = note
    assignment.declared_at = timezone.now()
    assignment.save()
    if assignment.has_conflict:
        removed = Score.objects.filter(assignment=assignment).delete()[0]
        activity.record(
            actor=actor,
            verb=verbs.CONFLICT_DECLARED,
            target=assignment.application,
            changes={"conflict": [None, conflict], "scores_removed": [None, removed]},
            private=("conflict",),  # the ground is the assessor's personal matter; the fact is recorded
        )
    else:
        activity.record(actor=actor, verb=verbs.NO_CONFLICT_DECLARED, target=assignment.application)
    return assignment


@transaction.atomic
def scores_save(
    *, assignment: Assignment, actor: "User", scores: dict[int, tuple[int | None, str]], finish: bool
) -> int:
    assignment = Assignment.objects.select_for_update().select_related("application").get(pk=assignment.pk)
    if assignment.assessor_id != actor.pk or not assignment.may_assess:
        raise FundError(_("Declare that you have no conflict of interest before you assess."))
    _refuse_party(assignment.application, actor)
    if assignment.application.status not in (ApplicationStatus.IN_ASSESSMENT, ApplicationStatus.RECOMMENDED):
        raise FundError(_("The application is no longer being assessed."))
    criteria = {c.pk: c for c in Criterion.objects.filter(fund_id=assignment.application.round.fund_id)}
    saved = 0
    for criterion_id, (value, comment) in scores.items():
        if criterion_id not in criteria:
            continue
        if value is not None and not 0 <= value <= 5:
            raise FundError(_("A score is from 0 to 5, or n/a."))
        if value is None and criteria[criterion_id].is_main:
            raise FundError(
                _(
                    "The main criterion (economic gain in the longer run) cannot be set aside: give it a score "
                    "from 0 to 5 – 0 if you see no economic gain."
                ),
                f"score_{criterion_id}",
            )
        _cpr_guard(comment=comment)
        Score.objects.update_or_create(
            assignment=assignment, criterion_id=criterion_id, defaults={"value": value, "comment": comment}
        )
        saved += 1
    active = {pk for pk, c in criteria.items() if c.is_active}
    if finish and not active <= set(
        Score.objects.filter(assignment=assignment).values_list("criterion_id", flat=True)
    ):
        raise FundError(_("Score every criterion (0–5 or n/a) before you finish the assessment."))
    if finish:
        assignment.submitted_at = timezone.now()
        assignment.save(update_fields=["submitted_at", "updated_at"])
    activity.record(
        actor=actor,
        verb=verbs.SCORES_SAVED,
        target=assignment.application,
        changes={"scores": [None, saved]},
    )
    return saved


@transaction.atomic
def shortlist_set(*, application: Application, actor: "User", shortlisted: bool) -> Application:
    """Put an application on the advisory board's shortlist (or take it off). The process order: the
    assessment first, and only an application that meets the main criterion goes on."""
    application = Application.objects.select_for_update().get(pk=application.pk)
    _refuse_party(application, actor)
    if shortlisted:
        if application.status not in (ApplicationStatus.IN_ASSESSMENT, ApplicationStatus.RECOMMENDED):
            raise FundError(_("Only applications in assessment go on the shortlist."))
        _require_assessment_done(application)
        _require_main_criterion(application)
    application.shortlisted = shortlisted
    application.save(update_fields=["shortlisted", "updated_at"])
    activity.record(
        actor=actor,
        verb=verbs.SHORTLIST,
        target=application,
        changes={"shortlisted": [not shortlisted, shortlisted]},
    )
    return application


@transaction.atomic
def advisory_comment_add(*, application: Application, actor: "User", text: str) -> AdvisoryComment:
    application = Application.objects.get(pk=application.pk)
    _refuse_party(application, actor)
    if not application.shortlisted:
        raise FundError(_("The advisory board comments on shortlisted applications only."))
    _cpr_guard(text=text)
    comment = AdvisoryComment.objects.create(application=application, author=actor, text=text)
    activity.record(actor=actor, verb=verbs.ADVISORY_COMMENT, target=application)
    return comment


@transaction.atomic
def recommendation_record(
    *, application: Application, actor: "User", recommendation: str, note: str = ""
) -> Application:
    application = Application.objects.select_for_update().get(pk=application.pk)
    _refuse_party(application, actor)
    if not is_director_of(actor, application.round.fund_id):
        raise FundError(
            _(
                "The recommendation is the directors' group's: only a member of the directors' group can "
                "record it. Programme staff add the members under Settings."
            )
        )
    if application.status not in (ApplicationStatus.IN_ASSESSMENT, ApplicationStatus.RECOMMENDED):
        raise FundError(_("Only applications in assessment get a recommendation."))
    _require_assessment_done(application)
    if recommendation == Recommendation.RECOMMEND:
        _require_main_criterion(application)
        if application.round.uses_advisory_board and not application.advisory_comments.exists():
            raise FundError(
                _(
                    "This round uses the advisory board: put the application on the shortlist and let the "
                    "advisory board give its input before the directors' group recommends it."
                )
            )
    _cpr_guard(recommendation_note=note)
    before = _state(application)
    application.recommendation = recommendation
    application.recommendation_note = note
    application.recommended_by = actor
    application.recommended_at = timezone.now()
    application.status = (
        ApplicationStatus.RECOMMENDED
        if recommendation == Recommendation.RECOMMEND
        else ApplicationStatus.IN_ASSESSMENT
    )
    application.save()
    activity.record(
        actor=actor,
        verb=verbs.RECOMMENDATION,
        target=application,
        changes={**changes_between(before, _state(application)), "recommendation": [None, recommendation]},
    )
    return application
