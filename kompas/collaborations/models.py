import hashlib
import secrets

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from kompas.citygoals.models import CityGoal
from kompas.core.choices import Visibility
from kompas.core.models import TimeStamped
from kompas.organisations.models import PartnerOrganisation, Unit

from .choices import Perspective, RoundStatus


class PrincipleSet(TimeStamped):
    """A version of the seven principles of Samarbejdskompasset. One is current; rounds keep their version."""

    version = models.PositiveIntegerField(_("version"), unique=True)
    note = models.CharField(_("what changed"), max_length=300, blank=True)
    is_current = models.BooleanField(_("current"), default=False)

    class Meta:
        ordering = ["-version"]
        verbose_name = _("principle set")
        verbose_name_plural = _("principle sets")
        constraints = [
            models.UniqueConstraint(
                fields=["is_current"], condition=Q(is_current=True), name="one_current_principle_set"
            )
        ]

    def __str__(self) -> str:
        return f"v{self.version}"

    @property
    def is_default_wording(self) -> bool:
        """Still Kompas' own default wording of the principles (``defaults.py``), not the municipality's."""
        from .defaults import DEFAULT_PRINCIPLES

        return [(p.title, p.text) for p in self.principles.all()] == [tuple(p) for p in DEFAULT_PRINCIPLES]


class Principle(models.Model):
    principle_set = models.ForeignKey(PrincipleSet, on_delete=models.CASCADE, related_name="principles")
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    title = models.CharField(_("principle"), max_length=200)
    text = models.CharField(_("explanation"), max_length=500, blank=True)

    class Meta:
        ordering = ["principle_set", "order", "id"]
        verbose_name = _("principle")
        verbose_name_plural = _("principles")

    def __str__(self) -> str:
        return self.title


class Collaboration(TimeStamped):
    """A collaboration (samarbejde) with a purpose tied to city goals, and partners of every kind."""

    title = models.CharField(_("title"), max_length=200)
    purpose = models.TextField(_("purpose and value for citizens"), max_length=3000)
    city_goals = models.ManyToManyField(CityGoal, verbose_name=_("city goals"), related_name="collaborations")
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("owner"),
        on_delete=models.PROTECT,
        related_name="owned_collaborations",
    )
    owner_unit = models.ForeignKey(
        Unit, verbose_name=_("owner unit"), on_delete=models.PROTECT, related_name="collaborations"
    )
    partner_units = models.ManyToManyField(
        Unit, verbose_name=_("other municipal units"), blank=True, related_name="partner_collaborations"
    )
    partner_organisations = models.ManyToManyField(
        PartnerOrganisation,
        verbose_name=_("associations and businesses"),
        blank=True,
        related_name="collaborations",
    )
    citizen_partners = models.CharField(
        _("citizens taking part"),
        max_length=500,
        blank=True,
        help_text=_("Groups of citizens, e.g. 'parents at Skåde School' – not names of individuals."),
    )
    visibility = models.CharField(
        _("visibility"), max_length=10, choices=Visibility.choices, default=Visibility.INTERNAL, db_index=True
    )
    ended_on = models.DateField(_("ended"), null=True, blank=True)

    # The stored danish search document, kept by kompas.core.search_index (PostgreSQL only; empty on SQLite).
    search_vector = SearchVectorField(null=True, editable=False)

    class Meta:
        ordering = ["-updated_at", "-id"]
        verbose_name = _("collaboration")
        verbose_name_plural = _("collaborations")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("collaborations:detail", kwargs={"pk": self.pk})


class ReflectionRound(TimeStamped):
    """A reflection round (refleksionsrunde): invited participants rate each principle of one version."""

    collaboration = models.ForeignKey(Collaboration, on_delete=models.CASCADE, related_name="rounds")
    number = models.PositiveSmallIntegerField(_("round"))
    title = models.CharField(_("occasion"), max_length=200, help_text=_("E.g. 'After the first half year'."))
    principle_set = models.ForeignKey(PrincipleSet, on_delete=models.PROTECT, related_name="rounds")
    status = models.CharField(
        _("status"), max_length=8, choices=RoundStatus.choices, default=RoundStatus.OPEN, db_index=True
    )
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)

    class Meta:
        ordering = ["collaboration", "number"]
        verbose_name = _("reflection round")
        verbose_name_plural = _("reflection rounds")
        constraints = [
            models.UniqueConstraint(fields=["collaboration", "number"], name="round_number_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.collaboration} – {self.number}. {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("collaborations:round", kwargs={"pk": self.pk})

    @property
    def is_open(self) -> bool:
        return self.status == RoundStatus.OPEN


class Participant(TimeStamped):
    """Someone invited to a round: a person with an account, or an external person with a secret link.

    The link's token is never stored, only its SHA-256 hash.
    """

    round = models.ForeignKey(ReflectionRound, on_delete=models.CASCADE, related_name="participants")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="reflection_participations",
    )
    name = models.CharField(_("name"), max_length=150, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    perspective = models.CharField(_("perspective"), max_length=12, choices=Perspective.choices)
    token_hash = models.CharField(max_length=64, blank=True, db_index=True)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    submitted_at = models.DateTimeField(_("answered"), null=True, blank=True)

    class Meta:
        ordering = ["round", "id"]
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
        constraints = [
            models.UniqueConstraint(
                fields=["round", "user"], condition=Q(user__isnull=False), name="participant_one_per_user"
            ),
            models.UniqueConstraint(
                fields=["round", "email"], condition=~Q(email=""), name="participant_one_per_email"
            ),
        ]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        if self.user_id and self.user:
            return self.user.get_full_name()
        return self.name or self.email

    @property
    def is_external(self) -> bool:
        return self.user_id is None

    @staticmethod
    def hash(raw: str) -> str:
        return hashlib.sha256(raw.encode()).hexdigest()

    @staticmethod
    def new_token() -> str:
        return secrets.token_urlsafe(32)


class Rating(TimeStamped):
    """One participant's rating (1–5) of one principle, with a comment. Seen only by its author."""

    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="ratings")
    principle = models.ForeignKey(Principle, on_delete=models.PROTECT, related_name="ratings")
    score = models.PositiveSmallIntegerField(
        _("rating"), validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    comment = models.TextField(_("comment"), max_length=2000, blank=True)

    class Meta:
        ordering = ["participant", "principle__order"]
        verbose_name = _("rating")
        verbose_name_plural = _("ratings")
        constraints = [
            models.UniqueConstraint(fields=["participant", "principle"], name="rating_one_per_principle"),
            models.CheckConstraint(condition=Q(score__gte=1) & Q(score__lte=5), name="rating_score_1_to_5"),
        ]

    def __str__(self) -> str:
        return f"{self.principle}: {self.score}"
