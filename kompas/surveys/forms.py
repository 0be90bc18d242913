from django import forms
from django.utils.translation import gettext_lazy as _

from kompas.core import textlimits
from kompas.core.forms import KompasForm

from . import defaults
from .choices import LIKERT_KINDS, SCALE_POINTS, Dimension, ItemKind
from .disclosure import MIN_K, TEXT_K
from .models import Instrument, Population, Section

MAX_CSV_BYTES = 5 * 1024 * 1024


def _likert_choices(item):
    points = SCALE_POINTS[item.kind]
    labels = list(defaults.LIKERT_LABELS[points])
    if item.low_label or item.high_label:
        labels = [str(i) for i in range(1, points + 1)]
        labels[0] = f"1 – {item.low_label}" if item.low_label else "1"
        labels[-1] = f"{points} – {item.high_label}" if item.high_label else str(points)
    return [(str(i + 1), label) for i, label in enumerate(labels)]


class SectionAnswerForm(KompasForm):
    """The questions of one section; every field is optional unless the item is required."""

    def __init__(self, *args, items=(), initial_answers=None, **kwargs):
        super().__init__(*args, **kwargs)
        initial_answers = initial_answers or {}
        self.items = list(items)
        for item in self.items:
            name = item.code
            common = {"label": item.text, "required": item.required}
            if item.kind in LIKERT_KINDS:
                field = forms.ChoiceField(
                    choices=_likert_choices(item),
                    widget=forms.RadioSelect(attrs={"class": "form-radio"}),
                    **common,
                )
                value = initial_answers.get(name)
                field.initial = str(value) if value is not None else None
            elif item.kind == ItemKind.SINGLE:
                field = forms.ChoiceField(
                    choices=[(o.code, o.label) for o in item.options.all()],
                    widget=forms.RadioSelect(attrs={"class": "form-radio"}),
                    **common,
                )
                field.initial = initial_answers.get(name)
            elif item.kind == ItemKind.MULTIPLE:
                field = forms.MultipleChoiceField(
                    choices=[(o.code, o.label) for o in item.options.all()],
                    widget=forms.CheckboxSelectMultiple(attrs={"class": "form-checkbox"}),
                    **common,
                )
                field.initial = initial_answers.get(name) or []
            else:
                field = forms.CharField(
                    widget=forms.Textarea(attrs={"rows": 4}), max_length=textlimits.COMMENT, **common
                )
                field.initial = initial_answers.get(name, "")
            self.fields[name] = field
        # CPR guard on the free text (added after the dynamic fields exist).
        from kompas.core.validators import CPRValidator

        for name, field in self.fields.items():
            if isinstance(field, forms.CharField) and not isinstance(field, forms.ChoiceField):
                field.validators.append(CPRValidator(where=f"SectionAnswerForm.{name}"))


class PopulationImportForm(KompasForm):
    name = forms.CharField(label=_("Name of the population"), max_length=200)
    file = forms.FileField(
        label=_("CSV file"),
        help_text=_(
            "Columns: medarbejdernr, rolle (leder or medarbejder), afdeling, enhed and email. "
            "Separated by semicolons or commas, UTF-8."
        ),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_CSV_BYTES:
            raise forms.ValidationError(_("The file is larger than 5 MB."))
        try:
            return upload.read().decode("utf-8-sig")
        except UnicodeDecodeError as error:
            raise forms.ValidationError(_("The file must be saved as UTF-8.")) from error


class WaveForm(KompasForm):
    instrument = forms.ModelChoiceField(
        label=_("Questionnaire"), queryset=Instrument.objects.all(), empty_label=_("Choose a questionnaire")
    )
    population = forms.ModelChoiceField(
        label=_("Population"), queryset=Population.objects.all(), empty_label=_("Choose a population")
    )
    title = forms.CharField(label=_("Title"), max_length=200)
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    min_group = forms.IntegerField(
        label=_("Smallest group shown"),
        min_value=MIN_K,
        max_value=50,
        initial=5,
        help_text=_("Results are shown only for groups of at least this many answers (never below 3)."),
    )
    min_text_group = forms.IntegerField(
        label=_("Smallest group whose free text is shown"), min_value=TEXT_K, max_value=100, initial=TEXT_K
    )
    panel = forms.BooleanField(
        label=_("Link answers across waves with a keyed pseudonym"),
        required=False,
        help_text=_("Needs the panel key, which the operations team sets up on the server."),
    )


class ItemForm(KompasForm):
    section = forms.ModelChoiceField(label=_("Section"), queryset=Section.objects.none())
    code = forms.SlugField(
        label=_("Code"), max_length=60, help_text=_("Keeps the question's identity across versions.")
    )
    kind = forms.ChoiceField(label=_("Kind"), choices=ItemKind.choices)
    text = forms.CharField(label=_("Question"), max_length=400)
    dimension = forms.ChoiceField(label=_("Dimension"), choices=Dimension.choices)
    low_label = forms.CharField(label=_("Label of the lowest point"), max_length=80, required=False)
    high_label = forms.CharField(label=_("Label of the highest point"), max_length=80, required=False)
    options = forms.CharField(
        label=_("Answer options"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        help_text=_("One per line (single and multiple choice)."),
    )

    def __init__(self, *args, instrument=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["section"].queryset = Section.objects.filter(instrument=instrument)


class ThresholdForm(KompasForm):
    min_group = forms.IntegerField(
        label=_("Smallest group shown"),
        min_value=MIN_K,
        max_value=50,
        help_text=_("Results are shown only for groups of at least this many answers (never below 3)."),
    )
    min_text_group = forms.IntegerField(
        label=_("Smallest group whose free text is shown"), min_value=TEXT_K, max_value=100
    )
