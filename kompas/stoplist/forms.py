from decimal import Decimal
from typing import cast

from django import forms
from django.utils.translation import gettext_lazy as _

from kompas.core import textlimits
from kompas.core.forms import KompasForm, KompasModelForm
from kompas.organisations.models import Department, Unit

from .choices import TRANSITIONS, FarewellKind, FarewellStatus
from .models import FarewellProposal


class UnitChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Unit) -> str:
        return f"{obj.department.short_name} · {obj.name}"


class FarewellProposalForm(KompasModelForm):
    owner_unit = UnitChoiceField(
        label=_("Who owns it"),
        queryset=Unit.objects.none(),
        help_text=_("The unit that decides about it. Its leader gets the proposal."),
    )
    hours_per_year = forms.DecimalField(
        label=_("Hours it costs a year"),
        max_digits=9,
        decimal_places=1,
        min_value=Decimal("0.1"),
        localize=True,
        help_text=_("A rough estimate across everyone who spends time on it, e.g. 120 or 37,5."),
    )

    class Meta:
        model = FarewellProposal
        fields = ["title", "kind", "description", "hours_per_year", "burdens", "owner_unit"]
        widgets = {
            "kind": forms.RadioSelect,
            "description": forms.Textarea(attrs={"rows": 5}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner_unit"].queryset = Unit.objects.filter(is_active=True).select_related("department")
        self.fields["owner_unit"].empty_label = _("Choose a unit")
        self.fields["kind"].choices = list(FarewellKind.choices)


class DecisionForm(KompasForm):
    status = forms.ChoiceField(label=_("Decision"), widget=forms.RadioSelect)
    decision_reason = forms.CharField(
        label=_("Reason"),
        max_length=textlimits.COMMENT,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("The proposer sees it; for stopped and simplified items it is shown on the public list."),
    )
    hours_freed = forms.DecimalField(
        label=_("Hours freed a year"),
        required=False,
        max_digits=9,
        decimal_places=1,
        min_value=0,
        localize=True,
        help_text=_(
            "For a simplification: how many hours a year it frees. Stopping frees all hours unless you say otherwise."
        ),
    )
    internal_note = forms.CharField(
        label=_("Internal note"),
        required=False,
        max_length=textlimits.COMMENT,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Only seen by the owner unit's leaders and programme staff; never public."),
    )

    def __init__(self, *args, proposal: FarewellProposal, **kwargs):
        super().__init__(*args, **kwargs)
        self.proposal = proposal
        allowed = TRANSITIONS.get(proposal.status, frozenset())
        cast(forms.ChoiceField, self.fields["status"]).choices = [
            (value, label) for value, label in DECISION_CHOICES if value in allowed
        ]

    def clean(self):
        data = super().clean()
        status, hours = data.get("status"), data.get("hours_freed")
        if status == FarewellStatus.SIMPLIFIED and hours is None:
            self.add_error("hours_freed", _("How many hours a year does the simplification free?"))
        if hours is not None and hours > self.proposal.hours_per_year:
            self.add_error(
                "hours_freed",
                _("More hours cannot be freed than it costs (%(hours)s).")
                % {"hours": self.proposal.hours_per_year},
            )
        return data


DECISION_CHOICES = [
    (FarewellStatus.STOPPED, _("Stop it – we say goodbye to it")),
    (FarewellStatus.SIMPLIFIED, _("Simplify it")),
    (FarewellStatus.KEPT, _("Keep it, with a reason")),
]


class FarewellFilterForm(KompasForm):
    status = forms.ChoiceField(label=_("Status"), required=False)
    department = forms.ModelChoiceField(
        label=_("Department"), queryset=Department.objects.none(), required=False
    )
    kind = forms.ChoiceField(label=_("Kind"), required=False)
    mine = forms.BooleanField(label=_("Only my proposals"), required=False)
    to_decide = forms.BooleanField(label=_("Only proposals I must decide"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = [("", _("All"))] + list(FarewellStatus.choices)
        self.fields["kind"].choices = [("", _("All"))] + list(FarewellKind.choices)
        self.fields["department"].queryset = Department.objects.order_by("order", "name")


class PublicFilterForm(KompasForm):
    department = forms.ModelChoiceField(
        label=_("Department"),
        queryset=Department.objects.none(),
        required=False,
        empty_label=_("All departments"),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = Department.objects.order_by("order", "name")
