from django import forms
from django.forms.models import ModelChoiceIterator
from django.utils.translation import gettext_lazy as _

from kompas.citygoals.models import CityGoal
from kompas.core.forms import KompasForm, KompasModelForm
from kompas.core.models import PublicationStatus
from kompas.organisations.models import Department

from .choices import PATH_LABELS, ItemKind
from .models import LibraryItem

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
PATH_CHOICES = [(code, label) for code, label in PATH_LABELS.items()]


class ListedChoices(ModelChoiceIterator):
    """The options from one ordinary query, read once per form: Django's own iterator reads them through a
    server-side cursor on PostgreSQL (declare, fetch, close: three round trips per list, on every search)."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for obj in self.queryset:  # evaluated once, then the queryset's own cache
            yield self.choice(obj)

    def __len__(self):
        return len(self.queryset) + (1 if self.field.empty_label is not None else 0)


class ListedModelChoiceField(forms.ModelChoiceField):
    iterator = ListedChoices


class LibrarySearchForm(KompasForm):
    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    kind = forms.ChoiceField(label=_("Kind"), required=False)
    path = forms.ChoiceField(label=_("Path"), required=False)
    city_goal = ListedModelChoiceField(
        label=_("City goal"),
        queryset=CityGoal.objects.none(),
        required=False,
        empty_label=_("All city goals"),
    )
    department = ListedModelChoiceField(
        label=_("Department"),
        queryset=Department.objects.none(),
        required=False,
        empty_label=_("All departments"),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [("", _("All kinds"))] + list(ItemKind.choices)
        self.fields["path"].choices = [("", _("All paths"))] + PATH_CHOICES
        self.fields["city_goal"].queryset = CityGoal.objects.filter(is_active=True).order_by("order", "title")
        self.fields["department"].queryset = Department.objects.order_by("order", "name")


class LibraryItemForm(KompasModelForm):
    """The library's own items; learnings come from their sources and are not written here."""

    paths = forms.MultipleChoiceField(
        label=_("Paths"), choices=PATH_CHOICES, required=False, widget=forms.CheckboxSelectMultiple
    )

    class Meta:
        model = LibraryItem
        fields = [
            "kind",
            "title",
            "summary",
            "body",
            "paths",
            "city_goals",
            "department",
            "audience",
            "dated",
            "publication_status",
        ]
        widgets = {
            "kind": forms.RadioSelect,
            "summary": forms.Textarea(attrs={"rows": 2}),
            "body": forms.Textarea(attrs={"rows": 14}),
            "city_goals": forms.CheckboxSelectMultiple,
            "audience": forms.RadioSelect,
            "dated": DATE_INPUT,
            "publication_status": forms.RadioSelect,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [(v, label) for v, label in ItemKind.choices if v != ItemKind.LEARNING]
        self.fields["city_goals"].queryset = CityGoal.objects.filter(is_active=True).order_by(
            "order", "title"
        )
        self.fields["department"].queryset = Department.objects.order_by("order", "name")
        self.fields["department"].empty_label = _("No department")
        self.fields["publication_status"].choices = [
            (PublicationStatus.DRAFT, PublicationStatus.DRAFT.label),
            (PublicationStatus.PUBLISHED, PublicationStatus.PUBLISHED.label),
        ]
        if self.instance.pk:
            self.initial["paths"] = self.instance.paths
