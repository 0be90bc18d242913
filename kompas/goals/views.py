import hashlib
from typing import Any

from django.contrib import messages
from django.core.cache import cache
from django.core.paginator import Paginator
from django.db.models import prefetch_related_objects
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kompas.core.access import access
from kompas.core.forms import submit
from kompas.core.fragments import TIMEOUT as FRAGMENT_TIMEOUT
from kompas.core.fragments import cached_html
from kompas.core.page_cache import cache_reader_page, request_version
from kompas.core.recent import Recent

from . import selectors, services
from .forms import (
    DataPointForm,
    DataPointImportForm,
    EvidenceForm,
    FollowUpForm,
    GoalFilterForm,
    GoalForm,
    GoalPolicyForm,
    IndicatorForm,
    QuestionSetForm,
    ReflectionForm,
)
from .models import GoalPolicy, Indicator, ReflectionQuestionSet
from .permissions import can_contribute, can_create_goal, can_edit_goal, can_manage_questions, can_view_goals
from .schedule import is_due

ROW_ERROR_TEXTS = {
    "missing_header": gettext_lazy("The first row must name the columns 'dato' and 'værdi'."),
    "missing_date": gettext_lazy("The date is missing."),
    "bad_date": gettext_lazy("“%(detail)s” is not a date (use 2024-01-31 or 31-01-2024)."),
    "missing_value": gettext_lazy("The value is missing."),
    "bad_value": gettext_lazy("“%(detail)s” is not a number."),
    "duplicate_date": gettext_lazy("The date is already in line %(detail)s of the file."),
    "too_many_rows": gettext_lazy("The file has more than %(detail)s rows; the rest was not read."),
    "cpr": gettext_lazy("The line appears to contain a CPR number. Remove it and import the file again."),
    "not_csv": gettext_lazy("The file could not be read as CSV."),
}


def _require(rule, user, goal) -> None:
    if not rule.test(user, goal):
        raise Http404  # the same answer as for a goal that does not exist


@access(can_view_goals, label="staff")
@cache_reader_page()
def goal_list(request):
    form = GoalFilterForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    filters = selectors.GoalFilters(
        department=data["department"].pk if data.get("department") else None,
        city_goal=data["city_goal"].pk if data.get("city_goal") else None,
        status=data.get("status") or "",
        mine=bool(data.get("mine")),
        archived=bool(data.get("archived")),
        query=data.get("q") or "",
    )

    def build() -> str:
        goals = selectors.goals_for_list(user=request.user, filters=filters)
        page = Paginator(goals, 25).get_page(request.GET.get("page"))
        return render_to_string("goals/partials/list_content.html", {"page": page, "form": form}, request)

    content = cached_html(
        name="goals-list",
        parts=(
            request_version(request, "content"),  # as the request read it first (with the user's row)
            sorted(request.GET.lists()),
            request.user.pk if filters.mine else "",
        ),
        build=build,
    )
    return render(
        request,
        "goals/goal_list.html",
        {
            "content": content,
            "can_create": can_create_goal.test(request.user),
            "can_manage_questions": can_manage_questions.test(request.user),
        },
    )


@access(can_create_goal, label="leaders")
def goal_create(request):
    form = GoalForm(request.POST or None, user=request.user)
    created = _("The goal has been created. Add an indicator and a story to follow it up.")
    if done := submit(request, form, services.goal_create, success=created):
        return done
    return render(request, "goals/goal_form.html", {"form": form, "goal": None})


# The goal pages' parts read last in this process (a few kilobytes of HTML each), under their key, which names the
# content version and everything else they are built from: a kept one is never stale, and after a write it is not
# asked for.
_DETAILS: Recent[dict[str, str]] = Recent(32)


@access(can_view_goals, label="staff")
@cache_reader_page()
def goal_detail(request, pk: int):
    # Read before the goal (by the reader page cache, with the personal version), so a change after it means a
    # new key.
    version = request_version(request, "content")
    goal = selectors.goal_get_for_detail(user=request.user, pk=pk, version=version)
    today = timezone.localdate()
    follow_up_due = is_due(next_on=goal.next_follow_up_on, today=today)
    context: dict[str, Any] = {
        "follow_up_due": follow_up_due,
        "goal": goal,
        "can_edit": can_edit_goal.test(request.user, goal),
        "can_contribute": can_contribute.test(request.user, goal),
    }

    def build() -> dict[str, str]:
        # The facts (with the city goals and the co-creators), the open questions and the pivots are the same
        # for every reader of the goal; the records differ only in whether the reader may contribute.
        prefetch_related_objects([goal], "city_goals", "co_creators_staff", "co_creators_partners")
        # The page up to the reader's own parts (the managing links with their form, the backlinks) is drawn
        # here too: its links and texts are the same for every reader with the same key.
        records = selectors.goal_records(goal=goal, today=today)
        drawn = {
            "facts": render_to_string(
                "goals/partials/detail_facts.html", {"goal": goal, "follow_up_due": follow_up_due}
            ),
            "questions": render_to_string(
                "goals/partials/open_questions.html", selectors.goal_questions(goal=goal)
            ),
            "records": render_to_string(
                "goals/partials/detail_records.html",
                {**records, "goal": goal, "can_contribute": context["can_contribute"]},
            ),
            "lenses": render_to_string("goals/partials/lenses.html"),
        }
        main = {name: mark_safe(html) for name, html in drawn.items()}  # noqa: S308 - our own HTML
        return {
            "main": render_to_string(
                "goals/partials/detail_main.html",
                {**main, "goal": goal, "can_contribute": context["can_contribute"]},
            ),
            "history": render_to_string("goals/partials/detail_history.html", {"goal": goal}),
        }

    # One cache round trip for all of them, and kept in the process; the key holds everything they are built from.
    parts = (version, goal.pk, today, context["can_contribute"], get_language())
    key = "kompas:fragment:goal-detail-page:" + hashlib.sha256("|".join(map(str, parts)).encode()).hexdigest()

    def shared() -> dict[str, str]:
        found: dict[str, str] | None = cache.get(key)
        if found is None:
            found = build()
            cache.set(key, found, FRAGMENT_TIMEOUT)
        return found

    fragments = _DETAILS.get(key, shared)
    context.update({name: mark_safe(html) for name, html in fragments.items()})  # noqa: S308 - our own HTML
    return render(request, "goals/goal_detail.html", context)


@access(can_view_goals, label="staff")
def goal_edit(request, pk: int):
    goal = selectors.goal_get_for_user(user=request.user, pk=pk)
    _require(can_edit_goal, request.user, goal)
    form = GoalForm(request.POST or None, instance=goal, user=request.user)
    if done := submit(
        request, form, services.goal_update, goal=goal, success=_("The goal has been saved."), to=goal
    ):
        return done
    return render(request, "goals/goal_form.html", {"form": form, "goal": goal})


@access(can_view_goals, label="staff")
@require_POST
def goal_archive(request, pk: int):
    goal = selectors.goal_get_for_user(user=request.user, pk=pk)
    _require(can_edit_goal, request.user, goal)
    archive = request.POST.get("archive", "1") == "1"
    services.goal_archive(goal=goal, actor=request.user, archived=archive)
    messages.success(request, _("The goal has been archived.") if archive else _("The goal is active again."))
    return redirect(goal)


@access(can_view_goals, label="staff")
def indicator_create(request, pk: int):
    goal = selectors.goal_get_for_user(user=request.user, pk=pk)
    _require(can_contribute, request.user, goal)
    form = IndicatorForm(request.POST or None)
    added = _("The indicator has been added.")
    if done := submit(request, form, services.indicator_save, goal=goal, success=added, to=goal):
        return done
    return render(request, "goals/indicator_form.html", {"form": form, "goal": goal, "indicator": None})


def _indicator_for(request, pk: int) -> Indicator:
    indicator = get_object_or_404(Indicator.objects.select_related("goal"), pk=pk)
    goal = selectors.goal_get_for_user(user=request.user, pk=indicator.goal_id)
    _require(can_contribute, request.user, goal)
    indicator.goal = goal
    return indicator


@access(can_view_goals, label="staff")
def indicator_edit(request, pk: int):
    indicator = _indicator_for(request, pk)
    form = IndicatorForm(request.POST or None, instance=indicator)
    done = submit(
        request,
        form,
        services.indicator_save,
        goal=indicator.goal,
        indicator=indicator,
        success=_("The indicator has been saved."),
        to=indicator.goal,
    )
    if done:
        return done
    points = indicator.data_points.order_by("-on")
    return render(
        request,
        "goals/indicator_form.html",
        {
            "form": form,
            "goal": indicator.goal,
            "indicator": indicator,
            "points": points,
            "point_form": DataPointForm(),
            "import_form": DataPointImportForm(),
        },
    )


@access(can_view_goals, label="staff")
def data_point_add(request, pk: int):
    indicator = _indicator_for(request, pk)
    form = DataPointForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        _point, created = services.data_point_save(
            indicator=indicator, actor=request.user, **form.cleaned_data
        )
        messages.success(
            request,
            _("The value has been added.") if created else _("The value for that date has been replaced."),
        )
        return redirect("goals:indicator-edit", pk=indicator.pk)
    return render(
        request, "goals/data_point_form.html", {"form": form, "indicator": indicator, "goal": indicator.goal}
    )


@access(can_view_goals, label="staff")
def data_point_import(request, pk: int):
    indicator = _indicator_for(request, pk)
    form = DataPointImportForm(request.POST or None, request.FILES or None)
    report = None
    if request.method == "POST" and form.is_valid():
        report = services.data_points_import(
            indicator=indicator, text=form.cleaned_data["file"], actor=request.user
        )
    errors = (
        [(e.line, ROW_ERROR_TEXTS[e.code] % {"detail": e.detail}) for e in report.errors] if report else []
    )
    return render(
        request,
        "goals/data_point_import.html",
        {"form": form, "indicator": indicator, "goal": indicator.goal, "report": report, "errors": errors},
    )


@access(can_view_goals, label="staff")
def evidence_create(request, pk: int):
    goal = selectors.goal_get_for_user(user=request.user, pk=pk)
    _require(can_contribute, request.user, goal)
    form = EvidenceForm(request.POST or None, goal=goal, initial={"occurred_on": timezone.localdate()})
    added = _("The experience has been added.")
    if done := submit(request, form, services.evidence_add, goal=goal, success=added, to=goal):
        return done
    return render(request, "goals/evidence_form.html", {"form": form, "goal": goal})


@access(can_view_goals, label="staff")
def evidence_list(request, pk: int):
    goal = selectors.goal_get_for_user(user=request.user, pk=pk)
    page = Paginator(selectors.evidence_for(goal=goal), 25).get_page(request.GET.get("page"))
    return render(request, "goals/evidence_list.html", {"goal": goal, "page": page})


@access(can_view_goals, label="staff")
def follow_up_create(request, pk: int):
    goal = selectors.goal_get_for_user(user=request.user, pk=pk)
    _require(can_contribute, request.user, goal)
    form = FollowUpForm(
        request.POST or None,
        initial={
            "written_on": timezone.localdate(),
            "status": goal.status,
            "status_reason": goal.status_reason,
        },
    )
    saved = _("The follow-up has been saved. Thank you – it is now part of the learning log.")
    if done := submit(request, form, services.follow_up_write, goal=goal, success=saved, to=goal):
        return done
    context = selectors.goal_records(goal=goal, today=timezone.localdate())
    return render(request, "goals/follow_up_form.html", {"form": form, "goal": goal, **context})


@access(can_view_goals, label="staff")
def learning_log(request, pk: int):
    goal = selectors.goal_get_for_user(user=request.user, pk=pk)
    page = Paginator(selectors.learning_log(goal=goal), 20).get_page(request.GET.get("page"))
    return render(request, "goals/learning_log.html", {"goal": goal, "page": page})


@access(can_view_goals, label="staff")
def reflection(request, pk: int):
    goal = selectors.goal_get_for_user(user=request.user, pk=pk)
    _require(can_contribute, request.user, goal)
    question_set = ReflectionQuestionSet.objects.filter(is_current=True).first()
    questions = list(question_set.questions.all()) if question_set else []
    answers = {a.question_id: a.answer for a in goal.reflection_answers.all()}
    form = ReflectionForm(request.POST or None, questions=questions, answers=answers)
    if request.method == "POST" and form.is_valid():
        services.reflection_answers_save(goal=goal, answers=form.answers(), actor=request.user)
        messages.success(request, _("Your reflection has been saved."))
        return redirect(goal)
    return render(
        request, "goals/reflection_form.html", {"form": form, "goal": goal, "question_set": question_set}
    )


@access(can_manage_questions, label="programme")
def question_set_edit(request):
    current = ReflectionQuestionSet.objects.filter(is_current=True).prefetch_related("questions").first()
    initial = ""
    if current:
        initial = "\n".join(
            f"{q.text} | {q.help_text}" if q.help_text else q.text for q in current.questions.all()
        )
    form = QuestionSetForm(request.POST or None, initial={"questions": initial})
    policy_form = GoalPolicyForm(request.POST or None, instance=GoalPolicy.current(), prefix="policy")
    if request.method == "POST" and "policy-max_active_goals_per_unit" in request.POST:
        if policy_form.is_valid():
            services.policy_update(
                max_active_goals_per_unit=policy_form.cleaned_data["max_active_goals_per_unit"],
                actor=request.user,
            )
            messages.success(request, _("The settings have been saved."))
            return redirect("goals:questions")
        form = QuestionSetForm(initial={"questions": initial})
    elif request.method == "POST":
        policy_form = GoalPolicyForm(instance=GoalPolicy.current(), prefix="policy")
        if form.is_valid():
            new = services.question_set_publish(
                questions=form.cleaned_data["questions"], note=form.cleaned_data["note"], actor=request.user
            )
            messages.success(
                request,
                _("Version %(version)d of the questions has been published.") % {"version": new.version},
            )
            return redirect("goals:questions")
    versions = ReflectionQuestionSet.objects.order_by("-version")[:10]
    return render(
        request,
        "goals/question_set_form.html",
        {"form": form, "policy_form": policy_form, "current": current, "versions": versions},
    )
