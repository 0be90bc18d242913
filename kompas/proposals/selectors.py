"""Reads of Indstillinger: guarded accessors, the document as data, writing help and version diffs."""

import datetime as dt
import re
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext, pgettext

from kompas.core import versioned
from kompas.core.backlinks import Backlink, shared
from kompas.core.cpr import contains_cpr, find_cpr_spans
from kompas.core.roles import is_programme_staff, is_staff_member
from kompas.goals.models import Goal
from kompas.trials.models import Trial

from . import readability, textdiff
from .choices import BAND_LABELS, ProposalStatus, SectionKind
from .models import (
    Comment,
    Proposal,
    ProposalSection,
    ProposalTemplate,
    ProposalVersion,
    StatusChange,
    TemplateVersion,
)
from .permissions import can_edit_proposal, can_read_proposal, council_stages, department_ids

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from kompas.accounts.models import User

# --- Templates -------------------------------------------------------------------------------------------


def current_template_version(*, template: ProposalTemplate) -> TemplateVersion | None:
    return (
        TemplateVersion.objects.filter(template=template)
        .prefetch_related("sections")
        .order_by("-number")
        .first()
    )


def templates_with_current_version(
    *, active_only: bool = False
) -> list[tuple[ProposalTemplate, TemplateVersion]]:
    """Each template with its newest version and that version's sections, in three queries."""
    qs = ProposalTemplate.objects.all()
    if active_only:
        qs = qs.filter(is_active=True)
    templates = list(qs)
    newest: dict[int, TemplateVersion] = {}
    for version in (
        TemplateVersion.objects.filter(template__in=templates)
        .prefetch_related("sections")
        .order_by("-number")
    ):
        newest.setdefault(version.template_id, version)
    return [(template, newest[template.pk]) for template in templates if template.pk in newest]


# --- Proposals -------------------------------------------------------------------------------------------


def _document_queryset() -> QuerySet[Proposal]:
    return Proposal.objects.select_related(
        "template_version__template", "department", "author"
    ).prefetch_related(
        Prefetch(
            "sections",
            queryset=ProposalSection.objects.select_related("template_section").order_by(
                "template_section__position"
            ),
        ),
        "decision_points",
        "city_goals",
        "cited_goals",
        "cited_forums",
        "cited_trials",
    )


def proposal_for_document(*, pk: int) -> Proposal:
    return _document_queryset().get(pk=pk)


def proposal_for_document_or_none(*, pk: int) -> Proposal | None:
    return _document_queryset().filter(pk=pk).first()


def proposal_get_for_user(*, user: "User | AnonymousUser", pk: int) -> Proposal:
    """The one guarded accessor for a proposal: the same 404 for missing and for not allowed."""
    proposal = _document_queryset().filter(pk=pk).first()
    if proposal is None or not can_read_proposal.test(user, proposal):
        raise Http404
    return proposal


def _head(pk: int) -> Proposal | None:
    return (
        Proposal.objects.filter(pk=pk)
        .only("pk", "title", "status", "department_id", "author_id", "published_at", "updated_at")
        .first()
    )


def proposal_head_for_user(*, user: "User | AnonymousUser", pk: int, version: int | None = None) -> Proposal:
    """The proposal's head – what the permissions, the editor's cache key and the page's title read – without
    its document (sections, citations), guarded like ``proposal_get_for_user``: the same 404 for missing and for
    not allowed. With ``version`` (the content version, read before) the head is read once per process for it
    (``kompas.core.versioned``); the permission is tested for this user every time."""
    proposal = (
        _head(pk) if version is None else versioned.kept(version, ("proposals:head", pk), lambda: _head(pk))
    )
    if proposal is None or not can_read_proposal.test(user, proposal):
        raise Http404
    return proposal


def proposal_get_for_editing(*, user: "User | AnonymousUser", pk: int) -> Proposal:
    """A draft this user may edit, without its document (for the editor's small htmx requests): the same 404
    for missing, not allowed and no longer editable."""
    proposal = (
        Proposal.objects.filter(pk=pk)
        .only("pk", "status", "department_id", "author_id", "published_at")
        .first()
    )
    if proposal is None or not can_edit_proposal.test(user, proposal):
        raise Http404
    return proposal


def published_proposal_get(*, pk: int) -> Proposal:
    proposal = _document_queryset().filter(pk=pk, published_at__isnull=False).first()
    if proposal is None:
        raise Http404
    return proposal


def proposals_for_user(
    *, user: "User", status: str = "", query: str = "", mine: bool = False
) -> QuerySet[Proposal]:
    """The proposals a member of staff may read: drafts of their own departments (all for programme staff)
    and every proposal that has been sent on."""
    qs = Proposal.objects.select_related("department", "template_version__template", "author").order_by(
        "-updated_at", "-id"
    )
    if not is_programme_staff.test(user):
        qs = qs.filter(
            ~Q(status=ProposalStatus.DRAFT) | Q(department_id__in=department_ids(user)) | Q(author=user)
        )
    if status in ProposalStatus.values:
        qs = qs.filter(status=status)
    if mine:
        qs = qs.filter(author=user)
    if query:
        qs = qs.filter(Q(title__icontains=query) | Q(case_number__icontains=query))
    return qs


def proposals_for_council(
    *, department_ids: Sequence[int] | None = None, with_published: bool = False
) -> QuerySet[Proposal]:
    """The proposals the city council's members read (``can_read_proposal``'s council clause as a query):
    those that have reached the configured council stage (and the published ones, when asked); of some
    departments only, when given."""
    visible = Q(status__in=council_stages())
    if with_published:
        visible |= Q(published_at__isnull=False)
    qs = Proposal.objects.filter(visible).select_related("department").order_by("-updated_at", "-id")
    if department_ids is not None:
        qs = qs.filter(department_id__in=list(department_ids))
    return qs


def published_proposals() -> QuerySet[Proposal]:
    return (
        Proposal.objects.filter(published_at__isnull=False, status=ProposalStatus.DECIDED)
        .select_related("department")
        .prefetch_related("city_goals")
        .order_by("-decided_on", "-id")
    )


def proposal_history(*, proposal: Proposal) -> dict[str, Any]:
    return {
        "versions": list(
            ProposalVersion.objects.filter(proposal=proposal)
            .select_related("created_by")
            .defer("content")
            .order_by("-number")
        ),
        "status_changes": list(StatusChange.objects.filter(proposal=proposal).select_related("actor")),
        "comments": list(
            Comment.objects.filter(proposal=proposal).select_related("author", "section__template_section")
        ),
    }


# --- The document as data ----------------------------------------------------------------------------------


def decision_point_label(number: int) -> str:
    return f"At {number})"


def proposal_content(proposal: Proposal) -> dict[str, Any]:
    """Everything a reader sees, as plain JSON data (stored per version and compared between versions)."""
    return {
        "title": proposal.title,
        "to": proposal.to_line,
        "from": proposal.from_line,
        "date": proposal.dated.isoformat(),
        "department": proposal.department.name,
        "sections": [
            {
                "number": s.template_section.position,
                "heading": s.template_section.heading,
                "kind": s.template_section.kind,
                "text": s.text,
            }
            for s in proposal.sections.all()
        ],
        "decision_points": [point.text for point in proposal.decision_points.all()],
        "city_goals": sorted(goal.title for goal in proposal.city_goals.all()),
        "cited": sorted(
            [f"{gettext('Goal')}: {g.title}" for g in proposal.cited_goals.all()]
            + [f"{gettext('Dialogue forum')}: {f.title}" for f in proposal.cited_forums.all()]
            + [f"{gettext('Trial')}: {t.title}" for t in proposal.cited_trials.all()]
        ),
        "attachments": proposal.attachment_lines(),
        "earlier_decisions": proposal.earlier_decision_lines(),
        "case_number": proposal.case_number,
        "case_officer": proposal.case_officer,
        "phone": proposal.phone,
        "email": proposal.email,
        "signatures": proposal.signatures,
    }


def section_body(text: str, points: Sequence[str] = ()) -> str:
    """A section as "Antal tegn" counts it: its text, and in the decisions section the numbered decision
    points ("At 1) …"). The stored count, the writing help and the live help all count this one text."""
    numbered = [f"{decision_point_label(number)} {point}" for number, point in enumerate(points, 1)]
    return "\n".join(part for part in (text, *numbered) if part)


def proposal_plain_text(proposal: Proposal) -> str:
    """The body whose characters "Antal tegn" counts: the sections and the decision points."""
    points = [p.text for p in proposal.decision_points.all()]
    parts = [
        section_body(section.text, points if section.template_section.kind == SectionKind.DECISIONS else ())
        for section in proposal.sections.all()
    ]
    return "\n".join(part for part in parts if part)


def content_lines(content: dict[str, Any]) -> list[str]:
    """A version as lines of text, in reading order, for the diff."""
    lines = [
        f"{pgettext('proposal document', 'To')}: {content.get('to', '')}",
        f"{pgettext('proposal document', 'From')}: {content.get('from', '')}",
        f"{pgettext('proposal document', 'Date')}: {content.get('date', '')}",
        f"# {content.get('title', '')}",
    ]
    for section in content.get("sections", []):
        lines.append(f"## {section['number']}. {section['heading']}")
        lines.extend(line for line in section["text"].splitlines() if line.strip())
        if section.get("kind") == SectionKind.DECISIONS:
            lines.extend(
                f"{decision_point_label(n)} {text}"
                for n, text in enumerate(content.get("decision_points", []), 1)
            )
    lines.append(f"{gettext('City goals')}: {', '.join(content.get('city_goals', []))}")
    lines.extend(content.get("cited", []))
    lines.append(f"## {pgettext('proposal document', 'Attachments')}")
    lines.extend(content.get("attachments", []))
    lines.append(f"## {pgettext('proposal document', 'Earlier decisions')}")
    lines.extend(content.get("earlier_decisions", []))
    lines.append(f"{pgettext('proposal document', 'Case number')}: {content.get('case_number', '')}")
    lines.append(f"{pgettext('proposal document', 'Case officer')}: {content.get('case_officer', '')}")
    lines.append(f"{pgettext('proposal document', 'Phone')}: {content.get('phone', '')}")
    lines.append(f"{pgettext('proposal document', 'E-mail')}: {content.get('email', '')}")
    return lines


@dataclass(frozen=True)
class VersionDiff:
    version: ProposalVersion
    previous: ProposalVersion | None
    lines: list[textdiff.Line]

    @property
    def changed(self) -> int:
        return sum(1 for line in self.lines if line.kind != "same")


def version_diff(*, proposal: Proposal, number: int) -> VersionDiff:
    pair = list(
        ProposalVersion.objects.filter(proposal=proposal, number__in=[number, number - 1])
        .select_related("created_by")
        .order_by("-number")
    )
    if not pair or pair[0].number != number:
        raise Http404
    version = pair[0]
    previous = pair[1] if len(pair) > 1 else None
    old = content_lines(previous.content) if previous else []
    return VersionDiff(
        version=version, previous=previous, lines=textdiff.diff_lines(old, content_lines(version.content))
    )


# --- Writing help ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class TextHelp:
    key: str
    heading: str
    result: readability.Readability
    has_cpr: bool

    @property
    def band_label(self) -> str:
        return str(BAND_LABELS[self.result.band])


def _mask_cpr(text: str) -> str:
    """The text with each CPR number replaced by zeros of the same shape (counts stay the same)."""
    for start, end in reversed(find_cpr_spans(text)):
        text = text[:start] + re.sub(r"[0-9]", "0", text[start:end]) + text[end:]
    return text


def text_help(*, key: str, heading: str, text: str) -> TextHelp:
    """The help for one text. A CPR number in it is flagged, and never shown back (nor the longest sentences)."""
    has_cpr = contains_cpr(text)
    result = readability.analyse(_mask_cpr(text) if has_cpr else text)
    return TextHelp(key=key, heading=heading, result=result, has_cpr=has_cpr)


def writing_help(*, sections: list[tuple[str, str, str]]) -> dict[str, Any]:
    """Per section (key, heading, text) and for the whole: characters, LIX and band, longest sentences, CPR.

    Used both by the live help (htmx, unsaved text) and the proposal page (saved text). The decision points
    count as text of the section they stand in."""
    per_section = [text_help(key=key, heading=heading, text=text) for key, heading, text in sections]
    whole_text = "\n".join(text for _key, _heading, text in sections if text)
    whole = text_help(key="whole", heading=gettext("The whole proposal"), text=whole_text)
    return {"sections": per_section, "whole": whole, "by_key": {h.key: h for h in per_section}}


def proposal_writing_help(proposal: Proposal) -> dict[str, Any]:
    points = [p.text for p in proposal.decision_points.all()]
    sections = [
        (
            f"section-{s.pk}",
            f"{s.template_section.position}. {s.template_section.heading}",
            section_body(s.text, points if s.template_section.kind == SectionKind.DECISIONS else ()),
        )
        for s in proposal.sections.all()
    ]
    return writing_help(sections=sections)


def send_on_problems(proposal: Proposal) -> list[str]:
    """What must be in order before a draft goes to the magistrate, as Danish sentences for the writer."""
    problems = []
    value_sections = [s for s in proposal.sections.all() if s.template_section.kind == SectionKind.VALUE]
    for section in value_sections:
        if not section.text.strip():
            problems.append(
                gettext("Fill in the section “%(heading)s” before the proposal is sent on.")
                % {"heading": section.template_section.heading}
            )
    if value_sections and not proposal.city_goals.all():
        problems.append(gettext("Link the value for citizens and society to at least one city goal."))
    decision_sections = [
        s for s in proposal.sections.all() if s.template_section.kind == SectionKind.DECISIONS
    ]
    if decision_sections and not proposal.decision_points.all():
        problems.append(gettext("Write at least one decision point."))
    return problems


def date_text(value: dt.date) -> str:
    return date_format(value, "j. F Y")


# --- What a proposal may cite: goals and trials, found by a word in their title -----------------------------

# At most this many matches are shown for one search; the writer narrows the search for the rest.
CITATION_SEARCH_LIMIT = 20


def citable_goals() -> QuerySet[Goal]:
    """The goals a proposal may cite: those not archived."""
    return Goal.objects.filter(archived_at__isnull=True).order_by("title", "pk")


def citable_trials() -> QuerySet[Trial]:
    return Trial.objects.order_by("title", "pk")


# The proposal's field of each kind of citation that is chosen by searching (there can be thousands of goals).
CITABLE: dict[str, Callable[[], QuerySet[Any]]] = {
    "cited_goals": citable_goals,
    "cited_trials": citable_trials,
}


@dataclass(frozen=True)
class CitationMatches:
    chosen: list[Any]  # the rows the writer has ticked, by title
    found: list[Any]  # rows whose title contains the query, not among the chosen, at most the limit
    more: bool  # more rows match than are shown


def citation_rows(*, field: str, ids: Collection[int]) -> list[Any]:
    """The citable rows with these ids (pk and title), by title; ids of rows that may not be cited are left out."""
    if not ids:
        return []
    return list(CITABLE[field]().filter(pk__in=list(ids)).only("pk", "title"))


def citation_search(
    *, field: str, query: str, chosen_ids: Collection[int], limit: int = CITATION_SEARCH_LIMIT
) -> CitationMatches:
    """The ticked rows and the rows whose title contains ``query`` (two queries at most, whatever the number of
    goals or trials)."""
    chosen = citation_rows(field=field, ids=chosen_ids)
    query = query.strip()
    if not query:
        return CitationMatches(chosen=chosen, found=[], more=False)
    rows = list(
        CITABLE[field]()
        .filter(title__icontains=query)
        .exclude(pk__in=[row.pk for row in chosen])
        .only("pk", "title")[: limit + 1]
    )
    return CitationMatches(chosen=chosen, found=rows[:limit], more=len(rows) > limit)


# --- Backlinks from the cited goals, forums and trials ------------------------------------------------------

# Which many-to-many field of Proposal holds the citations of each model (see kompas/core/backlinks.py).
CITATION_FIELDS = {
    "goals.goal": "cited_goals",
    "dialogues.forum": "cited_forums",
    "trials.trial": "cited_trials",
}


def _citing_rows(field: str, pk: int) -> list[tuple[int, str, str, int | None, int | None, bool]]:
    """Every proposal citing one goal, forum or trial, newest change first, as (pk, title, status, department,
    author, published): the same for every reader."""
    return [
        (pk_, title, status, department, author, published_at is not None)
        for pk_, title, status, department, author, published_at in Proposal.objects.filter(**{field: pk})
        .order_by("-updated_at", "-id")
        .values_list("pk", "title", "status", "department_id", "author_id", "published_at")
    ]


def proposals_citing_for_user(
    *, user: "User | AnonymousUser", label: str, pk: int
) -> list[tuple[int, str, str, int | None, int | None, bool]]:
    """The proposals citing one goal, forum or trial that this user may read (``can_read_proposal``):
    published ones for everyone; for staff also those sent on, and drafts of their own departments or
    their own (all drafts for programme staff). All the citing proposals are cached under the content version
    (``kompas.core.backlinks.shared``) and kept here for this reader; the reader's departments are read only
    when a draft of someone else's decides it."""
    field = CITATION_FIELDS.get(label.lower())
    if field is None:
        return []
    rows = shared(name="proposals", label=label.lower(), pk=pk, build=lambda: _citing_rows(field, pk))
    if not is_staff_member.test(user):
        return [row for row in rows if row[5]]
    if is_programme_staff.test(user):
        return list(rows)
    return [
        row
        for row in rows
        if row[2] != ProposalStatus.DRAFT or row[4] == user.pk or row[3] in department_ids(user)
    ]


def backlinks(user: "User | AnonymousUser", label: str, pk: int) -> list[Backlink]:
    """The backlinks provider registered in apps.ready: no query when the citing proposals are cached, at most
    two on a miss (the proposals, and the user's departments once per user object)."""
    staff = is_staff_member.test(user)
    statuses = dict(ProposalStatus.choices)
    return [
        Backlink(
            label=title,
            url=reverse("proposals:detail" if staff else "proposals:published-detail", kwargs={"pk": pk_}),
            kind_label=gettext("Council proposal"),
            status_label=str(statuses.get(status, status)),
        )
        for pk_, title, status, _department, _author, _published in proposals_citing_for_user(
            user=user, label=label, pk=pk
        )
    ]
