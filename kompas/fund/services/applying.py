"""Applying: drafts, the submission rule (the main criterion first), withdrawal and co-applicant departments."""

from collections.abc import Iterable
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kompas import activity
from kompas.activity.services import changes_between
from kompas.core import formats
from kompas.core.keep import KEEP, Keep, given
from kompas.organisations.models import Department

from .. import verbs
from ..choices import (
    ApplicationStatus,
    CoApplicantStatus,
)
from ..models import (
    Application,
    BudgetLine,
    CoApplicant,
    Round,
    Theme,
)
from .base import (
    APPLICATION_FIELDS,
    NOTIFICATION_TEXTS,
    PRIVATE_DRAFT_FIELDS,
    TEXT_FIELDS,
    FundError,
    SubmissionBlocked,
    _cpr_guard,
    _notify,
    _notify_applicant,
    _require_draft,
    _state,
    department_leaders,
)

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

    from kompas.accounts.models import User
    from kompas.citygoals.models import CityGoal
    from kompas.organisations.models import PartnerOrganisation


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
    economic_gain_low: Decimal | None | Keep = KEEP,
    economic_gain_high: Decimal | None | Keep = KEEP,
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
        economic_gain_low=economic_gain_low,
        economic_gain_high=economic_gain_high,
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


GAIN_NOT_POSITIVE = _(
    "State the expected economic gain per year for the municipality – above 0 kr. It is the fund's main "
    "criterion and cannot be set aside. The business case may be uncertain: give a low and a high estimate "
    "and write your assumptions in the business case."
)
YEARS_MISSING = _("State the first and the last budget year of the project.")


# The submit rule for the application's own fields, in the order the problems are listed:
# field -> (the field the problem is shown beside, the Danish message). ``submission_problems`` checks exactly
# these, and the application form marks exactly these "required to submit" (``SUBMIT_REQUIRED_FIELDS``).
SUBMIT_REQUIRED: dict[str, tuple[str, Any]] = {
    "business_case": ("business_case", BUSINESS_CASE_MISSING),
    "economic_gain_per_year": ("economic_gain_per_year", GAIN_NOT_POSITIVE),
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


# Filled in means more than zero for these: the gain must be "en økonomisk gevinst" (seed 004 §6).
SUBMIT_POSITIVE = frozenset({"amount", "economic_gain_per_year"})
GAIN_RANGE_WRONG = _(
    "The expected gain must lie between the low and the high estimate, and the low estimate cannot be "
    "above the high one."
)


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
    low, high, gain = (
        application.economic_gain_low,
        application.economic_gain_high,
        application.economic_gain_per_year,
    )
    if gain is not None and (
        (low is not None and low > gain)
        or (high is not None and high < gain)
        or (low or 0) > (high or low or 0)
    ):
        problems.append(("economic_gain_per_year", GAIN_RANGE_WRONG))
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
