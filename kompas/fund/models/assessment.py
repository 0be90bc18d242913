"""Assessment: assessors' assignments and scores, the advisory board's comments, looks in sealed rounds."""

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kompas.core.models import TimeStamped

from ..choices import (
    ConflictGround,
)
from .applications import Application
from .setup import Criterion


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
