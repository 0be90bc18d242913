from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from kompas.core.models import TimeStamped
from kompas.core.paths import PATHS


class Path(TimeStamped):
    """One of the compass's four paths (seed 001: new ways to listen, solve, learn and lead).

    The four are ordered, editable data: the municipality edits the texts or replaces them with its official
    ones. ``code`` is what the modules know the path by (``kompas.core.paths.PATHS``); ``is_default_text``
    marks Kompas' default wording until someone edits it.
    """

    code = models.CharField(_("code"), max_length=10, unique=True, choices=[(code, code) for code in PATHS])
    slug = models.SlugField(_("short address"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=120)
    short_name = models.CharField(_("short name"), max_length=40)
    summary = models.CharField(_("in one sentence"), max_length=300)
    text = models.TextField(_("text"), max_length=4000)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    is_default_text = models.BooleanField(_("default wording"), default=False)

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("path")
        verbose_name_plural = _("paths")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("compass:path", kwargs={"slug": self.slug})

    @property
    def paragraphs(self) -> list[str]:
        return [part.strip() for part in self.text.split("\n\n") if part.strip()]


class Pivot(TimeStamped):
    """One of the three pivots (omdrejningspunkter) of the compass, used as a lens for reflection.

    ``name`` is the seed's name; ``text`` what the seed says under it, in our words; ``questions`` the
    reflection questions the lens asks, one per line. Editable data, like the paths.
    """

    name = models.CharField(_("name"), max_length=120)
    tagline = models.CharField(_("in one line"), max_length=200)
    text = models.TextField(_("text"), max_length=3000)
    questions = models.TextField(_("reflection questions"), max_length=3000, help_text=_("One per line."))
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    is_default_text = models.BooleanField(_("default wording"), default=False)

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("pivot")
        verbose_name_plural = _("pivots")

    def __str__(self) -> str:
        return self.name

    @property
    def question_list(self) -> list[str]:
        return [line.strip() for line in self.questions.splitlines() if line.strip()]

    @property
    def paragraphs(self) -> list[str]:
        return [part.strip() for part in self.text.split("\n\n") if part.strip()]


class PathTag(models.Model):
    """A person put an object of any module on a further path (beyond the paths it is on by nature)."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.PositiveBigIntegerField()
    path = models.ForeignKey(Path, on_delete=models.CASCADE, related_name="tags")
    tagged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("path tag")
        verbose_name_plural = _("path tags")
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id", "path"], name="compass_one_tag_per_path"
            )
        ]
        indexes = [models.Index(fields=["path", "content_type"])]

    def __str__(self) -> str:
        return f"{self.content_type_id}:{self.object_id} → {self.path_id}"
