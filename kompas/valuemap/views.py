import json

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from kompas.citygoals.models import CityGoal
from kompas.core import versions
from kompas.core.access import access, public
from kompas.core.csv_export import csv_response
from kompas.core.downloads import set_download_name
from kompas.core.fragments import cached_html
from kompas.core.page_cache import cache_anonymous_page, cache_reader_page, request_version
from kompas.core.roles import is_programme_staff, is_staff_member

from . import open_data, parts, selectors, services
from .forms import PublishForm, ValueMapFilterForm
from .models import Snapshot


def _source(live: bool, snapshot, version: int | None = None) -> str:
    """What a value-map fragment is built from: the live data at its current version, or one snapshot."""
    if version is None:
        version = versions.current("content")  # city goal texts and names appear on published pages too
    return f"live:{version}" if live else f"snapshot:{snapshot.pk if snapshot else 0}:{version}"


def _state(request) -> tuple[int, Snapshot | None, dict[int, CityGoal]]:
    """The content version, the current snapshot and the active city goals: read once per request (the page
    cache asks for the source first), kept in the process under the content version the request read first
    (``selectors.current_state``)."""
    known = getattr(request, "_valuemap_state", None)
    if known is None:
        known = request._valuemap_state = selectors.current_state(request_version(request, "content"))
    return known


def _published_source(request) -> str:
    version, snapshot, _city_goals = _state(request)
    return _source(False, snapshot, version)


def _wants_live(request) -> bool:
    """Staff see the live data unless they ask for the published version; everyone else sees the published."""
    return is_staff_member.test(request.user) and request.GET.get("view") != "published"


@public
@cache_anonymous_page(_published_source)
@cache_reader_page(_published_source)
def overview(request):
    version, snapshot, _city_goals = _state(request)
    live = _wants_live(request)
    is_staff = is_staff_member.test(request.user)

    def build() -> str:
        data = (
            selectors.overview_live()
            if live
            else selectors.overview_published(snapshot)
            if snapshot
            else None
        )
        context = {"data": data, "live": live, "snapshot": snapshot, "is_staff": is_staff}
        return render_to_string("valuemap/partials/overview_content.html", context, request)

    content = cached_html(
        name="valuemap-overview", parts=(_source(live, snapshot, version), is_staff), build=build
    )
    return render(
        request,
        "valuemap/overview.html",
        {"content": content, "live": live, "snapshot": snapshot, "is_staff": is_staff},
    )


@public
@cache_anonymous_page(_published_source)
@cache_reader_page(_published_source)
def city_goal(request, pk: int):
    version, snapshot, city_goals = _state(request)
    goal = city_goals.get(pk)
    if goal is None:
        raise Http404
    # Without a query the form is only needed to build the cached fragment (it reads the departments and units).
    form = ValueMapFilterForm(request.GET) if request.GET else None
    cleaned = form.cleaned_data if form is not None and form.is_valid() else {}
    filters = selectors.Filters(
        department=cleaned["department"].pk if cleaned.get("department") else None,
        unit=cleaned["unit"].pk if cleaned.get("unit") else None,
    )
    live = _wants_live(request)
    is_staff = is_staff_member.test(request.user)
    page_number = request.GET.get("page")

    def build() -> str:
        if live:
            data = selectors.citygoal_live(
                city_goal=goal, filters=filters, page_number=page_number, today=timezone.localdate()
            )
            data["page"].object_list = parts.goal_cards(data["page"].object_list)
        elif snapshot:
            data = selectors.citygoal_published(
                snapshot=snapshot, city_goal=goal, filters=filters, page_number=page_number
            )
            data["page"].object_list = parts.goal_cards(data["page"].object_list)
        else:
            data = None
        context = {
            "city_goal": goal,
            "data": data,
            "live": live,
            "snapshot": snapshot,
            "form": parts.filter_form(form if form is not None else ValueMapFilterForm(None)),
            "is_staff": is_staff,
        }
        # The heading and the view switch are built from what the key holds too (the goal's version, the view).
        return render_to_string("valuemap/partials/citygoal_head.html", context, request) + render_to_string(
            "valuemap/partials/citygoal_content.html", context, request
        )

    content = parts.kept_page(
        name="valuemap-citygoal-page",  # with the heading and the view switch (was "valuemap-citygoal")
        parts=(
            _source(live, snapshot, version),
            goal.pk,
            goal.updated_at,
            is_staff,
            sorted(request.GET.lists()),
            timezone.localdate() if live else "",
        ),
        build=build,
    )
    return parts.page_response(
        request,
        "valuemap/citygoal.html",
        {"city_goal": goal, "live": live, "snapshot": snapshot, "is_staff": is_staff},
        content,
    )


@public
@cache_anonymous_page(_published_source)
@cache_reader_page(_published_source)
def published_goal(request, goal_id: int):
    _version, snapshot, _city_goals = _state(request)
    if snapshot is None:
        raise Http404
    title = selectors.published_goal_title(snapshot=snapshot, goal_id=goal_id)
    if title is None:
        raise Http404

    def build() -> str:
        found = selectors.published_goal(snapshot=snapshot, goal_id=goal_id)
        if found is None:  # gone between the title and the page: as if it never was
            raise Http404
        goal, card, evidence = found
        return render_to_string(
            "valuemap/partials/goal_content.html",
            {"goal": goal, "card": card, "evidence": evidence, "snapshot": snapshot},
            request,
        )

    content = cached_html(name="valuemap-goal", parts=(snapshot.pk, goal_id), build=build)
    return render(request, "valuemap/goal.html", {"title": title, "content": content})


@access(is_programme_staff, label="programme")
def publish(request):
    form = PublishForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        snapshot = services.snapshot_request(actor=request.user, note=form.cleaned_data["note"])
        snapshot.refresh_from_db()
        if snapshot.state == "ready":
            messages.success(request, _("The value map has been published."))
        else:
            messages.info(request, _("The value map is being published. Refresh the page in a moment."))
        return redirect("valuemap:publish")
    snapshots = Snapshot.objects.select_related("published_by").order_by("-created_at")[:20]
    return render(request, "valuemap/publish.html", {"form": form, "snapshots": snapshots})


@public
def download(request, dataset: str, fmt: str):
    snapshot = selectors.current_snapshot()
    if snapshot is None or dataset not in open_data.DATASETS or fmt not in ("csv", "json"):
        raise Http404
    columns, rows = open_data.DATASETS[dataset](snapshot)
    filename = f"kompas-{dataset}-{snapshot.published_at:%Y%m%d}.{fmt}"
    if fmt == "json":
        payload = {
            "published_at": snapshot.published_at.isoformat() if snapshot.published_at else None,
            "licence": open_data.LICENCE,
            "columns": columns,
            "rows": [dict(zip(columns, row, strict=True)) for row in rows],
        }
        response = HttpResponse(
            json.dumps(payload, ensure_ascii=False, default=str),
            content_type="application/json; charset=utf-8",
        )
    else:
        return csv_response(rows, header=columns, filename=filename, streaming=True)
    set_download_name(response, filename)
    return response
