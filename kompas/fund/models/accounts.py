"""The directors' yearly account of the departments' innovation work."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from kompas.core.models import TimeStamped
from kompas.organisations.models import Department

from .fields import YEAR, recorded_by
from .projects import Project


class InnovationAccount(TimeStamped):
    """A director's yearly account of the department's innovation work (seed 004 §6: "I forbindelse med
    regnskabet ... en årlig redegørelse"): Kompas drafts it from the effect reports, the director assesses."""

    department = models.ForeignKey(Department, on_delete=models.PROTECT, related_name="fund_accounts")
    year = models.PositiveSmallIntegerField(_("year"), validators=YEAR)
    assessment = models.TextField(_("the director's assessment"), max_length=6000, blank=True)
    written_by = recorded_by()
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
