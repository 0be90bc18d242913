"""The fund and its setup: pools and their budget years, themes, criteria, rounds and the directors' group."""

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kompas.core.models import TimeStamped
from kompas.organisations.models import Department

from ..choices import (
    PoolKind,
)
from .fields import MONEY, YEAR, optional_money


class Fund(TimeStamped):
    name = models.CharField(_("name"), max_length=200, unique=True)
    description = models.TextField(_("description"), max_length=4000, blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    # The allocation that founded the fund (seed 004 §6: "budgetforliget 2012 ... 40 mio.kr.").
    budget_year = models.PositiveSmallIntegerField(
        _("allocated in the budget of"), null=True, blank=True, validators=YEAR
    )
    total_amount = optional_money(_("the whole allocation (kr.)"))
    financing_rate = models.DecimalField(
        # xgettext:no-python-format
        _("financing key (% of payroll)"),
        max_digits=5,
        decimal_places=3,
        default=Decimal("0.75"),
        validators=[MinValueValidator(0), MaxValueValidator(100)],
        help_text=_(
            "The share of each department's payroll that financed the pool; it splits the local funds."
        ),
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("fund")
        verbose_name_plural = _("funds")

    def __str__(self) -> str:
        return self.name


class Pool(TimeStamped):
    fund = models.ForeignKey(Fund, on_delete=models.CASCADE, related_name="pools")
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=10, choices=PoolKind.choices)
    annual_amount = models.DecimalField(
        _("amount per year (kr.)"), **MONEY, validators=[MinValueValidator(0)]
    )
    description = models.TextField(_("description"), max_length=2000, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    holder = models.ForeignKey(
        Department,
        verbose_name=_("holds the budget"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="fund_pools",
    )
    first_year = models.PositiveSmallIntegerField(_("first year"), null=True, blank=True, validators=YEAR)
    last_year = models.PositiveSmallIntegerField(
        _("last year"), null=True, blank=True, validators=YEAR, help_text=_("Empty: no end year.")
    )
    evaluation = models.CharField(_("evaluated"), max_length=300, blank=True)

    class Meta:
        ordering = ["fund", "order", "name"]
        verbose_name = _("pool")
        verbose_name_plural = _("pools")

    def __str__(self) -> str:
        return self.name


class PoolYear(models.Model):
    """A pool's budget for one budget year. The ledger locks this row while it commits."""

    pool = models.ForeignKey(Pool, on_delete=models.CASCADE, related_name="years")
    year = models.PositiveSmallIntegerField(_("budget year"), validators=YEAR)
    budget = models.DecimalField(_("budget (kr.)"), **MONEY, validators=[MinValueValidator(0)])

    class Meta:
        ordering = ["pool", "year"]
        verbose_name = _("pool budget year")
        verbose_name_plural = _("pool budget years")
        constraints = [models.UniqueConstraint(fields=["pool", "year"], name="fund_pool_year_unique")]

    def __str__(self) -> str:
        return f"{self.pool} {self.year}"


class _FundListItem(TimeStamped):
    """What a theme and a criterion share: a named, described item in the fund's ordered list, which
    programme staff may retire (inactive) without losing the applications and scores that use it."""

    name: "models.CharField[str, str]"
    description = models.TextField(_("description"), max_length=2000, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        abstract = True
        ordering = ["fund", "order", "name"]

    def __str__(self) -> str:
        return self.name


class Theme(_FundListItem):
    fund = models.ForeignKey(Fund, on_delete=models.CASCADE, related_name="themes")
    name = models.CharField(_("name"), max_length=120)

    class Meta(_FundListItem.Meta):
        verbose_name = _("theme")
        verbose_name_plural = _("themes")


class Criterion(_FundListItem):
    fund = models.ForeignKey(Fund, on_delete=models.CASCADE, related_name="criteria")
    name = models.CharField(_("name"), max_length=200)
    is_main = models.BooleanField(_("main criterion"), default=False)

    class Meta(_FundListItem.Meta):
        verbose_name = _("criterion")
        verbose_name_plural = _("criteria")


class Round(TimeStamped):
    fund = models.ForeignKey(Fund, on_delete=models.CASCADE, related_name="rounds")
    pool = models.ForeignKey(Pool, on_delete=models.PROTECT, related_name="rounds")
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), max_length=4000, blank=True)
    opens_at = models.DateTimeField(_("opens"))
    closes_at = models.DateTimeField(_("closes"))
    sealed = models.BooleanField(
        _("sealed until it closes"),
        default=False,
        help_text=_(
            "Only programme staff can open applications before the round closes, and each look is logged."
        ),
    )
    anonymise_applicants = models.BooleanField(
        _("hide the applicant's identity from assessors"), default=False
    )
    answer_by = models.DateField(
        _("answer promised by"),
        null=True,
        blank=True,
        help_text=_(
            "The date applicants are promised an answer: a short time from the deadline to the answer."
        ),
    )
    uses_advisory_board = models.BooleanField(
        _("the advisory board gives input"),
        default=False,
        help_text=_("A recommendation to grant then needs the advisory board's input on the application."),
    )

    class Meta:
        ordering = ["-opens_at", "-id"]
        verbose_name = _("round")
        verbose_name_plural = _("rounds")
        constraints = [
            models.CheckConstraint(condition=Q(closes_at__gt=models.F("opens_at")), name="fund_round_ordered")
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("fund:round", kwargs={"pk": self.pk})

    def clean(self) -> None:
        super().clean()
        if self.answer_by and self.closes_at and self.answer_by < timezone.localdate(self.closes_at):
            raise ValidationError({"answer_by": _("The answer cannot be promised before the deadline.")})

    def is_open(self, now=None) -> bool:
        now = now or timezone.now()
        return self.opens_at <= now < self.closes_at

    def is_closed(self, now=None) -> bool:
        return (now or timezone.now()) >= self.closes_at

    def is_sealed_now(self, now=None) -> bool:
        return self.sealed and not self.is_closed(now)


class DirectorsGroupMember(TimeStamped):
    """A member of the directors' group (Direktørgruppen), the body that recommends grants to Borgmesterens
    Afdeling. Its own members, not programme staff doubling for it (seed 004 §6)."""

    fund = models.ForeignKey(Fund, on_delete=models.CASCADE, related_name="directors")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    title = models.CharField(_("title"), max_length=200, blank=True)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["fund", "title", "id"]
        verbose_name = _("member of the directors' group")
        verbose_name_plural = _("members of the directors' group")
        constraints = [models.UniqueConstraint(fields=["fund", "user"], name="fund_director_unique")]

    def __str__(self) -> str:
        return self.title or str(self.user_id)
