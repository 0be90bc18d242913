import hashlib

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from kompas.citygoals.models import CityGoal
from kompas.core import textlimits
from kompas.core.models import TimeStamped
from kompas.goals.models import Goal

from .choices import (
    ForumStatus,
    ForumVisibility,
    MapState,
    Moderation,
    StakeholderType,
    StatementStatus,
    VoteValue,
)

STATEMENT_MAX = textlimits.STATEMENT  # the length policy's statement (kompas/core/textlimits.py)


class Forum(TimeStamped):
    """A dialogue forum (Dialogforum) exploring a dilemma: values in tension, perspectives, standpoints."""

    title = models.CharField(_("title"), max_length=200)
    dilemma = models.TextField(_("the dilemma"), max_length=3000)
    values_in_tension = models.TextField(_("values in tension"), max_length=2000)
    perspectives = models.TextField(_("perspectives on the dilemma"), max_length=3000, blank=True)
    question = models.CharField(_("the question"), max_length=300)
    status = models.CharField(
        _("status"), max_length=10, choices=ForumStatus.choices, default=ForumStatus.DRAFT
    )
    visibility = models.CharField(
        _("who may take part"), max_length=10, choices=ForumVisibility.choices, default=ForumVisibility.PUBLIC
    )
    moderation = models.CharField(
        _("moderation"), max_length=4, choices=Moderation.choices, default=Moderation.PRE
    )
    allow_anonymous = models.BooleanField(
        _("people may take part without logging in"),
        default=False,
        help_text=_("They get a participant token kept in their browser."),
    )
    participants_may_submit = models.BooleanField(_("participants may submit statements"), default=True)
    facilitator = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="facilitated_forums"
    )
    invited = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True, related_name="forum_invitations")
    city_goals = models.ManyToManyField(
        CityGoal, blank=True, related_name="forums", verbose_name=_("city goals")
    )
    outcome = models.TextField(_("what we take with us"), max_length=5000, blank=True)
    outcome_goals = models.ManyToManyField(
        Goal, blank=True, related_name="forums", verbose_name=_("linked goals")
    )
    outcome_recorded_at = models.DateTimeField(null=True, blank=True)
    imported_from = models.CharField(_("imported from"), max_length=200, blank=True)

    # The stored danish search document, kept by kompas.core.search_index (PostgreSQL only; empty on SQLite).
    search_vector = SearchVectorField(null=True, editable=False)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("dialogue forum")
        verbose_name_plural = _("dialogue forums")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("dialogues:detail", kwargs={"pk": self.pk})


class Standpoint(models.Model):
    forum = models.ForeignKey(Forum, on_delete=models.CASCADE, related_name="standpoints")
    order = models.PositiveSmallIntegerField(default=0)
    text = models.CharField(_("standpoint"), max_length=300)

    class Meta:
        ordering = ["forum", "order", "id"]

    def __str__(self) -> str:
        return self.text


class Participant(models.Model):
    """Someone taking part in one forum: a signed-in user, or an anonymous browser with a token."""

    forum = models.ForeignKey(Forum, on_delete=models.CASCADE, related_name="participants")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    token_hash = models.CharField(max_length=64, blank=True)
    stakeholder_type = models.CharField(_("I take part as"), max_length=12, choices=StakeholderType.choices)
    external_id = models.CharField(
        max_length=64, blank=True
    )  # e.g. the voter id of an imported Pol.is export
    # Entered by a member of staff on a citizen's behalf (assisted participation, seed 004 spor 4). Who helped
    # is kept apart, in ``Assistance``: the votes and statements carry only this mark.
    assisted = models.BooleanField(_("assisted"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["forum", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["forum", "user"], condition=Q(user__isnull=False), name="one_participant_per_user"
            ),
            models.UniqueConstraint(
                fields=["forum", "token_hash"], condition=~Q(token_hash=""), name="one_participant_per_token"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.forum_id}/{self.pk}"

    @staticmethod
    def hash_token(raw: str) -> str:
        return hashlib.sha256(raw.encode()).hexdigest()


class Assistance(models.Model):
    """Who entered an assisted participant's answers: kept apart from the answers, for the audit and for
    questions about the help given. ``key`` makes a double submit of the same form harmless."""

    participant = models.OneToOneField(Participant, on_delete=models.CASCADE, related_name="assistance")
    helper = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    key = models.CharField(max_length=64)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["helper", "key"], name="one_assistance_per_key")]

    def __str__(self) -> str:
        return f"{self.participant_id} ({self.helper_id})"


class StandpointChoice(models.Model):
    """The standpoint a participant took in a round; rounds show how positions moved."""

    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="standpoints")
    standpoint = models.ForeignKey(Standpoint, on_delete=models.CASCADE, related_name="choices")
    round = models.PositiveSmallIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["participant", "round"], name="one_standpoint_per_round")
        ]

    def __str__(self) -> str:
        return f"{self.participant_id} r{self.round}: {self.standpoint_id}"


class Statement(models.Model):
    forum = models.ForeignKey(Forum, on_delete=models.CASCADE, related_name="statements")
    text = models.CharField(_("statement"), max_length=STATEMENT_MAX)
    author = models.ForeignKey(
        Participant, null=True, blank=True, on_delete=models.SET_NULL, related_name="statements"
    )
    is_seed = models.BooleanField(default=False)
    status = models.CharField(max_length=10, choices=StatementStatus.choices, default=StatementStatus.PENDING)
    near_duplicate_of = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    external_id = models.CharField(max_length=64, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["forum", "id"]
        indexes = [models.Index(fields=["forum", "status"])]

    def __str__(self) -> str:
        return self.text


class Vote(models.Model):
    # No index of their own: "one_vote_per_statement" (participant, statement) serves the participant's lookups and
    # the (statement, value) index the statement's, so a vote writes three indexes, not five.
    participant = models.ForeignKey(
        Participant, on_delete=models.CASCADE, related_name="votes", db_index=False
    )
    statement = models.ForeignKey(Statement, on_delete=models.CASCADE, related_name="votes", db_index=False)
    value = models.SmallIntegerField(choices=VoteValue.choices)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["participant", "statement"], name="one_vote_per_statement"),
            models.CheckConstraint(condition=Q(value__in=[-1, 0, 1]), name="vote_value_valid"),
        ]
        indexes = [models.Index(fields=["statement", "value"])]

    def __str__(self) -> str:
        return f"{self.participant_id}:{self.statement_id}={self.value}"


class VoteReceipt(models.Model):
    """An idempotency key seen once per participant: the same submission repeated changes nothing. Keys are
    scoped to the participant, so another participant who happens to send the same key still has their vote
    stored (ADR 0008)."""

    key = models.CharField(max_length=64)
    # No index of its own: "one_receipt_per_participant_key" (participant, key) serves the participant's lookups.
    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="+", db_index=False)
    statement = models.ForeignKey(Statement, on_delete=models.CASCADE, related_name="+")
    value = models.SmallIntegerField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["participant", "key"], name="one_receipt_per_participant_key")
        ]

    def __str__(self) -> str:
        return self.key


class OpinionMap(models.Model):
    """A computed opinion map for a forum. The newest ready one is shown."""

    forum = models.ForeignKey(Forum, on_delete=models.CASCADE, related_name="maps")
    state = models.CharField(max_length=10, choices=MapState.choices, default=MapState.COMPUTING)
    requested_at = models.DateTimeField(auto_now_add=True)
    computed_at = models.DateTimeField(null=True, blank=True)
    input_hash = models.CharField(max_length=64, blank=True)
    params = models.JSONField(default=dict)
    result = models.JSONField(default=dict)
    participants = models.PositiveIntegerField(default=0)
    votes = models.PositiveIntegerField(default=0)
    # The same map computed without assisted participants' votes, when the forum has any (the map page's
    # "without assisted answers" toggle); empty otherwise.
    assisted_participants = models.PositiveIntegerField(default=0)
    result_without_assisted = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-requested_at"]

    def __str__(self) -> str:
        return f"{self.forum_id} {self.state}"
