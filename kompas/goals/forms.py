from typing import TYPE_CHECKING

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from kompas.citygoals.forms import city_goals_field
from kompas.citygoals.models import CityGoal
from kompas.core import textlimits
from kompas.core.forms import KompasForm, KompasModelForm
from kompas.core.roles import STAFF_ROLES
from kompas.organisations.forms import choose_owner_unit
from kompas.organisations.models import PartnerOrganisation

if TYPE_CHECKING:
    from kompas.organisations.models import Department

from .models import Evidence, FollowUp, Goal, GoalPolicy, Indicator
from .services import INDICATOR_FIELDS

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class GoalForm(KompasModelForm):
    city_goals = city_goals_field(
        help_text=_("Which of the city council's goals does the goal serve? Choose at least one.")
    )

    class Meta:
        model = Goal
        fields = [
            "title",
            "value_statement",
            "beneficiaries",
            "city_goals",
            "owner_unit",
            "co_creators_staff",
            "co_creators_partners",
            "co_creators_citizens",
            "period_start",
            "period_end",
            "visibility",
            "status",
            "status_reason",
            "cadence_months",
        ]
        widgets = {
            "value_statement": forms.Textarea(attrs={"rows": 3}),
            "beneficiaries": forms.Textarea(attrs={"rows": 2}),
            "status_reason": forms.Textarea(attrs={"rows": 2}),
            "period_start": DATE_INPUT,
            "period_end": DATE_INPUT,
            "visibility": forms.RadioSelect,
            "co_creators_staff": forms.CheckboxSelectMultiple,
            "co_creators_partners": forms.CheckboxSelectMultiple,
        }
        help_texts = {
            "value_statement": _("Describe the value for citizens and society, not the activity."),
            "status_reason": _("A status is a judgement: say why, in a sentence or two."),
            "co_creators_staff": _("Colleagues who set the goal with you and help follow up."),
        }

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        choose_owner_unit(self, user)
        self.fields["co_creators_staff"].queryset = (
            get_user_model()
            .objects.filter(is_active=True, roles__code__in=STAFF_ROLES)
            .distinct()
            .order_by("full_name")
        )
        self.fields["co_creators_partners"].queryset = PartnerOrganisation.objects.order_by("name")

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("period_start"), cleaned.get("period_end")
        if start and end and end < start:
            self.add_error("period_end", _("The period must end on or after the day it starts."))
        return cleaned


class IndicatorForm(KompasModelForm):
    class Meta:
        model = Indicator
        fields = list(INDICATOR_FIELDS)
        widgets = {
            "baseline_date": DATE_INPUT,
            "target_date": DATE_INPUT,
            "direction": forms.RadioSelect,
            "description": forms.Textarea(attrs={"rows": 2}),
        }


class DataPointForm(KompasForm):
    on = forms.DateField(label=_("Date"), widget=DATE_INPUT)
    value = forms.DecimalField(label=_("Value"), max_digits=18, decimal_places=4, localize=True)
    source = forms.CharField(label=_("Source"), max_length=200, required=False)
    note = forms.CharField(label=_("Note"), max_length=500, required=False)


class DataPointImportForm(KompasForm):
    file = forms.FileField(
        label=_("CSV file"),
        help_text=_(
            "Columns: dato; værdi; kilde; note – with a header row. Dates like 2024-01-31 or 31-01-2024, "
            "values like 12,5. Every bad row is reported with its line number."
        ),
    )

    MAX_BYTES = 2 * 1024 * 1024

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > self.MAX_BYTES:
            raise forms.ValidationError(_("The file is too large (at most 2 MB)."))
        raw = upload.read()
        for encoding in ("utf-8-sig", "cp1252"):
            try:
                return raw.decode(encoding)
            except UnicodeDecodeError:
                continue
        raise forms.ValidationError(_("The file could not be read as text. Save it as CSV (UTF-8)."))


class EvidenceForm(KompasModelForm):
    class Meta:
        model = Evidence
        fields = [
            "kind",
            "title",
            "text",
            "occurred_on",
            "source",
            "is_citizen_voice",
            "consent_public",
            "follow_up",
        ]
        widgets = {
            "kind": forms.RadioSelect,
            "text": forms.Textarea(attrs={"rows": 5}),
            "occurred_on": DATE_INPUT,
        }

    def __init__(self, *args, goal=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["follow_up"].queryset = (
            FollowUp.objects.filter(goal=goal) if goal else FollowUp.objects.none()
        )
        self.fields["follow_up"].required = False
        self.fields["follow_up"].label = _("Belongs to the follow-up")

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("consent_public") and not cleaned.get("is_citizen_voice"):
            cleaned["consent_public"] = False
        return cleaned


class FollowUpForm(KompasModelForm):
    class Meta:
        model = FollowUp
        fields = [
            "written_on",
            "what_happened",
            "numbers_say",
            "experiences_say",
            "learned",
            "will_change",
            "will_stop",
            "status",
            "status_reason",
            "shareable",
        ]
        widgets = {
            "written_on": DATE_INPUT,
            **{
                name: forms.Textarea(attrs={"rows": 3})
                for name in (
                    "what_happened",
                    "numbers_say",
                    "experiences_say",
                    "learned",
                    "will_change",
                    "will_stop",
                )
            },
            "status_reason": forms.Textarea(attrs={"rows": 2}),
        }


class ReflectionForm(KompasForm):
    """One text area per current Målkompas question."""

    def __init__(self, *args, questions=(), answers=None, **kwargs):
        super().__init__(*args, **kwargs)
        answers = answers or {}
        for question in questions:
            name = f"q{question.pk}"
            self.fields[name] = forms.CharField(
                label=question.text,
                help_text=question.help_text,
                required=False,
                max_length=textlimits.LONG,
                widget=forms.Textarea(attrs={"rows": 3}),
                initial=answers.get(question.pk, ""),
            )

    def answers(self) -> dict[int, str]:
        return {int(name[1:]): value for name, value in self.cleaned_data.items()}


class QuestionSetForm(KompasForm):
    questions = forms.CharField(
        label=_("Questions, one per line"),
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=_(
            "A line may add a help text after a vertical bar: 'Question? | Help'. Saving publishes a new version."
        ),
        max_length=textlimits.LIST,
    )
    note = forms.CharField(label=_("What changed"), max_length=300)

    def clean_questions(self):
        lines = [line.strip() for line in self.cleaned_data["questions"].splitlines() if line.strip()]
        parsed = []
        for line in lines:
            text, _sep, help_text = line.partition("|")
            if len(text.strip()) > 300:
                raise forms.ValidationError(_("A question may be at most 300 characters."))
            parsed.append((text.strip(), help_text.strip()[:500]))
        if not parsed:
            raise forms.ValidationError(_("Write at least one question."))
        return parsed


class GoalPolicyForm(KompasModelForm):
    class Meta:
        model = GoalPolicy
        fields = ["max_active_goals_per_unit"]


class GoalFilterForm(KompasForm):
    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    department: "forms.ModelChoiceField[Department]" = forms.ModelChoiceField(
        label=_("Department"), queryset=None, required=False
    )
    city_goal: "forms.ModelChoiceField[CityGoal]" = forms.ModelChoiceField(
        label=_("City goal"), queryset=None, required=False
    )
    status = forms.ChoiceField(label=_("Status"), required=False)
    mine = forms.BooleanField(label=_("Only goals I own or co-created"), required=False)
    archived = forms.BooleanField(label=_("Show archived goals"), required=False)

    def __init__(self, *args, **kwargs):
        from kompas.goals.choices import GoalStatus
        from kompas.organisations.models import Department

        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = Department.objects.order_by("order")
        self.fields["city_goal"].queryset = CityGoal.objects.filter(is_active=True)
        self.fields["status"].choices = [("", _("All"))] + list(GoalStatus.choices)
