from django.db import models
from django.utils.translation import gettext_lazy as _


class FarewellKind(models.TextChoices):
    """What a proposal asks us to stop or simplify."""

    RULE = "rule", _("Rule")
    REPORT = "report", _("Report")
    MEETING = "meeting", _("Meeting")
    FORM = "form", _("Form")
    SYSTEM_STEP = "system_step", _("Step in an IT system")
    # At the level of the whole municipality (seed 000 §5): internal strategies and values, budget goals.
    VALUE = "value", _("Value or internal strategy")
    BUDGET_GOAL = "budget_goal", _("Budget goal")


class FarewellLevel(models.TextChoices):
    """Who owns what a proposal asks to stop: a unit, a department, or the whole municipality."""

    UNIT = "unit", _("A unit")
    DEPARTMENT = "department", _("A department")
    MUNICIPALITY = "municipality", _("The whole municipality")


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
