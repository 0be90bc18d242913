from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from kompas.core.forms import KompasModelForm

from .models import CityGoal, Vision


def city_goals_field(*, help_text: Any = "", required: bool = True) -> forms.ModelMultipleChoiceField:
    """The checkboxes of the active city goals that a goal, a trial, a collaboration or a forum serves."""
    return forms.ModelMultipleChoiceField(
        label=_("City goals"),
        queryset=CityGoal.objects.filter(is_active=True),
        widget=forms.CheckboxSelectMultiple,
        required=required,
        help_text=help_text,
        error_messages={"required": _("Choose at least one city goal.")},
    )


class CityGoalForm(KompasModelForm):
    class Meta:
        model = CityGoal
        fields = ["title", "description", "is_active"]
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}
        help_texts = {"description": _("One or two sentences in plain language. At most 1,000 characters.")}


class VisionForm(KompasModelForm):
    class Meta:
        model = Vision
        fields = ["title", "text"]
        widgets = {"text": forms.Textarea(attrs={"rows": 3})}
