from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class CompassPath(models.TextChoices):
    """The four paths of the compass (kompas.core.learnings.PATHS): a forum may gather on one of them."""

    LISTEN = "listen", pgettext_lazy("compass path", "Listen")
    SOLVE = "solve", pgettext_lazy("compass path", "Solve")
    LEARN = "learn", pgettext_lazy("compass path", "Learn")
    LEAD = "lead", pgettext_lazy("compass path", "Lead")


class Audience(models.TextChoices):
    """Who may find and join a learning forum."""

    EVERYONE = "everyone", _("Everyone who signs in – staff, citizens and partners")
    STAFF = "staff", _("Municipal staff only")


class SignUpStatus(models.TextChoices):
    CONFIRMED = "confirmed", _("Signed up")
    WAITING = "waiting", _("On the waiting list")
    CANCELLED = "cancelled", _("Cancelled")
