"""The money: the ledger of each pool's budget year, and the local funds split by payroll."""

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kompas.core.models import TimeStamped
from kompas.organisations.models import Department

from ..choices import (
    LedgerKind,
)
from .applications import Application
from .fields import MONEY, YEAR
from .projects import Project
from .setup import PoolYear


class LedgerEntry(models.Model):
    pool_year = models.ForeignKey(PoolYear, on_delete=models.PROTECT, related_name="entries")
    kind = models.CharField(_("kind"), max_length=12, choices=LedgerKind.choices)
    amount = models.DecimalField(_("amount (kr.)"), **MONEY, validators=[MinValueValidator(0)])
    application = models.ForeignKey(
        Application, on_delete=models.PROTECT, null=True, blank=True, related_name="ledger_entries"
    )
    project = models.ForeignKey(
        Project, on_delete=models.PROTECT, null=True, blank=True, related_name="ledger_entries"
    )
    note = models.CharField(_("note"), max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("registered"), default=timezone.now)

    class Meta:
        ordering = ["pool_year", "created_at", "id"]
        verbose_name = _("ledger entry")
        verbose_name_plural = _("ledger entries")
        constraints = [models.CheckConstraint(condition=Q(amount__gte=0), name="fund_ledger_amount_positive")]

    def __str__(self) -> str:
        return f"{self.kind} {self.amount}"


class LocalAllocation(models.Model):
    """A department's share of the local innovation funds for a year (by the payroll key)."""

    pool_year = models.ForeignKey(PoolYear, on_delete=models.CASCADE, related_name="allocations")
    department = models.ForeignKey(Department, on_delete=models.PROTECT, related_name="fund_allocations")
    payroll = models.DecimalField(_("payroll (kr.)"), max_digits=16, decimal_places=2)
    amount = models.DecimalField(_("allocated (kr.)"), **MONEY)

    class Meta:
        ordering = ["pool_year", "department__order"]
        verbose_name = _("local allocation")
        verbose_name_plural = _("local allocations")
        constraints = [
            models.UniqueConstraint(fields=["pool_year", "department"], name="fund_allocation_unique")
        ]

    def __str__(self) -> str:
        return f"{self.department_id}: {self.amount}"


class LocalProject(TimeStamped):
    """A small local project a department funded from its local innovation funds, with its learning."""

    department = models.ForeignKey(Department, on_delete=models.PROTECT, related_name="fund_local_projects")
    year = models.PositiveSmallIntegerField(_("budget year"), validators=YEAR)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("what was done"), max_length=4000)
    amount = models.DecimalField(_("amount (kr.)"), **MONEY, validators=[MinValueValidator(0)])
    learning = models.TextField(_("what we learned"), max_length=4000, blank=True)
    shareable = models.BooleanField(_("share the learning in the library"), default=False)
    spread = models.BooleanField(_("marked for spreading to other departments"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        ordering = ["-year", "department__order", "title"]
        verbose_name = _("local project")
        verbose_name_plural = _("local projects")

    def __str__(self) -> str:
        return self.title
