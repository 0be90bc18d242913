"""Base forms: every Kompas form guards its free text against CPR numbers and renders with DKFDS.

Use ``KompasForm`` / ``KompasModelForm`` for every form. Each free-text field (a ``CharField`` that is not
an e-mail, URL, password, slug or choice) gets the CPR validator. Errors render beside the field, in Danish,
and the error summary at the top links to each field; the values the user typed are kept.

One validation path (ADR 0020): a form checks what the user typed (its fields, ``clean_<field>``, ``clean``,
and for a ``KompasModelForm`` Django's model validation of the form's own fields); the service checks what must
hold whatever the caller and raises ``ValidationError``. The view shows that error with
``form.add_service_errors(exc)``: beside its field when the form has the field, at the top otherwise.
"""

import contextlib
import copy
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any, NoReturn, cast

from django import forms
from django.contrib import messages
from django.core import validators
from django.core.exceptions import NON_FIELD_ERRORS, FieldDoesNotExist, ValidationError
from django.db.models import Model
from django.forms.renderers import TemplatesSetting
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _

from . import formats, textlimits
from .validators import CPRValidator, localize_limits

if TYPE_CHECKING:
    from django.http import HttpRequest, HttpResponse
    from django_stubs_ext import StrOrPromise

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
    fields: dict[str, forms.Field]  # the form's, which this mixin comes before

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            _checkboxes_for_multiple_choice(field)
            for widget_class, css in CHOICE_INPUT_CLASSES.items():
                if isinstance(field.widget, widget_class):
                    field.widget.attrs.setdefault("class", css)
            if is_free_text(field) and not any(isinstance(v, CPRValidator) for v in field.validators):
                field.validators.append(CPRValidator(where=f"{type(self).__name__}.{name}"))
            localize_limits(field.validators)
            _apply_text_limit(field)
            _localize_decimal(field)
            _danish_empty_choice(field)


def _checkboxes_for_multiple_choice(field: forms.Field) -> None:
    """A multi-select box needs Ctrl-click and shows one or two options: use DKFDS checkboxes instead.

    Long lists get a filter field in the browser (kompas.js, ``data-choice-filter`` in core/forms/field.html).
    """
    widget = field.widget
    if isinstance(widget, forms.SelectMultiple) and not isinstance(widget, forms.CheckboxSelectMultiple):
        attrs = {k: v for k, v in widget.attrs.items() if k not in ("class", "size")}
        checkboxes = forms.CheckboxSelectMultiple(
            attrs=attrs, choices=getattr(field, "choices", widget.choices)
        )
        checkboxes.is_required = widget.is_required
        field.widget = checkboxes


def _apply_text_limit(field: forms.Field) -> None:
    """The length policy of kompas/core/textlimits.py: a free-text field without a limit gets the one for its
    shape. (A text area with a limit shows a counter of the characters left: ``dkfds_control``, kompas.js.)"""
    if not is_free_text(field) or isinstance(field.widget, forms.HiddenInput):
        return
    assert isinstance(field, forms.CharField)
    if field.max_length is None:
        field.max_length = textlimits.default_for(multiline=isinstance(field.widget, forms.Textarea))
        field.validators.append(validators.MaxLengthValidator(field.max_length))
        field.widget.attrs["maxlength"] = str(field.max_length)


class DecimalInput(forms.TextInput):
    """A decimal as the reader writes it: "54" for a stored 54.0000, "12,5" in Danish (kompas/core/formats.py).

    What the user typed is shown back as they typed it; the field reads both "12,5" and "12.5"."""

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__({"inputmode": "decimal", **(attrs or {})})

    def format_value(self, value: Any) -> str | None:
        if value is None or value == "":
            return None
        if isinstance(value, str):
            return value
        return formats.number(value, grouping=False, empty="")


NUMBER_INPUT_ONLY = ("min", "max", "step", "type")


def _localize_decimal(field: forms.Field) -> None:
    """Every decimal field reads and writes numbers in the reader's form, without trailing zeros."""
    if not isinstance(field, forms.DecimalField) or isinstance(
        field.widget, DecimalInput | forms.HiddenInput
    ):
        return
    attrs = {key: value for key, value in field.widget.attrs.items() if key not in NUMBER_INPUT_ONLY}
    field.localize = True
    field.widget = DecimalInput(attrs)
    field.widget.is_localized = True
    field.widget.is_required = field.required


DJANGO_BLANK = "---------"


def _danish_empty_choice(field: forms.Field) -> None:
    """Django's '---------' for "nothing chosen" reads as an error; say "Choose" in the user's language."""
    if isinstance(field, forms.ModelChoiceField) and field.empty_label == DJANGO_BLANK:
        field.empty_label = _("Choose")
    elif isinstance(field, forms.TypedChoiceField | forms.ChoiceField) and not isinstance(
        field, forms.ModelChoiceField
    ):
        # django-stubs types the getter like the setter; it returns the normalised choices
        choices = list(cast(Iterable[Any], field.choices))
        if choices and choices[0] == ("", DJANGO_BLANK):
            field.choices = [("", _("Choose")), *choices[1:]]


def apply_service_errors(form: forms.BaseForm, error: ValidationError) -> None:
    """Show a service's ``ValidationError`` on a bound, validated form, which the view then renders again.

    Errors keyed by a field the form has go beside that field; the rest (non-field errors, and fields the
    form does not show, named by their label) go to the top. The form keeps the data the user sent, so
    nothing they typed is lost.
    """
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for name, errors in error.error_dict.items():
        if name != NON_FIELD_ERRORS and name in form.fields:
            form.add_error(name, errors)
        elif name == NON_FIELD_ERRORS:
            form.add_error(None, errors)
        else:
            label = _label_of(form, name)
            form.add_error(None, [f"{label}: {message}" for message in ValidationError(errors).messages])


def _label_of(form: forms.BaseForm, name: str) -> str:
    instance = getattr(form, "instance", None)
    label = name.replace("_", " ")
    if isinstance(instance, Model):
        with contextlib.suppress(FieldDoesNotExist):
            label = str(getattr(instance._meta.get_field(name), "verbose_name", label))
    return label[:1].upper() + label[1:]


class ServiceErrorsMixin(forms.BaseForm):
    def add_service_errors(self, error: ValidationError) -> None:
        """The view's one way to show a service's ``ValidationError``; see ``apply_service_errors``."""
        apply_service_errors(self, error)

    def service_values(self) -> dict[str, Any]:
        """The service's keyword arguments from the valid form: its cleaned data. A form whose fields are not
        the service's arguments one to one (lines of a text area, a dict of sections) overrides this."""
        return dict(self.cleaned_data)


def submit(
    request: "HttpRequest",
    form: ServiceErrorsMixin,
    service: Callable[..., Any],
    *,
    success: "StrOrPromise",
    to: Any = None,
    **arguments: Any,
) -> "HttpResponse | None":
    """A form's POST handed to its service, the one way every view does it (ADR 0020).

    On a POST with a valid form, call ``service(actor=request.user, **arguments, **form.service_values())``.
    A ``ValidationError`` goes on the form (``add_service_errors``) and the answer is ``None``: the view renders
    the form again, with what the user typed. Otherwise the user sees ``success`` and is sent to ``to`` (a model
    with ``get_absolute_url``, a URL or a URL name; a callable gets the service's result; by default the
    result itself). ``None`` too for a GET or an invalid form. Errors that are not about the input
    (``TrialError``, ``RateLimited``) pass through to the view::

        form = GoalForm(request.POST or None, instance=goal, user=request.user)
        if done := submit(request, form, services.goal_update, goal=goal, success=_("The goal has been saved."),
                          to=goal):
            return done
        return render(request, "goals/goal_form.html", {"form": form, "goal": goal})
    """
    if request.method != "POST" or not form.is_valid():
        return None
    try:
        result = service(actor=request.user, **arguments, **form.service_values())
    except ValidationError as exc:
        form.add_service_errors(exc)
        return None
    messages.success(request, success)
    target = result if to is None else to(result) if callable(to) else to
    return redirect(target)


class KompasForm(CPRGuardMixin, ServiceErrorsMixin, forms.Form):
    pass


class KompasModelForm(CPRGuardMixin, ServiceErrorsMixin, forms.ModelForm):  # type: ignore[type-arg]
    """A form whose fields come from a model. It validates, it never writes: the service does (ADR 0020).

    Django's model validation runs on the form's own fields (fields the service sets are left out by Django),
    on a copy of the instance, so the object the view holds, shows and hands to the service keeps its stored
    values until the service has saved.
    """

    def __init__(self, *args: Any, instance: Model | None = None, **kwargs: Any) -> None:
        super().__init__(*args, instance=copy.copy(instance) if instance is not None else None, **kwargs)

    def save(self, commit: bool = True) -> NoReturn:
        raise TypeError(
            f"{type(self).__name__} does not save; pass form.cleaned_data to the service that writes it."
        )


class KompasFormRenderer(TemplatesSetting):
    """Renders every form in the project, Django's own included, with the DKFDS templates."""

    form_template_name = "core/forms/form.html"
    field_template_name = "core/forms/field.html"
