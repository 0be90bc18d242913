import rules
from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kompas.core.access import access, public
from kompas.core.forms import submit
from kompas.core.paging import render_list

from . import selectors, services
from .choices import RoundStatus
from .forms import (
    AnswerForm,
    CollaborationFilterForm,
    CollaborationForm,
    InviteAccountForm,
    InviteExternalForm,
    PrincipleSetForm,
    RoundForm,
)
from .models import PrincipleSet
from .permissions import (
    can_create_collaboration,
    can_manage_collaboration,
    can_manage_principles,
    can_view_collaborations,
)


def _require_manage(user, collaboration) -> None:
    if not can_manage_collaboration.test(user, collaboration):
        raise Http404  # the same answer as for a collaboration that does not exist


@access(can_view_collaborations, label="staff")
def collaboration_list(request):
    form = CollaborationFilterForm(request.GET or None)
    found = form.filters()
    collaborations = selectors.collaborations_for_list(
        query=found["q"] or "",
        city_goal=found["city_goal"],
        mine_of=request.user if found["mine"] else None,
    )
    return render_list(
        request,
        "collaborations/collaboration_list.html",
        collaborations,
        form=form,
        can_create=can_create_collaboration.test(request.user),
        can_manage_principles=can_manage_principles.test(request.user),
    )


@access(can_create_collaboration, label="leaders")
def collaboration_create(request):
    form = CollaborationForm(request.POST or None, user=request.user)
    created = _("The collaboration has been created. Start a reflection round when you are ready.")
    if done := submit(request, form, services.collaboration_create, success=created):
        return done
    return render(request, "collaborations/collaboration_form.html", {"form": form, "collaboration": None})


@access(can_view_collaborations, label="staff")
def collaboration_detail(request, pk: int):
    collaboration = selectors.collaboration_get_for_user(user=request.user, pk=pk)
    return render(
        request,
        "collaborations/collaboration_detail.html",
        {
            "collaboration": collaboration,
            "can_manage": can_manage_collaboration.test(request.user, collaboration),
        },
    )


@access(can_view_collaborations, label="staff")
def collaboration_edit(request, pk: int):
    collaboration = selectors.collaboration_get_for_user(user=request.user, pk=pk)
    _require_manage(request.user, collaboration)
    form = CollaborationForm(request.POST or None, instance=collaboration, user=request.user)
    done = submit(
        request,
        form,
        services.collaboration_update,
        collaboration=collaboration,
        success=_("The collaboration has been saved."),
        to=collaboration,
    )
    if done:
        return done
    return render(
        request, "collaborations/collaboration_form.html", {"form": form, "collaboration": collaboration}
    )


@access(can_view_collaborations, label="staff")
def round_create(request, pk: int):
    collaboration = selectors.collaboration_get_for_user(user=request.user, pk=pk)
    _require_manage(request.user, collaboration)
    form = RoundForm(request.POST or None)
    started = _("The round has started. Invite the participants.")
    if done := submit(request, form, services.round_create, collaboration=collaboration, success=started):
        return done
    return render(request, "collaborations/round_form.html", {"form": form, "collaboration": collaboration})


def _round_page(request, reflection_round, *, account_form=None, external_form=None, status=200):
    collaboration = reflection_round.collaboration
    can_manage = can_manage_collaboration.test(request.user, collaboration)
    context = {
        "round": reflection_round,
        "collaboration": collaboration,
        "can_manage": can_manage,
        "results": selectors.round_results(reflection_round=reflection_round),
        "is_participant": reflection_round.participants.filter(user=request.user).exists(),
    }
    if can_manage:
        context.update(
            participants=selectors.participants_of(reflection_round=reflection_round),
            account_form=account_form or InviteAccountForm(prefix="account"),
            external_form=external_form or InviteExternalForm(prefix="external"),
        )
    return render(request, "collaborations/round_detail.html", context, status=status)


@access(can_view_collaborations, label="staff")
def round_detail(request, pk: int):
    return _round_page(request, selectors.round_get(pk=pk))


def _invitation(request, pk: int, form_class, prefix: str):
    """The round, for those who manage its collaboration, and its valid invitation form; or, instead of the
    form, the answer: back to a closed round, or the round's page with the form's errors."""
    reflection_round = selectors.round_get(pk=pk)
    _require_manage(request.user, reflection_round.collaboration)
    if not reflection_round.is_open:
        messages.info(request, _("The round is closed and takes no more answers."))
        return reflection_round, None, redirect(reflection_round)
    form = form_class(request.POST, prefix=prefix)
    if not form.is_valid():
        return (
            reflection_round,
            None,
            _round_page(request, reflection_round, status=400, **{f"{prefix}_form": form}),
        )
    return reflection_round, form, None


@access(can_view_collaborations, label="staff")
@require_POST
def invite_account(request, pk: int):
    reflection_round, form, answer = _invitation(request, pk, InviteAccountForm, "account")
    if answer:
        return answer
    _participant, created = services.participant_invite_account(
        reflection_round=reflection_round,
        user=form.cleaned_data["user"],
        perspective=form.cleaned_data["perspective"],
        actor=request.user,
    )
    if created:
        messages.success(request, _("%(name)s has been invited.") % {"name": form.cleaned_data["user"]})
    else:
        messages.info(request, _("%(name)s was already invited.") % {"name": form.cleaned_data["user"]})
    return redirect(reflection_round)


@access(can_view_collaborations, label="staff")
@require_POST
def invite_external(request, pk: int):
    reflection_round, form, answer = _invitation(request, pk, InviteExternalForm, "external")
    if answer:
        return answer
    services.participant_invite_external(
        reflection_round=reflection_round,
        actor=request.user,
        answer_url=lambda token: request.build_absolute_uri(
            reverse("collaborations:answer-external", kwargs={"token": token})
        ),
        **form.cleaned_data,
    )
    messages.success(
        request, _("A personal link has been sent to %(email)s.") % {"email": form.cleaned_data["email"]}
    )
    return redirect(reflection_round)


@access(can_view_collaborations, label="staff")
@require_POST
def round_status(request, pk: int):
    reflection_round = selectors.round_get(pk=pk)
    _require_manage(request.user, reflection_round.collaboration)
    status = RoundStatus.CLOSED if request.POST.get("status") == RoundStatus.CLOSED else RoundStatus.OPEN
    services.round_set_status(reflection_round=reflection_round, status=status, actor=request.user)
    messages.success(
        request, _("The round is closed.") if status == RoundStatus.CLOSED else _("The round is open again.")
    )
    return redirect(reflection_round)


def _answer(request, participant, *, template_context: dict):
    reflection_round = participant.round
    principles = selectors.principles_of(reflection_round=reflection_round)
    ratings = selectors.own_ratings(participant=participant)
    form = AnswerForm(request.POST or None, principles=principles, ratings=ratings)
    saved = False
    if request.method == "POST" and reflection_round.is_open and form.is_valid():
        try:
            services.answer_save(participant=participant, answers=form.answers(), actor=request.user)
        except services.RoundClosed:
            reflection_round.status = RoundStatus.CLOSED
        else:
            saved = True
            ratings = selectors.own_ratings(participant=participant)
            participant.refresh_from_db()
    return render(
        request,
        "collaborations/answer_form.html",
        {
            "form": form,
            "round": reflection_round,
            "collaboration": reflection_round.collaboration,
            "participant": participant,
            "principles": principles,
            "own": [(p, ratings.get(p.pk)) for p in principles],
            "saved": saved,
            **template_context,
        },
    )


@access(rules.is_authenticated, label="signed-in")
def answer(request, pk: int):
    reflection_round = selectors.round_get(pk=pk)
    participant = selectors.participant_for_user(reflection_round=reflection_round, user=request.user)
    participant.round = reflection_round
    return _answer(request, participant, template_context={"external": False})


@public
def answer_external(request, token: str):
    participant = selectors.participant_for_token(raw_token=token)
    response = _answer(request, participant, template_context={"external": True})
    response["Referrer-Policy"] = "same-origin"  # the link is the key: never send it to another site
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = "noindex"
    return response


@access(can_manage_principles, label="programme")
def principles_edit(request):
    current = PrincipleSet.objects.filter(is_current=True).prefetch_related("principles").first()
    initial = ""
    if current:
        initial = "\n".join(f"{p.title} | {p.text}" if p.text else p.title for p in current.principles.all())
    form = PrincipleSetForm(request.POST or None, initial={"principles": initial})
    if request.method == "POST" and form.is_valid():
        new = services.principles_publish(
            principles=form.cleaned_data["principles"], note=form.cleaned_data["note"], actor=request.user
        )
        messages.success(
            request, _("Version %(version)d of the principles has been published.") % {"version": new.version}
        )
        return redirect("collaborations:principles")
    return render(
        request,
        "collaborations/principles_form.html",
        {"form": form, "current": current, "versions": PrincipleSet.objects.order_by("-version")[:10]},
    )
