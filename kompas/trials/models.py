from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from kompas.citygoals.models import CityGoal
from kompas.core.choices import Visibility
from kompas.core.models import TimeStamped
from kompas.goals.models import Goal
from kompas.organisations.models import Unit

from .choices import Decision, TrialStatus


class Trial(TimeStamped):
    """A trial (afprøvning) at small scale: a question, the value it seeks, where and with whom, and how we
    will know. It runs in iterations, each ending with the owner's decision."""

    title = models.CharField(_("title"), max_length=200)
    question = models.TextField(_("what do we want to find out"), max_length=2000)
    value_sought = models.TextField(_("what value do we seek, and for whom"), max_length=2000)
    goals = models.ManyToManyField(Goal, verbose_name=_("goals"), blank=True, related_name="trials")
    city_goals = models.ManyToManyField(
        CityGoal, verbose_name=_("city goals"), blank=True, related_name="trials"
    )
    where = models.CharField(_("where"), max_length=300)
    with_whom = models.TextField(_("with whom"), max_length=1000)
    how_we_know = models.TextField(_("how will we know – in numbers and in experience"), max_length=2000)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("owner"),
        on_delete=models.PROTECT,
        related_name="owned_trials",
    )
    owner_unit = models.ForeignKey(
        Unit, verbose_name=_("owner unit"), on_delete=models.PROTECT, related_name="trials"
    )
    # A trial may be owned across departments (seed 000 §5: e.g. the green transition); every owner unit's
    # leaders manage it as the lead unit's do.
    co_owner_units = models.ManyToManyField(
        Unit,
        verbose_name=_("other owner units"),
        blank=True,
        related_name="co_owned_trials",
        help_text=_("Units in this or other departments that own the trial together with the lead unit."),
    )
    visibility = models.CharField(
        _("visibility"), max_length=10, choices=Visibility.choices, default=Visibility.INTERNAL, db_index=True
    )
    status = models.CharField(
        _("status"), max_length=10, choices=TrialStatus.choices, default=TrialStatus.RUNNING, db_index=True
    )
    fund_project = models.ForeignKey(
        "fund.Project",
        verbose_name=_("funded project"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="trials",
        help_text=_("If the trial is funded by the development fund."),
    )
    result = models.TextField(_("result"), max_length=3000, blank=True)
    stopped_at = models.DateTimeField(_("stopped"), null=True, blank=True)

    # The stored danish search document, kept by kompas.core.search_index (PostgreSQL only; empty on SQLite).
    search_vector = SearchVectorField(null=True, editable=False)

    class Meta:
        ordering = ["-updated_at", "-id"]
        verbose_name = _("trial")
        verbose_name_plural = _("trials")
        indexes = [models.Index(fields=["owner_unit", "status"])]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("trials:detail", kwargs={"pk": self.pk})

    @property
    def is_stopped(self) -> bool:
        return self.status == TrialStatus.STOPPED

    def owner_unit_ids(self) -> set[int]:
        """The lead unit and every co-owner unit (uses the prefetched co-owners when there are any)."""
        return {self.owner_unit_id, *(u.pk for u in self.co_owner_units.all())}


class Iteration(TimeStamped):
    """One turn of plan → try → what we saw → what we learned → what we change, ended by a decision."""

    trial = models.ForeignKey(Trial, on_delete=models.CASCADE, related_name="iterations")
    number = models.PositiveSmallIntegerField(_("iteration"))
    plan = models.TextField(_("plan: what will we try"), max_length=4000)
    tried = models.TextField(_("what did we try"), max_length=4000, blank=True)
    saw_numbers = models.TextField(_("what did we see – numbers"), max_length=4000, blank=True)
    saw_stories = models.TextField(
        _("what did we see – stories and observations"), max_length=4000, blank=True
    )
    learned = models.TextField(_("what did we learn"), max_length=4000, blank=True)
    will_change = models.TextField(_("what will we change"), max_length=4000, blank=True)
    shareable = models.BooleanField(
        _("the learning may be shared"),
        default=False,
        help_text=_("Shared learnings can be found by others in the knowledge library."),
    )
    decision = models.CharField(
        pgettext_lazy("trial", "decision"), max_length=10, choices=Decision.choices, blank=True
    )
    decision_reason = models.TextField(_("reason for the decision"), max_length=2000, blank=True)
    decided_at = models.DateTimeField(pgettext_lazy("trial", "decided"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="trial_iterations"
    )

    class Meta:
        ordering = ["trial", "number"]
        verbose_name = _("iteration")
        verbose_name_plural = _("iterations")
        constraints = [
            models.UniqueConstraint(fields=["trial", "number"], name="iteration_number_unique"),
            models.CheckConstraint(
                condition=Q(decision="") | ~Q(decision_reason=""), name="iteration_decision_has_reason"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.trial} – {self.number}"

    @property
    def is_decided(self) -> bool:
        return bool(self.decision)
