from django.db import models
from django.utils.translation import gettext_lazy as _


class CommitteeKind(models.TextChoices):
    """The city council's bodies that Kompas keeps informed (seed 004 §6 "Byrådets rolle", seed 000 §5)."""

    ECONOMIC = "economic", _("Finance committee (Økonomiudvalget)")
    STANDING = "standing", _("Standing committee (fagudvalg)")
    MAGISTRATE = "magistrate", _("The magistrate (Magistraten)")
