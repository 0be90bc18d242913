"""Udviklingspuljen: funds, pools, themes, criteria, rounds, applications, assessment, ledger and projects."""

from decimal import Decimal
from typing import TypedDict

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kompas.citygoals.models import CityGoal
from kompas.core.models import TimeStamped
from kompas.organisations.models import Department, PartnerOrganisation

from .choices import (
    ApplicationStatus,
    CoApplicantStatus,
    ConflictGround,
    CouncilOutcome,
    GrantingBody,
    LedgerKind,
    Outcome,
    PoolKind,
    ProjectStatus,
    ReasonCode,
    Recommendation,
)


class _Money(TypedDict):
    max_digits: int
    decimal_places: int


MONEY: _Money = {"max_digits": 14, "decimal_places": 2}
YEAR = [MinValueValidator(2000), MaxValueValidator(2100)]


class Fund(TimeStamped):
    name = models.CharField(_("name"), max_length=200, unique=True)
    description = models.TextField(_("description"), max_length=4000, blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    # The allocation that founded the fund (seed 004 §6: "budgetforliget 2012 ... 40 mio.kr.").
    budget_year = models.PositiveSmallIntegerField(
        _("allocated in the budget of"), null=True, blank=True, validators=YEAR
    )
    total_amount = models.DecimalField(
        _("the whole allocation (kr.)"), **MONEY, null=True, blank=True, validators=[MinValueValidator(0)]
    )
    financing_rate = models.DecimalField(
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


class Theme(TimeStamped):
    fund = models.ForeignKey(Fund, on_delete=models.CASCADE, related_name="themes")
    name = models.CharField(_("name"), max_length=120)
    description = models.TextField(_("description"), max_length=2000, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["fund", "order", "name"]
        verbose_name = _("theme")
        verbose_name_plural = _("themes")

    def __str__(self) -> str:
        return self.name


class Criterion(TimeStamped):
    fund = models.ForeignKey(Fund, on_delete=models.CASCADE, related_name="criteria")
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), max_length=2000, blank=True)
    is_main = models.BooleanField(_("main criterion"), default=False)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["fund", "order", "name"]
        verbose_name = _("criterion")
        verbose_name_plural = _("criteria")

    def __str__(self) -> str:
        return self.name


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
    economic_gain_per_year = models.DecimalField(
        _("expected economic gain per year (kr.)"),
        **MONEY,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    economic_gain_low = models.DecimalField(
        _("expected gain per year, low estimate (kr.)"),
        **MONEY,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    economic_gain_high = models.DecimalField(
        _("expected gain per year, high estimate (kr.)"),
        **MONEY,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
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
    amount = models.DecimalField(
        _("amount requested (kr.)"), **MONEY, null=True, blank=True, validators=[MinValueValidator(0)]
    )
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
    screened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    shortlisted = models.BooleanField(_("shortlisted for the advisory board"), default=False)
    recommendation = models.CharField(
        _("the directors' group's recommendation"), max_length=10, choices=Recommendation.choices, blank=True
    )
    recommendation_note = models.TextField(_("note on the recommendation"), max_length=2000, blank=True)
    recommended_at = models.DateTimeField(_("recommendation recorded"), null=True, blank=True)
    recommended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    outcome = models.CharField(_("decision"), max_length=8, choices=Outcome.choices, blank=True)
    reason_code = models.CharField(_("reason"), max_length=20, choices=ReasonCode.choices, blank=True)
    decision_note = models.TextField(_("note on the decision"), max_length=2000, blank=True)
    granted_amount = models.DecimalField(_("granted amount (kr.)"), **MONEY, null=True, blank=True)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    council_decided_on = models.DateField(_("date of the council decision"), null=True, blank=True)
    council_case_number = models.CharField(_("case number"), max_length=60, blank=True)
    council_outcome = models.CharField(
        _("the council's decision"), max_length=10, choices=CouncilOutcome.choices, blank=True
    )
    council_recorded_at = models.DateTimeField(_("council decision recorded"), null=True, blank=True)
    council_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
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
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
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


class Assignment(TimeStamped):
    """An assessor's place on an application, with their declaration on conflict of interest."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="assignments")
    assessor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="fund_assignments"
    )
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    conflict = models.CharField(
        _("conflict of interest"), max_length=6, choices=ConflictGround.choices, blank=True
    )
    conflict_note = models.TextField(_("explanation"), max_length=2000, blank=True)
    declared_at = models.DateTimeField(_("declared"), null=True, blank=True)
    submitted_at = models.DateTimeField(_("assessment finished"), null=True, blank=True)

    class Meta:
        ordering = ["application", "id"]
        verbose_name = _("assessor assignment")
        verbose_name_plural = _("assessor assignments")
        constraints = [
            models.UniqueConstraint(fields=["application", "assessor"], name="fund_assignment_unique")
        ]

    def __str__(self) -> str:
        return f"{self.assessor} – {self.application}"

    @property
    def is_declared(self) -> bool:
        return self.declared_at is not None

    @property
    def has_conflict(self) -> bool:
        return bool(self.conflict) and self.conflict != ConflictGround.NONE

    @property
    def may_assess(self) -> bool:
        return self.is_declared and not self.has_conflict


class Score(models.Model):
    assignment = models.ForeignKey(Assignment, on_delete=models.CASCADE, related_name="scores")
    criterion = models.ForeignKey(Criterion, on_delete=models.PROTECT, related_name="scores")
    value = models.PositiveSmallIntegerField(
        _("score"), null=True, blank=True, validators=[MaxValueValidator(5)], help_text=_("Empty = n/a")
    )
    comment = models.TextField(_("comment"), max_length=2000, blank=True)

    class Meta:
        ordering = ["assignment", "criterion__order"]
        verbose_name = _("score")
        verbose_name_plural = _("scores")
        constraints = [
            models.UniqueConstraint(fields=["assignment", "criterion"], name="fund_score_unique"),
            models.CheckConstraint(
                condition=Q(value__isnull=True) | Q(value__lte=5), name="fund_score_range"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.criterion_id}: {self.value}"


class AdvisoryComment(TimeStamped):
    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="advisory_comments")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    text = models.TextField(_("comment"), max_length=4000)

    class Meta:
        ordering = ["application", "created_at"]
        verbose_name = _("advisory board comment")
        verbose_name_plural = _("advisory board comments")

    def __str__(self) -> str:
        return f"{self.application_id}: {self.created_at:%Y-%m-%d}"


class SealedPeek(models.Model):
    """Programme staff opened an application in a sealed round before it closed."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="peeks")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    reason = models.CharField(_("reason"), max_length=300)
    at = models.DateTimeField(_("when"), default=timezone.now)

    class Meta:
        ordering = ["-at"]
        verbose_name = _("look in a sealed round")
        verbose_name_plural = _("looks in sealed rounds")

    def __str__(self) -> str:
        return f"{self.application_id}: {self.at:%Y-%m-%d %H:%M}"


class Project(TimeStamped):
    """A funded project. The trials app may point to it."""

    application = models.OneToOneField(Application, on_delete=models.PROTECT, related_name="project")
    title = models.CharField(_("title"), max_length=200)
    lead_department = models.ForeignKey(
        Department, verbose_name=_("lead department"), on_delete=models.PROTECT, related_name="fund_projects"
    )
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=ProjectStatus.choices,
        default=ProjectStatus.RUNNING,
        db_index=True,
    )
    started_on = models.DateField(_("started"), default=timezone.localdate)
    ended_on = models.DateField(_("ended"), null=True, blank=True)
    stop_reason = models.TextField(_("why we stopped"), max_length=4000, blank=True)
    stop_learning = models.TextField(_("what we learned"), max_length=4000, blank=True)
    stop_learning_shareable = models.BooleanField(_("share the learning in the library"), default=False)
    # Fail fast and cheaply: the project proposes, the body that granted the money decides.
    stop_proposed_at = models.DateTimeField(_("stop proposed"), null=True, blank=True)
    stop_proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    stop_proposal = models.TextField(_("why the project proposes to stop"), max_length=4000, blank=True)
    stop_decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    stop_body = models.CharField(_("stopped by"), max_length=10, choices=GrantingBody.choices, blank=True)
    stop_council_decided_on = models.DateField(
        _("date of the council's decision to stop"), null=True, blank=True
    )
    spread = models.BooleanField(_("marked for spreading to other departments"), default=False)
    spread_note = models.TextField(_("how it can be spread"), max_length=2000, blank=True)

    # The stored danish search document, kept by kompas.core.search_index (PostgreSQL only; empty on SQLite).
    search_vector = SearchVectorField(null=True, editable=False)

    class Meta:
        ordering = ["-started_on", "-id"]
        verbose_name = _("funded project")
        verbose_name_plural = _("funded projects")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("fund:project", kwargs={"pk": self.pk})


class Milestone(TimeStamped):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="milestones")
    title = models.CharField(_("milestone"), max_length=200)
    due_on = models.DateField(_("due"))
    done_on = models.DateField(_("reached"), null=True, blank=True)

    class Meta:
        ordering = ["project", "due_on", "id"]
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")

    def __str__(self) -> str:
        return self.title


class EffectReport(TimeStamped):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="reports")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    period_start = models.DateField(_("period from"))
    period_end = models.DateField(_("period to"))
    what_was_done = models.TextField(_("what was done"), max_length=4000)
    effects_numbers = models.TextField(_("effects in numbers"), max_length=4000, blank=True)
    effects_experience = models.TextField(_("effects in experience"), max_length=4000, blank=True)
    economic_gain_realised = models.DecimalField(
        _("economic gain realised so far (kr.)"), **MONEY, default=Decimal("0")
    )
    learning = models.TextField(_("what we learned"), max_length=4000, blank=True)
    shareable = models.BooleanField(_("share the learning in the library"), default=False)

    class Meta:
        ordering = ["project", "-period_end", "-id"]
        verbose_name = _("effect report")
        verbose_name_plural = _("effect reports")
        constraints = [
            models.CheckConstraint(
                condition=Q(period_end__gte=models.F("period_start")), name="fund_report_period_ordered"
            )
        ]

    def __str__(self) -> str:
        return f"{self.project} {self.period_start}–{self.period_end}"


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


class InnovationAccount(TimeStamped):
    """A director's yearly account of the department's innovation work (seed 004 §6: "I forbindelse med
    regnskabet ... en årlig redegørelse"): Kompas drafts it from the effect reports, the director assesses."""

    department = models.ForeignKey(Department, on_delete=models.PROTECT, related_name="fund_accounts")
    year = models.PositiveSmallIntegerField(_("year"), validators=YEAR)
    assessment = models.TextField(_("the director's assessment"), max_length=6000, blank=True)
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    written_at = models.DateTimeField(_("written"), null=True, blank=True)

    class Meta:
        ordering = ["-year", "department__order"]
        verbose_name = _("yearly innovation account")
        verbose_name_plural = _("yearly innovation accounts")
        constraints = [models.UniqueConstraint(fields=["department", "year"], name="fund_account_unique")]

    def __str__(self) -> str:
        return f"{self.department_id} {self.year}"


class ProjectAssessment(models.Model):
    """The director's assessment of one project's effects in the yearly account."""

    account = models.ForeignKey(
        InnovationAccount, on_delete=models.CASCADE, related_name="project_assessments"
    )
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="account_assessments")
    assessment = models.TextField(_("assessment of the effects"), max_length=4000)

    class Meta:
        ordering = ["account", "project__title"]
        verbose_name = _("assessment of a project's effects")
        verbose_name_plural = _("assessments of projects' effects")
        constraints = [
            models.UniqueConstraint(fields=["account", "project"], name="fund_project_assessment_unique")
        ]

    def __str__(self) -> str:
        return f"{self.account_id}: {self.project_id}"
