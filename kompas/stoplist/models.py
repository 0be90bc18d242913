from decimal import Decimal

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from kompas.core.models import TimeStamped
from kompas.organisations.models import Department, Unit

from .choices import STATUS_BADGES, FarewellKind, FarewellLevel, FarewellStatus


class FarewellProposal(TimeStamped):
    """Something an employee proposes to stop or simplify, and the owner's decision on it.

    The proposer and the internal note are never shown publicly; the reason for the decision is shown to the
    proposer (and to staff), and for stopped and simplified items on the public page.
    """

    title = models.CharField(_("what should we stop or simplify"), max_length=200)
    kind = models.CharField(_("kind"), max_length=12, choices=FarewellKind.choices)
    description = models.TextField(
        _("describe it and why it can go"),
        max_length=3000,
        help_text=_("What is it, what is it used for today, and what would be better without it?"),
    )
    hours_per_year = models.DecimalField(
        _("hours it costs a year"),
        max_digits=9,
        decimal_places=1,
        validators=[MinValueValidator(Decimal("0.1"))],
        help_text=_("A rough estimate across everyone who spends time on it."),
    )
    burdens = models.CharField(
        _("whom it burdens"),
        max_length=300,
        help_text=_("E.g. 'teachers at all schools', 'citizens applying for help', 'the leaders'."),
    )
    level = models.CharField(
        _("owned by"), max_length=12, choices=FarewellLevel.choices, default=FarewellLevel.UNIT
    )
    owner_unit = models.ForeignKey(
        Unit,
        verbose_name=_("owner unit"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="farewell_proposals",
        help_text=_("The unit that decides about it. Its leader gets the proposal."),
    )
    owner_department = models.ForeignKey(
        Department,
        verbose_name=_("owner department"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="farewell_proposals",
        help_text=_("The department that decides about it. The leaders in the department get the proposal."),
    )
    kroner_per_year = models.DecimalField(
        _("kroner it costs a year"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0"))],
        help_text=_("If you know it: what it costs in kroner a year, beside the hours."),
    )
    proposer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("proposed by"),
        on_delete=models.PROTECT,
        related_name="farewell_proposals",
    )
    follow_up = models.ForeignKey(
        "goals.FollowUp",
        verbose_name=_("from the follow-up"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="farewell_proposals",
    )
    status = models.CharField(
        _("status"), max_length=12, choices=FarewellStatus.choices, default=FarewellStatus.PROPOSED
    )
    decision_reason = models.TextField(_("reason for the decision"), max_length=2000, blank=True)
    hours_freed = models.DecimalField(
        _("hours freed a year"), max_digits=9, decimal_places=1, null=True, blank=True
    )
    kroner_freed = models.DecimalField(
        _("kroner freed a year"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    internal_note = models.TextField(_("internal note"), max_length=2000, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)

    # The stored danish search document, kept by kompas.core.search_index (PostgreSQL only; empty on SQLite).
    search_vector = SearchVectorField(null=True, editable=False)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("farewell proposal")
        verbose_name_plural = _("farewell proposals")
        constraints = [
            models.CheckConstraint(condition=Q(hours_per_year__gt=0), name="farewell_hours_positive"),
            models.CheckConstraint(
                condition=Q(hours_freed__isnull=True) | Q(hours_freed__gte=0),
                name="farewell_freed_not_negative",
            ),
            models.CheckConstraint(
                condition=Q(kroner_freed__isnull=True) | Q(kroner_freed__gte=0),
                name="farewell_kroner_freed_not_negative",
            ),
            # The owner matches the level: a unit, a department, or nobody below the whole municipality.
            models.CheckConstraint(
                condition=(
                    Q(level="unit", owner_unit__isnull=False, owner_department__isnull=True)
                    | Q(level="department", owner_unit__isnull=True, owner_department__isnull=False)
                    | Q(level="municipality", owner_unit__isnull=True, owner_department__isnull=True)
                ),
                name="farewell_owner_matches_level",
            ),
        ]
        indexes = [
            models.Index(fields=["status", "-decided_at"]),
            models.Index(fields=["owner_unit", "status"]),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("stoplist:detail", kwargs={"pk": self.pk})

    @property
    def status_badge(self) -> str:
        return STATUS_BADGES.get(self.status, "")

    @property
    def department(self) -> Department | None:
        """The department that owns it, directly or through its unit; None for the whole municipality."""
        if self.owner_unit_id:
            return self.owner_unit.department if self.owner_unit else None
        return self.owner_department

    @property
    def owner_label(self) -> str:
        """Who owns it, as the lists show it: "Department · Unit", "Department" or "The whole municipality"."""
        if self.level == FarewellLevel.MUNICIPALITY:
            return str(FarewellLevel.MUNICIPALITY.label)
        if self.owner_unit_id and self.owner_unit is not None:
            return f"{self.owner_unit.department.name} · {self.owner_unit.name}"
        return self.owner_department.name if self.owner_department else ""

    @property
    def is_open(self) -> bool:
        return self.status == FarewellStatus.PROPOSED
