"""Decision and council: the directors' group's recommendation, the decision, the council's decision, payouts."""

from django import forms
from django.utils.translation import gettext_lazy as _

from kompas.core import textlimits
from kompas.core.forms import KompasForm

from ..choices import CouncilOutcome, Outcome, ReasonCode, Recommendation
from ..models import (
    Application,
)
from .fields import DATE_INPUT, money_field


class RecommendationForm(KompasForm):
    recommendation = forms.ChoiceField(
        label=_("The directors' group's recommendation"),
        choices=Recommendation.choices,
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label=_("Note"),
        max_length=textlimits.COMMENT,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class DecisionForm(KompasForm):
    outcome = forms.ChoiceField(label=_("Decision"), choices=Outcome.choices, widget=forms.RadioSelect)
    reason_code = forms.ChoiceField(label=_("Reason"), choices=ReasonCode.choices)
    note = forms.CharField(
        label=_("Note"),
        max_length=textlimits.COMMENT,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class BatchDecisionForm(DecisionForm):
    applications = forms.ModelMultipleChoiceField(
        label=_("Applications"),
        queryset=Application.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one application.")},
    )

    def __init__(self, *args, queryset=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["applications"].queryset = queryset
        self.fields["applications"].label_from_instance = lambda a: a.title


class CouncilForm(KompasForm):
    decided_on = forms.DateField(label=_("Date of the council decision"), widget=DATE_INPUT)
    case_number = forms.CharField(label=_("Case number"), max_length=60)
    outcome = forms.ChoiceField(
        label=_("The council's decision"), choices=CouncilOutcome.choices, widget=forms.RadioSelect
    )


class DisbursementForm(KompasForm):
    year = forms.IntegerField(label=_("Budget year"), min_value=2000, max_value=2100)
    amount = money_field(_("Amount (kr.)"))
    note = forms.CharField(label=_("Note"), max_length=300, required=False)
