"""The fund's settings: pools, themes, criteria and rounds."""

from typing import Any

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from kompas.core.access import access

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


def _config(request, kind: str, instance):
    if kind not in CONFIG_FORMS:
        raise Http404
    form = CONFIG_FORMS[kind](request.POST or None, instance=instance)
    if kind == "round":
        form.fields["pool"].queryset = Pool.objects.filter(fund=selectors.current_fund())
    if request.method == "POST" and form.is_valid():
        if instance.pk is None and kind != "fund":
            instance.fund = _fund_or_404()
        _config_write(kind, instance, request.user, form.cleaned_data)
        messages.success(request, _("Saved."))
        return redirect("fund:settings")
    return render(request, "fund/config_form.html", {"form": form, "kind": kind, "instance": instance})


def _config_write(kind: str, instance, actor, data) -> None:
    if kind == "fund":
        services.fund_save(
            fund=instance,
            actor=actor,
            name=data["name"],
            description=data["description"],
            is_active=data["is_active"],
            budget_year=data["budget_year"],
            total_amount=data["total_amount"],
            financing_rate=data["financing_rate"],
        )
    elif kind == "director":
        services.director_save(
            member=instance, actor=actor, user=data["user"], title=data["title"], is_active=data["is_active"]
        )
    elif kind == "pool":
        services.pool_save(
            pool=instance,
            actor=actor,
            name=data["name"],
            kind=data["kind"],
            annual_amount=data["annual_amount"],
            description=data["description"],
            order=data["order"],
            holder=data["holder"],
            first_year=data["first_year"],
            last_year=data["last_year"],
            evaluation=data["evaluation"],
        )
    elif kind == "theme":
        services.theme_save(
            theme=instance,
            actor=actor,
            name=data["name"],
            description=data["description"],
            order=data["order"],
            is_active=data["is_active"],
        )
    elif kind == "criterion":
        services.criterion_save(
            criterion=instance,
            actor=actor,
            name=data["name"],
            description=data["description"],
            is_main=data["is_main"],
            order=data["order"],
            is_active=data["is_active"],
        )
    else:
        services.round_save(
            round=instance,
            actor=actor,
            title=data["title"],
            pool=data["pool"],
            description=data["description"],
            opens_at=data["opens_at"],
            closes_at=data["closes_at"],
            sealed=data["sealed"],
            anonymise_applicants=data["anonymise_applicants"],
            answer_by=data["answer_by"],
            uses_advisory_board=data["uses_advisory_board"],
        )


@access(can_manage_fund, label="programme")
def config_new(request, kind: str):
    if kind not in CONFIG_MODELS:
        raise Http404
    return _config(request, kind, CONFIG_MODELS[kind]())


@access(can_manage_fund, label="programme")
def config_edit(request, kind: str, pk: int):
    if kind not in CONFIG_MODELS:
        raise Http404
    return _config(request, kind, get_object_or_404(CONFIG_MODELS[kind], pk=pk))
