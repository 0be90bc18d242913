"""Applying: the application, its budget lines, co-applicant departments and attachments."""

from decimal import Decimal

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from kompas.citygoals.models import CityGoal
from kompas.core.models import TimeStamped
from kompas.organisations.models import Department, PartnerOrganisation

from ..choices import (
    ApplicationStatus,
    CoApplicantStatus,
    CouncilOutcome,
    Outcome,
    ReasonCode,
    Recommendation,
)
from .fields import MONEY, YEAR, optional_money, recorded_by
from .setup import Round, Theme


class Application(TimeStamped):
    round = models.ForeignKey(Round, on_delete=models.PROTECT, related_name="applications")
    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="fund_applications"
    )
    organisation = models.ForeignKey(
        PartnerOrganisation,
        verbose_name=_("applying on behalf of"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="fund_applications",
    )
    status = models.CharField(
        _("status"),
        max_length=14,
        choices=ApplicationStatus.choices,
        default=ApplicationStatus.DRAFT,
        db_index=True,
    )
    title = models.CharField(_("title"), max_length=200)
    summary = models.TextField(_("short summary"), max_length=2000, blank=True)
    theme = models.ForeignKey(
        Theme,
        verbose_name=_("theme"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="applications",
    )
    city_goals = models.ManyToManyField(
        CityGoal, verbose_name=_("city goals"), blank=True, related_name="fund_applications"
    )
    new_and_original = models.TextField(_("what is new and original"), max_length=4000, blank=True)
    value = models.TextField(_("what is useful and valuable"), max_length=4000, blank=True)
    risks = models.TextField(_("the risks, stated plainly"), max_length=4000, blank=True)
    business_case = models.TextField(_("business case"), max_length=6000, blank=True)
    economic_gain_per_year = optional_money(_("expected economic gain per year (kr.)"))
    economic_gain_low = optional_money(_("expected gain per year, low estimate (kr.)"))
    economic_gain_high = optional_money(_("expected gain per year, high estimate (kr.)"))
    life_after = models.TextField(_("life after the grant"), max_length=4000, blank=True)
    effect_documentation = models.TextField(
        _("how effects will be documented and reported"), max_length=4000, blank=True
    )
    partners = models.TextField(
        _("partners across departments, disciplines and sectors"), max_length=4000, blank=True
    )
    cofinancing_internal = models.DecimalField(
        _("internal co-financing (kr.)"), **MONEY, default=Decimal("0"), validators=[MinValueValidator(0)]
    )
    cofinancing_external = models.DecimalField(
        _("external co-financing (kr.)"), **MONEY, default=Decimal("0"), validators=[MinValueValidator(0)]
    )
    amount = optional_money(_("amount requested (kr.)"))
    first_year = models.PositiveSmallIntegerField(
        _("first budget year"), null=True, blank=True, validators=YEAR
    )
    last_year = models.PositiveSmallIntegerField(
        _("last budget year"), null=True, blank=True, validators=YEAR
    )
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    # Internal – never shown to the applicant.
    screening_note = models.TextField(_("screening note"), max_length=2000, blank=True)
    screened_at = models.DateTimeField(_("screened"), null=True, blank=True)
    screened_by = recorded_by()
    shortlisted = models.BooleanField(_("shortlisted for the advisory board"), default=False)
    recommendation = models.CharField(
        _("the directors' group's recommendation"), max_length=10, choices=Recommendation.choices, blank=True
    )
    recommendation_note = models.TextField(_("note on the recommendation"), max_length=2000, blank=True)
    recommended_at = models.DateTimeField(_("recommendation recorded"), null=True, blank=True)
    recommended_by = recorded_by()
    outcome = models.CharField(_("decision"), max_length=8, choices=Outcome.choices, blank=True)
    reason_code = models.CharField(_("reason"), max_length=20, choices=ReasonCode.choices, blank=True)
    decision_note = models.TextField(_("note on the decision"), max_length=2000, blank=True)
    granted_amount = models.DecimalField(_("granted amount (kr.)"), **MONEY, null=True, blank=True)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decided_by = recorded_by()
    council_decided_on = models.DateField(_("date of the council decision"), null=True, blank=True)
    council_case_number = models.CharField(_("case number"), max_length=60, blank=True)
    council_outcome = models.CharField(
        _("the council's decision"), max_length=10, choices=CouncilOutcome.choices, blank=True
    )
    council_recorded_at = models.DateTimeField(_("council decision recorded"), null=True, blank=True)
    council_recorded_by = recorded_by()
    # The council proposal drafted for the case (kompas.proposals). Its decision flows back here by this link.
    council_proposal_id = models.PositiveIntegerField(_("council proposal"), null=True, blank=True)
    council_proposal_url = models.CharField(_("address of the council proposal"), max_length=300, blank=True)

    # The stored danish search document, kept by kompas.core.search_index (PostgreSQL only; empty on SQLite).
    search_vector = SearchVectorField(null=True, editable=False)

    class Meta:
        ordering = ["-updated_at", "-id"]
        verbose_name = _("application")
        verbose_name_plural = _("applications")
        indexes = [models.Index(fields=["round", "status"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(first_year__isnull=True)
                | Q(last_year__isnull=True)
                | Q(last_year__gte=models.F("first_year")),
                name="fund_application_years_ordered",
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("fund:application", kwargs={"pk": self.pk})

    @property
    def applicant_display(self) -> str:
        if self.organisation_id:
            return str(self.organisation)
        return self.applicant.get_full_name()

    @property
    def is_draft(self) -> bool:
        return self.status == ApplicationStatus.DRAFT

    @property
    def cofinancing(self) -> Decimal | int:  # 0 when neither is given
        return (self.cofinancing_internal or 0) + (self.cofinancing_external or 0)


class BudgetLine(models.Model):
    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="budget_lines")
    year = models.PositiveSmallIntegerField(_("budget year"), validators=YEAR)
    amount = models.DecimalField(_("amount (kr.)"), **MONEY, validators=[MinValueValidator(0)])
    note = models.CharField(_("what the money is for"), max_length=300, blank=True)

    class Meta:
        ordering = ["application", "year"]
        verbose_name = _("budget line")
        verbose_name_plural = _("budget lines")
        constraints = [
            models.UniqueConstraint(fields=["application", "year"], name="fund_budget_line_one_per_year")
        ]

    def __str__(self) -> str:
        return f"{self.year}: {self.amount}"


class CoApplicant(TimeStamped):
    """A department applying with the applicant. It must confirm before the application can be submitted."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="co_applicants")
    department = models.ForeignKey(Department, on_delete=models.PROTECT, related_name="fund_co_applications")
    status = models.CharField(
        _("status"), max_length=10, choices=CoApplicantStatus.choices, default=CoApplicantStatus.PENDING
    )
    answered_by = recorded_by()
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)

    class Meta:
        ordering = ["application", "department__order"]
        verbose_name = _("co-applicant department")
        verbose_name_plural = _("co-applicant departments")
        constraints = [
            models.UniqueConstraint(fields=["application", "department"], name="fund_coapplicant_unique")
        ]

    def __str__(self) -> str:
        return str(self.department)


def _attachment_path(instance, filename: str) -> str:
    return f"fund/{instance.application_id}/{filename}"


class Attachment(TimeStamped):
    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(_("file"), upload_to=_attachment_path, max_length=300)
    name = models.CharField(_("file name"), max_length=200)
    size = models.PositiveIntegerField(_("size (bytes)"))
    content_type = models.CharField(_("file type"), max_length=100)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        ordering = ["application", "created_at"]
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self) -> str:
        return self.name
