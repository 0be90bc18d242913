"""Base forms: every Kompas form guards its free text against CPR numbers and renders with DKFDS.

Use ``KompasForm`` / ``KompasModelForm`` for every form. Each free-text field (a ``CharField`` that is not
an e-mail, URL, password, slug or choice) gets the CPR validator. Errors render beside the field, in Danish,
and the error summary at the top links to each field; the values the user typed are kept.
"""

from django import forms
from django.forms.renderers import TemplatesSetting
from django.utils.translation import gettext_lazy as _

from .validators import CPRValidator

NOT_FREE_TEXT = (
    forms.EmailField,
    forms.URLField,
    forms.SlugField,
    forms.ChoiceField,
    forms.ModelChoiceField,
    forms.GenericIPAddressField,
    forms.UUIDField,
)


def is_free_text(field: forms.Field) -> bool:
    if isinstance(field, NOT_FREE_TEXT) or not isinstance(field, forms.CharField):
        return False
    return not isinstance(field.widget, forms.PasswordInput)


CHOICE_INPUT_CLASSES = {forms.CheckboxSelectMultiple: "form-checkbox", forms.RadioSelect: "form-radio"}


class CPRGuardMixin:
    template_name = "core/forms/form.html"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            for widget_class, css in CHOICE_INPUT_CLASSES.items():
                if isinstance(field.widget, widget_class):
                    field.widget.attrs.setdefault("class", css)
            if is_free_text(field) and not any(isinstance(v, CPRValidator) for v in field.validators):
                field.validators.append(CPRValidator(where=f"{type(self).__name__}.{name}"))
            _danish_empty_choice(field)


DJANGO_BLANK = "---------"


def _danish_empty_choice(field) -> None:
    """Django's '---------' for "nothing chosen" reads as an error; say "Choose" in the user's language."""
    if isinstance(field, forms.ModelChoiceField) and field.empty_label == DJANGO_BLANK:
        field.empty_label = _("Choose")
    elif isinstance(field, forms.TypedChoiceField | forms.ChoiceField) and not isinstance(
        field, forms.ModelChoiceField
    ):
        choices = list(field.choices)
        if choices and choices[0] == ("", DJANGO_BLANK):
            field.choices = [("", _("Choose")), *choices[1:]]


class KompasForm(CPRGuardMixin, forms.Form):
    pass


class KompasModelForm(CPRGuardMixin, forms.ModelForm):
    pass


class KompasFormRenderer(TemplatesSetting):
    """Renders every form in the project, Django's own included, with the DKFDS templates."""

    form_template_name = "core/forms/form.html"
    field_template_name = "core/forms/field.html"
