from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from kompas.citygoals.forms import CityGoalListFilterForm, city_goals_field
from kompas.core import textlimits
from kompas.core.forms import KompasForm, KompasModelForm
from kompas.core.roles import is_programme_staff
from kompas.fund.models import Project
from kompas.goals.models import Goal
from kompas.organisations.forms import active_units, choose_owner_unit, unit_label
from kompas.organisations.models import Department

from .choices import Decision, TrialStatus
from .models import Iteration, Trial
from .services import ITERATION_FIELDS


class TrialFilterForm(CityGoalListFilterForm):
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("All")), *TrialStatus.choices]
    )
    department = forms.ModelChoiceField(
        label=_("Department"),
        queryset=Department.objects.order_by("order"),
        required=False,
        empty_label=_("All"),
    )
    mine = forms.BooleanField(label=_("Only trials I own"), required=False)
    field_order = ["q", "status", "city_goal", "department", "mine"]


class TrialForm(KompasModelForm):
    city_goals = city_goals_field(
        help_text=_("Link the trial to city goals, to goals, or both."), required=False
    )

    class Meta:
        model = Trial
        fields = [
            "title",
            "question",
            "value_sought",
            "city_goals",
            "goals",
            "where",
            "with_whom",
            "how_we_know",
            "owner_unit",
            "co_owner_units",
            "visibility",
            "fund_project",
        ]
        widgets = {
            "question": forms.Textarea(attrs={"rows": 3}),
            "value_sought": forms.Textarea(attrs={"rows": 3}),
            "with_whom": forms.Textarea(attrs={"rows": 2}),
            "how_we_know": forms.Textarea(attrs={"rows": 3}),
            "visibility": forms.RadioSelect,
            "goals": forms.CheckboxSelectMultiple,
            "co_owner_units": forms.CheckboxSelectMultiple,
        }
        help_texts = {
            "question": _(
                "A question you can answer by trying, e.g. 'Will more parents come if we meet at the club?'"
            ),
            "how_we_know": _("Which numbers and which stories will tell us whether it works?"),
        }

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        units = choose_owner_unit(self, user, empty_label=_("Choose a unit"))
        # Co-owners may be any unit, in any department: a trial across departments (seed 000 §5).
        self.fields["co_owner_units"].queryset = active_units()
        self.fields["co_owner_units"].label_from_instance = unit_label
        self.fields["co_owner_units"].required = False
        goals = Goal.objects.filter(archived_at__isnull=True).only("pk", "title").order_by("title")
        if user is not None and not is_programme_staff.test(user):
            goals = goals.filter(owner_unit__in=units)
        self.fields["goals"].queryset = goals
        self.fields["goals"].required = False
        self.fields["fund_project"].queryset = Project.objects.order_by("title")
        self.fields["fund_project"].empty_label = _("No fund project")

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("city_goals") and not cleaned.get("goals"):
            self.add_error("city_goals", _("Link the trial to at least one city goal or goal."))
        lead, co_owners = cleaned.get("owner_unit"), cleaned.get("co_owner_units")
        if lead is not None and co_owners and lead in co_owners:
            self.add_error("co_owner_units", _("The lead unit is an owner already; choose other units here."))
        return cleaned


class IterationForm(KompasModelForm):
    class Meta:
        model = Iteration
        fields = list(ITERATION_FIELDS)
        widgets = {
            name: forms.Textarea(attrs={"rows": 3}) for name in ITERATION_FIELDS if name != "shareable"
        }
        help_texts = {
            "plan": _("What will we do, where, with whom and for how long?"),
            "saw_numbers": _("E.g. '14 of 20 parents came; 3 came back'."),
            "saw_stories": _("What did citizens and colleagues tell us, and what did we notice?"),
            "learned": _(
                "Needed before the decision. What would you tell a colleague who wants to try the same?"
            ),
        }


class DecisionForm(KompasForm):
    decision = forms.ChoiceField(
        label=pgettext_lazy("trial", "Decision"), choices=Decision.choices, widget=forms.RadioSelect
    )
    reason = forms.CharField(
        label=_("Reason for the decision"),
        max_length=textlimits.COMMENT,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Why this decision? If you stop, say what the trial showed – stopping is a result too."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["decision"].widget.attrs["class"] = "form-radio"
