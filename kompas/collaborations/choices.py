from django.db import models
from django.utils.translation import gettext_lazy as _


class Perspective(models.TextChoices):
    """Whose eyes a participant rates the collaboration with. Results are shown per perspective."""

    MUNICIPALITY = "municipality", _("The municipality")
    PARTNER = "partner", _("Partners")
    CITIZEN = "citizen", _("Citizens")
    # Faglige organisationer at the table (seed 000 §5, §8); the value is the shared stakeholder type's.
    TRADE_UNION = "trade_union", _("Professional organisations")


class RoundStatus(models.TextChoices):
    OPEN = "open", _("Open for answers")
    CLOSED = "closed", _("Closed")


# The rule of ADR 0012: a perspective's results show only when at least this many of it answered.
MIN_GROUP = 3
