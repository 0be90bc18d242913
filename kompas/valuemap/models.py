"""The published value map: a snapshot that programme staff publish. The public sees only this.

A snapshot is a copy, made at publication, of what may be public: public, not archived goals; their
indicators with computed progress; experiences that are not a citizen's words or have the citizen's consent;
and the public items of the other modules (trials, collaborations, funded projects, dialogues, farewells).
Drafts, internal goals and unconsented words never enter these tables, so no public page can show them.
"""

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from kompas.citygoals.models import CityGoal
from kompas.core.models import TimeStamped


class SnapshotState(models.TextChoices):
    BUILDING = "building", _("Being built")
    READY = "ready", _("Published")
    FAILED = "failed", _("Failed")


class Snapshot(TimeStamped):
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    note = models.CharField(_("note"), max_length=300, blank=True)
    state = models.CharField(
        _("state"), max_length=10, choices=SnapshotState.choices, default=SnapshotState.BUILDING
    )
    is_current = models.BooleanField(_("current"), default=False)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    counts = models.JSONField(_("counts"), default=dict, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("value map snapshot")
        verbose_name_plural = _("value map snapshots")
        constraints = [
            models.UniqueConstraint(
                fields=["is_current"], condition=Q(is_current=True), name="one_current_snapshot"
            )
        ]

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M}"


class SnapshotGoal(models.Model):
    snapshot = models.ForeignKey(Snapshot, on_delete=models.CASCADE, related_name="goals")
    goal_id = models.PositiveBigIntegerField()
    title = models.CharField(max_length=200)
    value_statement = models.TextField()
    beneficiaries = models.TextField()
    department_id = models.PositiveBigIntegerField()
    department_name = models.CharField(max_length=150)
    unit_id = models.PositiveBigIntegerField()
    unit_name = models.CharField(max_length=200)
    co_creators = models.TextField(blank=True)
    status = models.CharField(max_length=12)
    status_reason = models.TextField()
    period_start = models.DateField()
    period_end = models.DateField()
    latest_follow_up_on = models.DateField(null=True)
    latest_learning = models.TextField(blank=True)
    latest_change = models.TextField(blank=True)
    latest_stop = models.TextField(blank=True)
    city_goals = models.ManyToManyField(CityGoal, related_name="+")
    updated_at = models.DateTimeField()

    # The stored danish search document, kept by kompas.core.search_index (PostgreSQL only; empty on SQLite).
    search_vector = SearchVectorField(null=True, editable=False)

    class Meta:
        ordering = ["title", "goal_id"]
        constraints = [models.UniqueConstraint(fields=["snapshot", "goal_id"], name="snapshot_goal_once")]
        indexes = [models.Index(fields=["snapshot", "department_id"])]

    def __str__(self) -> str:
        return self.title


class SnapshotIndicator(models.Model):
    goal = models.ForeignKey(SnapshotGoal, on_delete=models.CASCADE, related_name="indicators")
    indicator_id = models.PositiveBigIntegerField()
    name = models.CharField(max_length=200)
    unit = models.CharField(max_length=40)
    direction = models.CharField(max_length=8)
    baseline = models.DecimalField(max_digits=18, decimal_places=4, null=True)
    target = models.DecimalField(max_digits=18, decimal_places=4, null=True)
    target_date = models.DateField(null=True)
    points = models.JSONField(default=list)  # [[ISO date, "decimal"], ...]
    latest_value = models.DecimalField(max_digits=18, decimal_places=4, null=True)
    latest_on = models.DateField(null=True)
    fraction = models.DecimalField(max_digits=6, decimal_places=4, null=True)
    achieved = models.BooleanField(default=False)
    trend = models.CharField(max_length=10)

    class Meta:
        ordering = ["goal", "indicator_id"]

    def __str__(self) -> str:
        return self.name


class SnapshotEvidence(models.Model):
    goal = models.ForeignKey(SnapshotGoal, on_delete=models.CASCADE, related_name="evidence")
    kind = models.CharField(max_length=12)
    title = models.CharField(max_length=200)
    text = models.TextField()
    occurred_on = models.DateField()
    source = models.CharField(max_length=200)

    class Meta:
        ordering = ["-occurred_on", "-id"]
        indexes = [
            models.Index(fields=["goal", "-occurred_on"]),
            # the latest stories of a snapshot (the front page) without sorting every story of every goal
            models.Index(fields=["-occurred_on", "-id"], name="snapshot_evidence_latest"),
        ]

    def __str__(self) -> str:
        return self.title


class SnapshotItem(models.Model):
    """A public trial, collaboration, funded project, dialogue forum or farewell decision, as published.

    Copied from the modules' ``public_items()`` selectors (kompas.core.public_items): only what the module's
    owners marked public, and of it only what the module shows everyone.
    """

    snapshot = models.ForeignKey(Snapshot, on_delete=models.CASCADE, related_name="items")
    kind = models.CharField(max_length=16)
    source_id = models.PositiveBigIntegerField()
    title = models.CharField(max_length=200)
    summary = models.TextField(blank=True)
    owner = models.CharField(max_length=400, blank=True)
    status = models.CharField(max_length=16)
    numbers = models.JSONField(default=list)  # [[key, value], ...]
    learned = models.TextField(blank=True)
    stopped = models.TextField(blank=True)
    stories = models.JSONField(default=list)  # [{"title", "text", "occurred_on", "source"}, ...]
    url = models.CharField(max_length=300, blank=True)
    updated_on = models.DateField()
    city_goals = models.ManyToManyField(CityGoal, related_name="+")

    class Meta:
        ordering = ["kind", "-updated_on", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["snapshot", "kind", "source_id"], name="snapshot_item_once")
        ]
        indexes = [models.Index(fields=["snapshot", "kind", "-updated_on"])]

    def __str__(self) -> str:
        return self.title
