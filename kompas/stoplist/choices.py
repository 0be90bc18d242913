from django.db import models
from django.utils.translation import gettext_lazy as _


class FarewellKind(models.TextChoices):
    """What a proposal asks us to stop or simplify."""

    RULE = "rule", _("Rule")
    REPORT = "report", _("Report")
    MEETING = "meeting", _("Meeting")
    FORM = "form", _("Form")
    SYSTEM_STEP = "system_step", _("Step in an IT system")


class FarewellStatus(models.TextChoices):
    PROPOSED = "proposed", _("Awaiting a decision")
    STOPPED = "stopped", _("Stopped – said goodbye to")
    SIMPLIFIED = "simplified", _("Simplified")
    KEPT = "kept", _("Kept, with a reason")


# The owner's decision is a transition from a proposal; a decision can be revisited (e.g. a kept report is
# stopped a year later), but a proposal never goes back to waiting.
TRANSITIONS: dict[str, frozenset[str]] = {
    FarewellStatus.PROPOSED: frozenset(
        {FarewellStatus.STOPPED, FarewellStatus.SIMPLIFIED, FarewellStatus.KEPT}
    ),
    FarewellStatus.KEPT: frozenset({FarewellStatus.STOPPED, FarewellStatus.SIMPLIFIED}),
    FarewellStatus.SIMPLIFIED: frozenset({FarewellStatus.STOPPED}),
    FarewellStatus.STOPPED: frozenset(),
}

# Decisions that free hours and so appear on the public page.
FAREWELL_DONE = (FarewellStatus.STOPPED, FarewellStatus.SIMPLIFIED)

STATUS_BADGES: dict[str, str] = {
    FarewellStatus.PROPOSED: "badge-info",
    FarewellStatus.STOPPED: "badge-success",
    FarewellStatus.SIMPLIFIED: "badge-success",
    FarewellStatus.KEPT: "",
}
