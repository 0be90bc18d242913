import hashlib

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
        self.departments = Department.objects.order_by("order")
        self.fields["department"].queryset = self.departments
        units = (
            Unit.objects.filter(is_active=True)
            .select_related("department")
            .order_by("department__order", "name")
        )
        department = self.data.get("department") if self.is_bound else None
        if department and str(department).isdigit():
            units = units.filter(department_id=int(department))
        self.units = units
        self.fields["unit"].queryset = units

    def choices_digest(self) -> str:
        """A digest of every choice the form offers (two queries, no model built); the form then offers the
        choices as read here, without asking again. Two forms with nothing chosen and the same digest render
        the same HTML."""
        digest = hashlib.sha256()
        for name, choices in (("department", self.departments), ("unit", self.units)):
            rows = list(choices.values_list("pk", "name"))
            digest.update(repr(rows).encode())
            field = self.fields[name]
            assert isinstance(field, forms.ModelChoiceField)  # noqa: S101 - declared above
            # Only what the widget shows: a chosen value is still looked up in the field's queryset.
            field.choices = [("", field.empty_label), *rows]
        return digest.hexdigest()
