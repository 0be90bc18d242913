from django.db import models
from django.utils.translation import gettext_lazy as _


class ItemKind(models.TextChoices):
    LIKERT5 = "likert5", _("Scale, 5 points")
    LIKERT7 = "likert7", _("Scale, 7 points")
    SINGLE = "single", _("Single choice")
    MULTIPLE = "multiple", _("Multiple choice")
    TEXT = "text", _("Free text")


LIKERT_KINDS = (ItemKind.LIKERT5, ItemKind.LIKERT7)
SCALE_POINTS: dict[str, int] = {ItemKind.LIKERT5: 5, ItemKind.LIKERT7: 7}


class Dimension(models.TextChoices):
    """What an item measures, for the patterns page."""

    VALUE = "value", _("Public value orientation")
    PARTNER = "partner", _("Collaboration partner")
    PIVOT = "pivot", _("Pivot of the compass")
    OTHER = "other", _("Other")


class PersonRole(models.TextChoices):
    LEADER = "leader", _("Leader")
    EMPLOYEE = "employee", _("Employee")


class WaveStatus(models.TextChoices):
    DRAFT = "draft", _("Being prepared")
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed")


WAVE_TRANSITIONS = {
    WaveStatus.DRAFT: {WaveStatus.OPEN},
    WaveStatus.OPEN: {WaveStatus.CLOSED},
    WaveStatus.CLOSED: set(),
}


class ResultsState(models.TextChoices):
    """Where a closed wave's stored results are (``WaveResults``)."""

    BUILDING = "building", _("Being calculated")
    READY = "ready", _("Ready")
    FAILED = "failed", _("Failed")
