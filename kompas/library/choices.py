from django.db import models
from django.utils.translation import gettext_lazy as _


class ItemKind(models.TextChoices):
    # Seed 001: under each path, articles, cases, portraits and tools show the new way of working in practice.
    ARTICLE = "article", _("Article")
    CASE = "case", _("Case")
    TOOL = "tool", _("Tool")
    PORTRAIT = "portrait", _("Portrait")
    LEARNING = "learning", _("Learning")


class Audience(models.TextChoices):
    """Who may read a published item. Learnings shared from internal work are for staff."""

    PUBLIC = "public", _("Everyone – also citizens and partners")
    STAFF = "staff", _("Municipal staff only")


# The four paths of the compass (codes in kompas.core.learnings.PATHS), as the interface names them.
PATH_LABELS = {
    "listen": _("Listen"),
    "solve": _("Solve"),
    "learn": _("Learn"),
    "lead": _("Lead"),
}

# Where a shared learning came from (SharedLearning.kind).
SOURCE_LABELS = {
    "trial": _("Trial"),
    "follow_up": _("Goal follow-up"),
    "fund_report": _("Fund project"),
    "learning_session": _("Learning forum"),
}
