"""Writes of the learning forums. Keyword-only, transactional, audited; e-mails and learnings after commit.

The waiting list is first come, first served: a cancellation of a confirmed place gives it to the first on
the list (the oldest ``queued_at``), who is told by e-mail and in Kompas once the cancellation has committed.
Both run under a lock on the session row, so two cancellations or sign-ups at the same moment cannot give one
place twice.
"""

import datetime as dt
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.utils import formats, timezone, translation
from django.utils.translation import gettext, gettext_noop
from django.utils.translation import gettext_lazy as _

from kompas import activity
from kompas.activity.services import Audited, audited_create, audited_update
from kompas.core import uploads, versions
from kompas.core.keep import KEEP, Keep, given
from kompas.core.learnings import announce

from . import verbs
from .choices import SignUpStatus
from .learnings import learning_of
from .models import ForumMember, LearningForum, Material, Session, SessionLog, SignUp

if TYPE_CHECKING:
    from kompas.accounts.models import User
    from kompas.organisations.models import Unit

FORUM_FIELDS = ("title", "theme", "path", "description", "audience", "host_unit", "is_active")
AUDITED_FORUM = Audited(FORUM_FIELDS)
SESSION_FIELDS = ("title", "description", "starts_at", "ends_at", "place", "online_url", "capacity")
AUDITED_SESSION = Audited(SESSION_FIELDS)
LOG_FIELDS = ("what_we_did", "learned", "try_next", "shareable")

# Materials: the project's one upload check (kompas/core/uploads.py), with PowerPoint and OpenDocument slides too.
MATERIAL_RULES = uploads.UploadRules(
    suffixes=frozenset(
        {".pdf", ".png", ".jpg", ".jpeg", ".docx", ".xlsx", ".pptx", ".odt", ".ods", ".odp", ".txt", ".csv"}
    ),
    kinds=_("PDF, Word, Excel, PowerPoint, OpenDocument, PNG, JPEG, text or CSV"),
    where="learning.material",
)

NOTIFICATION_TEXTS = (
    gettext_noop(
        "You have a place at “%(session)s” – someone cancelled and you were first on the waiting list"
    ),
    gettext_noop("You have a place at “%(session)s”"),
    gettext_noop(
        "Hello %(name)s\n\nA place became free at “%(session)s” in the learning forum “%(forum)s”, and you were "
        "first on the waiting list. The place is yours: %(when)s, %(where)s.\n\n"
        "If you cannot come after all, cancel your place on the session's page so the next person gets it:\n"
        "%(url)s\n\nKind regards\nKompas"
    ),
)


def _forum_member_ensure(forum: LearningForum, user: "User") -> bool:
    """Make the user a member; True when they were not one before."""
    try:
        with transaction.atomic():
            _member, created = ForumMember.objects.get_or_create(forum=forum, user=user)
    except IntegrityError:
        return False
    return created


def _check_forum(*, theme: str, path: str) -> None:
    if not theme.strip() and not path:
        raise ValidationError({"theme": _("Give the forum a theme, a path of the compass, or both.")})


@transaction.atomic
def forum_create(
    *,
    actor: "User",
    title: str,
    description: str,
    theme: str = "",
    path: str = "",
    audience: str | Keep = KEEP,
    host_unit: "Unit | None" = None,
) -> LearningForum:
    """Start a forum; the actor hosts it and is its first member."""
    _check_forum(theme=theme, path=path)
    forum = LearningForum(
        host=actor,
        title=title,
        theme=theme,
        path=path,
        description=description,
        host_unit=host_unit,
        **given(audience=audience),
    )
    forum = audited_create(
        instance=forum,
        actor=actor,
        verb=verbs.FORUM_CREATED,
        audited=AUDITED_FORUM,
        m2m={},
        clean_exclude=["host"],
    )
    ForumMember.objects.create(forum=forum, user=actor)
    return forum


@transaction.atomic
def forum_update(
    *,
    forum: LearningForum,
    actor: "User",
    title: str | Keep = KEEP,
    theme: str | Keep = KEEP,
    path: str | Keep = KEEP,
    description: str | Keep = KEEP,
    audience: str | Keep = KEEP,
    host_unit: "Unit | None | Keep" = KEEP,
    is_active: bool | Keep = KEEP,
) -> LearningForum:
    values = given(
        title=title,
        theme=theme,
        path=path,
        description=description,
        audience=audience,
        host_unit=host_unit,
        is_active=is_active,
    )
    _check_forum(theme=str(values.get("theme", forum.theme)), path=str(values.get("path", forum.path)))
    forum, _changes = audited_update(
        instance=forum, actor=actor, verb=verbs.FORUM_UPDATED, audited=AUDITED_FORUM, values=values
    )
    return forum


@transaction.atomic
def member_join(*, forum: LearningForum, actor: "User") -> ForumMember:
    """Join a forum; joining again changes nothing."""
    if _forum_member_ensure(forum, actor):
        activity.record(actor=actor, verb=verbs.MEMBER_JOINED, target=forum)
    return ForumMember.objects.get(forum=forum, user=actor)


@transaction.atomic
def member_leave(*, forum: LearningForum, actor: "User") -> None:
    """Leave a forum. The host stays: a forum always has its host."""
    if forum.host_id == actor.pk:
        raise ValidationError(_("The host cannot leave the forum. Hand it over to someone else first."))
    deleted, _rows = ForumMember.objects.filter(forum=forum, user=actor).delete()
    if deleted:
        activity.record(actor=actor, verb=verbs.MEMBER_LEFT, target=forum)


def _check_session(values: dict[str, Any]) -> None:
    errors: dict[str, Any] = {}
    starts, ends = values.get("starts_at"), values.get("ends_at")
    if starts and ends and ends <= starts:
        errors["ends_at"] = _("The session must end after it starts.")
    if not str(values.get("place") or "").strip() and not str(values.get("online_url") or "").strip():
        errors["place"] = _("Give a place, an online link, or both.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def session_create(
    *,
    forum: LearningForum,
    actor: "User",
    title: str,
    starts_at: dt.datetime,
    ends_at: dt.datetime,
    capacity: int,
    place: str = "",
    online_url: str = "",
    description: str = "",
) -> Session:
    values = {"starts_at": starts_at, "ends_at": ends_at, "place": place, "online_url": online_url}
    _check_session(values)
    session = Session(
        forum=forum,
        title=title,
        description=description,
        capacity=capacity,
        **values,
    )
    return audited_create(
        instance=session, actor=actor, verb=verbs.SESSION_CREATED, audited=AUDITED_SESSION, m2m={}
    )


def _promote(session: Session, actor: "User | None") -> list[SignUp]:
    """Give free places to the first on the waiting list, in order; the session row is locked by the caller."""
    confirmed = session.signups.filter(status=SignUpStatus.CONFIRMED).count()
    free = session.capacity - confirmed
    if free <= 0:
        return []
    promoted = list(
        session.signups.filter(status=SignUpStatus.WAITING)
        .select_related("user")
        .order_by("queued_at", "id")[:free]
    )
    now = timezone.now()
    for signup in promoted:
        signup.status = SignUpStatus.CONFIRMED
        signup.promoted_at = now
        signup.save(update_fields=["status", "promoted_at", "updated_at"])
        activity.record(
            actor=actor,
            verb=verbs.PROMOTED,
            target=session,
            changes={"person": [None, signup.user.get_full_name() or signup.user.email]},
        )
        _tell_promoted(session, signup)
    return promoted


def _when_text(session: Session) -> str:
    start = timezone.localtime(session.starts_at)
    end = timezone.localtime(session.ends_at)
    return f"{formats.date_format(start, 'DATE_FORMAT')} {start:%H.%M}–{end:%H.%M}"


def _tell_promoted(session: Session, signup: SignUp) -> None:
    user = signup.user
    url = session.get_absolute_url()
    with translation.override(settings.LANGUAGE_CODE):
        message = gettext(NOTIFICATION_TEXTS[0]) % {"session": session.title}
        subject = gettext(NOTIFICATION_TEXTS[1]) % {"session": session.title}
        body = gettext(NOTIFICATION_TEXTS[2]) % {
            "name": user.get_full_name() or user.email,
            "session": session.title,
            "forum": session.forum.title,
            "when": _when_text(session),
            "where": session.place or session.online_url,
            "url": url,
        }
    activity.notify(recipients=[user], message=message, url=url)
    email = user.email
    transaction.on_commit(lambda: send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [email]))


@transaction.atomic
def session_update(
    *,
    session: Session,
    actor: "User",
    title: str | Keep = KEEP,
    description: str | Keep = KEEP,
    starts_at: dt.datetime | Keep = KEEP,
    ends_at: dt.datetime | Keep = KEEP,
    place: str | Keep = KEEP,
    online_url: str | Keep = KEEP,
    capacity: int | Keep = KEEP,
) -> Session:
    """Change a session. More places move the first on the waiting list up; fewer places than are already
    given is refused (nobody loses a place they were given)."""
    session = Session.objects.select_for_update().select_related("forum").get(pk=session.pk)
    values = given(
        title=title,
        description=description,
        starts_at=starts_at,
        ends_at=ends_at,
        place=place,
        online_url=online_url,
        capacity=capacity,
    )
    merged = {name: values.get(name, getattr(session, name)) for name in SESSION_FIELDS}
    _check_session(merged)
    confirmed = session.signups.filter(status=SignUpStatus.CONFIRMED).count()
    if "capacity" in values and int(values["capacity"]) < confirmed:
        raise ValidationError(
            {
                "capacity": _(
                    "%(n)s people already have a place; the session needs at least that many places."
                )
                % {"n": confirmed}
            }
        )
    session, _changes = audited_update(
        instance=session,
        actor=actor,
        verb=verbs.SESSION_UPDATED,
        audited=AUDITED_SESSION,
        values=values,
    )
    _promote(session, actor)
    return session


@transaction.atomic
def signup_create(*, session: Session, actor: "User") -> SignUp:
    """Sign up for a session: a place while there are free places (and nobody waits), else the waiting
    list. Signing up makes the person a member of the forum. Signing up again changes nothing."""
    session = Session.objects.select_for_update().select_related("forum").get(pk=session.pk)
    if session.is_cancelled:
        raise ValidationError(_("The session has been cancelled."))
    if session.ends_at <= timezone.now():
        raise ValidationError(_("The session is over; sign-up has closed."))
    signup = SignUp.objects.filter(session=session, user=actor).first()
    if signup is not None and signup.status != SignUpStatus.CANCELLED:
        return signup  # a double submit
    confirmed = session.signups.filter(status=SignUpStatus.CONFIRMED).count()
    waiting = session.signups.filter(status=SignUpStatus.WAITING).exists()
    status = SignUpStatus.CONFIRMED if confirmed < session.capacity and not waiting else SignUpStatus.WAITING
    now = timezone.now()
    if signup is None:
        signup = SignUp(session=session, user=actor)
    signup.status = status
    signup.queued_at = now
    signup.promoted_at = None
    signup.save()
    _forum_member_ensure(session.forum, actor)
    activity.record(
        actor=actor,
        verb=verbs.SIGNED_UP if status == SignUpStatus.CONFIRMED else verbs.WAITLISTED,
        target=session,
    )
    return signup


@transaction.atomic
def signup_cancel(*, session: Session, actor: "User") -> SignUp | None:
    """Give up a place or a place on the waiting list. A freed place goes to the first who waits."""
    session = Session.objects.select_for_update().select_related("forum").get(pk=session.pk)
    signup = SignUp.objects.filter(session=session, user=actor).exclude(status=SignUpStatus.CANCELLED).first()
    if signup is None:
        return None  # nothing to cancel (a double submit)
    was = signup.status
    signup.status = SignUpStatus.CANCELLED
    signup.save(update_fields=["status", "updated_at"])
    activity.record(
        actor=actor, verb=verbs.SIGNUP_CANCELLED, target=session, changes={"status": [was, signup.status]}
    )
    if was == SignUpStatus.CONFIRMED and session.starts_at > timezone.now() and not session.is_cancelled:
        _promote(session, None)
    return signup


def material_check(uploaded: UploadedFile) -> str:
    """The same rules as every upload (``kompas.core.uploads``); errors are keyed to the form's ``file`` field.
    Returns the file's clean name."""
    return uploads.check_upload(uploaded, rules=MATERIAL_RULES, field="file")


@transaction.atomic
def material_add(
    *,
    forum: LearningForum,
    actor: "User",
    title: str,
    file: UploadedFile,
    session: Session | None = None,
) -> Material:
    if session is not None and session.forum_id != forum.pk:
        raise ValidationError({"session": _("Choose a session of this forum.")})
    name = material_check(file)
    material = Material(
        forum=forum,
        session=session,
        title=title,
        name=name,
        size=file.size or 0,
        content_type=(getattr(file, "content_type", "") or "application/octet-stream")[:100],
        uploaded_by=actor,
    )
    material.file.save(name, file, save=False)
    material.save()
    versions.bump("content")
    activity.record(actor=actor, verb=verbs.MATERIAL_ADDED, target=forum, changes={"material": [None, title]})
    return material


@transaction.atomic
def session_log_write(
    *,
    session: Session,
    actor: "User",
    what_we_did: str,
    learned: str = "",
    try_next: str = "",
    shareable: bool = False,
) -> SessionLog:
    """Write or rewrite the session's log. A learning marked shareable goes to the knowledge library after
    commit; unmarking it withdraws it."""
    if shareable and not learned.strip():
        raise ValidationError({"learned": _("Write what you learned before you share it.")})
    session = (
        Session.objects.select_for_update(of=("self",)).select_related("forum__host_unit").get(pk=session.pk)
    )
    log = SessionLog.objects.filter(session=session).first()
    before = {name: getattr(log, name) for name in LOG_FIELDS} if log else dict.fromkeys(LOG_FIELDS)
    if log is None:
        log = SessionLog(session=session, author=actor)
    log.what_we_did = what_we_did
    log.learned = learned
    log.try_next = try_next
    log.shareable = shareable
    log.full_clean()
    log.save()
    after = {name: getattr(log, name) for name in LOG_FIELDS}
    changes = {k: [before[k], after[k]] for k in LOG_FIELDS if before[k] != after[k]}
    if changes:
        versions.bump("content")
        activity.record(actor=actor, verb=verbs.LOG_WRITTEN, target=session, changes=changes)
        if shareable or before["shareable"]:
            announce(learning_of(log, session))
    return log
