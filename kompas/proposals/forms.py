from typing import cast

from django import forms
from django.forms import formset_factory
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from kompas.citygoals.models import CityGoal
from kompas.core import textlimits
from kompas.core.forms import KompasForm
from kompas.core.roles import is_programme_staff
from kompas.core.validators import CPRValidator
from kompas.dialogues.models import Forum
from kompas.goals.models import Goal
from kompas.organisations.models import Department
from kompas.trials.models import Trial

from .choices import TRANSITIONS, Decision, ProposalStatus, SectionKind
from .models import Proposal, ProposalSection, TemplateVersion
from .permissions import department_ids, may_transition
from .selectors import CITABLE, citation_search, section_body
from .services import clean_decision_points

DATE_INPUT = forms.DateInput(attrs={"type": "date", "class": "form-input"}, format="%Y-%m-%d")


def _cited_field(label, model) -> forms.ModelMultipleChoiceField:
    """An optional set of checkboxes of things a proposal cites; the form sets the queryset when it is built."""
    return forms.ModelMultipleChoiceField(
        label=label,
        queryset=model.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )


def chosen_ids(values) -> list[int]:
    """The ids among submitted (or initial) values of a multiple choice; anything else is left out."""
    ids = []
    for value in values or ():
        text = str(getattr(value, "pk", value))
        if text.isdigit():
            ids.append(int(text))
    return ids


def _choice(form: forms.BaseForm, name: str) -> forms.ModelChoiceField:
    """The form's choice of model rows ``name``, whose rows the form sets when it is built."""
    return cast(forms.ModelChoiceField, form.fields[name])


class TemplateVersionChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: TemplateVersion) -> str:
        return obj.template.name


class NewProposalForm(KompasForm):
    template = TemplateVersionChoiceField(
        label=_("Template"),
        queryset=TemplateVersion.objects.none(),
        widget=forms.RadioSelect,
        empty_label=None,
    )
    title = forms.CharField(label=_("Title"), max_length=250)
    department = forms.ModelChoiceField(label=_("Department"), queryset=Department.objects.none())

    def __init__(self, *args, user, template_versions: list[TemplateVersion], **kwargs):
        super().__init__(*args, **kwargs)
        _choice(self, "template").queryset = TemplateVersion.objects.filter(
            pk__in=[v.pk for v in template_versions]
        ).select_related("template")
        if template_versions:
            self.fields["template"].initial = template_versions[0].pk
        departments = Department.objects.all()
        if not is_programme_staff.test(user):
            departments = departments.filter(pk__in=department_ids(user))
        _choice(self, "department").queryset = departments
        if departments.count() == 1:
            self.fields["department"].initial = departments.first()


class ProposalForm(KompasForm):
    """The whole draft: header, the template's sections, decision points, city goals, footer and citations."""

    title = forms.CharField(label=_("Title"), max_length=250)
    to_line = forms.CharField(
        label=_("To"), max_length=200, help_text=_("E.g. 'Aarhus Byråd via Magistraten'.")
    )
    from_line = forms.CharField(label=_("From"), max_length=200)
    dated = forms.DateField(label=_("Date"), widget=DATE_INPUT)
    decision_points = forms.CharField(
        label=_("Decision points"),
        required=False,
        max_length=textlimits.LIST,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("One decision point per line. They are numbered for you and shown as “At 1) …”."),
    )
    city_goals = forms.ModelMultipleChoiceField(
        label=_("City goals the value is linked to"),
        queryset=CityGoal.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    attachments = forms.CharField(
        label=_("Attachments (Bilag)"),
        required=False,
        max_length=textlimits.LONG,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One attachment per line, e.g. “Bilag 1: Aarhuskompasset”."),
    )
    earlier_decisions = forms.CharField(
        label=_("Earlier decisions"),
        required=False,
        max_length=textlimits.LONG,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One per line: date, case and case number."),
    )
    signatures = forms.CharField(label=_("Signed by"), required=False, max_length=300)
    case_number = forms.CharField(label=_("Case number"), required=False, max_length=40)
    case_officer = forms.CharField(label=_("Case officer"), required=False, max_length=200)
    phone = forms.CharField(label=pgettext_lazy("proposal document", "Phone"), required=False, max_length=60)
    email = forms.CharField(
        label=pgettext_lazy("proposal document", "E-mail"), required=False, max_length=200
    )
    cited_goals = _cited_field(_("Goals cited"), Goal)
    cited_forums = _cited_field(_("Dialogue forums cited"), Forum)
    cited_trials = _cited_field(_("Trials cited"), Trial)

    # Citations chosen by searching rather than from a list of every row (selectors.CITABLE): only the ticked
    # rows and the matches of a search are ever rendered, so the page costs the same with 20 or 2,000 goals.
    SEARCHED = {
        "cited_goals": {
            "search_label": _("Find a goal"),
            "help": _("Search for a word in a goal's title and tick the goals the proposal cites."),
        },
        "cited_trials": {
            "search_label": _("Find a trial"),
            "help": _("Search for a word in a trial's title and tick the trials the proposal cites."),
        },
    }

    HEADER = ("title", "to_line", "from_line", "dated")
    FOOTER = (
        "attachments",
        "earlier_decisions",
        "signatures",
        "case_number",
        "case_officer",
        "phone",
        "email",
    )

    def __init__(self, *args, proposal: Proposal, searches: dict[str, str] | None = None, **kwargs):
        """``searches``: the words searched for in each searched citation field (``SEARCHED``), whose matches
        are shown under it. Without ``initial``, an unbound form shows the saved proposal."""
        self.proposal = proposal
        self.searches = searches or {}
        self.section_rows: list[ProposalSection] = list(proposal.sections.all())
        data = args[0] if args else kwargs.get("data")
        if data is None and "initial" not in kwargs:
            kwargs["initial"] = self._initial(proposal)
        super().__init__(*args, **kwargs)
        for section in self.section_rows:
            template_section = section.template_section
            self.fields[self.section_field(section)] = forms.CharField(
                label=f"{template_section.position}. {template_section.heading}",
                required=False,
                max_length=textlimits.DOCUMENT,
                widget=forms.Textarea(attrs={"rows": 8 if template_section.kind == SectionKind.TEXT else 3}),
                help_text=template_section.guidance,
            )
            # Added after KompasForm attached its guards, so the CPR guard is attached here by hand.
            self.fields[self.section_field(section)].validators.append(
                CPRValidator(where=f"ProposalForm.section.{template_section.heading}")
            )
        for name, citable in CITABLE.items():
            _choice(self, name).queryset = citable()
        _choice(self, "cited_forums").queryset = Forum.objects.order_by("title")

    @staticmethod
    def section_field(section: ProposalSection) -> str:
        return f"section_{section.pk}"

    def _initial(self, proposal: Proposal) -> dict:
        initial = {name: getattr(proposal, name) for name in (*self.HEADER, *self.FOOTER)}
        initial["decision_points"] = "\n".join(point.text for point in proposal.decision_points.all())
        initial["city_goals"] = [goal.pk for goal in proposal.city_goals.all()]
        initial["cited_goals"] = [goal.pk for goal in proposal.cited_goals.all()]
        initial["cited_forums"] = [forum.pk for forum in proposal.cited_forums.all()]
        initial["cited_trials"] = [trial.pk for trial in proposal.cited_trials.all()]
        for section in self.section_rows:
            initial[self.section_field(section)] = section.text
        return initial

    def section_groups(self) -> list[dict]:
        """The sections in order, each with its bound field and the extra fields that belong under it."""
        groups = []
        for section in self.section_rows:
            extra = []
            if section.template_section.kind == SectionKind.DECISIONS:
                extra.append(self["decision_points"])
            if section.template_section.kind == SectionKind.VALUE:
                extra.append(self["city_goals"])
            groups.append(
                {
                    "section": section,
                    "field": self[self.section_field(section)],
                    "extra": extra,
                    "help_key": f"section-{section.pk}",
                }
            )
        return groups

    def header_fields(self):
        return [self[name] for name in self.HEADER]

    def footer_fields(self):
        return [self[name] for name in self.FOOTER]

    def citations(self) -> list[dict]:
        """The citation fields in order: each either a bound field shown as a list of checkboxes, or a picker
        (``SEARCHED``) with its ticked rows and the matches of the words searched for."""
        return [
            self.picker("cited_goals"),
            {"field": self["cited_forums"]},
            self.picker("cited_trials"),
        ]

    def picker(self, name: str) -> dict:
        field = self[name]
        matches = citation_search(
            field=name, query=self.searches.get(name, ""), chosen_ids=chosen_ids(field.value())
        )
        return {
            "field": field,
            "picker": True,
            "query": self.searches.get(name, ""),
            "matches": matches,
            "kind": name.removeprefix("cited_"),
            **self.SEARCHED[name],
        }

    def posted_values(self) -> dict:
        """The submitted values as ``initial`` for an unbound form: the page shown again, not validated, after a
        search without JavaScript (nothing is saved and no field is marked as wrong)."""
        return {name: self[name].value() for name in self.fields}

    def service_values(self) -> dict:
        data = self.cleaned_data
        values = {name: data[name] for name in (*self.HEADER, *self.FOOTER)}
        values["sections"] = {section.pk: data[self.section_field(section)] for section in self.section_rows}
        values["decision_points"] = data["decision_points"].splitlines()
        for name in ("city_goals", "cited_goals", "cited_forums", "cited_trials"):
            values[name] = list(data[name])
        return values

    def live_sections(self) -> list[tuple[str, str, str]]:
        """(key, heading, text) of each section from the submitted, unsaved data, for the live writing help."""
        rows = []
        for section in self.section_rows:
            text = str(self.data.get(self.add_prefix(self.section_field(section)), ""))
            if section.template_section.kind == SectionKind.DECISIONS:
                typed = str(self.data.get(self.add_prefix("decision_points"), "")).splitlines()
                text = section_body(text, clean_decision_points(typed))
            heading = f"{section.template_section.position}. {section.template_section.heading}"
            rows.append((f"section-{section.pk}", heading, text))
        return rows


class TransitionForm(KompasForm):
    to_status = forms.ChoiceField(label=_("Move the proposal to"), widget=forms.RadioSelect)
    note = forms.CharField(
        label=_("Note"),
        required=False,
        max_length=textlimits.COMMENT,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    decision = forms.ChoiceField(
        label=pgettext_lazy("council decision", "Decision"),
        required=False,
        choices=[("", "—"), *Decision.choices],
    )
    decision_note = forms.CharField(
        label=_("What was decided"),
        required=False,
        max_length=textlimits.LONG,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    decided_on = forms.DateField(label=_("Decided on"), required=False, widget=DATE_INPUT)

    def __init__(self, *args, user, proposal: Proposal, **kwargs):
        super().__init__(*args, **kwargs)
        allowed = [s for s in TRANSITIONS.get(proposal.status, ()) if may_transition(user, proposal, s)]
        choices = [(s, ProposalStatus(s).label) for s in allowed]
        cast(forms.ChoiceField, self.fields["to_status"]).choices = choices
        if allowed:
            self.fields["to_status"].initial = allowed[0]
        self.allowed = allowed
        if ProposalStatus.DECIDED not in allowed:
            for name in ("decision", "decision_note", "decided_on"):
                del self.fields[name]

    def clean(self):
        data = super().clean()
        if data.get("to_status") == ProposalStatus.DECIDED:
            if not data.get("decision"):
                self.add_error("decision", _("Choose what the city council decided."))
            if not data.get("decided_on"):
                self.add_error("decided_on", _("Enter the date of the decision."))
        return data


class CommentForm(KompasForm):
    section = forms.ModelChoiceField(
        label=_("Section"),
        queryset=ProposalSection.objects.none(),
        required=False,
        empty_label=_("The whole proposal"),
    )
    text = forms.CharField(
        label=_("Comment"), max_length=textlimits.COMMENT, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, proposal: Proposal, **kwargs):
        super().__init__(*args, **kwargs)
        _choice(self, "section").queryset = ProposalSection.objects.filter(proposal=proposal).select_related(
            "template_section"
        )


class TemplateForm(KompasForm):
    name = forms.CharField(label=_("Name"), max_length=150)
    description = forms.CharField(
        label=_("Description"),
        required=False,
        max_length=textlimits.COMMENT,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    is_active = forms.BooleanField(label=_("Offered for new proposals"), required=False, initial=True)
    note = forms.CharField(label=_("What changed"), required=False, max_length=300)


class TemplateSectionForm(KompasForm):
    heading = forms.CharField(label=_("Heading"), required=False, max_length=200)
    kind = forms.ChoiceField(label=_("Kind"), choices=SectionKind.choices, initial=SectionKind.TEXT)
    guidance = forms.CharField(
        label=_("Guidance for the writer"),
        required=False,
        max_length=textlimits.COMMENT,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


TemplateSectionFormSet = formset_factory(TemplateSectionForm, extra=2, max_num=30, validate_max=True)


def sections_from_formset(formset) -> list[dict]:
    return [
        {
            "heading": form.cleaned_data["heading"].strip(),
            "kind": form.cleaned_data["kind"],
            "guidance": form.cleaned_data["guidance"],
        }
        for form in formset.forms
        if form.cleaned_data.get("heading", "").strip()
    ]
