from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from kompas.core.forms import KompasForm, KompasModelForm

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


class CityGoalListFilterForm(KompasForm):
    """The filter above a list of things that serve the city goals (core/partials/form_filter.html): free-text
    search, a city goal and "only mine". A subclass gives ``mine`` its own label and may add fields."""

    q = forms.CharField(label=_("Search"), required=False, max_length=100, widget=forms.SearchInput)
    city_goal = forms.ModelChoiceField(
        label=_("City goal"),
        queryset=CityGoal.objects.filter(is_active=True).order_by("order"),
        required=False,
        empty_label=_("All"),
    )
    mine = forms.BooleanField(required=False)

    def filters(self) -> dict[str, Any]:
        """Each field's value, a chosen object as its id; all empty where the filter is not valid."""
        data = self.cleaned_data if self.is_valid() else {}
        return {name: getattr(data.get(name), "pk", data.get(name)) for name in self.fields}


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
