from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kompas.core.access import access, public
from kompas.core.forms import submit
from kompas.core.page_cache import cache_anonymous_page
from kompas.core.roles import is_programme_staff

from . import selectors, services
from .forms import CityGoalForm, VisionForm
from .models import Vision


@public
@cache_anonymous_page()
def city_goal_list(request):
    return render(
        request,
        "citygoals/citygoal_list.html",
        {"vision": selectors.vision(), "city_goals": selectors.city_goals()},
    )


@public
@cache_anonymous_page()
def city_goal_detail(request, slug: str):
    goal = selectors.city_goal_get(slug=slug)
    return render(request, "citygoals/citygoal_detail.html", {"goal": goal})


@access(is_programme_staff, label="programme")
def city_goal_manage(request):
    return render(
        request,
        "citygoals/citygoal_manage.html",
        {"vision": selectors.vision(), "city_goals": selectors.city_goals(include_inactive=True)},
    )


@access(is_programme_staff, label="programme")
def city_goal_create(request):
    form = CityGoalForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        goal = services.city_goal_create(
            title=form.cleaned_data["title"],
            description=form.cleaned_data["description"],
            is_active=form.cleaned_data["is_active"],
            actor=request.user,
        )
        messages.success(request, _("The city goal “%(title)s” has been created.") % {"title": goal.title})
        return redirect("citygoals:manage")
    return render(request, "citygoals/citygoal_form.html", {"form": form, "goal": None})


@access(is_programme_staff, label="programme")
def city_goal_edit(request, pk: int):
    goal = selectors.city_goal_get_by_pk(pk=pk)
    form = CityGoalForm(request.POST or None, instance=goal)
    saved = _("The city goal has been saved.")
    if done := submit(
        request, form, services.city_goal_update, goal=goal, success=saved, to="citygoals:manage"
    ):
        return done
    return render(request, "citygoals/citygoal_form.html", {"form": form, "goal": goal})


@access(is_programme_staff, label="programme")
@require_POST
def city_goal_move(request, pk: int):
    goal = selectors.city_goal_get_by_pk(pk=pk)
    direction = 1 if request.POST.get("direction") == "down" else -1
    services.city_goal_move(goal=goal, direction=direction, actor=request.user)
    return redirect("citygoals:manage")


@access(is_programme_staff, label="programme")
def vision_edit(request):
    vision = selectors.vision() or Vision()
    form = VisionForm(request.POST or None, instance=vision)
    saved = _("The vision has been saved.")
    if done := submit(
        request, form, services.vision_update, vision=vision, success=saved, to="citygoals:manage"
    ):
        return done
    return render(request, "citygoals/vision_form.html", {"form": form, "vision": vision})
