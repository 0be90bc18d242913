"""The form fields the fund's rooms share: dates, and kroner as Danes write them."""

import re

from django import forms

from kompas.core.forms import DecimalInput

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


DATETIME_INPUT = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


THOUSANDS = re.compile(r"^-?\d{1,3}(\.\d{3})+(,\d*)?$")


class MoneyField(forms.DecimalField):
    """Kroner as Danes write them: 150000, 150000,50 or 150.000,50."""

    def to_python(self, value):
        if isinstance(value, str):
            value = value.strip().replace(" ", "").replace("\xa0", "").removesuffix("kr.").removesuffix("kr")
            if THOUSANDS.match(value):
                value = value.replace(".", "")
        return super().to_python(value)


def _localize_money(form) -> None:
    for name, field in list(form.fields.items()):
        if isinstance(field, forms.DecimalField):
            form.fields[name] = MoneyField(
                label=field.label,
                required=field.required,
                help_text=field.help_text,
                initial=field.initial,
                max_digits=field.max_digits,
                decimal_places=field.decimal_places,
                localize=True,
                validators=[v for v in field.validators if not hasattr(v, "max_digits")],
                widget=DecimalInput(),
            )


def money_field(label, **kwargs) -> forms.DecimalField:
    return MoneyField(
        label=label,
        max_digits=14,
        decimal_places=2,
        localize=True,
        min_value=0,
        widget=DecimalInput(),
        **kwargs,
    )
