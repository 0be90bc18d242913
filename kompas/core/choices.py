"""Choices that several modules share, so that none of them has to import another for the words."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Visibility(models.TextChoices):
    """Who may see a goal, a collaboration or a trial: the staff, or everyone on the published value map."""

    INTERNAL = "internal", _("Internal – staff only")
    PUBLIC = "public", _("Public – shown on the published value map")
