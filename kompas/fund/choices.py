from django.db import models
from django.utils.translation import gettext_lazy as _


class PoolKind(models.TextChoices):
    CROSS_CUTTING = "cross", _("Cross-cutting innovation pool")
    LOCAL = "local", _("Local innovation funds")


class ApplicationStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    IN_ASSESSMENT = "assessment", _("In assessment")
    SCREENED_OUT = "screened_out", _("Not taken further after screening")
    RECOMMENDED = "recommended", _("Recommended by the directors' group")
    AWAITING_COUNCIL = "council", _("Awaiting the city council")
    GRANTED = "granted", _("Granted")
    REJECTED = "rejected", _("Not granted")
    WITHDRAWN = "withdrawn", _("Withdrawn")


# What an applicant sees: the internal steps are shown as one calm "being assessed".
APPLICANT_STATUS = {
    ApplicationStatus.DRAFT: _("Draft"),
    ApplicationStatus.SUBMITTED: _("Submitted"),
    ApplicationStatus.IN_ASSESSMENT: _("Being assessed"),
    ApplicationStatus.SCREENED_OUT: _("Not granted"),
    ApplicationStatus.RECOMMENDED: _("Being assessed"),
    ApplicationStatus.AWAITING_COUNCIL: _("Awaiting the city council's decision"),
    ApplicationStatus.GRANTED: _("Granted"),
    ApplicationStatus.REJECTED: _("Not granted"),
    ApplicationStatus.WITHDRAWN: _("Withdrawn"),
}

OPEN_FOR_DECISION = (ApplicationStatus.IN_ASSESSMENT, ApplicationStatus.RECOMMENDED)


class CoApplicantStatus(models.TextChoices):
    PENDING = "pending", _("Awaiting confirmation")
    CONFIRMED = "confirmed", _("Confirmed")
    DECLINED = "declined", _("Declined")


class ConflictGround(models.TextChoices):
    """Forvaltningsloven § 3, stk. 1 (inhabilitet)."""

    NONE = "none", _("I have no conflict of interest")
    PERSONAL_INTEREST = (
        "nr1",
        _("§ 3(1)(1): I have a special personal or financial interest in the outcome, or am a party"),
    )
    CLOSE_RELATION = (
        "nr2",
        _("§ 3(1)(2): a spouse, close relative or in-law, or someone I represent, has such an interest"),
    )
    ORGANISATION = (
        "nr3",
        _(
            "§ 3(1)(3): I take part in the management of, or am closely tied to, an organisation with "
            "a special interest in the outcome"
        ),
    )
    SUPERVISION = (
        "nr4",
        _("§ 3(1)(4): the case concerns supervision of another authority where I took part in the decision"),
    )
    OTHER_DOUBT = "nr5", _("§ 3(1)(5): other circumstances that may cast doubt on my impartiality")


class Recommendation(models.TextChoices):
    RECOMMEND = "recommend", _("Recommend a grant")
    NOT_RECOMMEND = "not", _("Do not recommend")
    POSTPONE = "postpone", _("Postpone to a later round")


class Outcome(models.TextChoices):
    GRANT = "grant", _("Grant")
    REJECT = "reject", _("Reject")


class ReasonCode(models.TextChoices):
    STRONG_CASE = "strong_case", _("Strong business case and clear innovation")
    CROSS_COOPERATION = "cooperation", _("Strong cooperation across departments and sectors")
    NO_ECONOMIC_GAIN = "no_gain", _("The main criterion (economic gain) is not met")
    WEAK_INNOVATION = "weak_innovation", _("Not new and original enough")
    RISKS_UNCLEAR = "risks_unclear", _("The risks are not described plainly")
    NOT_VIABLE = "not_viable", _("Not viable after the grant")
    NO_EFFECT_PLAN = "no_effect_plan", _("The effect cannot be documented")
    POOL_EXHAUSTED = "pool_exhausted", _("The pool is spent for the budget year")
    LOWER_PRIORITY = "priority", _("Lower priority than other applications")


class CouncilOutcome(models.TextChoices):
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")


class GrantingBody(models.TextChoices):
    """Who granted the money, and so who decides to stop the project (seed 004 §6)."""

    PROGRAMME = "programme", _("Borgmesterens Afdeling")
    COUNCIL = "council", _("The city council")


class ProjectStatus(models.TextChoices):
    RUNNING = "running", _("Running")
    COMPLETED = "completed", _("Completed")
    STOPPED = "stopped", _("Stopped early")


class LedgerKind(models.TextChoices):
    COMMITMENT = "commitment", _("Commitment")
    DISBURSEMENT = "disbursement", _("Disbursement")
    RELEASE = "release", _("Released commitment")
