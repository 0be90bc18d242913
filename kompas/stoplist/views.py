from typing import cast

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kompas.core.access import access, public
from kompas.core.page_cache import cache_anonymous_page
from kompas.core.paging import render_list
from kompas.core.roles import is_programme_staff
from kompas.goals.models import FollowUp
from kompas.goals.permissions import can_view_goals

from . import selectors, services
from .choices import STATUS_BADGES, FarewellStatus
from .forms import DecisionForm, FarewellFilterForm, FarewellProposalForm, PublicFilterForm
from .permissions import (
    can_decide,
    can_propose,
    can_see_proposer,
    can_view_farewells,
    led_department_ids,
    led_unit_ids,
)

# The goals app links here from a follow-up's "what will we stop doing" answer with this text.
FROM_FOLLOW_UP_LINK = gettext_lazy("Propose it for the farewell list")


def _follow_up_for(user, raw: str | None) -> FollowUp | None:
    """The follow-up a proposal starts from, if the user may read goals (else ignored)."""
    if not raw or not raw.isdigit():
        return None
    follow_up = FollowUp.objects.select_related("goal__owner_unit").filter(pk=int(raw)).first()
    if follow_up is None or not can_view_goals.test(user):
        return None
    return follow_up


@access(can_view_farewells, label="staff")
def farewell_list(request):
    form = FarewellFilterForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    led = led_unit_ids(request.user)
    filters = selectors.FarewellFilters(
        status=data.get("status") or "",
        department=data["department"].pk if data.get("department") else None,
        kind=data.get("kind") or "",
        mine=bool(data.get("mine")),
        to_decide=bool(data.get("to_decide")),
    )
    proposals = selectors.proposals_for_list(
        user=request.user,
        filters=filters,
        led_units=led,
        led_departments=led_department_ids(request.user),
        decides_for_municipality=is_programme_staff.test(request.user),
    )
    return render_list(
        request,
        "stoplist/proposal_list.html",
        proposals,
        form=form,
        badges=STATUS_BADGES,
        can_propose=can_propose.test(request.user),
        leads_units=bool(led),
    )


@access(can_propose, label="staff")
def farewell_create(request):
    follow_up = _follow_up_for(request.user, request.GET.get("follow_up") or request.POST.get("follow_up"))
    initial = {}
    if follow_up is not None:
        initial = {
            "title": follow_up.will_stop[:200],
            "description": follow_up.will_stop,
            "owner_unit": follow_up.goal.owner_unit_id,
        }
    form = FarewellProposalForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            proposal = services.proposal_create(actor=request.user, follow_up=follow_up, **form.cleaned_data)
        except ValidationError as exc:
            form.add_service_errors(exc)
        else:
            messages.success(
                request, _("Thank you. The proposal has been sent to the owner, who will decide.")
            )
            return redirect(proposal)
    return render(
        request,
        "stoplist/proposal_form.html",
        {"form": form, "follow_up": follow_up, "from_follow_up": FROM_FOLLOW_UP_LINK},
    )


@access(can_view_farewells, label="staff")
def farewell_detail(request, pk: int):
    proposal = selectors.proposal_get_for_user(user=request.user, pk=pk)
    may_decide = can_decide.test(request.user, proposal)
    return render(
        request,
        "stoplist/proposal_detail.html",
        {
            "proposal": proposal,
            "badges": STATUS_BADGES,
            "can_decide": may_decide
            and bool(cast(forms.ChoiceField, DecisionForm(proposal=proposal).fields["status"]).choices),
            "show_internal": may_decide,
            "show_proposer": can_see_proposer.test(request.user, proposal),
        },
    )


@access(can_view_farewells, label="owner unit's leaders and programme staff")
def farewell_decide(request, pk: int):
    proposal = selectors.proposal_get_for_user(user=request.user, pk=pk)
    if not can_decide.test(request.user, proposal):
        raise Http404  # the same answer as for a proposal that does not exist
    form = DecisionForm(request.POST or None, proposal=proposal)
    if not cast(forms.ChoiceField, form.fields["status"]).choices:
        messages.info(request, _("This proposal has been decided and cannot be changed further."))
        return redirect(proposal)
    if request.method == "POST" and form.is_valid():
        try:
            services.proposal_decide(proposal=proposal, actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            form.add_service_errors(exc)
        else:
            messages.success(request, _("The decision has been saved, and the proposer has been told."))
            return redirect(proposal)
    return render(request, "stoplist/proposal_decide.html", {"proposal": proposal, "form": form})


@public
@cache_anonymous_page()
def farewell_public_detail(request, pk: int):
    """One farewell on the public list, on a page of its own (what the site search links to); 404 for
    anything the public list does not show."""
    farewell = selectors.public_farewells().filter(pk=pk).first()
    if farewell is None:
        raise Http404
    return render(request, "stoplist/public_detail.html", {"p": farewell, "stopped": FarewellStatus.STOPPED})


@public
@cache_anonymous_page()
def farewell_public(request):
    form = PublicFilterForm(request.GET or None)
    department = None
    if form.is_valid() and form.cleaned_data.get("department"):
        department = form.cleaned_data["department"].pk
    totals, sums = selectors.public_totals_with_kroner()
    return render_list(
        request,
        "stoplist/public_list.html",
        selectors.public_farewells(department=department),
        per_page=30,
        form=form,
        totals=totals,
        total_count=sums.count,
        total_hours=sums.hours_freed,
        total_kroner=sums.kroner_freed,
        stopped=FarewellStatus.STOPPED,
    )
