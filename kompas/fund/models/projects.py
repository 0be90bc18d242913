"""Projects and effects: the funded project, its milestones and effect reports."""

from decimal import Decimal

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kompas.core.models import TimeStamped
from kompas.organisations.models import Department

from ..choices import (
    GrantingBody,
    ProjectStatus,
)
from .applications import Application
from .fields import MONEY, recorded_by


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
    stop_proposed_by = recorded_by()
    stop_proposal = models.TextField(_("why the project proposes to stop"), max_length=4000, blank=True)
    stop_decided_by = recorded_by()
    stop_body = models.CharField(_("stopped by"), max_length=10, choices=GrantingBody.choices, blank=True)
    stop_council_decided_on = models.DateField(
        _("date of the council's decision to stop"), null=True, blank=True
    )
    # For a grant the city council made, the council proposal drafted to stop the project
    # (kompas.proposals). The council's decision on it stops the project by this link, never re-keyed.
    stop_council_proposal_id = models.PositiveIntegerField(
        _("council proposal to stop the project"), null=True, blank=True
    )
    stop_council_proposal_url = models.CharField(
        _("address of the council proposal to stop the project"), max_length=300, blank=True
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
