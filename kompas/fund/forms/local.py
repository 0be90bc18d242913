"""The local funds: the split by payroll and the departments' local projects."""

from django import forms
from django.utils.translation import gettext_lazy as _

from kompas.core.forms import KompasForm, KompasModelForm

from ..models import (
    LocalProject,
)
from .fields import _localize_money, money_field


class AllocationForm(KompasForm):
    year = forms.IntegerField(label=_("Budget year"), min_value=2000, max_value=2100)

    def __init__(self, *args, departments=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.departments = list(departments)
        for d in self.departments:
            self.fields[f"payroll_{d.pk}"] = money_field(
                _("Payroll of %(name)s (kr.)") % {"name": d.name}, required=True
            )

    def payroll(self) -> dict:
        return {d.pk: self.cleaned_data[f"payroll_{d.pk}"] for d in self.departments}

    def clean(self):
        data = super().clean()
        if self.departments and all(data.get(f"payroll_{d.pk}") == 0 for d in self.departments):
            raise forms.ValidationError(_("At least one department must have a payroll above 0."))
        return data


class LocalProjectForm(KompasModelForm):
    class Meta:
        model = LocalProject
        fields = ["department", "year", "title", "description", "amount", "learning", "shareable", "spread"]
        widgets = {n: forms.Textarea(attrs={"rows": 3}) for n in ("description", "learning")}

    def __init__(self, *args, departments=None, **kwargs):
        super().__init__(*args, **kwargs)
        _localize_money(self)
        self.fields["department"].empty_label = _("Choose a department")
        if departments is not None:
            self.fields["department"].queryset = departments
