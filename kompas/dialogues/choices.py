from django.db import models
from django.utils.translation import gettext_lazy as _

from kompas.core.choices import StakeholderType as _StakeholderType


class ForumStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed")
    REPORTED = "reported", _("Reported")


# The lifecycle as data: which status may follow which.
TRANSITIONS = {
    ForumStatus.DRAFT: {ForumStatus.OPEN},
    ForumStatus.OPEN: {ForumStatus.CLOSED},
    ForumStatus.CLOSED: {ForumStatus.OPEN, ForumStatus.REPORTED},
    ForumStatus.REPORTED: set(),
}


class ForumVisibility(models.TextChoices):
    PUBLIC = "public", _("Public – everyone may read and take part")
    STAFF = "staff", _("Staff only")
    INVITED = "invited", _("Invited people only")


class Moderation(models.TextChoices):
    PRE = "pre", _("Before publication – statements wait for approval")
    POST = "post", _("After publication – statements show at once and can be removed")


# The shared vocabulary lives in core (hearings and collaborations choose stakeholder types too).
StakeholderType = _StakeholderType


class StatementStatus(models.TextChoices):
    PENDING = "pending", _("Awaiting moderation")
    APPROVED = "approved", _("Published")
    REJECTED = "rejected", _("Rejected")


class VoteValue(models.IntegerChoices):
    AGREE = 1, _("Agree")
    DISAGREE = -1, _("Disagree")
    PASS = 0, _("Pass / unsure")


class MapState(models.TextChoices):
    COMPUTING = "computing", _("Being computed")
    READY = "ready", _("Ready")
    FAILED = "failed", _("Failed")
