from typing import Any

import rules
from django.contrib import messages
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kompas.core.access import access, public
from kompas.core.downloads import set_download_name
from kompas.core.forms import submit
from kompas.core.roles import is_staff_member
from kompas.proposals.permissions import can_read_proposal

from . import package, selectors, services
from .choices import FORETRAEDE_BADGES, STATUS_BADGES, ForetraedeStatus, HearingStatus
from .forms import (
    AnswerForm,
    AssistForm,
    ForetraedeAnswerForm,
    ForetraedeForm,
    HearingForm,
    NoteForm,
    StatementRoundForm,
    ThemeForm,
)
from .models import Hearing
from .permissions import (
    can_assist,
    can_create_hearing,
    can_handle_foretraede,
    can_list_hearings_for_staff,
    can_manage_hearing,
    can_read_foretraede_queue,
)
from .tokens import read_confirm_token, read_receipt_token, receipt_token


def _urls(request) -> dict[str, Any]:
    """Link builders for the services' e-mails (a service never sees the request)."""
    return {
        "confirm_url": lambda token: request.build_absolute_uri(
            reverse("hearings:confirm", kwargs={"token": token})
        ),
        "receipt_url": lambda token: request.build_absolute_uri(
            reverse("hearings:receipt", kwargs={"token": token})
        ),
    }


def _draft_links(request, hearing: Hearing) -> dict[str, Any]:
    """The draft's proposal and goal, each only for those who may read it."""
    proposal = (
        hearing.proposal
        if hearing.proposal and can_read_proposal.test(request.user, hearing.proposal)
        else None
    )
    goal = (
        hearing.goal
        if hearing.goal and (hearing.goal.is_public or is_staff_member.test(request.user))
        else None
    )
    return {"linked_proposal": proposal, "linked_goal": goal}


# --- Public pages ----------------------------------------------------------------------------------------


@public
def hearing_list(request):
    hearings = list(selectors.hearings_public())
    return render(
        request,
        "hearings/hearing_list.html",
        {
            "open": [h for h in hearings if h.status == HearingStatus.OPEN],
            "done": [h for h in hearings if h.status == HearingStatus.PUBLISHED],
            "badges": STATUS_BADGES,
            "can_create": can_create_hearing.test(request.user),
            "can_see_staff_list": can_list_hearings_for_staff.test(request.user),
        },
    )


@public
def hearing_detail(request, pk: int):
    hearing = selectors.hearing_get_for_user(user=request.user, pk=pk)
    manages = can_manage_hearing.test(request.user, hearing)
    return render(
        request,
        "hearings/hearing_detail.html",
        {
            "hearing": hearing,
            "counts": selectors.answer_counts(hearing=hearing),
            "manages": manages,
            "can_assist": can_assist.test(request.user) and hearing.is_accepting_answers,
            "my_answers": selectors.answers_of_user(hearing=hearing, user=request.user),
            "note": selectors.note_view(hearing=hearing) if hearing.note_is_published else None,
            "history_type_id": ContentType.objects.get_for_model(Hearing).pk,
            **_draft_links(request, hearing),
        },
    )


@public
def hearing_draft_file(request, pk: int):
    hearing = selectors.hearing_get_for_user(user=request.user, pk=pk)
    if not hearing.draft_file:
        raise Http404
    response = FileResponse(hearing.draft_file.open("rb"), as_attachment=True)
    return set_download_name(response, hearing.draft_file_name or "udkast")


@public
def hearing_note(request, pk: int):
    """The published hearing note: 'We asked, you answered, we did' – with or without assisted answers."""
    hearing = selectors.hearing_get_for_user(user=request.user, pk=pk)
    manages = can_manage_hearing.test(request.user, hearing)
    if not hearing.note_is_published and not manages:
        raise Http404
    include_assisted = request.GET.get("assisted") != "without"
    return render(
        request,
        "hearings/hearing_note.html",
        {
            "hearing": hearing,
            "note": selectors.note_view(hearing=hearing, include_assisted=include_assisted),
            "counts": selectors.answer_counts(hearing=hearing),
            "preview": not hearing.note_is_published,
            **_draft_links(request, hearing),
        },
    )


@public
def answer_create(request, pk: int):
    hearing = selectors.hearing_get_for_user(user=request.user, pk=pk)
    if not hearing.is_accepting_answers:
        messages.info(request, _("The hearing is closed; answers can no longer be sent."))
        return redirect(hearing)
    signed_in = request.user.is_authenticated
    form = AnswerForm(request.POST or None, request.FILES or None, hearing=hearing, signed_in=signed_in)
    if request.method == "POST" and form.is_valid():
        try:
            answer = services.answer_submit(
                hearing=hearing,
                actor=request.user,
                confirm_url=_urls(request)["confirm_url"],
                **form.service_values(),
            )
        except ValidationError as exc:
            form.add_service_errors(exc)
        else:
            if answer.is_counted:
                messages.success(request, _("Thank you for your answer. It has been received."))
                return redirect(hearing)
            return render(request, "hearings/answer_sent.html", {"hearing": hearing, "email": answer.email})
    return render(request, "hearings/answer_form.html", {"hearing": hearing, "form": form, "assisted": False})


@public
def answer_confirm(request, token: str):
    """The link from the e-mail: a page with one button, so that a mail scanner opening the link counts nothing."""
    if request.method == "POST":
        answer = services.answer_confirm(token=token)
        if answer is not None:
            return render(
                request,
                "hearings/answer_confirmed.html",
                {"hearing": answer.hearing, "receipt": receipt_token(answer.pk)},
            )
    elif read_confirm_token(token) is not None:
        return render(request, "hearings/answer_confirm.html", {"token": token})
    return render(request, "hearings/link_invalid.html", status=404)


@public
def answer_receipt(request, token: str):
    """Your answer, as we received it, and – once the note is out – what became of it."""
    answer_id = read_receipt_token(token)
    if answer_id is None:
        return render(request, "hearings/link_invalid.html", status=404)
    answer = selectors.answer_for_receipt(pk=answer_id)
    return render(request, "hearings/answer_receipt.html", {"answer": answer, "hearing": answer.hearing})


# --- Staff: assisted answers -----------------------------------------------------------------------------


@access(can_assist, label="staff")
def answer_assist(request, pk: int):
    hearing = selectors.hearing_get_for_user(user=request.user, pk=pk)
    if not hearing.is_accepting_answers:
        messages.info(request, _("The hearing is closed; answers can no longer be sent."))
        return redirect(hearing)
    form = AssistForm(request.POST or None, request.FILES or None, hearing=hearing)
    if done := submit(
        request,
        form,
        services.answer_assist,
        hearing=hearing,
        success=_("The citizen's answer has been received, marked as given with help."),
        to=hearing,
    ):
        return done
    return render(request, "hearings/answer_form.html", {"hearing": hearing, "form": form, "assisted": True})


# --- Staff: running a hearing ----------------------------------------------------------------------------


@access(can_list_hearings_for_staff, label="staff")
def hearing_manage_list(request):
    return render(
        request,
        "hearings/manage_list.html",
        {
            "hearings": selectors.hearings_for_staff(user=request.user),
            "badges": STATUS_BADGES,
            "can_create": can_create_hearing.test(request.user),
        },
    )


@access(can_create_hearing, label="leaders and programme staff")
def hearing_create(request):
    form = HearingForm(request.POST or None, request.FILES or None, user=request.user)
    if done := submit(
        request,
        form,
        services.hearing_create,
        success=_("The hearing has been saved as a draft. Open it when it is ready."),
    ):
        return done
    return render(request, "hearings/hearing_form.html", {"form": form, "hearing": None})


@access(can_list_hearings_for_staff, label="the hearing's owner and programme staff")
def hearing_edit(request, pk: int):
    hearing = selectors.hearing_get_for_manager(user=request.user, pk=pk)
    if hearing.status not in (HearingStatus.DRAFT, HearingStatus.OPEN):
        messages.info(request, _("A closed hearing cannot be changed."))
        return redirect(hearing)
    # Once the hearing is open the questions field is disabled, so the form gives the questions it has.
    form = HearingForm(request.POST or None, request.FILES or None, user=request.user, hearing=hearing)
    if done := submit(
        request,
        form,
        services.hearing_update,
        hearing=hearing,
        success=_("The hearing has been saved."),
        to=hearing,
    ):
        return done
    return render(request, "hearings/hearing_form.html", {"form": form, "hearing": hearing})


@require_POST
@access(can_list_hearings_for_staff, label="the hearing's owner and programme staff")
def hearing_transition(request, pk: int):
    hearing = selectors.hearing_get_for_manager(user=request.user, pk=pk)
    to = request.POST.get("to", "")
    try:
        services.hearing_transition(
            hearing=hearing,
            actor=request.user,
            to=to,
            hearing_url=lambda h: request.build_absolute_uri(h.get_absolute_url()),
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        if to == HearingStatus.OPEN:
            messages.success(
                request, _("The hearing is open. Invited parties with an e-mail address have been told.")
            )
        else:
            messages.success(request, _("The hearing is closed. Now write the hearing note."))
    return redirect(hearing)


@access(can_list_hearings_for_staff, label="the hearing's owner and programme staff")
def hearing_answers(request, pk: int):
    """Every answer with who sent it, and sorting them under the note's themes."""
    hearing = selectors.hearing_get_for_manager(user=request.user, pk=pk)
    themes = selectors.themes_of(hearing=hearing)
    if request.method == "POST":
        choices = {}
        for key, value in request.POST.items():
            if key.startswith("theme_") and key.removeprefix("theme_").isdigit():
                choices[int(key.removeprefix("theme_"))] = int(value) if value.isdigit() else None
        try:
            moved = services.answers_sort(hearing=hearing, actor=request.user, themes=choices)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("The answers have been sorted (%(n)s moved).") % {"n": moved})
            return redirect("hearings:answers", pk=hearing.pk)
    return render(
        request,
        "hearings/answer_list.html",
        {
            "hearing": hearing,
            "answers": selectors.answers_for_manager(hearing=hearing),
            "themes": themes,
            "counts": selectors.answer_counts(hearing=hearing),
            "may_sort": hearing.status == HearingStatus.CLOSED and bool(themes),
        },
    )


@access(can_list_hearings_for_staff, label="the hearing's owner and programme staff")
def answer_attachment(request, pk: int):
    attachment = selectors.attachment_get_for_manager(user=request.user, pk=pk)
    response = FileResponse(attachment.file.open("rb"), as_attachment=True)
    return set_download_name(response, attachment.name)


@access(can_list_hearings_for_staff, label="the hearing's owner and programme staff")
def note_edit(request, pk: int):
    """The hearing note: themes with the municipality's response and what changed, the summary, publishing."""
    hearing = selectors.hearing_get_for_manager(user=request.user, pk=pk)
    if hearing.status != HearingStatus.CLOSED:
        messages.info(request, _("The hearing note is written when the hearing has closed."))
        return redirect(hearing)
    theme_form = ThemeForm(prefix="theme")
    note_form = NoteForm(prefix="note", instance=hearing)
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "theme":
                theme_form = ThemeForm(request.POST, prefix="theme")
                if theme_form.is_valid():
                    services.theme_save(hearing=hearing, actor=request.user, **theme_form.cleaned_data)
                    messages.success(request, _("The theme has been added."))
                    return redirect("hearings:note-edit", pk=hearing.pk)
            elif action in ("note", "publish"):
                note_form = NoteForm(request.POST, prefix="note", instance=hearing)
                if note_form.is_valid():
                    services.note_save(hearing=hearing, actor=request.user, **note_form.cleaned_data)
                    if action == "publish":
                        urls = _urls(request)
                        hearing = services.note_publish(
                            hearing=hearing,
                            actor=request.user,
                            note_url=request.build_absolute_uri(
                                reverse("hearings:note", kwargs={"pk": hearing.pk})
                            ),
                            receipt_url=urls["receipt_url"],
                        )
                        messages.success(
                            request, _("The hearing note has been published, and respondents have been told.")
                        )
                        if hearing.proposal_id and not hearing.note_attached:
                            messages.warning(
                                request,
                                _(
                                    "The council proposal has been sent on, so the note could not be added as a Bilag. "
                                    "Add it by hand."
                                ),
                            )
                        return redirect("hearings:note", pk=hearing.pk)
                    messages.success(request, _("The hearing note has been saved."))
                    return redirect("hearings:note-edit", pk=hearing.pk)
        except ValidationError as exc:
            target = theme_form if action == "theme" else note_form
            target.add_service_errors(exc)
    return render(
        request,
        "hearings/note_edit.html",
        {
            "hearing": hearing,
            "themes": selectors.themes_of(hearing=hearing),
            "theme_form": theme_form,
            "note_form": note_form,
            "counts": selectors.answer_counts(hearing=hearing),
            "problems": services.note_problems(hearing),
        },
    )


@access(can_list_hearings_for_staff, label="the hearing's owner and programme staff")
def statement_round(request, pk: int):
    hearing = selectors.hearing_get_for_manager(user=request.user, pk=pk)
    if hearing.forum_id:
        return redirect("dialogues:detail", pk=hearing.forum_id)
    form = StatementRoundForm(request.POST or None)
    if done := submit(
        request,
        form,
        services.statement_round_start,
        hearing=hearing,
        success=_("The statement round is open. Everyone can vote on the statements."),
    ):
        return done
    return render(request, "hearings/statement_round_form.html", {"hearing": hearing, "form": form})


@access(can_list_hearings_for_staff, label="the hearing's owner and programme staff")
def hearing_package(request, pk: int):
    """All answers and the note as one zip for the records system (offentlighedsloven § 15)."""
    hearing = selectors.hearing_get_for_manager(user=request.user, pk=pk)
    try:
        data, files = package.build(hearing)
    except package.PdfUnavailable:
        messages.error(
            request, _("The PDF cannot be made right now, so the package cannot be made. Try again later.")
        )
        return redirect(hearing)
    services.package_recorded(hearing=hearing, actor=request.user, files=files)
    response = HttpResponse(data, content_type="application/zip")
    return set_download_name(response, package.file_name(hearing))


# --- Foretræde -------------------------------------------------------------------------------------------


@access(rules.is_authenticated, label="signed in")
def foretraede_create(request):
    initial = {}
    raw = request.GET.get("hearing", "")
    if raw.isdigit():
        initial["hearing"] = int(raw)
    form = ForetraedeForm(request.POST or None, initial=initial)
    if done := submit(
        request,
        form,
        services.foretraede_request,
        success=_("Your request has been sent to the committee's secretariat."),
    ):
        return done
    return render(request, "hearings/foretraede_form.html", {"form": form})


@access(rules.is_authenticated, label="signed in")
def foretraede_mine(request):
    return render(
        request,
        "hearings/foretraede_mine.html",
        {"requests": selectors.foretraede_of_user(user=request.user), "badges": FORETRAEDE_BADGES},
    )


@access(can_read_foretraede_queue, label="programme staff (the committee secretariat) and council members")
def foretraede_queue(request):
    """The secretariat's queue of every request; a council member's of the requests to their committees."""
    status = request.GET.get("status", "")
    committees = selectors.foretraede_queue_committees(user=request.user)
    committee = next((c for c in committees if str(c.pk) == request.GET.get("committee", "")), None)
    return render(
        request,
        "hearings/foretraede_queue.html",
        {
            "requests": selectors.foretraede_queue(user=request.user, status=status, committee=committee),
            "badges": FORETRAEDE_BADGES,
            "statuses": ForetraedeStatus.choices,
            "status": status,
            "committees": committees,
            "committee": committee,
            "secretariat": can_handle_foretraede.test(request.user),
        },
    )


@access(rules.is_authenticated, label="the requester, programme staff and the committee's members")
def foretraede_detail(request, pk: int):
    item = selectors.foretraede_get_for_user(user=request.user, pk=pk)
    return render(
        request,
        "hearings/foretraede_detail.html",
        {"item": item, "badges": FORETRAEDE_BADGES, "may_answer": can_handle_foretraede.test(request.user)},
    )


@access(can_handle_foretraede, label="programme staff (the committee secretariat)")
def foretraede_answer(request, pk: int):
    item = selectors.foretraede_get_for_user(user=request.user, pk=pk)
    form = ForetraedeAnswerForm(request.POST or None, request_obj=item)
    if done := submit(
        request,
        form,
        services.foretraede_answer,
        foretraede=item,
        success=_("The answer has been saved, and the requester has been told."),
        to="hearings:foretraede-queue",
    ):
        return done
    return render(request, "hearings/foretraede_answer.html", {"item": item, "form": form})
