from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from kompas.core.models import TimeStamped


class Vision(TimeStamped):
    """The council's vision that the city goals stand under. One row; edited, never duplicated."""

    title = models.CharField(_("title"), max_length=200)
    text = models.TextField(_("text"), blank=True)
    is_default_text = models.BooleanField(_("default wording"), default=False)

    class Meta:
        verbose_name = _("vision")
        verbose_name_plural = _("vision")

    def __str__(self) -> str:
        return self.title


class CityGoal(TimeStamped):
    """An Aarhusmål: a goal of the city council that everything in Kompas is tied to."""

    slug = models.SlugField(_("short address"), max_length=80, unique=True)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("short text"), max_length=1000)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    is_active = models.BooleanField(
        _("active"), default=True, help_text=_("Inactive city goals are kept for history but not offered.")
    )
    is_default_text = models.BooleanField(_("default wording"), default=False)

    # The stored danish search document, kept by kompas.core.search_index (PostgreSQL only; empty on SQLite).
    search_vector = SearchVectorField(null=True, editable=False)

    class Meta:
        ordering = ["order", "title"]
        verbose_name = _("city goal")
        verbose_name_plural = _("city goals")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("citygoals:detail", kwargs={"slug": self.slug})
