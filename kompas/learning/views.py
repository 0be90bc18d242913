from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kompas.core.access import access
from kompas.core.downloads import file_slug, set_download_name
from kompas.core.forms import submit
from kompas.core.paging import render_list

from . import calendar_file, selectors, services
from .choices import SignUpStatus
from .forms import ForumFilterForm, ForumForm, MaterialForm, SessionForm, SessionLogForm
from .models import SessionLog
from .permissions import can_create_forum, can_manage_forum, can_use_materials, can_view_learning


def _require(rule, user, forum) -> None:
    if not rule.test(user, forum):
        raise Http404  # the same answer as for a forum that does not exist


def _first_error(exc: ValidationError) -> str:
    return " ".join(exc.messages)


@access(can_view_learning, label="signed in")
def forum_list(request):
    form = ForumFilterForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    forums = selectors.forums_for_list(
        user=request.user,
        query=data.get("q") or "",
        path=data.get("path") or "",
        mine=bool(data.get("mine")),
    )
    can_create = can_create_forum.test(request.user)
    return render_list(request, "learning/forum_list.html", forums, form=form, can_create=can_create)


@access(can_create_forum, label="staff")
def forum_create(request):
    form = ForumForm(request.POST or None, user=request.user)
    if done := submit(
        request,
        form,
        services.forum_create,
        success=_("The learning forum has been created. Plan its first session."),
    ):
        return done
    return render(request, "learning/forum_form.html", {"form": form, "forum": None})


@access(can_view_learning, label="signed in")
def forum_detail(request, pk: int):
    forum = selectors.forum_get_for_user(user=request.user, pk=pk)
    can_manage = can_manage_forum.test(request.user, forum)
    may_use_materials = can_use_materials.test(request.user, forum)
    return render(
        request,
        "learning/forum_detail.html",
        {
            "forum": forum,
            "upcoming": selectors.sessions_of(forum=forum, user=request.user, upcoming=True),
            "past": selectors.sessions_of(forum=forum, user=request.user, upcoming=False),
            "members": selectors.members_of(forum=forum) if can_manage else None,
            "member_count": forum.memberships.count(),
            "is_member": selectors.is_member(forum=forum, user=request.user),
            "materials": selectors.materials_of(forum=forum) if may_use_materials else None,
            "can_manage": can_manage,
            "can_use_materials": may_use_materials,
        },
    )


@access(can_view_learning, label="signed in")
def forum_edit(request, pk: int):
    forum = selectors.forum_get_for_user(user=request.user, pk=pk)
    _require(can_manage_forum, request.user, forum)
    form = ForumForm(request.POST or None, instance=forum, user=request.user)
    if done := submit(
        request,
        form,
        services.forum_update,
        forum=forum,
        success=_("The learning forum has been saved."),
        to=forum,
    ):
        return done
    return render(request, "learning/forum_form.html", {"form": form, "forum": forum})


@access(can_view_learning, label="signed in")
@require_POST
def forum_join(request, pk: int):
    forum = selectors.forum_get_for_user(user=request.user, pk=pk)
    services.member_join(forum=forum, actor=request.user)
    messages.success(request, _("You are now a member of the forum."))
    return redirect(forum)


@access(can_view_learning, label="signed in")
@require_POST
def forum_leave(request, pk: int):
    forum = selectors.forum_get_for_user(user=request.user, pk=pk)
    try:
        services.member_leave(forum=forum, actor=request.user)
    except ValidationError as exc:
        messages.error(request, _first_error(exc))
    else:
        messages.success(request, _("You have left the forum."))
    return redirect(forum)


@access(can_view_learning, label="signed in")
def session_create(request, pk: int):
    forum = selectors.forum_get_for_user(user=request.user, pk=pk)
    _require(can_manage_forum, request.user, forum)
    form = SessionForm(request.POST or None)
    if done := submit(
        request, form, services.session_create, forum=forum, success=_("The session has been planned.")
    ):
        return done
    return render(request, "learning/session_form.html", {"form": form, "forum": forum, "session": None})


def _session_context(request, session, **extra) -> dict:
    forum = session.forum
    can_manage = can_manage_forum.test(request.user, forum)
    confirmed, waiting = selectors.session_counts(session=session)
    signup = selectors.signup_of(session=session, user=request.user)
    if signup is not None and signup.status == SignUpStatus.CANCELLED:
        signup = None
    attendees, waiters = selectors.signups_for_host(session=session) if can_manage else (None, None)
    log = SessionLog.objects.filter(session=session).select_related("author").first()
    return {
        "session": session,
        "forum": forum,
        "confirmed": confirmed,
        "waiting": waiting,
        "free": max(session.capacity - confirmed, 0),
        "signup": signup,
        "position": selectors.waiting_position(signup=signup)
        if signup is not None and signup.status == SignUpStatus.WAITING
        else None,
        "is_open": not session.is_cancelled and session.ends_at > timezone.now(),
        "attendees": attendees,
        "waiters": waiters,
        "log": log,
        "can_manage": can_manage,
        **extra,
    }


@access(can_view_learning, label="signed in")
def session_detail(request, pk: int):
    session = selectors.session_get_for_user(user=request.user, pk=pk)
    return render(request, "learning/session_detail.html", _session_context(request, session))


@access(can_view_learning, label="signed in")
def session_edit(request, pk: int):
    session = selectors.session_get_for_user(user=request.user, pk=pk)
    _require(can_manage_forum, request.user, session.forum)
    form = SessionForm(request.POST or None, instance=session)
    if done := submit(
        request,
        form,
        services.session_update,
        session=session,
        success=_("The session has been saved."),
        to=session,
    ):
        return done
    return render(
        request, "learning/session_form.html", {"form": form, "forum": session.forum, "session": session}
    )


@access(can_view_learning, label="signed in")
@require_POST
def session_signup(request, pk: int):
    session = selectors.session_get_for_user(user=request.user, pk=pk)
    try:
        signup = services.signup_create(session=session, actor=request.user)
    except ValidationError as exc:
        messages.error(request, _first_error(exc))
    else:
        if signup.status == SignUpStatus.CONFIRMED:
            messages.success(request, _("You have a place at the session. Add it to your calendar."))
        else:
            messages.info(
                request,
                _(
                    "The session is full. You are on the waiting list and will get an e-mail if a place is free."
                ),
            )
    return redirect(session)


@access(can_view_learning, label="signed in")
@require_POST
def session_cancel(request, pk: int):
    session = selectors.session_get_for_user(user=request.user, pk=pk)
    if services.signup_cancel(session=session, actor=request.user) is not None:
        messages.success(request, _("Your place has been cancelled."))
    return redirect(session)


@access(can_view_learning, label="signed in")
def session_calendar(request, pk: int):
    session = selectors.session_get_for_user(user=request.user, pk=pk)
    forum = session.forum
    description = session.description
    if session.online_url:
        description = f"{description}\n\n{_('Online link')}: {session.online_url}".strip()
    text = calendar_file.calendar(
        calendar_file.Event(
            uid=f"learning-session-{session.pk}@kompas",
            starts_at=session.starts_at,
            ends_at=session.ends_at,
            summary=f"{session.title} – {forum.title}",
            description=description,
            location=session.place or session.online_url,
            url=request.build_absolute_uri(session.get_absolute_url()),
            stamp=session.updated_at,
            sequence=int(session.updated_at.timestamp()) % 2_000_000_000 if session.updated_at else 0,
            cancelled=session.is_cancelled,
        )
    )
    response = HttpResponse(text, content_type="text/calendar; charset=utf-8")
    return set_download_name(response, f"{file_slug(session.title)}.ics")


@access(can_view_learning, label="signed in")
def session_log(request, pk: int):
    session = selectors.session_get_for_user(user=request.user, pk=pk)
    _require(can_manage_forum, request.user, session.forum)
    log = SessionLog.objects.filter(session=session).first()
    form = SessionLogForm(request.POST or None, instance=log)
    if done := submit(
        request,
        form,
        services.session_log_write,
        session=session,
        success=_("The session log has been saved."),
        to=lambda _log: f"{session.get_absolute_url()}#log",
    ):
        return done
    return render(
        request, "learning/session_log_form.html", {"form": form, "session": session, "forum": session.forum}
    )


@access(can_view_learning, label="signed in")
def material_create(request, pk: int):
    forum = selectors.forum_get_for_user(user=request.user, pk=pk)
    _require(can_use_materials, request.user, forum)
    form = MaterialForm(request.POST or None, request.FILES or None, forum=forum)
    if done := submit(
        request,
        form,
        services.material_add,
        forum=forum,
        success=_("The material has been shared with the forum."),
        to=lambda _material: f"{forum.get_absolute_url()}#materials",
    ):
        return done
    return render(request, "learning/material_form.html", {"form": form, "forum": forum})


@access(can_view_learning, label="signed in")
def material_download(request, pk: int):
    material = selectors.material_get_for_user(user=request.user, pk=pk)
    response = FileResponse(material.file.open("rb"), as_attachment=True, filename=material.name)
    return set_download_name(response, material.name)
