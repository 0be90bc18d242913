import re
from typing import Any, cast

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext_lazy as _

from kompas.citygoals.models import CityGoal
from kompas.core import textlimits
from kompas.core.forms import KompasForm, KompasModelForm
from kompas.council import selectors as council_selectors
from kompas.goals.models import Goal
from kompas.organisations.models import Department
from kompas.proposals.selectors import proposals_for_user

from .choices import (
    FORETRAEDE_TRANSITIONS,
    DraftKind,
    ForetraedeStatus,
    HearingStatus,
    PartyKind,
    RespondentKind,
)
from .models import ForetraedeRequest, Hearing, NoteTheme

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
DATETIME_INPUT = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
ATTACHMENT_HELP = _("PDF, Word, Excel, OpenDocument, PNG, JPEG, text or CSV; at most 5 files of 5 MB each.")


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> list[Any]:
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(item, initial) for item in data if item]
        return [single(data, initial)] if data else []


# Invited parties by kind: one text area each, one party a line, an e-mail address after a comma if we have one.
PARTY_FIELDS = {
    "invited_associations": PartyKind.ASSOCIATION,
    "invited_trade_unions": PartyKind.TRADE_UNION,
    "invited_councils": PartyKind.COUNCIL,
    "invited_businesses": PartyKind.BUSINESS,
}
_PARTY_LINE = re.compile(r"^(?P<name>.+?)(?:\s*[,;]\s*(?P<email>[^\s,;]+@[^\s,;]+))?\s*$")


def parse_parties(text: str) -> list[tuple[str, str]]:
    """``Ældrerådet, aeldreraadet@aarhus.dk`` → ("Ældrerådet", "aeldreraadet@aarhus.dk"), one a line."""
    parties = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        match = _PARTY_LINE.match(line.strip())
        name, email = (match.group("name"), match.group("email") or "") if match else (line.strip(), "")
        if email:
            try:
                validate_email(email)
            except ValidationError as exc:
                raise ValidationError(
                    _("Line %(n)s: “%(email)s” is not an e-mail address."),
                    params={"n": number, "email": email},
                ) from exc
        parties.append((name.strip()[: textlimits.TITLE], email))
    return parties


class HearingForm(KompasForm):
    title = forms.CharField(label=_("Title"), max_length=textlimits.TITLE)
    summary = forms.CharField(
        label=_("What is sent to hearing, and why"),
        max_length=textlimits.COMMENT,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("In plain words: what the draft is about and what the answers will be used for."),
    )
    draft_kind = forms.ChoiceField(
        label=_("The draft is"), choices=DraftKind.choices, widget=forms.RadioSelect
    )
    proposal: forms.ModelChoiceField = forms.ModelChoiceField(
        label=_("Council proposal"),
        queryset=None,
        required=False,
        help_text=_("The hearing note becomes a Bilag of this proposal while it is a draft."),
    )
    goal = forms.ModelChoiceField(label=_("Goal"), queryset=Goal.objects.none(), required=False)
    draft_text = forms.CharField(
        label=_("The draft text"),
        required=False,
        max_length=textlimits.DOCUMENT,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("Paste the text, or attach it as a file below."),
    )
    draft_upload = forms.FileField(label=_("The draft as a file"), required=False, help_text=ATTACHMENT_HELP)
    deadline = forms.DateField(label=_("Deadline for answers"), widget=DATE_INPUT)
    department = forms.ModelChoiceField(label=_("Department"), queryset=Department.objects.none())
    city_goals = forms.ModelMultipleChoiceField(
        label=_("City goals"), queryset=CityGoal.objects.none(), required=False
    )
    questions = forms.CharField(
        label=_("Questions"),
        max_length=textlimits.LIST,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("One question a line. People may answer some or all of them."),
    )
    invite_everyone = forms.BooleanField(
        label=_("Everyone may answer, and the hearing is shown on the front page"),
        required=False,
        initial=True,
    )
    invited_associations = forms.CharField(
        label=_("Associations invited by name"),
        required=False,
        max_length=textlimits.LIST,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_(
            "One a line; an e-mail address after a comma sends them the invitation when the hearing opens."
        ),
    )
    invited_trade_unions = forms.CharField(
        label=_("Professional organisations invited by name"),
        required=False,
        max_length=textlimits.LIST,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    invited_councils = forms.CharField(
        label=_("Councils invited by name (e.g. Ældrerådet, Handicaprådet)"),
        required=False,
        max_length=textlimits.LIST,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    invited_businesses = forms.CharField(
        label=_("Businesses invited by name"),
        required=False,
        max_length=textlimits.LIST,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args: Any, user: Any, hearing: Hearing | None = None, **kwargs: Any) -> None:
        if hearing is not None and not kwargs.get("data"):
            kwargs["initial"] = self.initial_for(hearing)
        super().__init__(*args, **kwargs)
        proposal_field = cast(forms.ModelChoiceField, self.fields["proposal"])
        proposal_field.queryset = proposals_for_user(user=user)
        proposal_field.empty_label = _("None")
        goal_field = cast(forms.ModelChoiceField, self.fields["goal"])
        goal_field.queryset = Goal.objects.order_by("title")
        goal_field.empty_label = _("None")
        cast(forms.ModelChoiceField, self.fields["department"]).queryset = Department.objects.order_by(
            "order", "name"
        )
        cast(forms.ModelMultipleChoiceField, self.fields["city_goals"]).queryset = CityGoal.objects.order_by(
            "order"
        )
        if hearing is not None and hearing.status != HearingStatus.DRAFT:
            self.fields["questions"].disabled = True
            self.fields["questions"].help_text = _("The questions cannot change once the hearing is open.")

    @staticmethod
    def initial_for(hearing: Hearing) -> dict[str, Any]:
        initial: dict[str, Any] = {
            "title": hearing.title,
            "summary": hearing.summary,
            "draft_kind": hearing.draft_kind,
            "proposal": hearing.proposal_id,
            "goal": hearing.goal_id,
            "draft_text": hearing.draft_text,
            "deadline": hearing.deadline,
            "department": hearing.department_id,
            "city_goals": [goal.pk for goal in hearing.city_goals.all()],
            "questions": "\n".join(q.text for q in hearing.questions.all()),
            "invite_everyone": hearing.invite_everyone,
        }
        for field, kind in PARTY_FIELDS.items():
            initial[field] = "\n".join(
                f"{p.name}, {p.email}" if p.email else p.name
                for p in hearing.invited_parties.all()
                if p.kind == kind
            )
        return initial

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for field in PARTY_FIELDS:
            try:
                data[f"{field}_parsed"] = parse_parties(data.get(field) or "")
            except ValidationError as exc:
                self.add_error(field, exc)
        kind = data.get("draft_kind")
        if kind == DraftKind.PROPOSAL and not data.get("proposal"):
            self.add_error("proposal", _("Choose the council proposal that is sent to hearing."))
        if kind == DraftKind.GOAL and not data.get("goal"):
            self.add_error("goal", _("Choose the goal that is sent to hearing."))
        if (
            kind == DraftKind.POLICY
            and not (data.get("draft_text") or "").strip()
            and not data.get("draft_upload")
        ):
            self.add_error("draft_text", _("Paste the policy text or attach it as a file."))
        return data

    def service_values(self) -> dict[str, Any]:
        data = self.cleaned_data
        parties = [
            (name, PARTY_FIELDS[field], email)
            for field in PARTY_FIELDS
            for name, email in data.get(f"{field}_parsed", [])
        ]
        return {
            "title": data["title"],
            "summary": data["summary"],
            "draft_kind": data["draft_kind"],
            "proposal": data.get("proposal"),
            "goal": data.get("goal"),
            "draft_text": data.get("draft_text") or "",
            "draft_upload": data.get("draft_upload"),
            "deadline": data["deadline"],
            "department": data["department"],
            "city_goals": list(data.get("city_goals") or []),
            "questions": (data.get("questions") or "").splitlines(),
            "invite_everyone": bool(data.get("invite_everyone")),
            "parties": parties,
        }


class AnswerForm(KompasForm):
    """An answer to each question (all optional), other remarks and files; who answers, and as what."""

    respondent_kind = forms.ChoiceField(
        label=_("I answer"),
        choices=RespondentKind.choices,
        widget=forms.RadioSelect,
        initial=RespondentKind.PERSON,
    )
    organisation_name = forms.CharField(
        label=_("Organisation"),
        required=False,
        max_length=textlimits.TITLE,
        help_text=_("Only if you answer on behalf of an organisation."),
    )
    organisation_kind = forms.ChoiceField(label=_("Kind of organisation"), required=False)
    comment = forms.CharField(
        label=_("Anything else"),
        required=False,
        max_length=textlimits.LONG,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    attachments = MultipleFileField(
        label=_("Attach your answer or documents"), required=False, help_text=ATTACHMENT_HELP
    )
    name = forms.CharField(label=_("Your name"), max_length=textlimits.TITLE)
    email = forms.EmailField(
        label=_("Your e-mail address"),
        help_text=_("We send you a link to confirm your answer; it counts once you have opened it."),
    )

    def __init__(self, *args: Any, hearing: Hearing, signed_in: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.hearing = hearing
        questions = {
            f"question_{q.pk}": forms.CharField(
                label=f"{q.position}. {q.text}",
                required=False,
                max_length=textlimits.LONG,
                widget=forms.Textarea(attrs={"rows": 4}),
            )
            for q in hearing.questions.all()
        }
        self.fields = {**questions, **self.fields}
        cast(forms.ChoiceField, self.fields["organisation_kind"]).choices = [
            ("", _("Choose")),
            *PartyKind.choices,
        ]
        if signed_in:
            del self.fields["name"]
            del self.fields["email"]
        # The CPR guard on the new question fields (KompasForm adds it in __init__ to the fields it had then).
        self._guard_new_fields(list(questions))

    def _guard_new_fields(self, names: list[str]) -> None:
        from kompas.core.validators import CPRValidator

        for name in names:
            self.fields[name].validators.append(CPRValidator(where=f"{type(self).__name__}.{name}"))

    def question_fields(self) -> list[Any]:
        return [self[name] for name in self.fields if name.startswith("question_")]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if (
            data.get("respondent_kind") == RespondentKind.ORGANISATION
            and not (data.get("organisation_name") or "").strip()
        ):
            self.add_error("organisation_name", _("Write the name of the organisation you answer for."))
        return data

    def service_values(self) -> dict[str, Any]:
        data = self.cleaned_data
        values = {
            "respondent_kind": data["respondent_kind"],
            "organisation_name": data.get("organisation_name") or "",
            "organisation_kind": data.get("organisation_kind") or "",
            "comment": data.get("comment") or "",
            "uploads": data.get("attachments") or [],
            "texts": {
                int(name.removeprefix("question_")): data.get(name) or ""
                for name in self.fields
                if name.startswith("question_")
            },
        }
        if "name" in self.fields:
            values["name"] = data["name"]
            values["email"] = data["email"]
        return values


class AssistForm(AnswerForm):
    """The same answer, entered by staff at a service desk or a library on a citizen's behalf."""

    place = forms.CharField(
        label=_("Where the citizen was helped"),
        max_length=textlimits.TITLE,
        help_text=_("E.g. 'Borgerservice, Dokk1'. Kept apart from the answer, with your name."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["name"].label = _("The citizen's name")
        self.fields["email"].label = _("The citizen's e-mail address")
        self.fields["email"].required = False
        self.fields["email"].help_text = _("If the citizen wants to hear what became of the answer.")

    def service_values(self) -> dict[str, Any]:
        values = super().service_values()
        values["place"] = self.cleaned_data["place"]
        return values


class ThemeForm(KompasModelForm):
    """A theme of the hearing note; its fields as the model declares them."""

    class Meta:
        model = NoteTheme
        fields = ["title", "response", "changed"]
        widgets = {
            "response": forms.Textarea(attrs={"rows": 4}),
            "changed": forms.Textarea(attrs={"rows": 3}),
        }


class NoteForm(KompasModelForm):
    """The note as a whole: what we heard (needed) and what we did; its fields as the model declares them."""

    class Meta:
        model = Hearing
        fields = ["note_summary", "note_changes"]
        widgets = {
            "note_summary": forms.Textarea(attrs={"rows": 5}),
            "note_changes": forms.Textarea(attrs={"rows": 5}),
        }
        help_texts = {
            "note_changes": _(
                "The changes to the draft as a whole; each theme says what changed on its point."
            )
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["note_summary"].required = True


class StatementRoundForm(KompasForm):
    dilemma = forms.CharField(
        label=_("The dilemma"), max_length=textlimits.COMMENT, widget=forms.Textarea(attrs={"rows": 4})
    )
    values_in_tension = forms.CharField(
        label=_("Values in tension"), max_length=textlimits.COMMENT, widget=forms.Textarea(attrs={"rows": 2})
    )
    statements = forms.CharField(
        label=_("Statements to vote on"),
        max_length=textlimits.LIST,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_(
            "One statement a line, at most 280 characters each. Participants agree, disagree or pass."
        ),
    )

    def clean_statements(self) -> list[str]:
        lines = [line.strip() for line in self.cleaned_data["statements"].splitlines() if line.strip()]
        too_long = [n for n, line in enumerate(lines, 1) if len(line) > textlimits.STATEMENT]
        if too_long:
            raise ValidationError(
                _("Statement %(n)s is longer than 280 characters."), params={"n": too_long[0]}
            )
        return lines


class ForetraedeForm(KompasModelForm):
    """A request to meet a committee; its fields as the model declares them, with a word of help each."""

    class Meta:
        model = ForetraedeRequest
        fields = ["committee", "case", "hearing", "on_behalf_of", "reason", "participants", "wished_dates"]
        widgets = {"reason": forms.Textarea(attrs={"rows": 5})}
        labels = {"hearing": _("The hearing it concerns")}
        help_texts = {
            "committee": _("The committee that decides the case."),
            "case": _("The case you want to speak about, e.g. its title."),
            "on_behalf_of": _("The organisation you come for, if any."),
            "participants": _("Names, at most three people."),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        committee_field = cast(forms.ModelChoiceField, self.fields["committee"])
        committee_field.queryset = council_selectors.active_committees()
        committee_field.empty_label = _("Choose a committee")
        hearing_field = cast(forms.ModelChoiceField, self.fields["hearing"])
        hearing_field.queryset = Hearing.objects.exclude(status=HearingStatus.DRAFT).order_by("-deadline")
        hearing_field.empty_label = _("None")


ANSWER_CHOICES = [
    (ForetraedeStatus.GRANTED, _("Granted – the committee will meet you")),
    (ForetraedeStatus.DECLINED, _("Declined")),
    (ForetraedeStatus.HELD, _("The meeting has been held")),
]


class ForetraedeAnswerForm(KompasForm):
    status = forms.ChoiceField(label=_("The committee's answer"), widget=forms.RadioSelect)
    committee_answer = forms.CharField(
        label=_("Message to the requester"),
        max_length=textlimits.COMMENT,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("The requester sees it; say why if the committee declines."),
    )
    meeting_at = forms.DateTimeField(label=_("Meeting time"), required=False, widget=DATETIME_INPUT)
    meeting_place = forms.CharField(label=_("Place"), required=False, max_length=textlimits.TITLE)

    def __init__(self, *args: Any, request_obj: ForetraedeRequest, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        allowed = FORETRAEDE_TRANSITIONS.get(request_obj.status, frozenset())
        cast(forms.ChoiceField, self.fields["status"]).choices = [
            (value, label) for value, label in ANSWER_CHOICES if value in allowed
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("status") == ForetraedeStatus.GRANTED and not data.get("meeting_at"):
            self.add_error("meeting_at", _("When is the meeting? Write the date and time."))
        return data
