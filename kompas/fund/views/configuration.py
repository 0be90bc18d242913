"""The fund's settings: pools, themes, criteria and rounds."""

from typing import Any

from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext as _

from kompas.core.access import access
from kompas.core.forms import submit

from .. import selectors, services
from ..forms import (
    CONFIG_FORMS,
)
from ..models import (
    Criterion,
    DirectorsGroupMember,
    Fund,
    Pool,
    Round,
    Theme,
)
from ..object_access import config_get_for_user
from ..permissions import (
    can_manage_fund,
)
from .base import _fund_or_404


@access(can_manage_fund, label="programme")
def settings_view(request):
    fund = selectors.current_fund()
    context = {"fund": fund}
    if fund:
        context.update(selectors.fund_overview(fund))
        context["criteria"] = list(fund.criteria.all())
        context["themes"] = list(fund.themes.all())
        context["directors"] = list(fund.directors.select_related("user"))
    return render(request, "fund/settings.html", context)


CONFIG_MODELS: dict[str, type[Any]] = {
    "fund": Fund,
    "pool": Pool,
    "theme": Theme,
    "criterion": Criterion,
    "round": Round,
    "director": DirectorsGroupMember,
}


# Each setting's service and the name it takes its object under; the form's fields are its other arguments.
CONFIG_SERVICES: dict[str, tuple[Any, str]] = {
    "fund": (services.fund_save, "fund"),
    "director": (services.director_save, "member"),
    "pool": (services.pool_save, "pool"),
    "theme": (services.theme_save, "theme"),
    "criterion": (services.criterion_save, "criterion"),
    "round": (services.round_save, "round"),
}


def _config(request, kind: str, instance):
    if kind not in CONFIG_FORMS:
        raise Http404
    form = CONFIG_FORMS[kind](request.POST or None, instance=instance)
    if kind == "round":
        form.fields["pool"].queryset = Pool.objects.filter(fund=selectors.current_fund())
    if request.method == "POST" and instance.pk is None and kind != "fund":
        instance.fund = _fund_or_404()
    service, name = CONFIG_SERVICES[kind]
    if done := submit(request, form, service, success=_("Saved."), to="fund:settings", **{name: instance}):
        return done
    return render(request, "fund/config_form.html", {"form": form, "kind": kind, "instance": instance})


@access(can_manage_fund, label="programme")
def config_new(request, kind: str):
    if kind not in CONFIG_MODELS:
        raise Http404
    return _config(request, kind, CONFIG_MODELS[kind]())


@access(can_manage_fund, label="programme")
def config_edit(request, kind: str, pk: int):
    if kind not in CONFIG_MODELS:
        raise Http404
    found = config_get_for_user(request.user, CONFIG_MODELS[kind], pk)
    if found is None:
        raise Http404
    return _config(request, kind, found)
