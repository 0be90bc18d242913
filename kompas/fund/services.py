"""Writes of Udviklingspuljen. Keyword-only, transactional, audited; notifications after commit.

Applicants are told about their own application in calm words, and never about assessors, scores or
internal comments (see ``_notify_applicant``: the message is one of the fixed texts below).
"""

import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from pathlib import PurePath
from typing import TYPE_CHECKING, Any, Protocol, TypeVar, cast

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from kompas import activity
from kompas.activity.services import changes_between, snapshot
from kompas.core import formats, versions
from kompas.core.cpr import contains_cpr
from kompas.core.document_text import READABLE_SUFFIXES, UnreadableDocument, extract_text
from kompas.core.keep import KEEP, Keep, given
from kompas.core.learnings import SharedLearning, announce
from kompas.core.validators import CPR_ERROR, report_cpr_hit
from kompas.organisations.choices import MembershipRole
from kompas.organisations.models import Department

from . import ledger, selectors, verbs
from .allocation import allocate_local_funds, split_proportionally
from .choices import (
    ApplicationStatus,
    CoApplicantStatus,
    ConflictGround,
    CouncilOutcome,
    Outcome,
    ProjectStatus,
    Recommendation,
)
from .models import (
    AdvisoryComment,
    Application,
    Assignment,
    Attachment,
    BudgetLine,
    CoApplicant,
    Criterion,
    EffectReport,
    Fund,
    LocalAllocation,
    LocalProject,
    Milestone,
    Pool,
    PoolYear,
    Project,
    Round,
    Score,
    SealedPeek,
    Theme,
)
from .permissions import party_to_case_reason
from .routing import requires_council

if TYPE_CHECKING:
    from django.db.models import QuerySet
    from django_stubs_ext import StrOrPromise

    from kompas.accounts.models import User
    from kompas.citygoals.models import CityGoal
    from kompas.fund.models import LedgerEntry
    from kompas.organisations.models import PartnerOrganisation


class Upload(Protocol):
    """What the attachment services read of an uploaded file (a Django ``UploadedFile`` from a form)."""

    name: str
    size: int

    def read(self, size: int = ..., /) -> bytes: ...

    def seek(self, offset: int, /) -> int: ...


NOTIFICATION_TEXTS = (
    translation.gettext_noop("Your application “%(title)s” has been submitted. Thank you."),
    translation.gettext_noop("Your application “%(title)s” is now being assessed."),
    translation.gettext_noop(
        "A decision has been made on your application “%(title)s”. Read it on the application page."
    ),
    translation.gettext_noop("Your application “%(title)s” now awaits the city council's decision."),
    translation.gettext_noop("%(department)s has confirmed that it applies with you on “%(title)s”."),
    translation.gettext_noop("%(department)s has declined to apply with you on “%(title)s”."),
    translation.gettext_noop(
        "You are asked to confirm that your department applies with others on “%(title)s”."
    ),
    translation.gettext_noop(
        "You have been asked to assess “%(title)s”. Declare any conflict of interest first."
    ),
)

# What an applicant writes, in the order the form asks it (the form's fields are these and the city goals).
APPLICATION_FIELDS = (
    "title",
    "organisation",
    "summary",
    "theme",
    "new_and_original",
    "value",
    "risks",
    "business_case",
    "economic_gain_per_year",
    "life_after",
    "effect_documentation",
    "partners",
    "cofinancing_internal",
    "cofinancing_external",
    "amount",
    "first_year",
    "last_year",
)
TEXT_FIELDS = (
    "title",
    "summary",
    "new_and_original",
    "value",
    "risks",
    "business_case",
    "life_after",
    "effect_documentation",
    "partners",
)
# A draft is the applicant's own until it is sent (permissions.py): the audit trail records that these texts
# changed, not what they said. The title stays: it names the application in every entry anyway.
PRIVATE_DRAFT_FIELDS = tuple(name for name in TEXT_FIELDS if name != "title")

ALLOWED_ATTACHMENTS = {
    ".pdf": (b"%PDF",),
    ".png": (b"\x89PNG",),
    ".jpg": (b"\xff\xd8\xff",),
    ".jpeg": (b"\xff\xd8\xff",),
    ".docx": (b"PK",),
    ".xlsx": (b"PK",),
    ".pptx": (b"PK",),
    ".odt": (b"PK",),
    ".ods": (b"PK",),
    ".txt": (),
    ".csv": (),
}
MAX_ATTACHMENT_BYTES = 5 * 1024 * 1024
MAX_ATTACHMENTS = 10


class FundError(Exception):
    """A write that the rules refuse; ``message`` is for the user, ``field`` says where to show it."""

    def __init__(self, message: "StrOrPromise", field: str | None = None) -> None:
        self.message = message
        self.field = field
        super().__init__(str(message))


class PartyToCase(FundError):
    """The actor is a party to the case (``permissions.party_to_case_reason``) and may not handle it."""


class SubmissionBlocked(FundError):
    def __init__(self, problems: "list[tuple[str | None, StrOrPromise]]") -> None:
        self.problems = problems
        super().__init__(problems[0][1], problems[0][0])


def _cpr_guard(**texts: str | None) -> None:
    for where, text in texts.items():
        if text and contains_cpr(str(text)):
            report_cpr_hit(text=str(text), where=f"fund.{where}")
            raise FundError(CPR_ERROR, where)


def _notify(users: "Iterable[User | None]", message: str, url: str, **params: object) -> None:
    for user in users:
        if user is None:
            continue
        with translation.override(getattr(user, "preferred_language", "") or settings.LANGUAGE_CODE):
            text = gettext(message) % params
        activity.notify(recipients=[user], message=text, url=url)


def _notify_applicant(application: Application, message: str, **params: object) -> None:
    """Only the fixed texts above reach the applicant: no names of assessors, no scores, no comments."""
    assert message in NOTIFICATION_TEXTS
    _notify(
        [application.applicant], message, application.get_absolute_url(), title=application.title, **params
    )


def department_leaders(department: Department) -> "QuerySet[User]":
    from django.contrib.auth import get_user_model

    return (
        get_user_model()
        .objects.filter(
            memberships__unit__department=department, memberships__role=MembershipRole.LEADER, is_active=True
        )
        .distinct()
    )


def _require_draft(application: Application) -> None:
    """Only a draft can be changed; after submission the application stands as sent."""
    if not application.is_draft:
        raise FundError(_("A submitted application can no longer be changed."))


def _refuse_party(application: Application, actor: "User") -> None:
    """Separation of duties: a party to the case never takes a step on it (see ``permissions``)."""
    reason = party_to_case_reason(actor, application)
    if reason:
        raise PartyToCase(reason)


def _require_assessment_done(application: Application) -> None:
    """The process order: a recommendation and a grant come after the assessment (``selectors``)."""
    progress = selectors.assessment_progress(application)
    if progress.done:
        return
    if not progress.total:
        raise FundError(
            _(
                "No assessor without a conflict of interest has assessed the application yet. "
                "A recommendation or a grant comes after the assessment."
            )
        )
    raise FundError(
        ngettext(
            "The assessment is not finished: %(finished)s of %(total)s assessor has scored every criterion. "
            "A recommendation or a grant comes after the assessment.",
            "The assessment is not finished: %(finished)s of %(total)s assessors have scored every criterion. "
            "A recommendation or a grant comes after the assessment.",
            progress.total,
        )
        % {"finished": len(progress.finished), "total": progress.total}
    )


def _state(application: Application) -> dict[str, Any]:
    state = snapshot(application, (*APPLICATION_FIELDS, "status"))
    return state


# --- Applying -----------------------------------------------------------------------------------------


@transaction.atomic
def application_create(
    *, actor: "User", round: Round, title: str, organisation: "PartnerOrganisation | None" = None
) -> Application:
    if not round.is_open():
        raise FundError(_("The round is not open for applications."))
    _cpr_guard(title=title)
    application = Application.objects.create(
        round=round, applicant=actor, title=title, organisation=organisation
    )
    activity.record(actor=actor, verb=verbs.APPLICATION_CREATED, target=application)
    return application


@transaction.atomic
def application_save_draft(
    *,
    application: Application,
    actor: "User",
    title: str | Keep = KEEP,
    organisation: "PartnerOrganisation | None | Keep" = KEEP,
    summary: str | Keep = KEEP,
    theme: Theme | None | Keep = KEEP,
    new_and_original: str | Keep = KEEP,
    value: str | Keep = KEEP,
    risks: str | Keep = KEEP,
    business_case: str | Keep = KEEP,
    economic_gain_per_year: Decimal | None | Keep = KEEP,
    life_after: str | Keep = KEEP,
    effect_documentation: str | Keep = KEEP,
    partners: str | Keep = KEEP,
    cofinancing_internal: Decimal | Keep = KEEP,
    cofinancing_external: Decimal | Keep = KEEP,
    amount: Decimal | None | Keep = KEEP,
    first_year: int | None | Keep = KEEP,
    last_year: int | None | Keep = KEEP,
    city_goals: "Iterable[CityGoal] | None" = None,
    budget_lines: Iterable[tuple[int, Decimal, str]] | None = None,
) -> Application:
    """Save what the applicant has written so far (the fields given; ``KEEP`` leaves one as it is, and None
    leaves the city goals and budget lines). Nothing is required in a draft."""
    values = given(
        title=title,
        organisation=organisation,
        summary=summary,
        theme=theme,
        new_and_original=new_and_original,
        value=value,
        risks=risks,
        business_case=business_case,
        economic_gain_per_year=economic_gain_per_year,
        life_after=life_after,
        effect_documentation=effect_documentation,
        partners=partners,
        cofinancing_internal=cofinancing_internal,
        cofinancing_external=cofinancing_external,
        amount=amount,
        first_year=first_year,
        last_year=last_year,
    )
    application = Application.objects.select_for_update().get(pk=application.pk)
    _require_draft(application)
    _cpr_guard(**{name: values.get(name) for name in TEXT_FIELDS if name in values})
    before = _state(application)
    for name in APPLICATION_FIELDS:
        if name in values:
            setattr(application, name, values[name])
    if not application.title:
        application.title = before["title"]
    application.save()
    if city_goals is not None:
        application.city_goals.set(city_goals)
    if budget_lines is not None:
        budget_lines_set(application=application, lines=budget_lines)
    changes = changes_between(before, _state(application), private=PRIVATE_DRAFT_FIELDS)
    if changes:
        activity.record(actor=actor, verb=verbs.DRAFT_SAVED, target=application, changes=changes)
    return application


def budget_lines_set(*, application: Application, lines: Iterable[tuple[int, Decimal, str]]) -> None:
    lines = [(int(year), Decimal(amount), note or "") for year, amount, note in lines if year]
    _cpr_guard(**{f"budget_{year}": note for year, _amount, note in lines})
    application.budget_lines.all().delete()
    BudgetLine.objects.bulk_create(
        [BudgetLine(application=application, year=y, amount=a, note=n[:300]) for y, a, n in lines]
    )


BUSINESS_CASE_MISSING = _(
    "The application cannot be submitted without a business case that states the expected "
    "economic gain per year. It is the fund's main criterion: in the longer run the project "
    "must give the municipality an economic gain. The business case may be uncertain."
)
YEARS_MISSING = _("State the first and the last budget year of the project.")

# The submit rule for the application's own fields, in the order the problems are listed:
# field -> (the field the problem is shown beside, the Danish message). ``submission_problems`` checks exactly
# these, and the application form marks exactly these "required to submit" (``SUBMIT_REQUIRED_FIELDS``).
SUBMIT_REQUIRED: dict[str, tuple[str, Any]] = {
    "business_case": ("business_case", BUSINESS_CASE_MISSING),
    "economic_gain_per_year": ("business_case", BUSINESS_CASE_MISSING),
    "summary": ("summary", _("Write a short summary of the project.")),
    "new_and_original": ("new_and_original", _("Describe what is new and original.")),
    "value": ("value", _("Describe what is useful and valuable.")),
    "risks": (
        "risks",
        _("State the risks plainly. A risky project is welcome – the risk must just be explicit."),
    ),
    "life_after": ("life_after", _("Describe how the project lives on after the grant.")),
    "effect_documentation": (
        "effect_documentation",
        _("Describe how the effects will be documented and reported."),
    ),
    "amount": ("amount", _("State the amount you apply for.")),
    "first_year": ("first_year", YEARS_MISSING),
    "last_year": ("first_year", YEARS_MISSING),
}
SUBMIT_REQUIRED_FIELDS = frozenset(SUBMIT_REQUIRED)
# Filled in means more than zero for these.
SUBMIT_POSITIVE = frozenset({"amount"})


def submit_field_missing(application: Application, name: str) -> bool:
    """True when the submit rule finds ``name`` not filled in: empty text, no value, or (amount) not above 0."""
    value = getattr(application, name)
    if value is None:
        return True
    if isinstance(value, str):
        return not value.strip()
    return name in SUBMIT_POSITIVE and value <= 0


def submission_problems(application: Application) -> "list[tuple[str | None, StrOrPromise]]":
    """What stops the application from being submitted: (field or None, Danish message)."""
    problems: list[tuple[str | None, StrOrPromise]] = []
    for name, (where, message) in SUBMIT_REQUIRED.items():
        if submit_field_missing(application, name) and (where, message) not in problems:
            problems.append((where, message))
    if application.first_year is not None and application.last_year is not None:
        lines = list(application.budget_lines.all())
        total = sum((line.amount for line in lines), Decimal("0"))
        outside = [
            line.year for line in lines if not application.first_year <= line.year <= application.last_year
        ]
        if not lines:
            problems.append((None, _("Fill in the budget per year.")))
        elif outside:
            problems.append((None, _("The budget has years outside the project's duration.")))
        elif application.amount is not None and total != application.amount:
            problems.append(
                (
                    None,
                    _("The budget per year adds up to %(total)s, not the %(amount)s you apply for.")
                    % {"total": formats.kr(total), "amount": formats.kr(application.amount)},
                )
            )
    co = list(application.co_applicants.all())
    if not any(c.status == CoApplicantStatus.CONFIRMED for c in co):
        problems.append(
            (None, _("At least one department must have confirmed that it applies with you."))
            if co
            else (
                None,
                _("Add at least one department as co-applicant. Applications are made with a department."),
            )
        )
    return problems


@transaction.atomic
def application_submit(*, application: Application, actor: "User") -> Application:
    application = Application.objects.select_for_update().get(pk=application.pk)
    if application.status != ApplicationStatus.DRAFT:
        raise FundError(_("The application has already been submitted."))
    if not application.round.is_open():
        raise FundError(_("The round is closed; the application can no longer be submitted."))
    problems = submission_problems(application)
    if problems:
        raise SubmissionBlocked(problems)
    application.status = ApplicationStatus.SUBMITTED
    application.submitted_at = timezone.now()
    application.save(update_fields=["status", "submitted_at", "updated_at"])
    activity.record(actor=actor, verb=verbs.APPLICATION_SUBMITTED, target=application)
    _notify_applicant(application, NOTIFICATION_TEXTS[0])
    return application


@transaction.atomic
def application_withdraw(*, application: Application, actor: "User") -> Application:
    application = Application.objects.select_for_update().get(pk=application.pk)
    if application.status in (
        ApplicationStatus.GRANTED,
        ApplicationStatus.REJECTED,
        ApplicationStatus.WITHDRAWN,
    ):
        raise FundError(_("The application can no longer be withdrawn."))
    application.status = ApplicationStatus.WITHDRAWN
    application.save(update_fields=["status", "updated_at"])
    activity.record(actor=actor, verb=verbs.APPLICATION_WITHDRAWN, target=application)
    return application


@transaction.atomic
def co_applicant_add(*, application: Application, department: Department, actor: "User") -> CoApplicant:
    _require_draft(application)
    co, created = CoApplicant.objects.get_or_create(application=application, department=department)
    if not created:
        raise FundError(_("The department is already a co-applicant."), "department")
    activity.record(
        actor=actor,
        verb=verbs.CO_APPLICANT_ADDED,
        target=application,
        changes={"department": [None, department.name]},
    )
    from django.urls import reverse

    _notify(
        department_leaders(department),
        NOTIFICATION_TEXTS[6],
        reverse("fund:confirmations"),
        title=application.title,
    )
    return co


@transaction.atomic
def co_applicant_remove(*, co_applicant: CoApplicant, actor: "User") -> None:
    _require_draft(co_applicant.application)
    activity.record(
        actor=actor,
        verb=verbs.CO_APPLICANT_REMOVED,
        target=co_applicant.application,
        changes={"department": [co_applicant.department.name, None]},
    )
    co_applicant.delete()


@transaction.atomic
def co_applicant_answer(*, co_applicant: CoApplicant, actor: "User", confirm: bool) -> CoApplicant:
    co_applicant = (
        CoApplicant.objects.select_for_update()
        .select_related("application", "department")
        .get(pk=co_applicant.pk)
    )
    co_applicant.status = CoApplicantStatus.CONFIRMED if confirm else CoApplicantStatus.DECLINED
    co_applicant.answered_by = actor
    co_applicant.answered_at = timezone.now()
    co_applicant.save()
    activity.record(
        actor=actor,
        verb=verbs.CO_APPLICANT_CONFIRMED if confirm else verbs.CO_APPLICANT_DECLINED,
        target=co_applicant.application,
        changes={"department": [None, co_applicant.department.name]},
    )
    _notify_applicant(
        co_applicant.application,
        NOTIFICATION_TEXTS[4] if confirm else NOTIFICATION_TEXTS[5],
        department=co_applicant.department.name,
    )
    return co_applicant


def attachment_check(uploaded: Upload) -> None:
    suffix = PurePath(uploaded.name).suffix.lower()
    if suffix not in ALLOWED_ATTACHMENTS:
        raise FundError(
            _(
                "Files of this type cannot be attached. "
                "Use PDF, Word, Excel, PowerPoint, OpenDocument, PNG, JPEG, text or CSV."
            ),
            "file",
        )
    if uploaded.size > MAX_ATTACHMENT_BYTES:
        raise FundError(_("The file is larger than 5 MB. Make it smaller or split it."), "file")
    if uploaded.size == 0:
        raise FundError(_("The file is empty."), "file")
    head = uploaded.read(8)
    uploaded.seek(0)
    magics = ALLOWED_ATTACHMENTS[suffix]
    if magics and not any(head.startswith(m) for m in magics):
        raise FundError(_("The file's content does not match its type."), "file")
    if suffix in READABLE_SUFFIXES:  # text, CSV, Office/OpenDocument and PDF: the CPR guard reads the text
        data = uploaded.read(MAX_ATTACHMENT_BYTES)
        uploaded.seek(0)
        try:
            text = extract_text(uploaded.name, data)
        except UnreadableDocument as exc:
            raise FundError(
                _(
                    "The file could not be read, so it could not be checked for CPR numbers. "
                    "Save it again, e.g. as PDF, and attach it."
                ),
                "file",
            ) from exc
        if contains_cpr(text):
            report_cpr_hit(text=text, where="fund.attachment")
            raise FundError(
                _("The file appears to contain a CPR number. Remove it and attach the file again."), "file"
            )


@transaction.atomic
def attachment_add(*, application: Application, uploaded: Upload, actor: "User") -> Attachment:
    _require_draft(application)
    if application.attachments.count() >= MAX_ATTACHMENTS:
        raise FundError(
            _("An application can have at most %(n)s attachments.") % {"n": MAX_ATTACHMENTS}, "file"
        )
    attachment_check(uploaded)
    name = PurePath(uploaded.name).name[:200]
    _cpr_guard(file=name)
    attachment = Attachment(
        application=application,
        name=name,
        size=uploaded.size,
        content_type=(getattr(uploaded, "content_type", "") or "application/octet-stream")[:100],
        uploaded_by=actor,
    )
    attachment.file.save(name, uploaded, save=False)
    attachment.save()
    activity.record(
        actor=actor, verb=verbs.ATTACHMENT_ADDED, target=application, changes={"attachment": [None, name]}
    )
    return attachment


@transaction.atomic
def attachment_delete(*, attachment: Attachment, actor: "User") -> None:
    _require_draft(attachment.application)
    activity.record(
        actor=actor,
        verb=verbs.ATTACHMENT_REMOVED,
        target=attachment.application,
        changes={"attachment": [attachment.name, None]},
    )
    attachment.file.delete(save=False)
    attachment.delete()


# --- Sealed rounds ------------------------------------------------------------------------------------


@transaction.atomic
def peek_record(*, application: Application, actor: "User", reason: str) -> SealedPeek:
    _cpr_guard(reason=reason)
    peek = SealedPeek.objects.create(application=application, user=actor, reason=reason[:300])
    activity.record(
        actor=actor, verb=verbs.SEALED_PEEK, target=application, changes={"reason": [None, reason]}
    )
    return peek


# --- Assessment ---------------------------------------------------------------------------------------


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
    _refuse_party(application, actor)
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
    if application.status not in (ApplicationStatus.IN_ASSESSMENT, ApplicationStatus.RECOMMENDED):
        raise FundError(_("Only applications in assessment get a recommendation."))
    _require_assessment_done(application)
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


# --- Decisions, council and ledger --------------------------------------------------------------------


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


@transaction.atomic
def council_decision_record(
    *, application: Application, actor: "User", decided_on: dt.date, case_number: str, outcome: str
) -> Application:
    application = (
        Application.objects.select_for_update(of=("self",))
        .select_related("round__pool")
        .get(pk=application.pk)
    )
    _refuse_party(application, actor)
    if application.status != ApplicationStatus.AWAITING_COUNCIL:
        raise FundError(_("The application does not await the city council."))
    if outcome == CouncilOutcome.APPROVED:
        _require_assessment_done(application)
    _cpr_guard(council_case_number=case_number)
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
        },
    )
    if outcome == CouncilOutcome.APPROVED:
        _grant(application, actor)
    else:
        application.status = ApplicationStatus.REJECTED
        application.save()
    _notify_applicant(application, NOTIFICATION_TEXTS[2])
    return application


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


# --- Projects -----------------------------------------------------------------------------------------


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


def _local_learning(local: LocalProject) -> SharedLearning:
    from django.urls import reverse

    return SharedLearning(
        key=f"fund.local:{local.pk}",
        kind="fund_report",
        title=local.title,
        body="\n\n".join(t for t in (local.description, local.learning) if t),
        url=reverse("fund:local") + f"?year={local.year}",
        # The year's end, but never a date that has not come yet (it was recorded when it was recorded).
        date=min(dt.date(local.year, 12, 31), timezone.localdate(local.created_at)),
        shared=local.shareable,
        department_id=local.department_id,
        paths=("learn",),
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
def project_stop(*, project: Project, actor: "User", reason: str, learning: str, shareable: bool) -> Decimal:
    """Stop early – fail fast and cheaply. What is committed and not paid out goes back to the pool."""
    project = Project.objects.select_for_update().select_related("application").get(pk=project.pk)
    if project.status != ProjectStatus.RUNNING:
        raise FundError(_("Only a running project can be stopped."))
    _cpr_guard(stop_reason=reason, stop_learning=learning)
    project.status = ProjectStatus.STOPPED
    project.ended_on = timezone.localdate()
    project.stop_reason = reason
    project.stop_learning = learning
    project.stop_learning_shareable = shareable
    project.save()
    released = ledger.release_open(project=project, actor=actor, note=gettext("Stopped early"))
    activity.record(
        actor=actor, verb=verbs.PROJECT_STOPPED, target=project, changes={"released": [None, str(released)]}
    )
    announce(_stop_learning(project))
    versions.bump("content")
    return released


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


# --- Local innovation funds ---------------------------------------------------------------------------


@transaction.atomic
def local_allocate(
    *, pool_year: PoolYear, payroll: dict[int, Decimal], actor: "User"
) -> list[LocalAllocation]:
    """Split the local pool's year between departments by payroll (largest remainder, to the øre)."""
    shares = allocate_local_funds(pool_year.budget, {str(k): v for k, v in payroll.items()})
    LocalAllocation.objects.filter(pool_year=pool_year).delete()
    rows = LocalAllocation.objects.bulk_create(
        [
            LocalAllocation(pool_year=pool_year, department_id=int(k), payroll=payroll[int(k)], amount=amount)
            for k, amount in shares.items()
        ]
    )
    activity.record(
        actor=actor,
        verb=verbs.LOCAL_ALLOCATION,
        target=pool_year.pool,
        changes={"year": [None, pool_year.year], "shares": [None, {k: str(v) for k, v in shares.items()}]},
    )
    return rows


@transaction.atomic
def local_project_save(
    *,
    actor: "User",
    local: LocalProject | None = None,
    department: Department,
    year: int,
    title: str,
    description: str,
    amount: Decimal,
    learning: str = "",
    shareable: bool = False,
    spread: bool = False,
) -> LocalProject:
    """Record a local project (``local`` None) or change one; every field is set."""
    _cpr_guard(title=title, description=description, learning=learning)
    local = local or LocalProject(created_by=actor)
    local.department = department
    local.year = year
    local.title = title
    local.description = description
    local.amount = amount
    local.learning = learning
    local.shareable = shareable
    local.spread = spread
    local.full_clean(exclude=["created_by"])
    local.save()
    activity.record(actor=actor, verb=verbs.LOCAL_PROJECT_SAVED, target=local)
    announce(_local_learning(local))
    return local


@transaction.atomic
def fund_save(*, fund: Fund, actor: "User", name: str, description: str, is_active: bool) -> Fund:
    """Save the fund's own settings (programme staff; audited)."""
    return _config_save(
        instance=fund, actor=actor, values={"name": name, "description": description, "is_active": is_active}
    )


def pool_save(
    *, pool: Pool, actor: "User", name: str, kind: str, annual_amount: Decimal, description: str, order: int
) -> Pool:
    """Save one of the fund's pools (programme staff; audited). A new pool has its fund set."""
    return _config_save(
        instance=pool,
        actor=actor,
        values={
            "name": name,
            "kind": kind,
            "annual_amount": annual_amount,
            "description": description,
            "order": order,
        },
    )


def theme_save(
    *, theme: Theme, actor: "User", name: str, description: str, order: int, is_active: bool
) -> Theme:
    """Save one of the fund's themes (programme staff; audited). A new theme has its fund set."""
    return _config_save(
        instance=theme,
        actor=actor,
        values={"name": name, "description": description, "order": order, "is_active": is_active},
    )


def criterion_save(
    *,
    criterion: Criterion,
    actor: "User",
    name: str,
    description: str,
    is_main: bool,
    order: int,
    is_active: bool,
) -> Criterion:
    """Save one of the assessment criteria (programme staff; audited). A new one has its fund set."""
    return _config_save(
        instance=criterion,
        actor=actor,
        values={
            "name": name,
            "description": description,
            "is_main": is_main,
            "order": order,
            "is_active": is_active,
        },
    )


def round_save(
    *,
    round: Round,
    actor: "User",
    title: str,
    pool: Pool,
    description: str,
    opens_at: dt.datetime,
    closes_at: dt.datetime,
    sealed: bool,
    anonymise_applicants: bool,
) -> Round:
    """Save an application round (programme staff; audited). A new round has its fund set."""
    return _config_save(
        instance=round,
        actor=actor,
        values={
            "title": title,
            "pool": pool,
            "description": description,
            "opens_at": opens_at,
            "closes_at": closes_at,
            "sealed": sealed,
            "anonymise_applicants": anonymise_applicants,
        },
    )


ConfigModel = TypeVar("ConfigModel", Fund, Pool, Theme, Criterion, Round)


@transaction.atomic
def _config_save(*, instance: ConfigModel, actor: "User", values: dict[str, Any]) -> ConfigModel:
    """Set the named fields of a fund, pool, theme, criterion or round, validate, save and audit."""
    fields = list(values)
    before = snapshot(instance, fields) if instance.pk else {}
    for name, value in values.items():
        setattr(instance, name, value)
    instance.full_clean()
    instance.save()
    activity.record(
        actor=actor,
        verb=verbs.CONFIG_SAVED,
        target=instance,
        changes=changes_between(before, snapshot(instance, fields)),
    )
    return instance
