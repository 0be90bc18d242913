import copy
import functools
from types import SimpleNamespace
from typing import Any, cast

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.cache import cache
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.middleware.csrf import get_token
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import get_script_prefix, reverse
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language, gettext_lazy, ngettext
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kompas.core import formats, ratelimit, versions
from kompas.core.access import access, public
from kompas.core.csv_export import csv_response
from kompas.core.downloads import set_download_name
from kompas.core.forms import submit
from kompas.core.page_cache import cache_anonymous_page, cache_reader_page, request_versions
from kompas.core.recent import Recent
from kompas.core.roles import is_staff_member
from kompas.core.validators import cpr_lines_error, line_list

from . import selectors, services, vote_render
from .choices import ForumStatus, StatementStatus
from .forms import (
    AssistForm,
    ForumForm,
    JoinForm,
    OutcomeForm,
    PolisImportForm,
    StandpointForm,
    StatementForm,
    VoteForm,
)
from .marked import fill, marks
from .models import OpinionMap, Statement
from .permissions import can_assist, can_create_forum, can_facilitate, can_take_part
from .polis_data import PolisFormatError, PolisProblem
from .templatetags.dialogues_tags import type_legend_items

TOKEN_COOKIE = "kompas_forum_{pk}"
TOKEN_MAX_AGE = 60 * 60 * 24 * 365


def _token(request, forum) -> str:
    return request.COOKIES.get(TOKEN_COOKIE.format(pk=forum.pk), "")


def _require(rule, user, forum) -> None:
    if not rule.test(user, forum):
        raise Http404


def _list_source(request) -> str:
    """The list shows counts of participants, which change without a content change (joining records nothing)."""
    return ":".join(str(v) for v in versions.current_many("content", "dialogues"))


@public
@cache_anonymous_page(_list_source)
def forum_list(request):
    page = Paginator(selectors.forums_for(user=request.user), 20).get_page(request.GET.get("page"))
    return render(
        request,
        "dialogues/forum_list.html",
        {"page": page, "can_create": can_create_forum.test(request.user)},
    )


@access(can_create_forum, label="leaders")
def forum_create(request):
    form = ForumForm(request.POST or None)
    created = _("The forum has been created as a draft. Open it when you are ready.")
    if done := submit(request, form, services.forum_create, success=created):
        return done
    return render(request, "dialogues/forum_form.html", {"form": form, "forum": None})


@public
def forum_detail(request, pk: int):
    forum = selectors.forum_get_for_user(user=request.user, pk=pk)
    participant = selectors.participant_for(forum=forum, user=request.user, raw_token=_token(request, forum))
    opinion_map = selectors.latest_map(forum=forum)
    return render(
        request,
        "dialogues/forum_detail.html",
        {
            "forum": forum,
            "participant": participant,
            "can_take_part": can_take_part.test(request.user, forum),
            "can_facilitate": can_facilitate.test(request.user, forum),
            "needs_login": not request.user.is_authenticated and not forum.allow_anonymous,
            "opinion_map": opinion_map,
            "standpoints": forum.standpoints.all(),
            "pending": forum.statements.filter(status=StatementStatus.PENDING).count(),
            "join_form": JoinForm(user=request.user),
            "transitions": _transitions(forum),
        },
    )


def _transitions(forum) -> list[tuple[str, str]]:
    from .choices import TRANSITIONS

    labels = {
        ForumStatus.OPEN: _("Open the forum"),
        ForumStatus.CLOSED: _("Close the forum"),
        ForumStatus.REPORTED: _("Mark as reported"),
    }
    return [(to, labels[to]) for to in sorted(TRANSITIONS[ForumStatus(forum.status)])]


@public
def forum_edit(request, pk: int):
    forum = selectors.forum_get_for_user(user=request.user, pk=pk)
    _require(can_facilitate, request.user, forum)
    form = ForumForm(request.POST or None, instance=forum)
    saved = _("The forum has been saved.")
    if done := submit(request, form, services.forum_update, forum=forum, success=saved, to=forum):
        return done
    return render(request, "dialogues/forum_form.html", {"form": form, "forum": forum})


@public
@require_POST
def forum_transition(request, pk: int):
    forum = selectors.forum_get_for_user(user=request.user, pk=pk)
    _require(can_facilitate, request.user, forum)
    try:
        services.forum_transition(forum=forum, to=request.POST.get("to", ""), actor=request.user)
        messages.success(request, _("The forum's status has been changed."))
    except (services.TransitionNotAllowed, ValueError):
        messages.error(request, _("The forum cannot go to that status from where it is."))
    return redirect(forum)


@public
def join(request, pk: int):
    forum = selectors.forum_get_for_user(user=request.user, pk=pk)
    _require(can_take_part, request.user, forum)
    if not request.user.is_authenticated and not forum.allow_anonymous:
        return redirect_to_login(request.get_full_path())
    form = JoinForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        raw = _token(request, forum) or services.new_participant_token()
        try:
            services.participant_join(
                forum=forum,
                user=request.user,
                raw_token=raw,
                stakeholder_type=form.cleaned_data["stakeholder_type"],
                client_address=ratelimit.client_address(request),
            )
        except services.RateLimited as exc:
            form.add_error(None, JoinForm.limited_message)
            response = render(request, "dialogues/join.html", {"forum": forum, "form": form}, status=429)
            response["Retry-After"] = str(exc.retry_after)
            return response
        response = redirect("dialogues:vote", pk=forum.pk)
        if not request.user.is_authenticated:
            response.set_cookie(
                TOKEN_COOKIE.format(pk=forum.pk),
                raw,
                max_age=TOKEN_MAX_AGE,
                httponly=True,
                samesite="Lax",
                secure=request.is_secure(),
            )
        return response
    return render(request, "dialogues/join.html", {"forum": forum, "form": form})


def _taking_part(request, pk: int, *, statement_id: int | None = None):
    """The forum and the user's place in it (with ``statement_open`` when ``statement_id`` is given: one query);
    without a place yet, the way to one instead: log in first where the forum asks for it, then join."""
    participant = selectors.participant_in_forum(
        forum_id=pk,
        user=request.user,
        raw_token=request.COOKIES.get(TOKEN_COOKIE.format(pk=pk), ""),
        statement_id=statement_id,
    )
    if participant is not None:
        _require(can_take_part, request.user, participant.forum)
        return participant.forum, participant, None
    return _way_in(request, pk)


def _way_in(request, pk: int):
    """For a user without a place in forum ``pk``: the forum and the way to a place (``_taking_part``)."""
    forum = selectors.forum_get_for_user(user=request.user, pk=pk)
    _require(can_take_part, request.user, forum)
    if not request.user.is_authenticated and not forum.allow_anonymous:
        return forum, None, redirect_to_login(request.get_full_path())
    return forum, None, redirect("dialogues:join", pk=forum.pk)


@public
def vote(request, pk: int):
    """One statement at a time: agree, disagree or pass. Works with htmx (partial swap) and without JavaScript."""
    if request.method != "POST":
        return _vote_page(request, pk)
    form = VoteForm(request.POST)
    statement_id = form.cleaned_data["statement"] if form.is_valid() else None
    forum, participant, to_join = _taking_part(request, pk, statement_id=statement_id)
    if to_join:
        return to_join
    error = ""
    if form is not None and statement_id is None:
        error = _("The vote could not be read. Try again.")
    elif form is not None and not getattr(participant, "statement_open", False):
        error = _("That statement is no longer open for votes.")
    elif form is not None:
        try:
            services.vote_cast(
                participant=participant,
                # published in this forum: checked with the participant
                statement=Statement(pk=statement_id, forum_id=forum.pk, status=StatementStatus.APPROVED),
                value=form.cleaned_data["value"],
                key=form.cleaned_data["key"],
            )
        except services.RateLimited:
            error = _("You are voting very fast. Take a breath and try again in a minute.")
        except services.KeyReused:
            error = _("The vote was sent twice from an old page. Reload the page and vote again.")
        else:
            if not request.htmx:
                return redirect("dialogues:vote", pk=forum.pk)
    statement, done, total = selectors.vote_card(participant=participant)
    return _vote_render(request, forum, participant, statement, done, total, error=error)


def _vote_page(request, pk: int):
    """The vote page as a participant opens it: their place, the forum, the next statement and their progress
    in one query (``selectors.vote_page``)."""
    found = selectors.vote_page(
        forum_id=pk, user=request.user, raw_token=request.COOKIES.get(TOKEN_COOKIE.format(pk=pk), "")
    )
    if found is None:
        return _way_in(request, pk)[2]
    participant, statement, done, total = found
    _require(can_take_part, request.user, participant.forum)
    return _vote_render(request, participant.forum, participant, statement, done, total)


def _vote_render(request, forum, participant, statement, done: int, total: int, *, error: str = ""):
    """The vote page, or with htmx its card alone, from templates rendered once per variant (``vote_render``)."""
    status = 400 if error else 200
    filled = functools.partial(
        vote_render.render,
        forum=forum,
        paths=forum_paths(forum.pk),
        statement=statement,
        progress=_progress(get_language() or "", done, total),
        key=VoteForm.new_key(),
        csrf_token=get_token(request),
        error=error,
    )
    if request.htmx:
        return HttpResponse(filled(vote_render.CARD), status=status)
    context = {"forum": forum, "participant": participant, "body": filled(vote_render.BODY)}
    return render(request, "dialogues/vote.html", context, status=status)


@functools.lru_cache(maxsize=4096)
def _progress(language: str, done: int, total: int) -> SafeString:
    """The progress sentence ("You have voted on 3 of 25 statements.") in ``language`` (the active one): the
    same for everyone with these numbers, so written once per process."""
    counts = {"voted": formats.number(done), "shown": formats.number(total)}
    text = ngettext(
        "You have voted on %(voted)s of %(shown)s statement.",
        "You have voted on %(voted)s of %(shown)s statements.",
        total,
    ) % {name: conditional_escape(value) for name, value in counts.items()}
    return mark_safe(text)  # noqa: S308 - as {% blocktranslate %}: our translation, the numbers escaped


def forum_paths(pk: int) -> dict[str, str]:
    """The addresses of forum ``pk``'s pages that the vote and map pages link to, made once per process."""
    return _forum_paths(get_script_prefix(), pk)


@functools.lru_cache(maxsize=1024)
def _forum_paths(prefix: str, pk: int) -> dict[str, str]:
    names = {
        "detail": "detail",
        "vote": "vote",
        "submit": "submit",
        "map": "map",
        "recompute": "map-recompute",
    }
    return {key: reverse(f"dialogues:{name}", args=[pk]) for key, name in names.items()}


@public
def submit_statement(request, pk: int):
    forum, participant, to_join = _taking_part(request, pk)
    if to_join:
        return to_join
    if not forum.participants_may_submit:
        raise Http404
    form = StatementForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            statement = services.statement_submit(participant=participant, text=form.cleaned_data["text"])
        except services.RateLimited:
            form.add_error(
                "text", _("You have submitted many statements in a short time. Try again in an hour.")
            )
        else:
            if statement.near_duplicate_of_id:
                messages.info(
                    request,
                    _(
                        "Thank you. Your statement looks much like one that is already there, "
                        "so a facilitator will look at it first."
                    ),
                )
            elif statement.status == StatementStatus.PENDING:
                messages.success(
                    request, _("Thank you. Your statement is published when a facilitator has read it.")
                )
            else:
                messages.success(request, _("Thank you. Your statement is published."))
            return redirect("dialogues:vote", pk=forum.pk)
    return render(request, "dialogues/statement_form.html", {"forum": forum, "form": form})


@public
def standpoint(request, pk: int):
    forum, participant, to_join = _taking_part(request, pk)
    if to_join:
        return to_join
    current_round = 1 + participant.standpoints.count() if request.method == "POST" else None
    form = StandpointForm(request.POST or None, forum=forum)
    if request.method == "POST" and form.is_valid():
        services.standpoint_take(
            participant=participant,
            standpoint=form.cleaned_data["standpoint"],
            round_number=cast(int, current_round),
        )
        messages.success(request, _("Your standpoint has been recorded."))
        return redirect(forum)
    history = participant.standpoints.select_related("standpoint").order_by("round")
    return render(
        request, "dialogues/standpoint_form.html", {"forum": forum, "form": form, "history": history}
    )


@public
def moderation(request, pk: int):
    forum = selectors.forum_get_for_user(user=request.user, pk=pk)
    _require(can_facilitate, request.user, forum)
    if request.method == "POST":
        statement = get_object_or_404(Statement, pk=request.POST.get("statement"), forum=forum)
        services.statement_moderate(
            statement=statement, approve=request.POST.get("decision") == "approve", actor=request.user
        )
        messages.success(request, _("The statement has been moderated."))
        return redirect("dialogues:moderation", pk=forum.pk)
    queue = (
        forum.statements.filter(status=StatementStatus.PENDING)
        .select_related("near_duplicate_of")
        .order_by("id")
    )
    published = forum.statements.filter(status=StatementStatus.APPROVED, is_seed=False).order_by("-id")[:50]
    return render(
        request, "dialogues/moderation.html", {"forum": forum, "queue": queue, "published": published}
    )


@access(is_staff_member, label="staff (assisted participation)")
def assist(request, pk: int):
    """A member of staff enters a citizen's votes and statement on their behalf (seed 004, spor 4)."""
    forum = selectors.forum_get_for_user(user=request.user, pk=pk)
    _require(can_assist, request.user, forum)
    statements = forum.statements.filter(status=StatementStatus.APPROVED).order_by("id")
    form = AssistForm(request.POST or None, statements=statements, initial={"key": VoteForm.new_key()})
    if done := submit(
        request,
        form,
        services.assisted_participation_record,
        forum=forum,
        success=_("The citizen's answers have been saved, marked as assisted."),
        to=lambda _participant: reverse("dialogues:assist", kwargs={"pk": forum.pk}),
    ):
        return done
    return render(request, "dialogues/assist.html", {"forum": forum, "form": form})


def _map_source(request) -> str:
    """The map page shows the forum (the content version) and its maps: a map asked for, computed or failed
    bumps the forum's map version (``services.MAP_VERSION``). Both are kept on the request for the view."""
    found = _map_versions(request)
    return ":".join(str(v) for v in found)


def _map_version_keys(request) -> tuple[str, str]:
    return "content", services.MAP_VERSION.format(pk=request.resolver_match.kwargs["pk"])


def _map_versions(request) -> tuple[int, int]:
    """The content version and the forum's map version, read once per request (before the data): for a signed-in
    reader in the same cache round trip as the reader's page cache reads its versions (``also``)."""
    content, forum_map = request_versions(request, *_map_version_keys(request))
    return content, forum_map


def _without_forum_token(request) -> bool:
    """An anonymous participant's browser holds a token for the forum: their page marks their own place."""
    return TOKEN_COOKIE.format(pk=request.resolver_match.kwargs["pk"]) not in request.COOKIES


# The newest map of a forum by its map version, and one computed map's rendered parts: the same for everyone
# who may see the forum, kept in the process in front of the shared cache (``recent``).
_LATEST_MAPS: Recent[tuple[OpinionMap | None, bool]] = Recent(64)
_PARTS: Recent[dict[str, Any]] = Recent(16)


def _latest_map(forum, map_version: int) -> tuple[OpinionMap | None, bool]:
    """``selectors.latest_map`` and whether a new map is being computed, kept until the forum's map version
    (read before) moves: asking for, computing or failing a map bumps it (``services.MAP_VERSION``), so the
    newest map and whether one is being computed show at once."""
    key = f"kompas:map-latest:2:{forum.pk}:{map_version}"  # 2: with whether one is computing

    def shared() -> tuple[OpinionMap | None, bool]:
        found = cache.get(key)
        if found is None:
            latest = selectors.latest_map(forum=forum)
            # "no map yet" is kept too
            found = (latest, selectors.map_is_computing(forum=forum, latest=latest))
            cache.set(key, found, selectors.MAP_VIEW_TIMEOUT)
        return found

    latest, computing = _LATEST_MAPS.get(key, shared)
    # A copy: a caller that loads the map's deferred result does not keep it in the process.
    return (copy.copy(latest) if latest is not None else None), computing


_MAP_HTML_PARTS = ("head_html", "points_html", "legend_html", "groups_html", "figure_html")


def _map_parts(opinion_map, *, has_assisted: bool, without_assisted: bool, overlay: str) -> dict:
    """The parts of the map page that are the same for everyone who sees this computed map – its counts and
    tabs, the drawn points, the legend and the groups, consensus, spread and agreement tables – rendered once
    per map, language, overlay and input (a computed map never changes; a new computation is a new map)."""
    key = ":".join(
        [
            "kompas:map-page-parts:4",  # a new name whenever the parts change
            selectors.map_stamp(opinion_map),
            get_language() or "",
            "a" if without_assisted else "",
            overlay,
        ]
    )

    def shared() -> dict[str, Any]:
        parts = cache.get(key)
        if parts is None:
            parts = _render_map_parts(
                opinion_map, has_assisted=has_assisted, without_assisted=without_assisted, overlay=overlay
            )
            cache.set(key, parts, selectors.MAP_VIEW_TIMEOUT)
        return {
            "point_count": parts["point_count"],
            **{name: mark_safe(parts[name]) for name in _MAP_HTML_PARTS},  # noqa: S308 - our own templates
        }

    return _PARTS.get(key, shared)


def _render_map_parts(opinion_map, *, has_assisted: bool, without_assisted: bool, overlay: str) -> dict:
    view = selectors.map_view_cached(opinion_map=opinion_map, without_assisted=without_assisted)
    shown = {
        "opinion_map": opinion_map,
        "has_assisted": has_assisted,
        "without_assisted": without_assisted,
        "overlay": overlay,
        "group_numbers": view["group_numbers"],
        "type_legend": type_legend_items() if overlay == "type" else [],
    }
    parts = {
        "head_html": render_to_string("dialogues/partials/map_head.html", shown),
        "points_html": render_to_string(
            "dialogues/partials/map_points.html", {"points": view["points"], "overlay": overlay}
        ),
        "legend_html": render_to_string("dialogues/partials/map_legend.html", shown),
        "point_count": len(view["points"]),
        "groups_html": render_to_string("dialogues/partials/map_groups.html", view),
    }
    # The drawing as everyone sees it who has no place of their own on the map (staff, visitors).
    parts["figure_html"] = render_to_string("dialogues/partials/map_figure.html", {**parts, "me": None})
    return parts


@public
@cache_anonymous_page(_map_source, when=_without_forum_token)
@cache_reader_page(_map_source, also=_map_version_keys)
def opinion_map(request, pk: int):
    content_version, map_version = _map_versions(request)
    forum = selectors.forum_get_for_user(user=request.user, pk=pk, content_version=content_version)
    latest, computing = _latest_map(forum, map_version)
    has_assisted = latest is not None and selectors.has_assisted_result(latest)
    without_assisted = has_assisted and request.GET.get("assisted") == "exclude"
    overlay = "type" if request.GET.get("overlay") == "type" else "groups"
    context = {
        "forum": forum,
        "paths": forum_paths(forum.pk),
        "opinion_map": latest,
        "computing": computing,
        "full_path": request.get_full_path() if computing else "",
        "can_facilitate": can_facilitate.test(request.user, forum),
        "me": None,
    }
    if context["can_facilitate"]:
        context["csrf_token"] = get_token(request)
    if latest is not None:
        context.update(
            _map_parts(latest, has_assisted=has_assisted, without_assisted=without_assisted, overlay=overlay)
        )
        participant = selectors.participant_for(
            forum=forum, user=request.user, raw_token=_token(request, forum)
        )
        context["me"] = selectors.map_place(
            opinion_map=latest, participant=participant, without_assisted=without_assisted
        )
    return render(request, "dialogues/map.html", {"forum": forum, "body": _map_body(context)})


_MAP_BODY = "dialogues/partials/map_body.html"
_MAP_MARKS = marks("title", "detail", "recompute", "full_path", "csrf", *_MAP_HTML_PARTS)


def _map_body(context: dict[str, Any]) -> SafeString:
    """The map page's content (``partials/map_body.html``). For a reader without a place of their own on the map
    (staff, visitors) it is the same markup for everyone but a few values: rendered once per variant with markers
    and filled in (``marked``); a participant's own place is drawn into it by the template."""
    if context["me"] is not None:
        return render_to_string(_MAP_BODY, context)
    html = _map_body_variant(
        get_language() or "",
        bool(context["computing"]),
        context["opinion_map"] is not None,
        bool(context["can_facilitate"]),
    )
    values = {
        "title": context["forum"].title,
        "detail": context["paths"]["detail"],
        "recompute": context["paths"]["recompute"],
        "full_path": context["full_path"],
        "csrf": context.get("csrf_token", ""),
        **{name: context.get(name, "") for name in _MAP_HTML_PARTS},
    }
    return fill(html, values)


@functools.lru_cache(maxsize=64)
def _map_body_variant(language: str, computing: bool, with_map: bool, may_recompute: bool) -> str:
    """``partials/map_body.html`` with markers; the arguments are the whole key (``language`` is the active one)."""
    context = {
        "forum": SimpleNamespace(title=_MAP_MARKS["title"]),
        "paths": {"detail": _MAP_MARKS["detail"], "recompute": _MAP_MARKS["recompute"]},
        "computing": computing,
        "full_path": _MAP_MARKS["full_path"],
        "opinion_map": with_map,
        "can_facilitate": may_recompute,
        "csrf_token": _MAP_MARKS["csrf"],
        "me": None,
        **{name: mark_safe(_MAP_MARKS[name]) for name in _MAP_HTML_PARTS},  # noqa: S308 - markers
    }
    return str(render_to_string(_MAP_BODY, context))


@public
@require_POST
def map_recompute(request, pk: int):
    forum = selectors.forum_get_for_user(user=request.user, pk=pk)
    _require(can_facilitate, request.user, forum)
    services.map_request(forum=forum, force=True)
    messages.info(request, _("The map is being computed again."))
    return redirect("dialogues:map", pk=forum.pk)


@public
def outcome(request, pk: int):
    forum = selectors.forum_get_for_user(user=request.user, pk=pk)
    _require(can_facilitate, request.user, forum)
    form = OutcomeForm(
        request.POST or None, initial={"outcome": forum.outcome, "goals": forum.outcome_goals.all()}
    )
    if request.method == "POST" and form.is_valid():
        services.outcome_record(
            forum=forum,
            outcome=form.cleaned_data["outcome"],
            goals=form.cleaned_data["goals"],
            actor=request.user,
        )
        messages.success(request, _("The outcome has been recorded."))
        return redirect("dialogues:report", pk=forum.pk)
    return render(request, "dialogues/outcome_form.html", {"forum": forum, "form": form})


@public
def report(request, pk: int):
    forum = selectors.forum_get_for_user(user=request.user, pk=pk)
    latest = selectors.latest_map(forum=forum)
    context = {"forum": forum, "opinion_map": latest, "goals": forum.outcome_goals.all()}
    if latest is not None:
        context.update(selectors.map_view_cached(opinion_map=latest))
    return render(request, "dialogues/report.html", context)


@public
def report_csv(request, pk: int):
    """Statements with agreement per group. No personal data."""
    forum = selectors.forum_get_for_user(user=request.user, pk=pk)
    latest = selectors.latest_map(forum=forum)
    data = selectors.map_view(opinion_map=latest) if latest else {"agreement_rows": [], "group_numbers": []}

    return csv_response(
        ([statement.pk, statement.text, *shares] for statement, shares in data["agreement_rows"]),
        header=["statement_id", "statement"]
        + [f"agree_pct_group_{chr(65 + g)}" for g in data["group_numbers"]],
        filename=f"dialogforum-{forum.pk}.csv",
        streaming=True,
    )


@public
def polis_export(request, pk: int):
    forum = selectors.forum_get_for_user(user=request.user, pk=pk)
    _require(can_facilitate, request.user, forum)
    response = HttpResponse(services.polis_export(forum), content_type="application/zip")
    set_download_name(response, f"polis-export-{forum.pk}.zip")
    return response


POLIS_PROBLEM_TEXTS = {
    "empty": gettext_lazy("%(file)s: The file is empty."),
    "not_csv": gettext_lazy("%(file)s: The file could not be read as CSV (line %(lines)s)."),
    "missing_columns": gettext_lazy("%(file)s: The first line must name the columns; missing: %(detail)s."),
    "bad_id": gettext_lazy("%(file)s: An id is not a whole number (line %(lines)s)."),
    "bad_number": gettext_lazy("%(file)s: The timestamp is not a number (line %(lines)s)."),
    "bad_vote": gettext_lazy("%(file)s: A vote must be 1, 0 or -1 (line %(lines)s)."),
    "bad_moderated": gettext_lazy("%(file)s: “moderated” must be 1, 0 or -1 (line %(lines)s)."),
    "duplicate": gettext_lazy("%(file)s: The same comment-id appears more than once (line %(lines)s)."),
    "unknown_statement": gettext_lazy(
        "%(file)s: A vote is on a comment that is not in comments.csv (line %(lines)s)."
    ),
    "too_many_rows": gettext_lazy("%(file)s: The file has more than %(detail)s rows."),
    "no_statements": gettext_lazy("%(file)s: The file holds no comments."),
}


def _polis_problem_text(problem: PolisProblem) -> str:
    if problem.code == "cpr":
        return f"{problem.file}: {cpr_lines_error(problem.lines)}"
    return str(POLIS_PROBLEM_TEXTS[problem.code]) % {
        "file": problem.file,
        "lines": line_list(problem.lines),
        "detail": problem.detail,
    }


@access(can_create_forum, label="leaders")
def polis_import(request):
    form = PolisImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            forum = services.polis_import(
                title=form.cleaned_data["title"],
                comments_csv=form.cleaned_data["comments"],
                votes_csv=form.cleaned_data["votes"],
                attribution=form.cleaned_data["attribution"],
                actor=request.user,
            )
        except PolisFormatError as exc:
            form.add_error(
                None, _("The files do not look like a Pol.is export (comments.csv and votes.csv).")
            )
            for problem in exc.problems:
                form.add_error(None, _polis_problem_text(problem))
        else:
            messages.success(request, _("The conversation has been imported as a closed forum."))
            return redirect(forum)
    return render(request, "dialogues/polis_import.html", {"form": form})
