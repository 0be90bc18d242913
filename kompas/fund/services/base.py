"""What every room of the fund's writes shares: the error types, the CPR guard, notifications in fixed texts and the
separation-of-duties and process-order guards."""

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, Protocol

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from kompas import activity
from kompas.activity.services import snapshot
from kompas.core.cpr import contains_cpr
from kompas.core.validators import CPR_ERROR, report_cpr_hit
from kompas.organisations.choices import MembershipRole
from kompas.organisations.models import Department

from .. import selectors
from ..models import (
    Application,
)
from ..permissions import party_to_case_reason

if TYPE_CHECKING:
    from django.db.models import QuerySet
    from django_stubs_ext import StrOrPromise

    from kompas.accounts.models import User


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
    "economic_gain_low",
    "economic_gain_high",
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


MAIN_CRITERION_FAILED = _(
    "The assessors find that the main criterion – an economic gain for the municipality in the longer run – "
    "is not met. The main criterion cannot be set aside, so the application cannot be shortlisted, "
    "recommended or granted."
)
MAIN_CRITERION_NOT_SCORED = _(
    "No assessor has scored the main criterion (economic gain in the longer run) yet. It is assessed first."
)


def _require_main_criterion(application: Application) -> None:
    """Seed 004 §6: "Hovedkriteriet er ufravigeligt". Shortlisting, a recommendation and a grant need the
    assessors to find it met (``scoring.main_criterion_met``)."""
    met = selectors.main_criterion_met(application)
    if met is None:
        raise FundError(MAIN_CRITERION_NOT_SCORED)
    if not met:
        raise FundError(MAIN_CRITERION_FAILED)


def _state(application: Application) -> dict[str, Any]:
    state = snapshot(application, (*APPLICATION_FIELDS, "status"))
    return state
