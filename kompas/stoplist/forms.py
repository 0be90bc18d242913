from decimal import Decimal
from typing import TYPE_CHECKING, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from kompas.core import textlimits
from kompas.core.forms import KompasForm, KompasModelForm
from kompas.organisations.models import Department, Unit

from .choices import TRANSITIONS, FarewellKind, FarewellLevel, FarewellStatus
from .models import FarewellProposal
from .services import PROPOSAL_FIELDS

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


def hours_field(
    label: "StrOrPromise", help_text: "StrOrPromise", *, required: bool = True, least: str = "0"
) -> forms.DecimalField:
    """Hours a year, as the proposal stores them (one decimal)."""
    return forms.DecimalField(
        label=label,
        help_text=help_text,
        required=required,
        max_digits=9,
        decimal_places=1,
        min_value=Decimal(least),
        localize=True,
    )


def kroner_field(label: "StrOrPromise", help_text: "StrOrPromise") -> forms.DecimalField:
    """Kroner a year, as the proposal stores them (øre); never required."""
    return forms.DecimalField(
        label=label,
        help_text=help_text,
        required=False,
        max_digits=14,
        decimal_places=2,
        min_value=Decimal("0"),
        localize=True,
    )


class UnitChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Unit) -> str:
        return f"{obj.department.short_name} · {obj.name}"


class FarewellProposalForm(KompasModelForm):
    owner_unit = UnitChoiceField(
        label=_("Who owns it"),
        queryset=Unit.objects.none(),
        required=False,
        help_text=_(
            "For something a unit owns: the unit that decides about it. Its leader gets the proposal."
        ),
    )
    owner_department = forms.ModelChoiceField(
        label=_("Owner department"),
        queryset=Department.objects.none(),
        required=False,
        help_text=_("For something a department owns: the leaders in the department get the proposal."),
    )
    kroner_per_year = kroner_field(
        _("Kroner it costs a year"), _("If you know it, e.g. 250.000. Leave it empty if not.")
    )
    hours_per_year = hours_field(
        _("Hours it costs a year"),
        _("A rough estimate across everyone who spends time on it, e.g. 120 or 37,5."),
        least="0.1",
    )

    class Meta:
        model = FarewellProposal
        fields = list(PROPOSAL_FIELDS)
        widgets = {
            "kind": forms.RadioSelect,
            "level": forms.RadioSelect,
            "description": forms.Textarea(attrs={"rows": 5}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner_unit"].queryset = Unit.objects.filter(is_active=True).select_related("department")
        self.fields["owner_unit"].empty_label = _("Choose a unit")
        self.fields["owner_department"].queryset = Department.objects.order_by("order", "name")
        self.fields["owner_department"].empty_label = _("Choose a department")
        self.fields["kind"].choices = list(FarewellKind.choices)
        self.fields["level"].choices = list(FarewellLevel.choices)
        self.fields["level"].required = False  # a unit, unless the proposer says otherwise
        self.fields["level"].help_text = _(
            "Rules, values and budget goals may belong to a department or to the whole municipality; "
            "programme staff decide for the whole municipality."
        )

    def clean(self):
        data = super().clean()
        level = data["level"] = data.get("level") or FarewellLevel.UNIT
        if level == FarewellLevel.UNIT and not data.get("owner_unit"):
            self.add_error("owner_unit", _("Choose the unit that owns it."))
        if level == FarewellLevel.DEPARTMENT and not data.get("owner_department"):
            self.add_error("owner_department", _("Choose the department that owns it."))
        if level != FarewellLevel.UNIT:
            data["owner_unit"] = None
        if level != FarewellLevel.DEPARTMENT:
            data["owner_department"] = None
        return data


class DecisionForm(KompasForm):
    status = forms.ChoiceField(label=_("Decision"), widget=forms.RadioSelect)
    decision_reason = forms.CharField(
        label=_("Reason"),
        max_length=textlimits.COMMENT,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("The proposer sees it; for stopped and simplified items it is shown on the public list."),
    )
    hours_freed = hours_field(
        _("Hours freed a year"),
        _(
            "For a simplification: how many hours a year it frees. Stopping frees all hours unless you say otherwise."
        ),
        required=False,
    )
    kroner_freed = kroner_field(
        _("Kroner freed a year"),
        _("If it frees money too. Stopping frees all the kroner it costs unless you say otherwise."),
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
        # What may be freed is the service's rule (proposal_decide), shown here beside the field.


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
