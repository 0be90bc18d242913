import uuid
from typing import TYPE_CHECKING, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from kompas.citygoals.forms import city_goals_field
from kompas.core import textlimits
from kompas.core.forms import KompasForm, KompasModelForm
from kompas.goals.models import Goal

if TYPE_CHECKING:
    from .models import Standpoint

from .choices import StakeholderType, VoteValue
from .models import STATEMENT_MAX, Forum
from .services import FORUM_FIELDS


class ForumForm(KompasModelForm):
    standpoints = forms.CharField(
        label=_("Standpoints, one per line"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=textlimits.LIST,
        help_text=_(
            "The positions one can take on the dilemma. Participants choose one, in rounds, so shifts show."
        ),
    )
    seed_statements = forms.CharField(
        label=_("Statements to start with, one per line"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=textlimits.LIST,
        help_text=_("Short statements (at most 280 characters) that participants vote on."),
    )
    city_goals = city_goals_field(required=False)
    invited_emails = forms.CharField(
        label=_("Invited people (for an 'invited people only' forum)"),
        required=False,
        max_length=textlimits.LIST,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("E-mail addresses of people with a Kompas login, one per line."),
    )

    class Meta:
        model = Forum
        fields = [*FORUM_FIELDS, "city_goals"]
        widgets = {
            "dilemma": forms.Textarea(attrs={"rows": 4}),
            "values_in_tension": forms.Textarea(attrs={"rows": 3}),
            "perspectives": forms.Textarea(attrs={"rows": 3}),
            "visibility": forms.RadioSelect,
            "moderation": forms.RadioSelect,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            del self.fields["standpoints"], self.fields["seed_statements"]
            self.initial["invited_emails"] = "\n".join(self.instance.invited.values_list("email", flat=True))

    def clean_invited_emails(self) -> list:
        from django.contrib.auth import get_user_model

        emails = {
            line.strip().lower()
            for line in self.cleaned_data.get("invited_emails", "").splitlines()
            if line.strip()
        }
        users = list(get_user_model().objects.filter(email__in=emails, is_active=True))
        unknown = sorted(emails - {u.email.lower() for u in users})
        if unknown:
            raise forms.ValidationError(
                _("No one with a login has these addresses: %(emails)s"),
                params={"emails": ", ".join(unknown)},
            )
        return users

    def _lines(self, name: str) -> list[str]:
        return [line.strip() for line in self.cleaned_data.get(name, "").splitlines() if line.strip()]

    def clean_seed_statements(self):
        lines = self._lines("seed_statements")
        too_long = [n for n, line in enumerate(lines, 1) if len(line) > STATEMENT_MAX]
        if too_long:
            raise forms.ValidationError(
                _("Line %(lines)s is longer than 280 characters."),
                params={"lines": ", ".join(map(str, too_long))},
            )
        return self.cleaned_data["seed_statements"]

    def standpoint_lines(self) -> list[str]:
        return self._lines("standpoints")

    def statement_lines(self) -> list[str]:
        return self._lines("seed_statements")

    def service_values(self) -> dict:
        """The forum's fields; a new forum's standpoints and opening statements as lists of lines."""
        values = super().service_values()
        if "standpoints" in self.fields:
            values.update(standpoints=self.standpoint_lines(), seed_statements=self.statement_lines())
        return values


class JoinForm(KompasForm):
    stakeholder_type = forms.ChoiceField(
        label=_("I take part as"),
        choices=StakeholderType.choices,
        widget=forms.RadioSelect,
        help_text=_("It is shown only as a count per group on the map, never with your name."),
    )

    limited_message = _(
        "Many people have joined this forum from the same network in a short time. "
        "Wait a while and try again, or log in to take part."
    )

    @staticmethod
    def may_take_part_as_politician(user) -> bool:
        from kompas.core.roles import RoleCode, codes_of

        return RoleCode.POLITICIAN in codes_of(user)

    def __init__(self, *args, user=None, **kwargs) -> None:
        """A member of the city council takes part as a politician (chosen for them); only they can."""
        super().__init__(*args, **kwargs)
        if self.may_take_part_as_politician(user):
            self.fields["stakeholder_type"].initial = StakeholderType.POLITICIAN
        else:
            cast(forms.ChoiceField, self.fields["stakeholder_type"]).choices = [
                choice for choice in StakeholderType.choices if choice[0] != StakeholderType.POLITICIAN
            ]


class VoteForm(KompasForm):
    statement = forms.IntegerField(widget=forms.HiddenInput)
    key = forms.CharField(widget=forms.HiddenInput, max_length=64)
    value = forms.TypedChoiceField(choices=VoteValue.choices, coerce=int, widget=forms.HiddenInput)

    @staticmethod
    def new_key() -> str:
        return uuid.uuid4().hex


class AssistForm(KompasForm):
    """Staff enter a citizen's answers on their behalf (assisted participation): one optional vote per published
    statement, an optional statement, and what the citizen takes part as."""

    stakeholder_type = forms.ChoiceField(
        label=_("The citizen takes part as"),
        choices=StakeholderType.choices,
        initial=StakeholderType.CITIZEN,
        widget=forms.RadioSelect,
    )
    statement = forms.CharField(
        label=_("The citizen's own statement"),
        required=False,
        max_length=STATEMENT_MAX,
        widget=forms.Textarea(attrs={"rows": 3, "maxlength": STATEMENT_MAX}),
        help_text=_("Write it as the citizen says it. At most 280 characters."),
    )
    confirmed = forms.BooleanField(
        label=_("The citizen gave these answers themselves; I have only entered them."),
        error_messages={"required": _("Confirm that the answers are the citizen's own.")},
    )
    key = forms.CharField(widget=forms.HiddenInput, max_length=64)

    NO_ANSWER = ""

    def __init__(self, *args, statements=(), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.statements = list(statements)
        choices = [(self.NO_ANSWER, _("No answer")), *((str(v), label) for v, label in VoteValue.choices)]
        for statement in self.statements:
            self.fields[f"vote_{statement.pk}"] = forms.ChoiceField(
                label=statement.text, choices=choices, required=False, widget=forms.RadioSelect
            )
        cast(forms.ChoiceField, self.fields["stakeholder_type"]).choices = [
            choice for choice in StakeholderType.choices if choice[0] != StakeholderType.POLITICIAN
        ]
        order = [
            "stakeholder_type",
            *(f"vote_{s.pk}" for s in self.statements),
            "statement",
            "confirmed",
            "key",
        ]
        self.order_fields(order)

    def service_values(self) -> dict:
        data = self.cleaned_data
        votes = {
            s.pk: int(data[f"vote_{s.pk}"])
            for s in self.statements
            if data.get(f"vote_{s.pk}") not in ("", None)
        }
        return {
            "stakeholder_type": data["stakeholder_type"],
            "votes": votes,
            "statement": data.get("statement") or "",
            "key": data["key"],
        }


class StatementForm(KompasForm):
    text = forms.CharField(
        label=_("Your statement"),
        max_length=STATEMENT_MAX,
        widget=forms.Textarea(attrs={"rows": 3, "maxlength": STATEMENT_MAX}),
        help_text=_("One clear thought others can agree or disagree with. At most 280 characters."),
    )


class StandpointForm(KompasForm):
    standpoint: "forms.ModelChoiceField[Standpoint]" = forms.ModelChoiceField(
        label=_("My standpoint now"), queryset=None, widget=forms.RadioSelect, empty_label=None
    )

    def __init__(self, *args, forum=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["standpoint"].queryset = forum.standpoints.all()


class OutcomeForm(KompasForm):
    outcome = forms.CharField(
        label=_("What we take with us"), widget=forms.Textarea(attrs={"rows": 6}), max_length=textlimits.LONG
    )
    goals = forms.ModelMultipleChoiceField(
        label=_("Linked goals"),
        queryset=Goal.objects.filter(archived_at__isnull=True).order_by("title"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("The goals the outcome feeds into."),
    )


class PolisImportForm(KompasForm):
    title = forms.CharField(label=_("Title"), max_length=200)
    comments = forms.FileField(label=_("comments.csv"))
    votes = forms.FileField(label=_("votes.csv"))
    attribution = forms.CharField(
        label=_("Source and licence"),
        max_length=500,
        required=False,
        help_text=_("E.g. 'Pol.is conversation …, CC BY 4.0'."),
    )

    def clean_comments(self):
        return self._text(self.cleaned_data["comments"])

    def clean_votes(self):
        return self._text(self.cleaned_data["votes"])

    @staticmethod
    def _text(upload) -> str:
        if upload.size > 20 * 1024 * 1024:
            raise forms.ValidationError(_("The file is too large (at most 20 MB)."))
        try:
            return upload.read().decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise forms.ValidationError(_("The file could not be read as UTF-8 text.")) from exc
