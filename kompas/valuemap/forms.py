from django import forms
from django.utils.translation import gettext_lazy as _

from kompas.core.forms import KompasForm
from kompas.organisations.models import Department, Unit


class PublishForm(KompasForm):
    note = forms.CharField(
        label=_("Note"),
        max_length=300,
        required=False,
        help_text=_("What is new in this version, e.g. 'Follow-ups for the 3rd quarter'."),
    )


class ValueMapFilterForm(KompasForm):
    department = forms.ModelChoiceField(
        label=_("Department"), queryset=Department.objects.none(), required=False
    )
    unit = forms.ModelChoiceField(label=_("Unit"), queryset=Unit.objects.none(), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = Department.objects.order_by("order")
        units = (
            Unit.objects.filter(is_active=True)
            .select_related("department")
            .order_by("department__order", "name")
        )
        department = self.data.get("department") if self.is_bound else None
        if department and str(department).isdigit():
            units = units.filter(department_id=int(department))
        self.fields["unit"].queryset = units
