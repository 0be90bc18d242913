"""Reads of hearings and requests to meet a committee; every page runs a fixed number of queries."""

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, cast

from django.db.models import Case, Count, DateField, Prefetch, Q, QuerySet, Value, When
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone

from kompas.core.backlinks import Backlink, shared
from kompas.core.roles import is_programme_staff
from kompas.core.statements import Param, Statement
from kompas.council import selectors as council_selectors
from kompas.council.models import Committee
from kompas.council.permissions import committee_ids

from .choices import AnswerStatus, ForetraedeStatus, HearingStatus, RespondentKind
from .models import Answer, AnswerAttachment, AnswerText, ForetraedeRequest, Hearing, NoteTheme
from .permissions import can_handle_foretraede, can_manage_hearing, can_see_foretraede, can_see_hearing

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from kompas.accounts.models import User

    AnyUser = User | AnonymousUser


def _hearing_queryset() -> QuerySet[Hearing]:
    return Hearing.objects.select_related(
        "department", "owner", "proposal", "goal", "forum"
    ).prefetch_related("questions", "invited_parties", "city_goals")


def hearing_get_for_user(*, user: "AnyUser", pk: int) -> Hearing:
    """The one guarded accessor: the same 404 for a hearing that does not exist and a draft you may not see."""
    hearing = _hearing_queryset().filter(pk=pk).first()
    if hearing is None or not can_see_hearing.test(user, hearing):
        raise Http404
    return hearing


def hearing_get_for_manager(*, user: "AnyUser", pk: int) -> Hearing:
    """A hearing the user runs (its owner, programme staff); 404 for everyone else, as for a missing one."""
    hearing = hearing_get_for_user(user=user, pk=pk)
    if not can_manage_hearing.test(user, hearing):
        raise Http404
    return hearing


def _with_counts(qs: QuerySet[Hearing]) -> QuerySet[Hearing]:
    return qs.annotate(answer_count=Count("answers", filter=Q(answers__status=AnswerStatus.CONFIRMED)))


def hearings_public() -> QuerySet[Hearing]:
    """Open hearings (soonest deadline first) and those whose note is out, for everyone."""
    return _with_counts(
        Hearing.objects.exclude(status=HearingStatus.DRAFT).select_related("department")
    ).order_by("status", "deadline", "-id")


def open_hearings(*, limit: int = 5) -> list[Hearing]:
    return cast("list[Hearing]", _OPEN_HEARINGS.objects(shape=(limit,), today=timezone.localdate()))


# Compiled once per process and limit, with the day as a parameter (kompas.core.statements).
_OPEN_HEARINGS = Statement(
    lambda limit: (
        Hearing.objects.filter(status=HearingStatus.OPEN, deadline__gte=Param("today", DateField()))
        .select_related("department")
        .order_by("deadline", "id")[:limit]
    )
)


def hearings_for_staff(*, user: "User") -> QuerySet[Hearing]:
    """Every hearing that has been opened, and the drafts the user runs (all drafts for programme staff)."""
    qs = _with_counts(Hearing.objects.select_related("department", "owner")).order_by("-created_at", "-id")
    if not is_programme_staff.test(user):
        qs = qs.filter(~Q(status=HearingStatus.DRAFT) | Q(owner=user))
    return qs


def _answers(hearing: Hearing) -> QuerySet[Answer]:
    return (
        Answer.objects.filter(hearing=hearing)
        .select_related("theme")
        .prefetch_related(
            Prefetch(
                "texts", queryset=AnswerText.objects.select_related("question").order_by("question__position")
            ),
            "attachments",
        )
        .order_by("created_at", "id")
    )


def counted_answers(*, hearing: Hearing, include_assisted: bool = True) -> list[Answer]:
    """The confirmed answers; without those entered at a service desk when ``include_assisted`` is False."""
    qs = _answers(hearing).filter(status=AnswerStatus.CONFIRMED)
    if not include_assisted:
        qs = qs.filter(assisted=False)
    return list(qs)


def answers_for_manager(*, hearing: Hearing) -> list[Answer]:
    """Every answer, confirmed or not, with who helped enter it (for those who run the hearing)."""
    return list(_answers(hearing).select_related("assisted_entry__helper"))


@dataclass
class AnswerCounts:
    counted: int = 0
    assisted: int = 0
    organisations: int = 0
    persons: int = 0
    unconfirmed: int = 0


def answer_counts(*, hearing: Hearing) -> AnswerCounts:
    confirmed = Q(status=AnswerStatus.CONFIRMED)
    row = Answer.objects.filter(hearing=hearing).aggregate(
        counted=Count("id", filter=confirmed),
        assisted=Count("id", filter=confirmed & Q(assisted=True)),
        organisations=Count("id", filter=confirmed & Q(respondent_kind=RespondentKind.ORGANISATION)),
        persons=Count("id", filter=confirmed & Q(respondent_kind=RespondentKind.PERSON)),
        unconfirmed=Count("id", filter=Q(status=AnswerStatus.UNCONFIRMED)),
    )
    return AnswerCounts(**{key: int(value or 0) for key, value in row.items()})


@dataclass
class ThemeSection:
    theme: NoteTheme | None
    answers: list[Answer] = field(default_factory=list)


@dataclass
class NoteView:
    """The hearing note as it reads: themes with their answers, and answers not yet sorted into a theme."""

    sections: list[ThemeSection]
    unsorted: list[Answer]
    total: int
    assisted: int
    include_assisted: bool


def note_view(*, hearing: Hearing, include_assisted: bool = True) -> NoteView:
    answers = counted_answers(hearing=hearing, include_assisted=include_assisted)
    themes = list(NoteTheme.objects.filter(hearing=hearing).order_by("position"))
    by_theme: dict[int, list[Answer]] = {theme.pk: [] for theme in themes}
    unsorted = []
    for answer in answers:
        if answer.theme_id in by_theme:
            by_theme[answer.theme_id].append(answer)
        else:
            unsorted.append(answer)
    return NoteView(
        sections=[ThemeSection(theme, by_theme[theme.pk]) for theme in themes],
        unsorted=unsorted,
        total=len(answers),
        assisted=sum(1 for answer in answers if answer.assisted),
        include_assisted=include_assisted,
    )


def themes_of(*, hearing: Hearing) -> list[NoteTheme]:
    return list(
        NoteTheme.objects.filter(hearing=hearing).annotate(answer_count=Count("answers")).order_by("position")
    )


def answer_for_receipt(*, pk: int) -> Answer:
    """The answer a receipt link names, with its hearing and theme; 404 if it is gone."""
    return get_object_or_404(_answers_base().select_related("hearing__department"), pk=pk)


def _answers_base() -> QuerySet[Answer]:
    return Answer.objects.select_related("theme").prefetch_related(
        Prefetch(
            "texts", queryset=AnswerText.objects.select_related("question").order_by("question__position")
        ),
        "attachments",
    )


def answers_of_user(*, hearing: Hearing, user: "AnyUser") -> list[Answer]:
    if not user.is_authenticated:
        return []
    return list(_answers_base().filter(hearing=hearing, respondent_id=user.pk).order_by("created_at"))


def attachment_get_for_manager(*, user: "AnyUser", pk: int) -> AnswerAttachment:
    """An answer's attachment, for those who run its hearing only."""
    attachment = AnswerAttachment.objects.select_related("answer__hearing").filter(pk=pk).first()
    if attachment is None or not can_manage_hearing.test(user, attachment.answer.hearing):
        raise Http404
    return attachment


# --- Foretræde -----------------------------------------------------------------------------------------


def foretraede_get_for_user(*, user: "AnyUser", pk: int) -> ForetraedeRequest:
    request = (
        ForetraedeRequest.objects.select_related("requester", "hearing", "answered_by", "committee")
        .filter(pk=pk)
        .first()
    )
    if request is None or not can_see_foretraede.test(user, request):
        raise Http404
    return request


def foretraede_queue_committees(*, user: "AnyUser") -> list[Committee]:
    """The committees a user's queue can show: every active one for the secretariat, a member's own otherwise."""
    committees = council_selectors.active_committees()
    if not can_handle_foretraede.test(user):
        committees = committees.filter(pk__in=committee_ids(user))
    return list(committees)


def foretraede_queue(
    *, user: "AnyUser", status: str = "", committee: Committee | None = None
) -> QuerySet[ForetraedeRequest]:
    """The queue, waiting requests first, oldest first: every request for the secretariat, the requests to the
    committees they sit on for a council member (the rule of ``can_see_foretraede``); by status and committee."""
    qs = ForetraedeRequest.objects.select_related("requester", "hearing", "committee")
    if not can_handle_foretraede.test(user):
        qs = qs.filter(committee_id__in=committee_ids(user))
    if status in ForetraedeStatus.values:
        qs = qs.filter(status=status)
    if committee is not None:
        qs = qs.filter(committee=committee)
    waiting_first = Case(When(status=ForetraedeStatus.REQUESTED, then=Value(0)), default=Value(1))
    return qs.annotate(waiting_first=waiting_first).order_by("waiting_first", "created_at", "id")


def foretraede_of_user(*, user: "User") -> QuerySet[ForetraedeRequest]:
    return (
        ForetraedeRequest.objects.filter(requester=user)
        .select_related("hearing", "committee")
        .order_by("-created_at", "-id")
    )


def foretraede_waiting_count(*, user: "AnyUser") -> int:
    if not can_handle_foretraede.test(user):
        return 0
    return ForetraedeRequest.objects.filter(status=ForetraedeStatus.REQUESTED).count()


# --- Backlinks -------------------------------------------------------------------------------------------

BACKLINK_MODELS = frozenset({"goals.goal", "dialogues.forum"})


def _backlink_rows(field: str, pk: int) -> list[tuple[str, str, str]]:
    hearings = (
        Hearing.objects.exclude(status=HearingStatus.DRAFT)
        .filter(**{field: pk})
        .order_by("-deadline", "-id")
        .only("pk", "title", "status")
    )
    return [(hearing.title, hearing.get_absolute_url(), hearing.status) for hearing in hearings]


def backlinks(user: "AnyUser | None", label: str, pk: int) -> list[Backlink]:
    """The opened hearings on a goal, or whose statement round a forum is: the same for every reader, so
    cached under the content version (one query on a miss)."""
    field = {"goals.goal": "goal_id", "dialogues.forum": "forum_id"}.get(label)
    if field is None:
        return []
    rows = shared(name="hearings", label=label, pk=pk, build=lambda: _backlink_rows(field, pk))
    kind = str(Hearing._meta.verbose_name).capitalize()
    statuses = dict(HearingStatus.choices)
    return [
        Backlink(label=title, url=url, kind_label=kind, status_label=str(statuses.get(status, status)))
        for title, url, status in rows
    ]
