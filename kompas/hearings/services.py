"""Writes of hearings and requests to meet a committee. Keyword-only, transactional, audited; e-mails and
notifications after commit. Links in e-mails are built by the caller (``*_url`` callables): a service never
sees the request."""

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, Required, TypedDict, Unpack

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext, gettext_noop

from kompas import activity
from kompas.activity.services import changes_between, snapshot
from kompas.core import versions
from kompas.core.cpr import contains_cpr
from kompas.core.links import absolute
from kompas.core.roles import RoleCode
from kompas.core.validators import CPR_ERROR, report_cpr_hit
from kompas.dialogues import services as dialogue_services
from kompas.dialogues.choices import ForumStatus, ForumVisibility, Moderation
from kompas.proposals import services as proposal_services
from kompas.proposals.choices import ProposalStatus

from . import attachments, tokens, verbs
from .choices import (
    FORETRAEDE_TRANSITIONS,
    TRANSITIONS,
    AnswerStatus,
    ForetraedeStatus,
    HearingStatus,
    PartyKind,
    RespondentKind,
)
from .models import (
    Answer,
    AnswerAttachment,
    AnswerText,
    AssistedEntry,
    ForetraedeRequest,
    Hearing,
    InvitedParty,
    NoteTheme,
    Question,
)

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from kompas.accounts.models import User
    from kompas.citygoals.models import CityGoal
    from kompas.council.models import Committee
    from kompas.dialogues.models import Forum
    from kompas.goals.models import Goal
    from kompas.organisations.models import Department
    from kompas.proposals.models import Proposal

    from .attachments import Upload

# Marked for translation here, translated in the recipient's language when sent.
TEXTS = (
    gettext_noop("Hearing: %(title)s"),
    gettext_noop(
        "%(party)s is invited to answer the hearing “%(title)s”.\n\nThe deadline is %(deadline)s. Read the draft "
        "and answer here:\n%(url)s\n\nKind regards\n%(municipality)s"
    ),
    gettext_noop("Confirm your hearing answer"),
    gettext_noop(
        "Thank you for your answer to the hearing “%(title)s”.\n\nYour answer counts once you confirm your "
        "e-mail address. Open this link within 14 days:\n%(url)s\n\nIf you did not write an answer, you can "
        "ignore this e-mail.\n\nKind regards\n%(municipality)s"
    ),
    gettext_noop("The hearing note on “%(title)s” has been published"),
    gettext_noop(
        "Thank you for answering the hearing “%(title)s”.\n\nThe hearing note is now published. It says what we "
        "asked, what you answered and what we did. You can read it here:\n%(note_url)s\n\nYou can see what "
        "became of your own answer here:\n%(receipt_url)s\n\nWe write to you only this once about the "
        "hearing.\n\nKind regards\n%(municipality)s"
    ),
    gettext_noop("Your request to meet %(committee)s has been answered: %(status)s"),
    gettext_noop("A new request to meet %(committee)s"),
)
HEARING_FIELDS = (
    "title",
    "summary",
    "draft_kind",
    "draft_text",
    "deadline",
    "department",
    "proposal",
    "goal",
    "invite_everyone",
)
NOTE_FIELDS = ("note_summary", "note_changes")


def _guard(value: str, *, field: str) -> None:
    if value and contains_cpr(value):
        report_cpr_hit(text=value, where=f"hearings.{field}")
        raise ValidationError({field: CPR_ERROR})


def _municipality() -> str:
    return str(getattr(settings, "KOMPAS_MUNICIPALITY", "Aarhus Kommune"))


def _mail(address: str, subject_text: str, body_text: str, values: dict[str, object]) -> None:
    """An e-mail in the site's language, sent once the transaction has committed."""
    if not address:
        return
    with translation.override(settings.LANGUAGE_CODE):
        formatted = {key: str(value) for key, value in values.items()}
        subject = gettext(subject_text) % formatted
        body = gettext(body_text) % {**formatted, "municipality": _municipality()}
    transaction.on_commit(lambda: send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [address]))


def _deadline_text(value: dt.date) -> str:
    from django.utils.formats import date_format

    with translation.override(settings.LANGUAGE_CODE):
        return str(date_format(value, "j. F Y"))


def _clean_lines(lines: Iterable[str]) -> list[str]:
    return [line.strip() for line in lines if line and line.strip()]


# --- Hearings --------------------------------------------------------------------------------------------


def _set_draft_file(hearing: Hearing, upload: "Upload | None") -> None:
    if upload is None:
        return
    name = attachments.check_upload(upload, field="draft_upload")
    hearing.draft_file.save(name, upload, save=False)
    hearing.draft_file_name = name
    hearing.save(update_fields=["draft_file", "draft_file_name", "updated_at"])


def _set_parties(hearing: Hearing, parties: Sequence[tuple[str, str, str]]) -> None:
    wanted = {name.strip(): (kind, email.strip()) for name, kind, email in parties if name.strip()}
    for name, (kind, _email) in wanted.items():
        _guard(name, field="parties")
        if kind not in PartyKind.values:
            raise ValidationError(
                {"parties": gettext("Choose what kind of party “%(name)s” is.") % {"name": name}}
            )
    existing = {party.name: party for party in hearing.invited_parties.all()}
    for name, stale in existing.items():
        if name not in wanted:
            stale.delete()
    for name, (kind, email) in wanted.items():
        party = existing.get(name)
        if party is None:
            InvitedParty.objects.create(hearing=hearing, name=name, kind=kind, email=email)
        elif (party.kind, party.email) != (kind, email):
            party.kind, party.email = kind, email
            party.save(update_fields=["kind", "email"])


def _set_questions(hearing: Hearing, questions: Sequence[str]) -> None:
    texts = _clean_lines(questions)
    if not texts:
        raise ValidationError({"questions": gettext("Ask at least one question.")})
    for text in texts:
        _guard(text, field="questions")
    if [q.text for q in hearing.questions.all()] == texts:
        return
    if hearing.answers.exists():
        raise ValidationError(
            {"questions": gettext("The questions cannot change once answers have come in.")}
        )
    hearing.questions.all().delete()
    Question.objects.bulk_create(
        Question(hearing=hearing, position=position, text=text)
        for position, text in enumerate(texts, start=1)
    )


def _check_hearing(hearing: Hearing) -> None:
    for name in ("title", "summary", "draft_text"):
        _guard(getattr(hearing, name), field=name)
    hearing.full_clean(exclude=["owner", "department", "draft_file", "proposal", "goal", "forum"])


class HearingValues(TypedDict, total=False):
    """What the hearing form gives ``hearing_create`` and ``hearing_update``: one list for both."""

    title: Required[str]
    summary: Required[str]
    draft_kind: Required[str]
    deadline: Required[dt.date]
    department: Required["Department"]
    questions: Required[Sequence[str]]
    draft_text: str
    draft_upload: "Upload | None"
    proposal: "Proposal | None"
    goal: "Goal | None"
    city_goals: "Iterable[CityGoal]"
    invite_everyone: bool
    parties: Sequence[tuple[str, str, str]]


def _save_hearing(hearing: Hearing, values: HearingValues) -> None:
    """Set the hearing from the values, check it, save it, then its city goals, questions, parties and file."""
    hearing.title, hearing.summary = values["title"].strip(), values["summary"].strip()
    hearing.draft_kind, hearing.draft_text = values["draft_kind"], values.get("draft_text", "").strip()
    hearing.deadline, hearing.department = values["deadline"], values["department"]
    hearing.proposal, hearing.goal = values.get("proposal"), values.get("goal")
    hearing.invite_everyone = values.get("invite_everyone", True)
    _check_hearing(hearing)
    hearing.save()
    hearing.city_goals.set(list(values.get("city_goals", ())))
    _set_questions(hearing, values["questions"])
    _set_parties(hearing, values.get("parties", ()))
    _set_draft_file(hearing, values.get("draft_upload"))


@transaction.atomic
def hearing_create(*, actor: "User", **values: Unpack[HearingValues]) -> Hearing:
    """A hearing as a draft, owned by the actor. It is opened with ``hearing_transition``."""
    hearing = Hearing(owner=actor)
    _save_hearing(hearing, values)
    activity.record(
        actor=actor,
        verb=verbs.HEARING_CREATED,
        target=hearing,
        changes=changes_between({}, snapshot(hearing, ("title", "deadline", "draft_kind"))),
    )
    return hearing


@transaction.atomic
def hearing_update(*, hearing: Hearing, actor: "User", **values: Unpack[HearingValues]) -> Hearing:
    """Change a hearing while it is a draft or open (e.g. a later deadline); not once it is closed."""
    hearing = Hearing.objects.select_for_update().get(pk=hearing.pk)
    if hearing.status not in (HearingStatus.DRAFT, HearingStatus.OPEN):
        raise ValidationError(gettext("A closed hearing cannot be changed."))
    before = snapshot(hearing, HEARING_FIELDS)
    _save_hearing(hearing, values)
    changes = changes_between(before, snapshot(hearing, HEARING_FIELDS))
    if changes:
        activity.record(actor=actor, verb=verbs.HEARING_UPDATED, target=hearing, changes=changes)
    return hearing


@transaction.atomic
def hearing_transition(
    *, hearing: Hearing, actor: "User", to: str, hearing_url: Callable[[Hearing], str] | None = None
) -> Hearing:
    """Open or close a hearing. Opening e-mails the parties invited by name who have an address, once."""
    hearing = Hearing.objects.select_for_update().get(pk=hearing.pk)
    if to == hearing.status:
        return hearing  # a double submit changes nothing
    if to not in TRANSITIONS.get(hearing.status, frozenset()):
        raise ValidationError(
            gettext("A hearing cannot go from “%(from)s” to “%(to)s”.")
            % {"from": HearingStatus(hearing.status).label, "to": HearingStatus(to).label}
        )
    if to == HearingStatus.OPEN and hearing.deadline < timezone.localdate():
        raise ValidationError({"deadline": gettext("The deadline has passed. Set a later deadline first.")})
    before = hearing.status
    hearing.status = to
    if to == HearingStatus.OPEN and hearing.opened_at is None:
        hearing.opened_at = timezone.now()
    hearing.save(update_fields=["status", "opened_at", "updated_at"])
    activity.record(actor=actor, verb=verbs.HEARING_STATUS, target=hearing, changes={"status": [before, to]})
    if to == HearingStatus.OPEN and hearing_url is not None:
        _invite(hearing, actor, hearing_url(hearing))
    return hearing


def _invite(hearing: Hearing, actor: "User", url: str) -> None:
    parties = list(hearing.invited_parties.filter(invited_at__isnull=True).exclude(email=""))
    if not parties:
        return
    for party in parties:
        _mail(
            party.email,
            TEXTS[0],
            TEXTS[1],
            {
                "title": hearing.title,
                "party": party.name,
                "deadline": _deadline_text(hearing.deadline),
                "url": url,
            },
        )
    InvitedParty.objects.filter(pk__in=[p.pk for p in parties]).update(invited_at=timezone.now())
    activity.record(
        actor=actor,
        verb=verbs.HEARING_INVITED,
        target=hearing,
        changes={"invited": [None, ", ".join(p.name for p in parties)]},
    )


# --- Answers ---------------------------------------------------------------------------------------------


class AnswerValues(TypedDict, total=False):
    """What the answer form gives ``answer_submit`` and ``answer_assist`` besides the name and address."""

    respondent_kind: Required[str]
    texts: Required[dict[int, str]]
    organisation_name: str
    organisation_kind: str
    comment: str
    uploads: Sequence["Upload"]


def _build_answer(
    *, hearing: Hearing, name: str, email: str, values: AnswerValues
) -> tuple[Answer, list[tuple[int, str]], list[tuple[str, "Upload"]]]:
    """Check an answer before anything is stored; the answer (unsaved), its texts and its files."""
    respondent_kind, texts = values["respondent_kind"], values["texts"]
    organisation_name = values.get("organisation_name", "")
    organisation_kind = values.get("organisation_kind", "")
    comment, uploads = values.get("comment", ""), values.get("uploads", ())
    if not hearing.is_accepting_answers:
        raise ValidationError(gettext("The hearing is closed; answers can no longer be sent."))
    questions = {q.pk for q in hearing.questions.all()}
    answered = [(pk, text.strip()) for pk, text in texts.items() if pk in questions and text and text.strip()]
    for _pk, text in answered:
        _guard(text, field=f"question_{_pk}")
    _guard(comment, field="comment")
    _guard(name, field="name")
    _guard(organisation_name, field="organisation_name")
    if not answered and not comment.strip() and not uploads:
        raise ValidationError(
            gettext("Write an answer to at least one question, or attach your answer as a file.")
        )
    if respondent_kind == RespondentKind.ORGANISATION and not organisation_name.strip():
        raise ValidationError(
            {"organisation_name": gettext("Write the name of the organisation you answer for.")}
        )
    if len(uploads) > attachments.MAX_FILES:
        raise ValidationError(
            {"attachments": gettext("Attach at most %(n)s files.") % {"n": attachments.MAX_FILES}}
        )
    files = [(attachments.check_upload(upload), upload) for upload in uploads]
    answer = Answer(
        hearing=hearing,
        name=name.strip(),
        email=email.strip(),
        respondent_kind=respondent_kind,
        organisation_name=organisation_name.strip() if respondent_kind == RespondentKind.ORGANISATION else "",
        organisation_kind=organisation_kind if respondent_kind == RespondentKind.ORGANISATION else "",
        comment=comment.strip(),
    )
    return answer, answered, files


def _store_answer(answer: Answer, answered: list[tuple[int, str]], files: list[tuple[str, "Upload"]]) -> None:
    answer.full_clean(exclude=["hearing", "respondent", "theme"])
    answer.save()
    AnswerText.objects.bulk_create(
        AnswerText(answer=answer, question_id=pk, text=text) for pk, text in answered
    )
    for name, upload in files:
        attachment = AnswerAttachment(
            answer=answer,
            name=name,
            size=upload.size or 0,
            content_type=(getattr(upload, "content_type", "") or "application/octet-stream")[:100],
        )
        attachment.file.save(name, upload, save=False)
        attachment.save()
    versions.bump("content")


@transaction.atomic
def answer_submit(
    *,
    hearing: Hearing,
    actor: "User | AnonymousUser | None",
    name: str = "",
    email: str = "",
    confirm_url: Callable[[str], str] | None = None,
    **values: Unpack[AnswerValues],
) -> Answer:
    """An answer from anyone. Signed in, it counts at once; otherwise it counts once the address is confirmed
    through the link e-mailed to it (``confirm_url`` builds the link from the token)."""
    hearing = Hearing.objects.select_for_update().get(pk=hearing.pk)
    signed_in = actor is not None and actor.is_authenticated
    if signed_in:
        name = name.strip() or actor.get_full_name()  # type: ignore[union-attr]  # signed in: a User
        email = getattr(actor, "email", "") or email
    if not name.strip():
        raise ValidationError({"name": gettext("Write your name.")})
    if not email.strip():
        raise ValidationError(
            {"email": gettext("Write your e-mail address, so that we can confirm your answer.")}
        )
    answer, answered, files = _build_answer(hearing=hearing, name=name, email=email, values=values)
    answer.respondent = actor if signed_in else None  # type: ignore[assignment]  # signed in: a User
    answer.status = AnswerStatus.CONFIRMED if signed_in else AnswerStatus.UNCONFIRMED
    answer.confirmed_at = timezone.now() if signed_in else None
    _store_answer(answer, answered, files)
    activity.record(
        actor=actor if signed_in else None,
        verb=verbs.ANSWER_RECEIVED,
        target=hearing,
        changes={"answer": [None, answer.pk], "status": [None, answer.status]},
    )
    if not signed_in and confirm_url is not None:
        _mail(
            answer.email,
            TEXTS[2],
            TEXTS[3],
            {"title": hearing.title, "url": confirm_url(tokens.confirm_token(answer.pk))},
        )
    return answer


@transaction.atomic
def answer_confirm(*, token: str) -> Answer | None:
    """Count an answer whose confirmation link was opened. Idempotent; None for a bad or expired link."""
    answer_id = tokens.read_confirm_token(token)
    if answer_id is None:
        return None
    answer = Answer.objects.select_for_update().select_related("hearing").filter(pk=answer_id).first()
    if answer is None:
        return None
    if answer.status == AnswerStatus.CONFIRMED:
        return answer
    answer.status = AnswerStatus.CONFIRMED
    answer.confirmed_at = timezone.now()
    answer.save(update_fields=["status", "confirmed_at"])
    activity.record(
        actor=None, verb=verbs.ANSWER_CONFIRMED, target=answer.hearing, changes={"answer": [None, answer.pk]}
    )
    return answer


@transaction.atomic
def answer_assist(
    *,
    hearing: Hearing,
    actor: "User",
    place: str,
    name: str,
    email: str = "",
    **values: Unpack[AnswerValues],
) -> Answer:
    """A member of staff at a citizen service desk or library enters an answer on a citizen's behalf.

    The answer is the citizen's: it is marked as assisted and counts at once (the citizen was there). The
    helper (the actor) and the place are kept apart from it (``AssistedEntry``) and in the audit trail."""
    hearing = Hearing.objects.select_for_update().get(pk=hearing.pk)
    if not name.strip():
        raise ValidationError({"name": gettext("Write the citizen's name.")})
    if not place.strip():
        raise ValidationError({"place": gettext("Write where the answer was given, e.g. the library.")})
    _guard(place, field="place")
    answer, answered, files = _build_answer(hearing=hearing, name=name, email=email, values=values)
    answer.status = AnswerStatus.CONFIRMED
    answer.confirmed_at = timezone.now()
    answer.assisted = True
    _store_answer(answer, answered, files)
    AssistedEntry.objects.create(answer=answer, helper=actor, place=place.strip())
    activity.record(
        actor=actor,
        verb=verbs.ANSWER_ASSISTED,
        target=hearing,
        changes={"answer": [None, answer.pk], "place": [None, place.strip()]},
    )
    return answer


# --- The hearing note ------------------------------------------------------------------------------------


def _require_note_stage(hearing: Hearing) -> None:
    if hearing.status == HearingStatus.PUBLISHED:
        raise ValidationError(gettext("The hearing note has been published and cannot be changed."))
    if hearing.status != HearingStatus.CLOSED:
        raise ValidationError(gettext("Close the hearing before you write the hearing note."))


@transaction.atomic
def theme_save(
    *,
    hearing: Hearing,
    actor: "User",
    title: str,
    response: str,
    changed: str = "",
    theme: NoteTheme | None = None,
) -> NoteTheme:
    """Add a theme to the hearing note, or change one."""
    hearing = Hearing.objects.select_for_update().get(pk=hearing.pk)
    _require_note_stage(hearing)
    for field, value in (("title", title), ("response", response), ("changed", changed)):
        _guard(value, field=field)
    if theme is None:
        position = (hearing.themes.order_by("-position").values_list("position", flat=True).first() or 0) + 1
        theme = NoteTheme(hearing=hearing, position=position)
        before: dict[str, object] = {}
    else:
        theme = NoteTheme.objects.get(pk=theme.pk, hearing=hearing)
        before = snapshot(theme, ("title", "response", "changed"))
    theme.title, theme.response, theme.changed = title.strip(), response.strip(), changed.strip()
    theme.full_clean(exclude=["hearing"])
    theme.save()
    activity.record(
        actor=actor,
        verb=verbs.THEMES_CHANGED,
        target=hearing,
        changes=changes_between(before, snapshot(theme, ("title", "response", "changed"))),
    )
    return theme


@transaction.atomic
def answers_sort(*, hearing: Hearing, actor: "User", themes: dict[int, int | None]) -> int:
    """Put answers under themes (answer id → theme id, or None for not sorted). Returns how many moved."""
    hearing = Hearing.objects.select_for_update().get(pk=hearing.pk)
    _require_note_stage(hearing)
    theme_ids = set(hearing.themes.values_list("pk", flat=True))
    moved = 0
    for answer in Answer.objects.filter(hearing=hearing, pk__in=list(themes)):
        theme_id = themes[answer.pk]
        if theme_id is not None and theme_id not in theme_ids:
            raise ValidationError(gettext("Choose one of the hearing note's themes."))
        if answer.theme_id != theme_id:
            answer.theme_id = theme_id
            answer.save(update_fields=["theme"])
            moved += 1
    if moved:
        activity.record(
            actor=actor, verb=verbs.THEMES_CHANGED, target=hearing, changes={"sorted": [None, moved]}
        )
    return moved


@transaction.atomic
def note_save(*, hearing: Hearing, actor: "User", note_summary: str, note_changes: str) -> Hearing:
    hearing = Hearing.objects.select_for_update().get(pk=hearing.pk)
    _require_note_stage(hearing)
    _guard(note_summary, field="note_summary")
    _guard(note_changes, field="note_changes")
    before = snapshot(hearing, NOTE_FIELDS)
    hearing.note_summary, hearing.note_changes = note_summary.strip(), note_changes.strip()
    hearing.save(update_fields=["note_summary", "note_changes", "updated_at"])
    changes = changes_between(before, snapshot(hearing, NOTE_FIELDS))
    if changes:
        activity.record(actor=actor, verb=verbs.HEARING_UPDATED, target=hearing, changes=changes)
    return hearing


def note_problems(hearing: Hearing) -> list[str]:
    """What must be in order before the note is published, as sentences for its writer."""
    problems = []
    if hearing.status != HearingStatus.CLOSED:
        problems.append(gettext("Close the hearing before you write the hearing note."))
    if not hearing.note_summary.strip():
        problems.append(gettext("Write in short what we heard."))
    counted = hearing.answers.filter(status=AnswerStatus.CONFIRMED)
    if counted.exists() and not hearing.themes.exists():
        problems.append(gettext("Group the answers under at least one theme."))
    unsorted = counted.filter(theme__isnull=True).count()
    if unsorted:
        problems.append(
            translation.ngettext(
                "%(n)s answer is not yet under a theme.", "%(n)s answers are not yet under a theme.", unsorted
            )
            % {"n": unsorted}
        )
    return problems


@transaction.atomic
def note_publish(
    *,
    hearing: Hearing,
    actor: "User",
    note_url: str = "",
    receipt_url: Callable[[str], str] | None = None,
) -> Hearing:
    """Publish the hearing note: on the hearing page, as a Bilag of the council proposal (while it is a draft),
    and in one calm e-mail to every respondent with an address. Publishing again changes nothing. The e-mail's
    links are built by ``note_url`` and ``receipt_url`` (the request's address), else from ``KOMPAS_SITE_URL``."""
    hearing = Hearing.objects.select_for_update().get(pk=hearing.pk)
    if hearing.status == HearingStatus.PUBLISHED:
        return hearing
    problems = note_problems(hearing)
    if problems:
        raise ValidationError(problems)
    if not note_url:  # outside a request (a command, a task): the site's own address (KOMPAS_SITE_URL)
        note_url = absolute(reverse("hearings:note", kwargs={"pk": hearing.pk}))
    if receipt_url is None:
        receipt_url = _receipt_link
    hearing.status = HearingStatus.PUBLISHED
    hearing.note_published_at = timezone.now()
    hearing.note_attached = _attach_to_proposal(hearing, actor, note_url)
    hearing.save(update_fields=["status", "note_published_at", "note_attached", "updated_at"])
    activity.record(
        actor=actor,
        verb=verbs.NOTE_PUBLISHED,
        target=hearing,
        changes={"status": [HearingStatus.CLOSED, HearingStatus.PUBLISHED]},
    )
    _tell_respondents(hearing, note_url, receipt_url)
    return hearing


def _receipt_link(token: str) -> str:
    return absolute(reverse("hearings:receipt", kwargs={"token": token}))


def _attach_to_proposal(hearing: Hearing, actor: "User", note_url: str) -> bool:
    proposal = hearing.proposal
    if proposal is None or proposal.status != ProposalStatus.DRAFT:
        return False
    counted = hearing.answers.filter(status=AnswerStatus.CONFIRMED).count()
    with translation.override(settings.LANGUAGE_CODE):
        line = gettext("Hearing note: %(title)s") % {"title": hearing.title}
        if note_url:
            line = f"{line} ({note_url})"
        value_note = translation.ngettext(
            "The hearing “%(title)s” brought %(n)s answer. The hearing note (see Bilag) says what we heard and "
            "what we changed.",
            "The hearing “%(title)s” brought %(n)s answers. The hearing note (see Bilag) says what we heard and "
            "what we changed.",
            counted,
        ) % {"title": hearing.title, "n": counted}
    proposal_services.proposal_attach(proposal=proposal, actor=actor, line=line, value_note=value_note)
    return True


def _tell_respondents(hearing: Hearing, note_url: str, receipt_url: Callable[[str], str]) -> None:
    answers = list(
        Answer.objects.filter(hearing=hearing, status=AnswerStatus.CONFIRMED, told_at__isnull=True).exclude(
            email=""
        )
    )
    told: set[str] = set()
    for answer in answers:
        if answer.email.lower() in told:
            continue  # one e-mail per address, however many answers it sent
        told.add(answer.email.lower())
        receipt = receipt_url(tokens.receipt_token(answer.pk))
        _mail(
            answer.email,
            TEXTS[4],
            TEXTS[5],
            {"title": hearing.title, "note_url": note_url, "receipt_url": receipt},
        )
    Answer.objects.filter(pk__in=[a.pk for a in answers]).update(told_at=timezone.now())


# --- The statement round ---------------------------------------------------------------------------------


@transaction.atomic
def statement_round_start(
    *, hearing: Hearing, actor: "User", dilemma: str, values_in_tension: str, statements: Sequence[str]
) -> "Forum":
    """An optional statement round on the hearing: a public dialogue forum (voting and the opinion map), made
    and opened through the dialogue module's services. One per hearing; asking again returns it."""
    hearing = Hearing.objects.select_for_update().get(pk=hearing.pk)
    if hearing.forum_id is not None:
        return hearing.forum  # type: ignore[return-value]  # set above
    if hearing.status not in (HearingStatus.DRAFT, HearingStatus.OPEN):
        raise ValidationError(gettext("A statement round belongs to a hearing that is still open."))
    seeds = _clean_lines(statements)
    if len(seeds) < 2:
        raise ValidationError(
            {"statements": gettext("Write at least two statements to vote on, one per line.")}
        )
    with translation.override(settings.LANGUAGE_CODE):
        title = gettext("Statement round: %(title)s") % {"title": hearing.title}
        question = gettext("What do you think of these statements about the draft?")
    forum = dialogue_services.forum_create(
        actor=actor,
        title=title[:200],
        dilemma=dilemma,
        values_in_tension=values_in_tension,
        question=question,
        perspectives=hearing.summary,
        visibility=ForumVisibility.PUBLIC,
        moderation=Moderation.PRE,
        allow_anonymous=True,
        seed_statements=seeds,
        city_goals=list(hearing.city_goals.all()),
    )
    forum = dialogue_services.forum_transition(forum=forum, to=ForumStatus.OPEN, actor=actor)
    hearing.forum = forum
    hearing.save(update_fields=["forum", "updated_at"])
    activity.record(
        actor=actor, verb=verbs.STATEMENT_ROUND, target=hearing, changes={"forum": [None, forum.title]}
    )
    return forum


@transaction.atomic
def package_recorded(*, hearing: Hearing, actor: "User", files: int) -> None:
    """Record in the audit trail that the hearing was exported for the records system."""
    activity.record(
        actor=actor, verb=verbs.PACKAGE_EXPORTED, target=hearing, changes={"files": [None, files]}
    )


# --- Foretræde -------------------------------------------------------------------------------------------


@transaction.atomic
def foretraede_request(
    *,
    actor: "User",
    committee: "Committee",
    case: str,
    reason: str,
    hearing: Hearing | None = None,
    on_behalf_of: str = "",
    participants: str = "",
    wished_dates: str = "",
) -> ForetraedeRequest:
    """A citizen or organisation asks to meet a committee on a case; the secretariat is told."""
    if not committee.is_active:
        raise ValidationError({"committee": gettext("Choose one of the city council's committees.")})
    request = ForetraedeRequest(
        committee=committee,
        case=case.strip(),
        reason=reason.strip(),
        hearing=hearing,
        requester=actor,
        on_behalf_of=on_behalf_of.strip(),
        participants=participants.strip(),
        wished_dates=wished_dates.strip(),
    )
    for field in ("case", "reason", "on_behalf_of", "participants", "wished_dates"):
        _guard(getattr(request, field), field=field)
    request.full_clean(exclude=["requester", "hearing", "committee"])
    request.save()
    activity.record(
        actor=actor,
        verb=verbs.FORETRAEDE_REQUESTED,
        target=request,
        changes={"committee": [None, request.committee_label], "case": [None, request.case]},
    )
    secretariat = (  # the committee secretariat: programme staff
        get_user_model()
        .objects.filter(roles__code=RoleCode.PROGRAMME, is_active=True)
        .exclude(pk=actor.pk)
        .distinct()
    )
    for user in secretariat:
        _notify_about(request, user, TEXTS[7], {})
    return request


def _notify_about(request: ForetraedeRequest, user: "User", text: str, values: dict[str, object]) -> None:
    """A notification about a request to meet a committee, in the recipient's language (lazy values too)."""
    with translation.override(getattr(user, "preferred_language", "") or settings.LANGUAGE_CODE):
        words = {key: str(value) for key, value in values.items()}
        message = gettext(text) % {"committee": request.committee_label, **words}
    activity.notify(recipients=[user], message=message, url=request.get_absolute_url())


@transaction.atomic
def foretraede_answer(
    *,
    foretraede: ForetraedeRequest,
    actor: "User",
    status: str,
    committee_answer: str,
    meeting_at: dt.datetime | None = None,
    meeting_place: str = "",
) -> ForetraedeRequest:
    """The secretariat records the committee's answer: granted with a meeting, declined with a reason, held."""
    request = ForetraedeRequest.objects.select_for_update().get(pk=foretraede.pk)
    if status not in FORETRAEDE_TRANSITIONS.get(request.status, frozenset()):
        raise ValidationError({"status": gettext("This answer is not possible from the current status.")})
    if not committee_answer.strip():
        raise ValidationError(
            {"committee_answer": gettext("Write the committee's answer; the requester sees it.")}
        )
    if status == ForetraedeStatus.GRANTED and meeting_at is None:
        raise ValidationError({"meeting_at": gettext("When is the meeting? Write the date and time.")})
    _guard(committee_answer, field="committee_answer")
    _guard(meeting_place, field="meeting_place")
    before = snapshot(request, ("status", "meeting_at", "meeting_place"))
    request.status = status
    request.committee_answer = committee_answer.strip()
    if meeting_at is not None:
        request.meeting_at = meeting_at
    if meeting_place.strip():
        request.meeting_place = meeting_place.strip()
    request.answered_by = actor
    request.answered_at = timezone.now()
    request.save()
    activity.record(
        actor=actor,
        verb=verbs.FORETRAEDE_ANSWERED,
        target=request,
        changes=changes_between(before, snapshot(request, ("status", "meeting_at", "meeting_place"))),
    )
    _notify_about(request, request.requester, TEXTS[6], {"status": ForetraedeStatus(status).label})
    return request
