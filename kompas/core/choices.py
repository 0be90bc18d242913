"""Choices that several modules share, so that none of them has to import another for the words."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Visibility(models.TextChoices):
    """Who may see a goal, a collaboration or a trial: the staff, or everyone on the published value map."""

    INTERNAL = "internal", _("Internal – staff only")
    PUBLIC = "public", _("Public – shown on the published value map")


class StakeholderType(models.TextChoices):
    """Who a person takes part as, wherever a stakeholder type is chosen (dialogues, hearings, collaborations).

    "Faglig organisation" (a trade union or professional body) is at the table too (seed 000 §5 and §8).
    """

    CITIZEN = "citizen", _("Citizen")
    EMPLOYEE = "employee", _("Employee")
    LEADER = "leader", _("Leader")
    POLITICIAN = "politician", _("Politician")
    ASSOCIATION = "association", _("Association")
    BUSINESS = "business", _("Business")
    TRADE_UNION = "trade_union", _("Professional organisation")
