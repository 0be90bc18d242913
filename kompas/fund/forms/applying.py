"""Applying: starting and writing an application, its budget, co-applicants and attachments."""

from decimal import Decimal

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kompas.citygoals.models import CityGoal
from kompas.core.forms import KompasForm, KompasModelForm
from kompas.organisations.models import Department, PartnerOrganisation

from ..models import (
    Application,
    Theme,
)
from ..services import APPLICATION_FIELDS, SUBMIT_REQUIRED_FIELDS
from .fields import _localize_money, money_field


class ApplicationStartForm(KompasForm):
    title = forms.CharField(label=_("Title of the project"), max_length=200)
    organisation = forms.ModelChoiceField(
        label=_("Applying on behalf of"),
        queryset=PartnerOrganisation.objects.none(),
        required=False,
        empty_label=_("Myself"),
        help_text=_("Associations and businesses apply with a department of the municipality."),
    )

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = PartnerOrganisation.objects.filter(
            memberships__user=user
        ).distinct()


class ApplicationForm(KompasModelForm):
    """The seed's questions. Everything may be empty in a draft; submitting checks what is required."""

    city_goals = forms.ModelMultipleChoiceField(
        label=_("City goals"),
        queryset=CityGoal.objects.filter(is_active=True),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    # The city goals are asked beside the theme.
    field_order = [*APPLICATION_FIELDS[: APPLICATION_FIELDS.index("theme") + 1], "city_goals"]

    class Meta:
        model = Application
        fields = [*APPLICATION_FIELDS, "city_goals"]
        widgets = {
            name: forms.Textarea(attrs={"rows": 4})
            for name in (
                "summary",
                "new_and_original",
                "value",
                "risks",
                "business_case",
                "life_after",
                "effect_documentation",
                "partners",
            )
        }
        help_texts = {
            "theme": _("Ideas outside the themes are not excluded – choose none if no theme fits."),
            "new_and_original": _("What is new here – a leap out of the box, or development at its edge?"),
            "value": _("What will be useful and valuable, and for whom?"),
            "risks": _("Risky projects are welcome. Say plainly what may go wrong and how likely it is."),
            "business_case": _(
                "The main criterion: in the longer run the project must give an economic gain. "
                "The business case may be uncertain – say how you reckon."
            ),
            "partners": _("Departments, disciplines, businesses, civil society, education, the region …"),
            "life_after": _("How does the project live on when the grant ends?"),
        }

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.required = False
        _localize_money(self)
        # A draft may be saved with anything empty; the submit rule's fields are marked "required to submit".
        for name, field in self.fields.items():
            field.required_to_submit = name in SUBMIT_REQUIRED_FIELDS
        fund_id = self.instance.round.fund_id if self.instance.pk else None
        self.fields["theme"].queryset = Theme.objects.filter(fund_id=fund_id, is_active=True)
        self.fields["theme"].empty_label = _("Outside the themes")
        self.fields["organisation"].queryset = PartnerOrganisation.objects.filter(
            memberships__user=user
        ).distinct()
        self.fields["organisation"].empty_label = _("Myself")
        year = timezone.localdate().year
        for name in ("first_year", "last_year"):
            self.fields[name].widget = forms.NumberInput(attrs={"min": year - 1, "max": year + 10})

    def clean(self):
        data = super().clean()
        first, last = data.get("first_year"), data.get("last_year")
        if first and last and last < first:
            self.add_error("last_year", _("The last year cannot be before the first."))
        if not data.get("title"):
            data["title"] = self.instance.title
        for name in ("cofinancing_internal", "cofinancing_external"):
            if data.get(name) is None:
                data[name] = Decimal("0")
        return data


class BudgetLinesForm(KompasForm):
    """Up to five budget years as plain fields, so the page works without script."""

    def __init__(self, *args, lines=(), **kwargs):
        super().__init__(*args, **kwargs)
        lines = list(lines)
        for i in range(5):
            line = lines[i] if i < len(lines) else None
            self.fields[f"year_{i}"] = forms.IntegerField(
                label=_("Year"),
                required=False,
                min_value=2000,
                max_value=2100,
                initial=line.year if line else None,
            )
            self.fields[f"amount_{i}"] = money_field(
                _("Amount (kr.)"), required=False, initial=line.amount if line else None
            )
            self.fields[f"note_{i}"] = forms.CharField(
                label=_("What the money is for"),
                max_length=300,
                required=False,
                initial=line.note if line else "",
            )

    def rows(self):
        return [(self[f"year_{i}"], self[f"amount_{i}"], self[f"note_{i}"]) for i in range(5)]

    def clean(self):
        data = super().clean()
        years = [data.get(f"year_{i}") for i in range(5) if data.get(f"year_{i}")]
        if len(years) != len(set(years)):
            raise forms.ValidationError(_("Each year may appear only once in the budget."))
        for i in range(5):
            if data.get(f"amount_{i}") is not None and not data.get(f"year_{i}"):
                self.add_error(f"year_{i}", _("State the year of the amount."))
        return data

    def lines(self):
        d = self.cleaned_data
        return [
            (d[f"year_{i}"], d.get(f"amount_{i}") or 0, d.get(f"note_{i}") or "")
            for i in range(5)
            if d.get(f"year_{i}")
        ]


class CoApplicantForm(KompasForm):
    department = forms.ModelChoiceField(
        label=_("Department"), queryset=Department.objects.all(), empty_label=_("Choose a department")
    )


class AttachmentForm(KompasForm):
    file = forms.FileField(
        label=_("File"),
        help_text=_("PDF, Word, Excel, PowerPoint, OpenDocument, PNG, JPEG, text or CSV; at most 5 MB."),
    )


class ConfirmForm(KompasForm):
    answer = forms.ChoiceField(
        label=_("Does the department apply with them?"),
        choices=[("yes", _("Yes, we apply with them")), ("no", _("No, we decline"))],
        widget=forms.RadioSelect,
    )
