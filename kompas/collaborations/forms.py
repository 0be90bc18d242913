from typing import TYPE_CHECKING

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from kompas.citygoals.forms import CityGoalListFilterForm, city_goals_field
from kompas.core import textlimits
from kompas.core.forms import KompasForm, KompasModelForm
from kompas.organisations.forms import active_units, choose_owner_unit, unit_label
from kompas.organisations.models import PartnerOrganisation

if TYPE_CHECKING:
    from kompas.accounts.models import User

from .choices import Perspective
from .models import Collaboration, Principle

SCORE_CHOICES = [
    (1, _("1 – not at all")),
    (2, "2"),
    (3, "3"),
    (4, "4"),
    (5, _("5 – fully")),
]


class CollaborationFilterForm(CityGoalListFilterForm):
    mine = forms.BooleanField(label=_("Only collaborations I own"), required=False)


class CollaborationForm(KompasModelForm):
    city_goals = city_goals_field(
        help_text=_("Which of the city council's goals does the collaboration serve? Choose at least one.")
    )

    class Meta:
        model = Collaboration
        fields = [
            "title",
            "purpose",
            "city_goals",
            "owner_unit",
            "partner_units",
            "partner_organisations",
            "citizen_partners",
            "visibility",
            "ended_on",
        ]
        widgets = {
            "ended_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "purpose": forms.Textarea(attrs={"rows": 4}),
            "visibility": forms.RadioSelect,
            "partner_organisations": forms.CheckboxSelectMultiple,
            "partner_units": forms.CheckboxSelectMultiple,
        }
        help_texts = {
            "purpose": _("Why do you work together, and what difference should it make to citizens?"),
            "ended_on": _("Fill in when the collaboration has ended; it then leaves the value map."),
        }

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        choose_owner_unit(self, user, empty_label=_("Choose a unit"))
        self.fields["partner_units"].queryset = active_units()
        self.fields["partner_units"].label_from_instance = unit_label
        self.fields["partner_organisations"].queryset = PartnerOrganisation.objects.order_by("name")


class RoundForm(KompasForm):
    title = forms.CharField(
        label=_("Occasion"),
        max_length=200,
        help_text=_("E.g. 'Start-up', 'After the first half year'. The current principles are used."),
    )


class InviteAccountForm(KompasForm):
    user: "forms.ModelChoiceField[User]" = forms.ModelChoiceField(label=_("Person"), queryset=None)
    perspective = forms.ChoiceField(
        label=_("Perspective"),
        choices=Perspective.choices,
        widget=forms.RadioSelect,
        initial=Perspective.MUNICIPALITY,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = (
            get_user_model().objects.filter(is_active=True, anonymised_at__isnull=True).order_by("full_name")
        )
        self.fields["user"].label_from_instance = lambda u: f"{u.get_full_name()} ({u.email})"
        self.fields["user"].empty_label = _("Choose a person")
        self.fields["perspective"].widget.attrs["class"] = "form-radio"


class InviteExternalForm(KompasForm):
    name = forms.CharField(label=_("Name"), max_length=150)
    email = forms.EmailField(label=_("E-mail"), help_text=_("The personal link is sent here."))
    perspective = forms.ChoiceField(
        label=_("Perspective"),
        choices=Perspective.choices,
        widget=forms.RadioSelect,
        initial=Perspective.PARTNER,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["perspective"].widget.attrs["class"] = "form-radio"


class AnswerForm(KompasForm):
    """One score (1–5) and one comment per principle of the round."""

    def __init__(self, *args, principles: list[Principle], ratings: dict | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        ratings = ratings or {}
        self.principles = principles
        for principle in principles:
            rating = ratings.get(principle.pk)
            self.fields[f"score_{principle.pk}"] = forms.TypedChoiceField(
                label=f"{principle.order}. {principle.title}",
                help_text=principle.text,
                choices=SCORE_CHOICES,
                coerce=int,
                widget=forms.RadioSelect(attrs={"class": "form-radio"}),
                initial=rating.score if rating else None,
                error_messages={"required": _("Choose a rating from 1 to 5.")},
            )
            self.fields[f"comment_{principle.pk}"] = forms.CharField(
                label=_("Comment on “%(principle)s”") % {"principle": principle.title},
                required=False,
                max_length=textlimits.COMMENT,
                widget=forms.Textarea(attrs={"rows": 2}),
                initial=rating.comment if rating else "",
            )
        # CPR guard on the comment fields added above.
        from kompas.core.validators import CPRValidator

        for name, field in self.fields.items():
            if name.startswith("comment_") and not any(isinstance(v, CPRValidator) for v in field.validators):
                field.validators.append(CPRValidator(where=f"AnswerForm.{name}"))

    def answers(self) -> dict[int, tuple[int, str]]:
        return {
            p.pk: (self.cleaned_data[f"score_{p.pk}"], self.cleaned_data[f"comment_{p.pk}"])
            for p in self.principles
        }


class PrincipleSetForm(KompasForm):
    principles = forms.CharField(
        label=_("Principles, one per line"),
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=_("A line may add an explanation after a vertical bar: 'Principle | Explanation'."),
        max_length=textlimits.LIST,
    )
    note = forms.CharField(label=_("What changed"), max_length=300)

    def clean_principles(self):
        parsed = []
        for line in self.cleaned_data["principles"].splitlines():
            if not line.strip():
                continue
            title, _sep, text = line.partition("|")
            if len(title.strip()) > 200:
                raise forms.ValidationError(_("A principle may be at most 200 characters."))
            parsed.append((title.strip(), text.strip()[:500]))
        if len(parsed) < 3:
            raise forms.ValidationError(_("Write at least three principles."))
        if len(parsed) > 12:
            raise forms.ValidationError(_("Write at most twelve principles."))
        return parsed
