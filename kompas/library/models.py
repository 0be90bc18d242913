from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from kompas.citygoals.models import CityGoal
from kompas.core.models import PublicationStatus, Publishable, TimeStamped
from kompas.organisations.models import Department

from .choices import PATH_LABELS, SOURCE_LABELS, Audience, ItemKind

PATH_FIELDS = {"listen": "path_listen", "solve": "path_solve", "learn": "path_learn", "lead": "path_lead"}


class LibraryItem(TimeStamped, Publishable):
    """A case, tool, portrait or learning in Vidensbanken.

    Items written here by programme staff have no ``key``. Learnings shared from trials, goal follow-ups and
    fund reports carry the source's ``key`` (one row per key), a link back, and are for staff only.
    ``search_vector`` is the stored PostgreSQL document (``danish`` configuration, GIN-indexed by migration
    0001); the services keep it current. On SQLite it stays empty and search falls back to matching text.
    """

    kind = models.CharField(_("kind"), max_length=10, choices=ItemKind.choices, db_index=True)
    title = models.CharField(_("title"), max_length=200)
    summary = models.CharField(_("summary"), max_length=500, blank=True)
    body = models.TextField(_("text"), max_length=20000)
    audience = models.CharField(
        _("who may read it"), max_length=8, choices=Audience.choices, default=Audience.STAFF, db_index=True
    )
    dated = models.DateField(_("date"))
    department = models.ForeignKey(
        Department,
        verbose_name=_("department"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="library_items",
    )
    city_goals = models.ManyToManyField(
        CityGoal, verbose_name=_("city goals"), blank=True, related_name="library_items"
    )
    path_listen = models.BooleanField(_("listen"), default=False)
    path_solve = models.BooleanField(_("solve"), default=False)
    path_learn = models.BooleanField(_("learn"), default=False)
    path_lead = models.BooleanField(_("lead"), default=False)
    key = models.CharField(
        _("source key"), max_length=120, unique=True, null=True, blank=True, editable=False
    )
    source_kind = models.CharField(_("source"), max_length=30, blank=True, editable=False)
    source_url = models.CharField(_("link to the source"), max_length=500, blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    search_vector = SearchVectorField(null=True, editable=False)

    class Meta:
        ordering = ["-dated", "-id"]
        verbose_name = _("library item")
        verbose_name_plural = _("library items")
        indexes = [
            models.Index(fields=["publication_status", "audience", "-dated"]),
            models.Index(fields=["department", "publication_status"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(key__isnull=True) | Q(kind=ItemKind.LEARNING),
                name="library_keyed_items_are_learnings",
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("library:detail", kwargs={"pk": self.pk})

    @property
    def paths(self) -> list[str]:
        return [code for code, field in PATH_FIELDS.items() if getattr(self, field)]

    @property
    def path_labels(self) -> list[str]:
        return [str(PATH_LABELS[code]) for code in self.paths]

    @property
    def is_shared_learning(self) -> bool:
        return bool(self.key)

    @property
    def source_label(self) -> str:
        return str(SOURCE_LABELS.get(self.source_kind, self.source_kind))

    @property
    def is_public(self) -> bool:
        return self.audience == Audience.PUBLIC and self.publication_status == PublicationStatus.PUBLISHED
