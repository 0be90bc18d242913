from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils.safestring import SafeString
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from kompas.core import versioned
from kompas.core.access import access, public
from kompas.core.downloads import set_download_name
from kompas.core.fragments import cached_html
from kompas.core.page_cache import cache_anonymous_page, cache_reader_page
from kompas.core.paging import render_list
from kompas.fund.selectors import council_case

from . import export, selectors, services
from .choices import TRANSITIONS, ProposalStatus
from .forms import (
    CommentForm,
    NewProposalForm,
    ProposalForm,
    TemplateForm,
    TemplateSectionFormSet,
    TransitionForm,
    chosen_ids,
    sections_from_formset,
)
from .models import Proposal, ProposalTemplate
from .permissions import (
    can_comment,
    can_create_from_fund,
    can_create_proposal,
    can_edit_proposal,
    can_manage_templates,
    can_open_proposal_page,
    can_publish,
    can_read_proposal,
    can_view_proposals,
    edits_its_drafts,
    may_transition,
)


def _require(rule, user, proposal) -> None:
    if not rule.test(user, proposal):
        raise Http404  # the same answer as for a proposal that does not exist


# Why a proposal that has been sent on can no longer be edited, by where it is now.
LOCKED_REASONS = {
    ProposalStatus.MAGISTRATE: gettext_lazy(
        "The proposal has been sent to the magistrate (Magistraten) and can no longer be edited."
    ),
    ProposalStatus.COMMITTEE: gettext_lazy(
        "The proposal is being considered in committee and can no longer be edited."
    ),
    ProposalStatus.COUNCIL_FIRST: gettext_lazy(
        "The proposal is with the city council and can no longer be edited."
    ),
    ProposalStatus.COUNCIL_SECOND: gettext_lazy(
        "The proposal is with the city council and can no longer be edited."
    ),
    ProposalStatus.DECIDED: gettext_lazy(
        "The city council has decided on the proposal, so it can no longer be edited."
    ),
}


def _require_editable(request, proposal):
    """``None`` when the user may edit the proposal. Otherwise, for someone who would edit it were it still a
    draft (and who may read it: ``proposal_get_for_user`` has checked), a 403 page that says why and links to
    the proposal; for anyone else the same 404 as for a proposal that does not exist."""
    if can_edit_proposal.test(request.user, proposal):
        return None
    if not edits_its_drafts.test(request.user, proposal) or proposal.is_draft:
        raise Http404
    hint = ""
    if ProposalStatus.DRAFT in TRANSITIONS[proposal.status]:
        hint = _("If it needs changes, the programme staff can send it back as a draft.")
    context = {
        "object_title": proposal.title,
        "reason": LOCKED_REASONS.get(proposal.status, ""),
        "hint": hint,
        "read_url": proposal.get_absolute_url(),
        "read_label": _("Read the proposal"),
    }
    return render(request, "core/no_longer_editable.html", context, status=403)


# The name of the citation searches' submit buttons: without JavaScript a search posts the whole form, which
# then comes back as typed with the matches (with htmx the search is a GET to ``citation_options``).
FIND = "find"
SEARCH_MAX_LENGTH = 100


def _searches(data) -> dict[str, str]:
    """The words searched for in each searched citation field (``<field>_q``)."""
    return {name: str(data.get(f"{name}_q", ""))[:SEARCH_MAX_LENGTH] for name in ProposalForm.SEARCHED}


def _add_errors(form, error: ValidationError) -> None:
    for message in error.messages:
        form.add_error(None, message)


# --- Lists -----------------------------------------------------------------------------------------------


@access(can_view_proposals, label="staff")
def proposal_list(request):
    status = request.GET.get("status", "")
    query = request.GET.get("q", "").strip()[:100]
    mine = request.GET.get("mine") == "1"
    proposals = selectors.proposals_for_user(user=request.user, status=status, query=query, mine=mine)
    return render_list(
        request,
        "proposals/proposal_list.html",
        proposals,
        status=status,
        query=query,
        mine=mine,
        statuses=ProposalStatus.choices,
        can_create=can_create_proposal.test(request.user),
        can_manage_templates=can_manage_templates.test(request.user),
    )


@public
@cache_anonymous_page()
def published_list(request):
    return render_list(request, "proposals/published_list.html", selectors.published_proposals())


@public
@cache_anonymous_page()
def published_detail(request, pk: int):
    proposal = selectors.published_proposal_get(pk=pk)
    return render(
        request, "proposals/published_detail.html", {**export.document_data(proposal), "public": True}
    )


# --- Writing ---------------------------------------------------------------------------------------------


@access(can_create_proposal, label="staff")
def proposal_create(request):
    versions = [version for _template, version in selectors.templates_with_current_version(active_only=True)]
    form = NewProposalForm(request.POST or None, user=request.user, template_versions=versions)
    if request.method == "POST" and form.is_valid():
        proposal = services.proposal_create(
            actor=request.user,
            template_version=form.cleaned_data["template"],
            title=form.cleaned_data["title"],
            department=form.cleaned_data["department"],
        )
        messages.success(
            request,
            _("The draft has been created. Write the sections; the help beside them updates as you write."),
        )
        return redirect("proposals:edit", pk=proposal.pk)
    has_department = form.fields["department"].queryset.exists()
    return render(request, "proposals/proposal_new.html", {"form": form, "has_department": has_department})


def _detail_page(request, proposal, *, transition_form=None, comment_form=None, status: int = 200):
    """The proposal page; a form that failed is shown again with what the user typed and the errors."""
    transition_form = transition_form or TransitionForm(user=request.user, proposal=proposal)
    may_comment = can_comment.test(request.user, proposal)
    context = {
        **export.document_data(proposal),
        **selectors.proposal_history(proposal=proposal),
        "help": selectors.proposal_writing_help(proposal),
        "problems": selectors.send_on_problems(proposal) if proposal.is_draft else [],
        "can_edit": can_edit_proposal.test(request.user, proposal),
        "can_publish": can_publish.test(request.user, proposal),
        "transition_form": transition_form if transition_form.allowed else None,
        "comment_form": (comment_form or CommentForm(proposal=proposal)) if may_comment else None,
    }
    return render(request, "proposals/proposal_detail.html", context, status=status)


@access(can_open_proposal_page, label="staff and city council members")
def proposal_detail(request, pk: int):
    proposal = selectors.proposal_get_for_user(user=request.user, pk=pk)
    if not can_view_proposals.test(request.user):
        # A council member reads the document, its stage and the downloads; the staff's versions, comments
        # and writing help are the administration's own.
        return render(request, "proposals/proposal_council_read.html", export.document_data(proposal))
    return _detail_page(request, proposal)


def _editor(form: ProposalForm, proposal: Proposal, help_data) -> SafeString:
    """The editor (form and writing help) without the CSRF token: nothing in it depends on the viewer."""
    return render_to_string(
        "proposals/partials/proposal_editor.html", {"form": form, "proposal": proposal, "help": help_data}
    )


def _edit_page(request, proposal: Proposal, editor: str):
    """``editor``: safe HTML (``_editor`` or its cached copy)."""
    return render(request, "proposals/proposal_form.html", {"proposal": proposal, "editor": editor})


@access(can_view_proposals, label="staff")
@cache_reader_page(versioned.content_source)
def proposal_edit(request, pk: int):
    # Read before the data the cached editor is built from (kompas/core/versions.py): the page cache's source
    # has read it. A page (GET) reads the head once per process for the version; a save reads it afresh.
    version = versioned.content_version(request)
    head = selectors.proposal_head_for_user(
        user=request.user, pk=pk, version=version if request.method != "POST" else None
    )
    refused = _require_editable(request, head)
    if refused:
        return refused
    if request.method != "POST":
        # The saved draft's editor is the same for everyone who may edit it: cached until anything is written
        # (every writing service bumps the content version) or the draft changes.
        def build() -> str:
            proposal = selectors.proposal_for_document(pk=pk)
            return _editor(
                ProposalForm(proposal=proposal), proposal, selectors.proposal_writing_help(proposal)
            )

        editor = cached_html(
            name="proposal-editor", parts=(version, pk, head.updated_at.isoformat()), build=build
        )
        return _edit_page(request, head, editor)
    proposal = selectors.proposal_for_document(pk=pk)
    form = ProposalForm(request.POST, proposal=proposal)
    if FIND in request.POST:
        # A citation search without JavaScript: the page again as typed, with the matches; nothing is saved.
        help_data = selectors.writing_help(sections=form.live_sections())
        shown = ProposalForm(
            proposal=proposal, initial=form.posted_values(), searches=_searches(request.POST)
        )
        return _edit_page(request, proposal, _editor(shown, proposal, help_data))
    if form.is_valid():
        try:
            services.proposal_save(proposal=proposal, actor=request.user, **form.service_values())
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("The proposal has been saved."))
            return redirect("proposals:edit", pk=proposal.pk)
    help_data = selectors.writing_help(sections=form.live_sections())
    return _edit_page(request, proposal, _editor(form, proposal, help_data))


@access(can_view_proposals, label="staff")
def citation_options(request, pk: int, field: str):
    """The ticked rows and the matches of a search in one searched citation field of the editor (htmx GET)."""
    if field not in ProposalForm.SEARCHED:
        raise Http404
    proposal = selectors.proposal_get_for_editing(user=request.user, pk=pk)
    query = _searches(request.GET)[field]
    picker = {
        "field": {"html_name": field, "auto_id": f"id_{field}"},
        "query": query,
        "matches": selectors.citation_search(
            field=field, query=query, chosen_ids=chosen_ids(request.GET.getlist(field))
        ),
        "kind": field.removeprefix("cited_"),
    }
    return render(
        request,
        "proposals/partials/citation_options.html",
        {"picker": picker, "proposal": proposal, "status_oob": True},
    )


@require_POST
@access(can_view_proposals, label="staff")
def proposal_check(request, pk: int):
    """The live writing help for the text in the form, not yet saved (htmx)."""
    proposal = selectors.proposal_get_for_user(user=request.user, pk=pk)
    _require(can_edit_proposal, request.user, proposal)
    form = ProposalForm(request.POST, proposal=proposal)
    help_data = selectors.writing_help(sections=form.live_sections())
    return render(request, "proposals/partials/writing_help_live.html", {"help": help_data})


@require_POST
@access(can_view_proposals, label="staff")
def proposal_transition(request, pk: int):
    proposal = selectors.proposal_get_for_user(user=request.user, pk=pk)
    form = TransitionForm(request.POST, user=request.user, proposal=proposal)
    if not form.allowed:
        raise Http404
    if form.is_valid():
        data = form.cleaned_data
        if not may_transition(request.user, proposal, data["to_status"]):
            raise Http404
        try:
            proposal = services.proposal_transition(
                proposal=proposal,
                actor=request.user,
                to_status=data["to_status"],
                note=data.get("note", ""),
                decision=data.get("decision", ""),
                decision_note=data.get("decision_note", ""),
                decided_on=data.get("decided_on"),
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(
                request,
                _("The proposal is now: %(status)s.") % {"status": ProposalStatus(proposal.status).label},
            )
            return redirect("proposals:detail", pk=proposal.pk)
    return _detail_page(request, proposal, transition_form=form)


@require_POST
@access(can_view_proposals, label="staff")
def comment_add(request, pk: int):
    proposal = selectors.proposal_get_for_user(user=request.user, pk=pk)
    _require(can_comment, request.user, proposal)
    form = CommentForm(request.POST, proposal=proposal)
    if form.is_valid():
        services.comment_add(
            proposal=proposal,
            actor=request.user,
            text=form.cleaned_data["text"],
            section=form.cleaned_data["section"],
        )
        messages.success(request, _("Your comment has been added."))
        return redirect(f"{proposal.get_absolute_url()}#comments")
    return _detail_page(request, proposal, comment_form=form)


@require_POST
@access(can_view_proposals, label="staff")
def proposal_publish(request, pk: int):
    proposal = selectors.proposal_get_for_user(user=request.user, pk=pk)
    _require(can_publish, request.user, proposal)
    publish = request.POST.get("publish") != "0"
    services.proposal_publish(proposal=proposal, actor=request.user, publish=publish)
    messages.success(
        request, _("The proposal is published.") if publish else _("The proposal is no longer published.")
    )
    return redirect(proposal)


# --- Versions --------------------------------------------------------------------------------------------


@access(can_view_proposals, label="staff")
def version_diff(request, pk: int, number: int):
    proposal = selectors.proposal_get_for_user(user=request.user, pk=pk)
    diff = selectors.version_diff(proposal=proposal, number=number)
    return render(request, "proposals/version_diff.html", {"proposal": proposal, "diff": diff})


# --- Export ----------------------------------------------------------------------------------------------


def _exportable(request, pk: int):
    """A published proposal for anyone; otherwise the staff who may read it. Anonymous users log in first."""
    proposal = selectors.proposal_for_document_or_none(pk=pk)
    if proposal is not None and can_read_proposal.test(request.user, proposal):
        return proposal, None
    if not request.user.is_authenticated:
        return None, redirect_to_login(request.get_full_path())
    raise Http404


@public
def export_docx(request, pk: int):
    proposal, response = _exportable(request, pk)
    if response:
        return response
    content = export.to_docx(proposal)
    response = HttpResponse(
        content, content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    )
    set_download_name(response, export.file_name(proposal, "docx"))
    return response


@public
def export_pdf(request, pk: int):
    proposal, response = _exportable(request, pk)
    if response:
        return response
    try:
        content = export.to_pdf(proposal)
    except export.PdfUnavailable:
        # The rest of Kompas works without WeasyPrint; this page says so and offers Word instead.
        return render(request, "proposals/pdf_unavailable.html", {"proposal": proposal}, status=503)
    response = HttpResponse(content, content_type="application/pdf")
    set_download_name(response, export.file_name(proposal, "pdf"))
    return response


# --- Templates -------------------------------------------------------------------------------------------


@access(can_manage_templates, label="programme staff")
def template_list(request):
    return render(
        request,
        "proposals/template_list.html",
        {"templates": selectors.templates_with_current_version()},
    )


def _template_form_page(request, template: ProposalTemplate | None):
    current = selectors.current_template_version(template=template) if template else None
    initial_sections = (
        [{"heading": s.heading, "kind": s.kind, "guidance": s.guidance} for s in current.sections.all()]
        if current
        else []
    )
    form = TemplateForm(
        request.POST or None,
        initial={"name": template.name, "description": template.description, "is_active": template.is_active}
        if template
        else None,
    )
    formset = TemplateSectionFormSet(request.POST or None, initial=initial_sections, prefix="sections")
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        sections = sections_from_formset(formset)
        data = form.cleaned_data
        try:
            if template is None:
                services.template_create(
                    actor=request.user,
                    name=data["name"],
                    slug=slugify(data["name"])[:60],
                    description=data["description"],
                    is_active=data["is_active"],
                    sections=sections,
                )
            else:
                services.template_revise(
                    template=template,
                    actor=request.user,
                    name=data["name"],
                    description=data["description"],
                    is_active=data["is_active"],
                    sections=sections,
                    note=data["note"],
                )
        except (ValidationError, IntegrityError) as error:
            messages_ = (
                error.messages
                if isinstance(error, ValidationError)
                else [_("A template with this name already exists.")]
            )
            for message in messages_:
                form.add_error(None, message)
        else:
            messages.success(
                request, _("The template has been saved. Proposals already written keep their version.")
            )
            return redirect("proposals:templates")
    return render(
        request,
        "proposals/template_form.html",
        {"form": form, "formset": formset, "template": template, "current": current},
    )


@access(can_manage_templates, label="programme staff")
def template_create(request):
    return _template_form_page(request, None)


@access(can_manage_templates, label="programme staff")
def template_edit(request, pk: int):
    return _template_form_page(request, get_object_or_404(ProposalTemplate, pk=pk))


# --- From a fund application -------------------------------------------------------------------------------


@access(can_create_from_fund, label="programme staff")
def from_fund(request, pk: int):
    """GET: what the draft will be made from; POST: make it (or open the one already made)."""
    existing = Proposal.objects.filter(fund_application_id=pk).first()
    case = council_case(application_id=pk, user=request.user)
    if case is None and existing is None:
        raise Http404
    if request.method == "POST":
        proposal = services.proposal_from_fund(application_id=pk, actor=request.user)
        if existing is None:
            messages.success(
                request,
                _(
                    "A draft proposal has been made from the fund application. "
                    "Read it through and write it in your own words."
                ),
            )
        return redirect("proposals:edit" if proposal.is_draft else "proposals:detail", pk=proposal.pk)
    return render(
        request, "proposals/from_fund.html", {"case": case, "existing": existing, "application_id": pk}
    )


@access(can_create_from_fund, label="programme staff")
@require_POST
def from_fund_project_stop(request, pk: int):
    """Draft the council proposal to stop a project the city council granted (or open the one drafted)."""
    existing = services.fund_stop_proposal_open(project_id=pk)
    try:
        proposal = services.proposal_to_stop_fund_project(project_id=pk, actor=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("fund:project", pk=pk)
    if existing is None:
        messages.success(
            request,
            _(
                "A draft proposal to stop the project has been made. When the city council has decided it, "
                "its decision stops the project – or leaves it running."
            ),
        )
    return redirect("proposals:edit" if proposal.is_draft else "proposals:detail", pk=proposal.pk)
