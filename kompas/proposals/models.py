from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from kompas.citygoals.models import CityGoal
from kompas.core.models import TimeStamped
from kompas.dialogues.models import Forum
from kompas.goals.models import Goal
from kompas.organisations.models import Department
from kompas.trials.models import Trial

from .choices import Decision, ProposalStatus, SectionKind


class ProposalTemplate(TimeStamped):
    """A proposal template (skabelon), e.g. the compass template of 2021. Its sections live in versions."""

    name = models.CharField(_("name"), max_length=150, unique=True)
    slug = models.SlugField(_("short name"), max_length=60, unique=True)
    description = models.TextField(_("description"), max_length=2000, blank=True)
    is_active = models.BooleanField(
        _("offered for new proposals"),
        default=True,
        help_text=_("Old templates stay so that old proposals can be shown, but are not offered."),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("proposal template")
        verbose_name_plural = _("proposal templates")

    def __str__(self) -> str:
        return self.name


class TemplateVersion(models.Model):
    """One fixed version of a template. Editing a template makes a new version; proposals keep theirs."""

    template = models.ForeignKey(ProposalTemplate, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("version"))
    note = models.CharField(_("what changed"), max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["template", "-number"]
        verbose_name = _("template version")
        verbose_name_plural = _("template versions")
        constraints = [
            models.UniqueConstraint(fields=["template", "number"], name="proposal_template_version_unique")
        ]

    def __str__(self) -> str:
        return f"{self.template.name}, version {self.number}"


class TemplateSection(models.Model):
    """A numbered section of a template version, with guidance for the writer."""

    version = models.ForeignKey(TemplateVersion, on_delete=models.CASCADE, related_name="sections")
    position = models.PositiveSmallIntegerField(_("number"))
    heading = models.CharField(_("heading"), max_length=200)
    guidance = models.TextField(_("guidance"), max_length=2000, blank=True)
    kind = models.CharField(_("kind"), max_length=12, choices=SectionKind.choices, default=SectionKind.TEXT)

    class Meta:
        ordering = ["version", "position"]
        verbose_name = _("template section")
        verbose_name_plural = _("template sections")
        constraints = [
            models.UniqueConstraint(fields=["version", "position"], name="proposal_section_position_unique")
        ]

    def __str__(self) -> str:
        return f"{self.position}. {self.heading}"


class Proposal(TimeStamped):
    """An indstilling to the city council, written in one version of a template."""

    template_version = models.ForeignKey(
        TemplateVersion, verbose_name=_("template"), on_delete=models.PROTECT, related_name="proposals"
    )
    title = models.CharField(_("title"), max_length=250)
    to_line = models.CharField(_("to"), max_length=200, default="Aarhus Byråd via Magistraten")
    from_line = models.CharField(_("from"), max_length=200)
    dated = models.DateField(_("date"))
    department = models.ForeignKey(
        Department, verbose_name=_("department"), on_delete=models.PROTECT, related_name="proposals"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("created by"), on_delete=models.PROTECT, related_name="+"
    )
    case_number = models.CharField(_("case number"), max_length=40, blank=True)
    case_officer = models.CharField(_("case officer"), max_length=200, blank=True)
    phone = models.CharField(_("phone"), max_length=60, blank=True)
    email = models.CharField(_("e-mail"), max_length=200, blank=True)
    signatures = models.CharField(
        _("signed by"), max_length=300, blank=True, help_text=_("E.g. 'Magistraten / Direktørgruppen'.")
    )
    attachments = models.TextField(_("attachments (Bilag)"), max_length=4000, blank=True)
    earlier_decisions = models.TextField(_("earlier decisions"), max_length=4000, blank=True)
    characters = models.PositiveIntegerField(_("number of characters"), default=0)
    city_goals = models.ManyToManyField(
        CityGoal, verbose_name=_("city goals"), blank=True, related_name="proposals"
    )
    cited_goals = models.ManyToManyField(Goal, verbose_name=_("goals cited"), blank=True, related_name="+")
    cited_forums = models.ManyToManyField(
        Forum, verbose_name=_("dialogue forums cited"), blank=True, related_name="+"
    )
    cited_trials = models.ManyToManyField(Trial, verbose_name=_("trials cited"), blank=True, related_name="+")
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=ProposalStatus.choices,
        default=ProposalStatus.DRAFT,
        db_index=True,
    )
    decision = models.CharField(
        pgettext_lazy("council decision", "decision"), max_length=16, choices=Decision.choices, blank=True
    )
    decision_note = models.TextField(_("what was decided"), max_length=4000, blank=True)
    decided_on = models.DateField(_("decided on"), null=True, blank=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True, db_index=True)
    fund_application_id = models.PositiveIntegerField(_("fund application"), null=True, blank=True)
    fund_application_url = models.CharField(_("address of the fund application"), max_length=300, blank=True)
    # A proposal to stop a funded project the city council granted: its decision stops the project by this link.
    fund_project_id = models.PositiveIntegerField(_("fund project to stop"), null=True, blank=True)
    fund_project_url = models.CharField(_("address of the fund project"), max_length=300, blank=True)

    # The stored danish search document, kept by kompas.core.search_index (PostgreSQL only; empty on SQLite).
    search_vector = SearchVectorField(null=True, editable=False)

    class Meta:
        ordering = ["-updated_at", "-id"]
        verbose_name = _("proposal")
        verbose_name_plural = _("proposals")
        constraints = [
            models.UniqueConstraint(
                fields=["fund_application_id"],
                condition=Q(fund_application_id__isnull=False),
                name="proposal_one_per_fund_application",
            ),
            models.CheckConstraint(
                condition=Q(published_at__isnull=True) | Q(status=ProposalStatus.DECIDED),
                name="proposal_published_only_when_decided",
            ),
        ]
        indexes = [models.Index(fields=["department", "status"])]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("proposals:detail", kwargs={"pk": self.pk})

    @property
    def is_draft(self) -> bool:
        return self.status == ProposalStatus.DRAFT

    @property
    def is_published(self) -> bool:
        return self.published_at is not None

    def attachment_lines(self) -> list[str]:
        return [line.strip() for line in self.attachments.splitlines() if line.strip()]

    def earlier_decision_lines(self) -> list[str]:
        return [line.strip() for line in self.earlier_decisions.splitlines() if line.strip()]


class ProposalSection(models.Model):
    """The text of one template section in a proposal."""

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="sections")
    template_section = models.ForeignKey(TemplateSection, on_delete=models.PROTECT, related_name="+")
    text = models.TextField(_("text"), max_length=30000, blank=True)

    class Meta:
        ordering = ["proposal", "template_section__position"]
        verbose_name = _("proposal section")
        verbose_name_plural = _("proposal sections")
        constraints = [
            models.UniqueConstraint(fields=["proposal", "template_section"], name="proposal_section_unique")
        ]

    def __str__(self) -> str:
        return str(self.template_section)


class DecisionPoint(models.Model):
    """A numbered decision point, shown as "At 1) …"."""

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="decision_points")
    number = models.PositiveSmallIntegerField(_("number"))
    text = models.TextField(_("text"), max_length=2000)

    class Meta:
        ordering = ["proposal", "number"]
        verbose_name = _("decision point")
        verbose_name_plural = _("decision points")
        constraints = [
            models.UniqueConstraint(fields=["proposal", "number"], name="decision_point_number_unique")
        ]

    def __str__(self) -> str:
        return f"At {self.number}) {self.text}"


class ProposalVersion(models.Model):
    """The whole proposal as it stood after one save, so that any two saves can be compared."""

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("version"))
    content = models.JSONField(_("content"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("saved"), auto_now_add=True)

    class Meta:
        ordering = ["proposal", "-number"]
        verbose_name = _("proposal version")
        verbose_name_plural = _("proposal versions")
        constraints = [models.UniqueConstraint(fields=["proposal", "number"], name="proposal_version_unique")]

    def __str__(self) -> str:
        return f"{self.proposal} v{self.number}"


class StatusChange(models.Model):
    """One step of a proposal through Magistraten, committee and the city council."""

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="status_changes")
    from_status = models.CharField(_("from"), max_length=16, choices=ProposalStatus.choices)
    to_status = models.CharField(_("to"), max_length=16, choices=ProposalStatus.choices)
    note = models.TextField(_("note"), max_length=2000, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("when"), auto_now_add=True)

    class Meta:
        ordering = ["proposal", "created_at", "id"]
        verbose_name = _("status change")
        verbose_name_plural = _("status changes")

    def __str__(self) -> str:
        return f"{self.from_status} → {self.to_status}"


class Comment(TimeStamped):
    """A colleague's comment on a draft, optionally on one section."""

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="comments")
    section = models.ForeignKey(
        ProposalSection,
        verbose_name=_("section"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="comments",
    )
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    text = models.TextField(_("comment"), max_length=2000)

    class Meta:
        ordering = ["proposal", "created_at", "id"]
        verbose_name = _("comment")
        verbose_name_plural = _("comments")

    def __str__(self) -> str:
        return self.text[:60]
