from django.db import models
from django.utils.translation import gettext_lazy as _


class TrialStatus(models.TextChoices):
    RUNNING = "running", _("Running")
    SCALING = "scaling", _("Being scaled up")
    STOPPED = "stopped", _("Stopped – with a result")


class Decision(models.TextChoices):
    """What the owner decides after an iteration. Stopping is a result with its learning, not a failure."""

    CONTINUE = "continue", _("Continue as planned")
    ADJUST = "adjust", _("Adjust and try again")
    SCALE = "scale", _("Scale up")
    STOP = "stop", _("Stop")


# The state machine as data: the trial's status after each decision, and the statuses a decision may follow.
STATUS_AFTER = {
    Decision.CONTINUE: TrialStatus.RUNNING,
    Decision.ADJUST: TrialStatus.RUNNING,
    Decision.SCALE: TrialStatus.SCALING,
    Decision.STOP: TrialStatus.STOPPED,
}
DECIDABLE_FROM = frozenset({TrialStatus.RUNNING, TrialStatus.SCALING})

STATUS_BADGES = {
    TrialStatus.RUNNING: "badge-success",
    TrialStatus.SCALING: "badge-info",
    TrialStatus.STOPPED: "",
}
