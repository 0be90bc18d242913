from django import forms
from django.utils.translation import gettext_lazy as _

from kompas.core.forms import KompasModelForm

from .models import CityGoal, Vision


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
