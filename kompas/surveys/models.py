"""Aarhuskompas-målingen: instruments, waves, the population, invitations and anonymous answers.

Anonymous by construction: ``Response`` (the answers table) holds no reference to a person, an invitation or a time
of day. Who has answered is kept on ``Invitation`` (a flag), apart from what was answered. A half-finished
answer (``Draft``) is keyed by a digest of the invitation token that differs from the invitation's own digest,
so without the token in hand nobody can tell whose draft it is.
"""

import uuid

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.db.models.functions import Upper
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kompas.core.models import TimeStamped
from kompas.organisations.models import Department, Unit

from .choices import Dimension, ItemKind, PersonRole, ResultsState, WaveStatus
from .disclosure import DEFAULT_K, MIN_K, TEXT_K


class Instrument(TimeStamped):
    """A versioned questionnaire. Once a wave uses it, it cannot change; a new version succeeds it."""

    name = models.CharField(_("name"), max_length=200)
    version = models.PositiveSmallIntegerField(_("version"), default=1)
    predecessor = models.OneToOneField(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="successor"
    )
    introduction = models.TextField(_("introduction"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["name", "-version"]
        verbose_name = _("questionnaire")
        verbose_name_plural = _("questionnaires")
        constraints = [models.UniqueConstraint(fields=["name", "version"], name="instrument_version_unique")]

    def __str__(self) -> str:
        return f"{self.name} (v{self.version})"

    @property
    def in_use(self) -> bool:
        return self.waves.exists()

    @property
    def is_default_wording(self) -> bool:
        """Every question still in Kompas' own default wording (``defaults.py``), none of the municipality's."""
        from .defaults import SECTIONS

        ours = {item["text"] for section in SECTIONS for item in section["items"]}
        texts = set(self.items.values_list("text", flat=True))
        return bool(texts) and texts <= ours


class Section(models.Model):
    instrument = models.ForeignKey(Instrument, on_delete=models.CASCADE, related_name="sections")
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    title = models.CharField(_("title"), max_length=200)
    introduction = models.TextField(_("introduction"), blank=True)

    class Meta:
        ordering = ["instrument", "order", "pk"]
        verbose_name = _("section")
        verbose_name_plural = _("sections")

    def __str__(self) -> str:
        return self.title


class Item(models.Model):
    """A question. ``code`` is its identity across versions, so waves on different versions compare."""

    instrument = models.ForeignKey(Instrument, on_delete=models.CASCADE, related_name="items")
    section = models.ForeignKey(Section, on_delete=models.CASCADE, related_name="items")
    code = models.SlugField(_("code"), max_length=60)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    kind = models.CharField(_("kind"), max_length=10, choices=ItemKind.choices)
    text = models.CharField(_("question"), max_length=400)
    dimension = models.CharField(
        _("dimension"), max_length=10, choices=Dimension.choices, default=Dimension.OTHER
    )
    index = models.CharField(
        _("index"), max_length=60, blank=True, help_text=_("Items with the same index are averaged.")
    )
    low_label = models.CharField(_("label of the lowest point"), max_length=80, blank=True)
    high_label = models.CharField(_("label of the highest point"), max_length=80, blank=True)
    required = models.BooleanField(_("required"), default=False)

    class Meta:
        ordering = ["instrument", "section__order", "order", "pk"]
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        constraints = [
            models.UniqueConstraint(fields=["instrument", "code"], name="item_code_unique_in_instrument")
        ]

    def __str__(self) -> str:
        return self.text


class Option(models.Model):
    item = models.ForeignKey(Item, on_delete=models.CASCADE, related_name="options")
    code = models.SlugField(_("code"), max_length=60)
    label = models.CharField(_("label"), max_length=200)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["item", "order", "pk"]
        verbose_name = _("answer option")
        verbose_name_plural = _("answer options")
        constraints = [models.UniqueConstraint(fields=["item", "code"], name="option_code_unique_in_item")]

    def __str__(self) -> str:
        return self.label


class Population(TimeStamped):
    """A staff population imported from CSV (personal data: employee numbers and e-mail addresses)."""

    name = models.CharField(_("name"), max_length=200)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("population")
        verbose_name_plural = _("populations")

    def __str__(self) -> str:
        return self.name


class Person(models.Model):
    population = models.ForeignKey(Population, on_delete=models.CASCADE, related_name="people")
    employee_id = models.CharField(_("employee number"), max_length=40)
    email = models.EmailField(_("e-mail"), blank=True)
    role = models.CharField(_("role"), max_length=10, choices=PersonRole.choices)
    department = models.ForeignKey(Department, on_delete=models.PROTECT, related_name="+")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["population", "employee_id"]
        verbose_name = _("person in the population")
        verbose_name_plural = _("people in the population")
        constraints = [
            models.UniqueConstraint(fields=["population", "employee_id"], name="person_unique_in_population")
        ]
        # A signed-in person's own invitation is found by their e-mail, case-insensitively, on every front page.
        indexes = [models.Index(Upper("email"), name="person_email_upper")]

    def __str__(self) -> str:
        return self.employee_id


class Wave(TimeStamped):
    """One round of the survey (e.g. 2024), on one instrument version, for one population."""

    instrument = models.ForeignKey(Instrument, on_delete=models.PROTECT, related_name="waves")
    population = models.ForeignKey(Population, on_delete=models.PROTECT, related_name="waves")
    title = models.CharField(_("title"), max_length=200)
    year = models.PositiveSmallIntegerField(_("year"))
    status = models.CharField(
        _("status"), max_length=10, choices=WaveStatus.choices, default=WaveStatus.DRAFT
    )
    opened_on = models.DateField(_("opened on"), null=True, blank=True)
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    min_group = models.PositiveSmallIntegerField(
        _("smallest group shown"), default=DEFAULT_K, validators=[MinValueValidator(MIN_K)]
    )
    min_text_group = models.PositiveSmallIntegerField(
        _("smallest group whose free text is shown"), default=TEXT_K, validators=[MinValueValidator(TEXT_K)]
    )
    panel = models.BooleanField(
        _("link answers across waves"),
        default=False,
        help_text=_("Through a keyed pseudonym whose key lives outside the database."),
    )

    class Meta:
        ordering = ["-year", "-pk"]
        verbose_name = _("wave")
        verbose_name_plural = _("waves")
        constraints = [
            models.CheckConstraint(condition=Q(min_group__gte=MIN_K), name="wave_min_group_at_least_3"),
            models.CheckConstraint(
                condition=Q(min_text_group__gte=TEXT_K), name="wave_min_text_group_at_least_10"
            ),
        ]

    def __str__(self) -> str:
        return self.title


class Invitation(models.Model):
    """Who is invited and whether they have answered – never what they answered."""

    wave = models.ForeignKey(Wave, on_delete=models.CASCADE, related_name="invitations")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="invitations")
    sent_on = models.DateField(_("sent on"), null=True, blank=True)
    reminders = models.PositiveSmallIntegerField(_("reminders sent"), default=0)
    last_reminded_on = models.DateField(_("last reminded on"), null=True, blank=True)
    answered = models.BooleanField(_("answered"), default=False)

    class Meta:
        ordering = ["wave", "pk"]
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        constraints = [models.UniqueConstraint(fields=["wave", "person"], name="invitation_unique_per_wave")]

    def __str__(self) -> str:
        return f"{self.wave} – {self.person}"


class InvitationLink(models.Model):
    """A single-use link: only a digest of the token is stored. A reminder adds a new link; the old one keeps
    working (a draft begun with it can only be found with that token)."""

    invitation = models.ForeignKey(Invitation, on_delete=models.CASCADE, related_name="links")
    digest = models.CharField(max_length=64, unique=True)

    class Meta:
        ordering = ["invitation", "pk"]

    def __str__(self) -> str:
        return f"{self.invitation_id}: {self.digest[:8]}…"


class Draft(models.Model):
    """A half-finished answer, keyed by a second digest of the token (not linkable without the token)."""

    wave = models.ForeignKey(Wave, on_delete=models.CASCADE, related_name="+")
    key_digest = models.CharField(max_length=64, unique=True)
    data = models.JSONField(default=dict)
    section_index = models.PositiveSmallIntegerField(default=0)
    saved_on = models.DateField()

    class Meta:
        ordering = ["wave", "pk"]

    def __str__(self) -> str:
        return f"{self.wave_id}: {self.key_digest[:8]}…"


class Response(models.Model):
    """One submitted questionnaire – the answers table. No person, no invitation, no time of day; a random id
    so the order of rows says nothing either. The group attributes are copied from the population at
    submission; the answers are one JSON object (one row per questionnaire keeps reading a wave fast)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    wave = models.ForeignKey(Wave, on_delete=models.CASCADE, related_name="responses")
    submitted_on = models.DateField(_("submitted on"))
    role = models.CharField(_("role"), max_length=10, choices=PersonRole.choices)
    department = models.ForeignKey(Department, on_delete=models.PROTECT, related_name="+")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+")
    panel_pseudonym = models.CharField(max_length=64, blank=True, db_index=True)
    # {item code: answer}: a number (scales), an option code (single choice), a list of option codes
    # (multiple choice) or a text. Keyed by the item's code, its identity across instrument versions.
    answers = models.JSONField(default=dict)

    class Meta:
        ordering = ["wave", "id"]
        verbose_name = _("response")
        verbose_name_plural = _("responses")

    def __str__(self) -> str:
        return f"{self.wave_id}: {self.submitted_on.isoformat()}"


class WaveResults(models.Model):
    """The released results of a closed wave at one threshold: the one disclosure decision that the results
    page, the unit pages, the development across waves, the API and the CSV file all read.

    Computed once – by a background task when the wave closes, or when first asked for – because a closed
    wave's answers never change. A new threshold is a new row; closing the wave again starts afresh.
    ``version`` is new with every computation: what any cache of these figures is keyed on."""

    wave = models.ForeignKey(Wave, on_delete=models.CASCADE, related_name="released_results")
    min_group = models.PositiveSmallIntegerField(_("smallest group shown"))
    state = models.CharField(
        _("state"), max_length=10, choices=ResultsState.choices, default=ResultsState.BUILDING
    )
    version = models.UUIDField(default=uuid.uuid4, editable=False)
    # {"respondents": n | None, "departments": {pk: name}, "rows": [...]}: see selectors.released_results.
    data = models.JSONField(default=dict, blank=True)
    requested_at = models.DateTimeField(_("requested at"), default=timezone.now)
    computed_at = models.DateTimeField(_("calculated at"), null=True, blank=True)
    seconds = models.FloatField(_("seconds to calculate"), null=True, blank=True)

    class Meta:
        ordering = ["wave", "min_group"]
        verbose_name = _("released results")
        verbose_name_plural = _("released results")
        constraints = [
            models.UniqueConstraint(fields=["wave", "min_group"], name="wave_results_unique_per_threshold")
        ]

    def __str__(self) -> str:
        return f"{self.wave_id} (k={self.min_group}): {self.state}"
