from django import forms
from django.utils.translation import gettext_lazy as _

from kompas.core.forms import KompasForm, KompasModelForm

from .models import Path, Pivot


class PathForm(KompasModelForm):
    class Meta:
        model = Path
        fields = ["name", "short_name", "summary", "text"]
        widgets = {"text": forms.Textarea(attrs={"rows": 10})}
        help_texts = {
            "name": _("The path's name as the municipality uses it, e.g. “Nye veje til at lytte”."),
            "text": _("What the path is about, in plain language. A blank line starts a new paragraph."),
        }


class PivotForm(KompasModelForm):
    class Meta:
        model = Pivot
        fields = ["name", "tagline", "text", "questions"]
        widgets = {"text": forms.Textarea(attrs={"rows": 5}), "questions": forms.Textarea(attrs={"rows": 5})}
        help_texts = {"questions": _("The questions the lens asks in goals and follow-ups, one per line.")}


class TagForm(KompasForm):
    paths = forms.MultipleChoiceField(
        label=_("Also on these paths"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("The item is already on the paths its module belongs to; choose further paths it is on."),
    )

    def __init__(self, *args, choices: list[tuple[str, str]], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["paths"]
        assert isinstance(field, forms.MultipleChoiceField)
        field.choices = choices
