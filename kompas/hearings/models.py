"""Hearings (høringer), their answers and the hearing note, and requests to meet a committee (foretræde).

An answer is counted only once it is confirmed: at once for a signed-in person or one entered at a service desk,
after the e-mail link for everyone else. Who helped enter an assisted answer is kept apart from the answer
(``AssistedEntry``), so the answer reads the same with or without it and the helper's id never travels with it.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kompas.citygoals.models import CityGoal
from kompas.core import textlimits
from kompas.core.models import TimeStamped
from kompas.council.models import Committee
from kompas.organisations.models import Department

from .choices import (
    FORETRAEDE_BADGES,
    STATUS_BADGES,
    AnswerStatus,
    DraftKind,
    ForetraedeStatus,
    HearingStatus,
    PartyKind,
    RespondentKind,
)


def _draft_path(instance, filename: str) -> str:
    return f"hearings/{instance.pk or 'new'}/draft/{filename}"


def _attachment_path(instance, filename: str) -> str:
    return f"hearings/answers/{instance.answer_id}/{filename}"


class Hearing(TimeStamped):
    """A hearing on a draft: a council proposal, a goal, or a policy text attached as a file."""

    title = models.CharField(_("title"), max_length=textlimits.TITLE)
    summary = models.TextField(_("what is sent to hearing, and why"), max_length=textlimits.COMMENT)
    draft_kind = models.CharField(_("the draft is"), max_length=10, choices=DraftKind.choices)
    draft_text = models.TextField(_("the draft text"), max_length=textlimits.DOCUMENT, blank=True)
    draft_file = models.FileField(_("the draft as a file"), upload_to=_draft_path, max_length=300, blank=True)
    draft_file_name = models.CharField(_("file name"), max_length=200, blank=True)
    proposal = models.ForeignKey(
        "proposals.Proposal",
        verbose_name=_("council proposal"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    goal = models.ForeignKey(
        "goals.Goal",
        verbose_name=_("goal"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    city_goals = models.ManyToManyField(CityGoal, verbose_name=_("city goals"), blank=True, related_name="+")
    department = models.ForeignKey(
        Department, verbose_name=_("department"), on_delete=models.PROTECT, related_name="hearings"
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("owner"), on_delete=models.PROTECT, related_name="+"
    )
    deadline = models.DateField(_("deadline for answers"))
    status = models.CharField(
        _("status"), max_length=10, choices=HearingStatus.choices, default=HearingStatus.DRAFT, db_index=True
    )
    invite_everyone = models.BooleanField(_("everyone is invited to answer"), default=True)
    forum = models.ForeignKey(
        "dialogues.Forum",
        verbose_name=_("statement round"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    opened_at = models.DateTimeField(_("opened"), null=True, blank=True)
    note_summary = models.TextField(_("what we heard, in short"), max_length=textlimits.LONG, blank=True)
    note_changes = models.TextField(_("what we did"), max_length=textlimits.LONG, blank=True)
    note_published_at = models.DateTimeField(_("hearing note published"), null=True, blank=True)
    note_attached = models.BooleanField(
        _("the hearing note is a Bilag of the council proposal"), default=False
    )

    class Meta:
        ordering = ["-deadline", "-id"]
        verbose_name = _("hearing")
        verbose_name_plural = _("hearings")
        constraints = [
            models.CheckConstraint(
                condition=Q(note_published_at__isnull=True) | Q(status=HearingStatus.PUBLISHED),
                name="hearing_note_published_only_when_published",
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("hearings:detail", kwargs={"pk": self.pk})

    @property
    def status_badge(self) -> str:
        return STATUS_BADGES.get(self.status, "")

    @property
    def is_accepting_answers(self) -> bool:
        """Open, and the deadline (a whole day, local time) has not passed."""
        return self.status == HearingStatus.OPEN and timezone.localdate() <= self.deadline

    @property
    def note_is_published(self) -> bool:
        return self.note_published_at is not None


class NumberedPart(models.Model):
    """A numbered part of a hearing (a question, a theme of the note): numbered from 1, once each per hearing.
    A subclass declares its ``hearing`` foreign key, with its own related name."""

    position = models.PositiveSmallIntegerField(_("number"))

    class Meta:
        abstract = True
        ordering = ["hearing", "position"]
        constraints = [
            models.UniqueConstraint(fields=["hearing", "position"], name="hearing_%(class)s_position_unique")
        ]


class Question(NumberedPart):
    hearing = models.ForeignKey(Hearing, on_delete=models.CASCADE, related_name="questions")
    text = models.CharField(_("question"), max_length=textlimits.SHORT)

    def __str__(self) -> str:
        return self.text


class InvitedParty(models.Model):
    """A party invited by name: an association, a faglig organisation, a council such as Ældrerådet, a business."""

    hearing = models.ForeignKey(Hearing, on_delete=models.CASCADE, related_name="invited_parties")
    name = models.CharField(_("name"), max_length=textlimits.TITLE)
    kind = models.CharField(_("kind"), max_length=12, choices=PartyKind.choices)
    email = models.EmailField(_("e-mail"), blank=True)
    invited_at = models.DateTimeField(_("invitation sent"), null=True, blank=True)

    class Meta:
        ordering = ["hearing", "kind", "name"]
        constraints = [models.UniqueConstraint(fields=["hearing", "name"], name="hearing_party_unique")]

    def __str__(self) -> str:
        return self.name


class NoteTheme(NumberedPart):
    """A theme of the hearing note: the answers grouped under it, the municipality's response, what changed."""

    hearing = models.ForeignKey(Hearing, on_delete=models.CASCADE, related_name="themes")
    title = models.CharField(_("theme"), max_length=textlimits.TITLE)
    response = models.TextField(_("the municipality's response"), max_length=textlimits.COMMENT)
    changed = models.TextField(
        _("what was changed"),
        max_length=textlimits.COMMENT,
        blank=True,
        help_text=_("Leave it empty if nothing was changed; the response then says why."),
    )

    def __str__(self) -> str:
        return self.title


class Answer(models.Model):
    """A hearing answer (høringssvar), from a person or on behalf of an organisation."""

    hearing = models.ForeignKey(Hearing, on_delete=models.CASCADE, related_name="answers")
    status = models.CharField(_("status"), max_length=12, choices=AnswerStatus.choices)
    respondent = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    name = models.CharField(_("name"), max_length=textlimits.TITLE)
    email = models.EmailField(_("e-mail"), blank=True)
    respondent_kind = models.CharField(_("I answer"), max_length=12, choices=RespondentKind.choices)
    organisation_name = models.CharField(_("organisation"), max_length=textlimits.TITLE, blank=True)
    organisation_kind = models.CharField(
        _("kind of organisation"), max_length=12, choices=PartyKind.choices, blank=True
    )
    comment = models.TextField(_("anything else"), max_length=textlimits.LONG, blank=True)
    assisted = models.BooleanField(_("entered with help at a service desk"), default=False)
    theme = models.ForeignKey(
        NoteTheme,
        verbose_name=_("theme"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="answers",
    )
    created_at = models.DateTimeField(_("sent"), default=timezone.now)
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)
    told_at = models.DateTimeField(_("told about the hearing note"), null=True, blank=True)

    class Meta:
        ordering = ["hearing", "created_at", "id"]
        indexes = [models.Index(fields=["hearing", "status"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(status=AnswerStatus.UNCONFIRMED) | Q(confirmed_at__isnull=False),
                name="hearing_answer_confirmed_has_time",
            ),
            models.CheckConstraint(
                condition=Q(respondent_kind=RespondentKind.PERSON) | ~Q(organisation_name=""),
                name="hearing_answer_organisation_named",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.hearing_id}/{self.pk}"

    @property
    def is_counted(self) -> bool:
        return self.status == AnswerStatus.CONFIRMED

    @property
    def public_name(self) -> str:
        """What the published note says about who answered: an organisation by name, a person not by name."""
        if self.respondent_kind == RespondentKind.ORGANISATION:
            return self.organisation_name
        return str(_("A private person"))


class AnswerText(models.Model):
    answer = models.ForeignKey(Answer, on_delete=models.CASCADE, related_name="texts")
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="+")
    text = models.TextField(_("answer"), max_length=textlimits.LONG)

    class Meta:
        ordering = ["answer", "question__position"]
        constraints = [
            models.UniqueConstraint(fields=["answer", "question"], name="hearing_answer_text_unique")
        ]

    def __str__(self) -> str:
        return self.text[:60]


class AnswerAttachment(models.Model):
    answer = models.ForeignKey(Answer, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(_("file"), upload_to=_attachment_path, max_length=300)
    name = models.CharField(_("file name"), max_length=200)
    size = models.PositiveIntegerField(_("size (bytes)"))
    content_type = models.CharField(_("file type"), max_length=100)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["answer", "id"]

    def __str__(self) -> str:
        return self.name


class AssistedEntry(models.Model):
    """Who entered an answer on a citizen's behalf, and where. Kept apart from the answer itself."""

    answer = models.OneToOneField(Answer, on_delete=models.CASCADE, related_name="assisted_entry")
    helper = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    place = models.CharField(_("where"), max_length=textlimits.TITLE)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.answer_id}: {self.place}"


class ForetraedeRequest(TimeStamped):
    """A request to meet one of the city council's committees on a case (foretræde).

    The committee is linked (``kompas.council``): the secretariat's queue is sorted by it, and its members read
    the requests addressed to it. Requests from before the link keep the committee's name as it was typed in
    ``committee_name``; one whose name matched no committee has that name and no link, so nothing is lost."""

    committee = models.ForeignKey(
        Committee,
        verbose_name=_("committee"),
        null=True,
        on_delete=models.PROTECT,
        related_name="foretraede_requests",
    )
    committee_name = models.CharField(
        _("the committee as named in the request"),
        max_length=textlimits.TITLE,
        blank=True,
        help_text=_("Kept from requests made before the committees were linked."),
    )
    case = models.CharField(_("the case"), max_length=textlimits.SHORT)
    hearing = models.ForeignKey(
        Hearing,
        verbose_name=_("hearing"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="foretraede_requests",
    )
    requester = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    on_behalf_of = models.CharField(_("on behalf of"), max_length=textlimits.TITLE, blank=True)
    reason = models.TextField(_("what you want to tell the committee"), max_length=textlimits.COMMENT)
    participants = models.CharField(_("who will come"), max_length=textlimits.SHORT, blank=True)
    wished_dates = models.CharField(_("dates that suit you"), max_length=textlimits.SHORT, blank=True)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=ForetraedeStatus.choices,
        default=ForetraedeStatus.REQUESTED,
        db_index=True,
    )
    committee_answer = models.TextField(
        _("the committee's answer"), max_length=textlimits.COMMENT, blank=True
    )
    meeting_at = models.DateTimeField(_("meeting"), null=True, blank=True)
    meeting_place = models.CharField(_("place"), max_length=textlimits.TITLE, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("request to meet a committee")
        verbose_name_plural = _("requests to meet a committee")
        constraints = [
            models.CheckConstraint(
                condition=Q(committee__isnull=False) | ~Q(committee_name=""),
                name="hearing_foretraede_names_a_committee",
            )
        ]

    def __str__(self) -> str:
        return f"{self.committee_label}: {self.case}"

    @property
    def committee_label(self) -> str:
        """The committee's name; for an older request that matched no committee, the name as it was typed."""
        return self.committee.name if self.committee is not None else self.committee_name

    def get_absolute_url(self) -> str:
        return reverse("hearings:foretraede-detail", kwargs={"pk": self.pk})

    @property
    def status_badge(self) -> str:
        return FORETRAEDE_BADGES.get(self.status, "")
