from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from kompas.citygoals.models import CityGoal
from kompas.core.choices import Visibility
from kompas.core.models import TimeStamped
from kompas.organisations.models import PartnerOrganisation, Unit

from .choices import Cadence, EvidenceKind, GoalStatus, IndicatorDirection


class Goal(TimeStamped):
    """A goal (mål) in Målkompasset: the value it serves and for whom, tied to one or more city goals."""

    title = models.CharField(_("title"), max_length=200)
    value_statement = models.TextField(_("what value does the goal create"), max_length=2000)
    beneficiaries = models.TextField(_("for whom"), max_length=1000)
    city_goals = models.ManyToManyField(CityGoal, verbose_name=_("city goals"), related_name="goals")
    owner_unit = models.ForeignKey(
        Unit, verbose_name=_("owner unit"), on_delete=models.PROTECT, related_name="goals"
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("owner"),
        on_delete=models.PROTECT,
        related_name="owned_goals",
    )
    co_creators_staff = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("set with staff"),
        blank=True,
        related_name="co_created_goals",
    )
    co_creators_partners = models.ManyToManyField(
        PartnerOrganisation, verbose_name=_("set with partners"), blank=True, related_name="co_created_goals"
    )
    co_creators_citizens = models.CharField(
        _("set with citizens"),
        max_length=500,
        blank=True,
        help_text=_("Citizen groups the goal was set with, e.g. 'the parents' council at Skåde School'."),
    )
    period_start = models.DateField(_("period from"))
    period_end = models.DateField(_("period to"))
    visibility = models.CharField(
        _("visibility"), max_length=10, choices=Visibility.choices, default=Visibility.INTERNAL, db_index=True
    )
    status = models.CharField(
        _("status"), max_length=12, choices=GoalStatus.choices, default=GoalStatus.ON_TRACK, db_index=True
    )
    status_reason = models.TextField(_("reason for the status"), max_length=1000)
    status_changed_at = models.DateTimeField(_("status changed"), null=True, blank=True)
    cadence_months = models.PositiveSmallIntegerField(
        _("follow-up cadence"), choices=Cadence.choices, default=Cadence.QUARTERLY
    )
    next_follow_up_on = models.DateField(_("next follow-up"), null=True, blank=True, db_index=True)
    archived_at = models.DateTimeField(_("archived"), null=True, blank=True, db_index=True)

    # The stored danish search document, kept by kompas.core.search_index (PostgreSQL only; empty on SQLite).
    search_vector = SearchVectorField(null=True, editable=False)

    class Meta:
        ordering = ["-updated_at", "-id"]
        verbose_name = _("goal")
        verbose_name_plural = _("goals")
        constraints = [
            models.CheckConstraint(
                condition=Q(period_end__gte=models.F("period_start")), name="goal_period_ordered"
            ),
        ]
        indexes = [models.Index(fields=["owner_unit", "archived_at"])]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("goals:detail", kwargs={"pk": self.pk})

    @property
    def is_archived(self) -> bool:
        return self.archived_at is not None

    @property
    def is_public(self) -> bool:
        return self.visibility == Visibility.PUBLIC


class Indicator(TimeStamped):
    """A measure of a goal: baseline, target, direction and a time series of data points."""

    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="indicators")
    name = models.CharField(_("name"), max_length=200)
    unit = models.CharField(_("unit"), max_length=40, help_text=_("E.g. 'percent', 'people', 'days'."))
    direction = models.CharField(
        _("direction"), max_length=8, choices=IndicatorDirection.choices, default=IndicatorDirection.HIGHER
    )
    baseline = models.DecimalField(_("baseline"), max_digits=18, decimal_places=4, null=True, blank=True)
    baseline_date = models.DateField(_("baseline date"), null=True, blank=True)
    target = models.DecimalField(_("target"), max_digits=18, decimal_places=4, null=True, blank=True)
    target_date = models.DateField(_("target date"), null=True, blank=True)
    description = models.TextField(_("how it is measured"), max_length=2000, blank=True)

    class Meta:
        ordering = ["goal", "id"]
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")

    def __str__(self) -> str:
        return self.name


class DataPoint(models.Model):
    """One measurement of an indicator. One value per indicator and date; a new import replaces it."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="data_points")
    on = models.DateField(_("date"))
    value = models.DecimalField(_("value"), max_digits=18, decimal_places=4)
    source = models.CharField(_("source"), max_length=200, blank=True)
    note = models.CharField(_("note"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("registered"), auto_now_add=True)

    class Meta:
        ordering = ["indicator", "on"]
        verbose_name = _("data point")
        verbose_name_plural = _("data points")
        constraints = [models.UniqueConstraint(fields=["indicator", "on"], name="datapoint_one_per_date")]

    def __str__(self) -> str:
        return f"{self.on}: {self.value}"


class FollowUp(TimeStamped):
    """A learning-shaped follow-up: what happened, what numbers and experiences say, what we learn and change."""

    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="follow_ups")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="follow_ups",
        verbose_name=_("written by"),
    )
    written_on = models.DateField(_("date"))
    what_happened = models.TextField(_("what happened"), max_length=4000)
    numbers_say = models.TextField(_("what do the numbers say"), max_length=4000, blank=True)
    experiences_say = models.TextField(_("what do the experiences say"), max_length=4000, blank=True)
    learned = models.TextField(_("what did we learn"), max_length=4000)
    will_change = models.TextField(_("what will we change"), max_length=4000, blank=True)
    will_stop = models.TextField(_("what will we stop doing"), max_length=4000, blank=True)
    status = models.CharField(_("status after the follow-up"), max_length=12, choices=GoalStatus.choices)
    status_reason = models.TextField(_("reason for the status"), max_length=1000)
    shareable = models.BooleanField(
        _("the learning may be shared"),
        default=False,
        help_text=_("Shared learnings can be found by others in the knowledge library."),
    )

    class Meta:
        ordering = ["-written_on", "-id"]
        verbose_name = _("follow-up")
        verbose_name_plural = _("follow-ups")
        indexes = [models.Index(fields=["goal", "-written_on"])]

    def __str__(self) -> str:
        return f"{self.goal} – {self.written_on}"


class Evidence(TimeStamped):
    """Experience: a story, a quote or an observation, with its date and source.

    A citizen's own words may only be shown publicly with their consent (``consent_public``).
    """

    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="evidence")
    follow_up = models.ForeignKey(
        FollowUp, null=True, blank=True, on_delete=models.SET_NULL, related_name="evidence"
    )
    kind = models.CharField(
        _("kind"), max_length=12, choices=EvidenceKind.choices, default=EvidenceKind.STORY
    )
    title = models.CharField(_("heading"), max_length=200)
    text = models.TextField(_("text"), max_length=5000)
    occurred_on = models.DateField(_("date"))
    source = models.CharField(_("source"), max_length=200, help_text=_("Who told it or observed it."))
    is_citizen_voice = models.BooleanField(_("a citizen's own words"), default=False)
    consent_public = models.BooleanField(
        _("the citizen has agreed that it may be shown publicly"), default=False
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="evidence_created"
    )

    class Meta:
        ordering = ["-occurred_on", "-id"]
        verbose_name = _("experience")
        verbose_name_plural = _("experiences")
        indexes = [
            models.Index(fields=["goal", "-occurred_on"]),
            # The newest experiences first, for a city goal's "latest stories": on Aarhus data PostgreSQL sorted
            # all 24,650 matching rows (69 ms); with this index it reads them in order and stops (0.1 ms).
            models.Index(fields=["-occurred_on", "-id"], name="goals_evidence_latest"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def may_be_public(self) -> bool:
        return not self.is_citizen_voice or self.consent_public


class ReflectionQuestionSet(TimeStamped):
    """A version of the Målkompas questions. One is current; answers keep the version they answered."""

    version = models.PositiveIntegerField(_("version"), unique=True)
    note = models.CharField(_("what changed"), max_length=300, blank=True)
    is_current = models.BooleanField(_("current"), default=False)

    class Meta:
        ordering = ["-version"]
        verbose_name = _("reflection question set")
        verbose_name_plural = _("reflection question sets")
        constraints = [
            models.UniqueConstraint(
                fields=["is_current"], condition=Q(is_current=True), name="one_current_question_set"
            )
        ]

    def __str__(self) -> str:
        return f"v{self.version}"

    @property
    def is_default_wording(self) -> bool:
        """Still Kompas' own default wording of the questions (``defaults.py``), not the municipality's."""
        from .defaults import QUESTIONS

        return [(q.text, q.help_text) for q in self.questions.all()] == [tuple(q) for q in QUESTIONS]


class ReflectionQuestion(models.Model):
    question_set = models.ForeignKey(
        ReflectionQuestionSet, on_delete=models.CASCADE, related_name="questions"
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    text = models.CharField(_("question"), max_length=300)
    help_text = models.CharField(_("help"), max_length=500, blank=True)

    class Meta:
        ordering = ["question_set", "order", "id"]
        verbose_name = _("reflection question")
        verbose_name_plural = _("reflection questions")

    def __str__(self) -> str:
        return self.text


class ReflectionAnswer(TimeStamped):
    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="reflection_answers")
    question = models.ForeignKey(ReflectionQuestion, on_delete=models.PROTECT, related_name="answers")
    answer = models.TextField(_("answer"), max_length=4000)
    answered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["question__order"]
        constraints = [models.UniqueConstraint(fields=["goal", "question"], name="one_answer_per_question")]

    def __str__(self) -> str:
        return f"{self.goal}: {self.question}"


class GoalPolicy(models.Model):
    """Settings of Målkompasset that programme staff edit. One row."""

    max_active_goals_per_unit = models.PositiveSmallIntegerField(
        _("active goals per unit before the 'few but important' notice"),
        default=5,
        validators=[MinValueValidator(1)],
    )

    class Meta:
        verbose_name = _("goal settings")
        verbose_name_plural = _("goal settings")

    def __str__(self) -> str:
        return str(self._meta.verbose_name)

    @classmethod
    def current(cls) -> "GoalPolicy":
        return cls.objects.order_by("pk").first() or cls()
