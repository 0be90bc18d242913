"""Reads of the learning forums. Every object through one guarded accessor: the same 404 for missing and
forbidden (ADR 0015)."""

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db.models import Count, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from kompas.core.roles import is_staff_member

from .choices import Audience, SignUpStatus
from .models import ForumMember, LearningForum, Material, Session, SignUp
from .permissions import can_read_forum, can_use_materials

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from kompas.accounts.models import User

    AnyUser = User | AnonymousUser


def _readable(user: "AnyUser") -> Q:
    if not user.is_authenticated:
        return Q(pk__in=[])
    if is_staff_member.test(user):
        return Q()
    return Q(audience=Audience.EVERYONE)


def forums_for_list(*, user: "AnyUser", query: str = "", path: str = "", mine: bool = False) -> QuerySet[Any]:
    """The forums the user may read, with their member count and next session; a fixed number of queries."""
    now = timezone.now()
    forums = (
        LearningForum.objects.filter(_readable(user), is_active=True)
        .select_related("host_unit__department")
        .annotate(
            member_count=Count("memberships", distinct=True),
            upcoming=Count(
                "sessions",
                filter=Q(sessions__starts_at__gte=now, sessions__cancelled_at__isnull=True),
                distinct=True,
            ),
        )
        .order_by("title", "id")
    )
    if query:
        forums = forums.filter(Q(title__icontains=query) | Q(theme__icontains=query))
    if path:
        forums = forums.filter(path=path)
    if mine and user.is_authenticated:
        forums = forums.filter(Q(memberships__user=user) | Q(host=user)).distinct()
    return forums


def forum_get_for_user(*, user: "AnyUser", pk: int) -> LearningForum:
    forum = LearningForum.objects.select_related("host", "host_unit__department").filter(pk=pk).first()
    if forum is None or not can_read_forum.test(user, forum):
        raise Http404
    return forum


def session_get_for_user(*, user: "AnyUser", pk: int) -> Session:
    session = Session.objects.select_related("forum__host", "forum__host_unit").filter(pk=pk).first()
    if session is None or not can_read_forum.test(user, session.forum):
        raise Http404
    return session


def material_get_for_user(*, user: "AnyUser", pk: int) -> Material:
    material = Material.objects.select_related("forum", "session").filter(pk=pk).first()
    if material is None or not can_use_materials.test(user, material.forum):
        raise Http404
    return material


@dataclass(frozen=True)
class SessionRow:
    session: Session
    confirmed: int
    waiting: int
    my_status: str  # "" when the user has no place

    @property
    def free(self) -> int:
        return max(self.session.capacity - self.confirmed, 0)


def sessions_of(*, forum: LearningForum, user: "AnyUser", upcoming: bool) -> list[SessionRow]:
    """The forum's sessions (upcoming first in time, or past newest first) with their counts and the user's
    own place; two queries."""
    now = timezone.now()
    sessions = forum.sessions.annotate(
        confirmed=Count("signups", filter=Q(signups__status=SignUpStatus.CONFIRMED)),
        waiting=Count("signups", filter=Q(signups__status=SignUpStatus.WAITING)),
    ).select_related("log")
    if upcoming:
        sessions = sessions.filter(ends_at__gte=now).order_by("starts_at", "id")
    else:
        sessions = sessions.filter(ends_at__lt=now).order_by("-starts_at", "-id")
    mine: dict[int, str] = {}
    if user.is_authenticated:
        mine = dict(
            SignUp.objects.filter(session__forum=forum, user=user)
            .exclude(status=SignUpStatus.CANCELLED)
            .values_list("session_id", "status")
        )
    return [SessionRow(s, s.confirmed, s.waiting, mine.get(s.pk, "")) for s in sessions]


def session_counts(*, session: Session) -> tuple[int, int]:
    """(confirmed, waiting) for one session."""
    counts = session.signups.aggregate(
        confirmed=Count("pk", filter=Q(status=SignUpStatus.CONFIRMED)),
        waiting=Count("pk", filter=Q(status=SignUpStatus.WAITING)),
    )
    return counts["confirmed"], counts["waiting"]


def signup_of(*, session: Session, user: "AnyUser") -> SignUp | None:
    if not user.is_authenticated:
        return None
    return SignUp.objects.filter(session=session, user=user).first()


def waiting_position(*, signup: SignUp) -> int:
    """1 for the first on the waiting list."""
    return (
        SignUp.objects.filter(session_id=signup.session_id, status=SignUpStatus.WAITING)
        .filter(Q(queued_at__lt=signup.queued_at) | Q(queued_at=signup.queued_at, pk__lt=signup.pk))
        .count()
        + 1
    )


def signups_for_host(*, session: Session) -> tuple[list[SignUp], list[SignUp]]:
    """Who has a place and who waits, in order; for the forum's managers only (the view checks)."""
    rows = list(
        session.signups.exclude(status=SignUpStatus.CANCELLED)
        .select_related("user")
        .order_by("queued_at", "id")
    )
    return (
        [r for r in rows if r.status == SignUpStatus.CONFIRMED],
        [r for r in rows if r.status == SignUpStatus.WAITING],
    )


def members_of(*, forum: LearningForum) -> list[ForumMember]:
    return list(forum.memberships.select_related("user").order_by("joined_at", "id"))


def is_member(*, forum: LearningForum, user: "AnyUser") -> bool:
    return user.is_authenticated and ForumMember.objects.filter(forum=forum, user=user).exists()


def materials_of(*, forum: LearningForum) -> list[Material]:
    return list(forum.materials.select_related("session", "uploaded_by").order_by("-created_at", "-id"))


def forums_of_user(*, user: "User") -> QuerySet[Any]:
    return LearningForum.objects.filter(Q(memberships__user=user) | Q(host=user)).distinct()
