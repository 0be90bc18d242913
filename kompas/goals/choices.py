from django.db import models
from django.utils.translation import gettext_lazy as _


class GoalStatus(models.TextChoices):
    """A judgement with a reason, never a colour alone."""

    ON_TRACK = "on_track", _("On track")
    AT_RISK = "at_risk", _("At risk")
    OFF_TRACK = "off_track", _("Off track")
    ACHIEVED = "achieved", _("Achieved")
    STOPPED = "stopped", _("Stopped")


class Cadence(models.IntegerChoices):
    MONTHLY = 1, _("Every month")
    QUARTERLY = 3, _("Every quarter")
    HALF_YEARLY = 6, _("Every half year")
    YEARLY = 12, _("Every year")


class IndicatorDirection(models.TextChoices):
    HIGHER = "higher", _("Higher is better")
    LOWER = "lower", _("Lower is better")


class EvidenceKind(models.TextChoices):
    STORY = "story", _("Story")
    QUOTE = "quote", _("Quote")
    OBSERVATION = "observation", _("Observation")


# Badge class per status for DKFDS; the text of the status always shows beside it.
STATUS_BADGES: dict[str, str] = {
    GoalStatus.ON_TRACK: "badge-success",
    GoalStatus.AT_RISK: "badge-warning",
    GoalStatus.OFF_TRACK: "badge-error",
    GoalStatus.ACHIEVED: "badge-info",
    GoalStatus.STOPPED: "",
}
