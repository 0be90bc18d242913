"""Writes of Indstillinger. Keyword-only, transactional, audited; notifications after commit."""

import datetime as dt
import re
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, cast

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext, gettext_noop

from kompas import activity
from kompas.activity.services import changes_between
from kompas.citygoals.models import CityGoal
from kompas.core import formats, object_access, versions
from kompas.core.cpr import contains_cpr
from kompas.core.validators import CPR_ERROR, report_cpr_hit
from kompas.fund.selectors import council_case
from kompas.organisations.models import Department

from . import readability, selectors, verbs
from .choices import TRANSITIONS, Decision, ProposalStatus, SectionKind
from .defaults import COMPASS_SLUG
from .models import (
    Comment,
    DecisionPoint,
    Proposal,
    ProposalSection,
    ProposalTemplate,
    ProposalVersion,
    StatusChange,
    TemplateSection,
    TemplateVersion,
)

if TYPE_CHECKING:
    from kompas.accounts.models import User
    from kompas.dialogues.models import Forum
    from kompas.goals.models import Goal
    from kompas.trials.models import Trial

NOTIFICATION_TEXTS = (
    gettext_noop("The proposal “%(title)s” has moved on: %(status)s"),
    gettext_noop("A new comment on the proposal “%(title)s”"),
)

HEADER_FIELDS = (
    "title",
    "to_line",
    "from_line",
    "dated",
    "department",
    "case_number",
    "case_officer",
    "phone",
    "email",
    "signatures",
    "attachments",
    "earlier_decisions",
)
CITATIONS = ("city_goals", "cited_goals", "cited_forums", "cited_trials")

# "At 1) …", "1) …", "1. …" or "- …" at the start of a typed decision point: the number is ours to give.
_POINT_PREFIX_RE = re.compile(r"^\s*(?:at\s+)?(?:\d+\s*[).:]\s*|[-–•*]\s+)", re.IGNORECASE)


def clean_decision_points(lines: Iterable[str]) -> list[str]:
    points = []
    for line in lines:
        text = _POINT_PREFIX_RE.sub("", line).strip()
        if text:
            points.append(text)
    return points


def _guard(text: str, *, where: str) -> None:
    if text and contains_cpr(text):
        report_cpr_hit(text=text, where=where)
        raise ValidationError(CPR_ERROR)


# --- Templates -------------------------------------------------------------------------------------------


def _new_template_version(
    *, template: ProposalTemplate, sections: list[dict[str, str]], note: str, actor: "User"
) -> TemplateVersion:
    if not sections:
        raise ValidationError(gettext("A template needs at least one section."))
    number = (template.versions.order_by("-number").values_list("number", flat=True).first() or 0) + 1
    version = TemplateVersion.objects.create(template=template, number=number, note=note, created_by=actor)
    TemplateSection.objects.bulk_create(
        TemplateSection(
            version=version,
            position=position,
            heading=section["heading"],
            guidance=section.get("guidance", ""),
            kind=section.get("kind", SectionKind.TEXT),
        )
        for position, section in enumerate(sections, start=1)
    )
    return version


@transaction.atomic
def template_create(
    *, actor: "User", name: str, slug: str, description: str, is_active: bool, sections: list[dict[str, str]]
) -> ProposalTemplate:
    template = ProposalTemplate(name=name, slug=slug, description=description, is_active=is_active)
    template.full_clean()
    template.save()
    _new_template_version(template=template, sections=sections, note=gettext("First version"), actor=actor)
    activity.record(actor=actor, verb=verbs.TEMPLATE_CREATED, target=template)
    return template


@transaction.atomic
def template_revise(
    *,
    template: ProposalTemplate,
    actor: "User",
    name: str,
    description: str,
    is_active: bool,
    sections: list[dict[str, str]],
    note: str,
) -> TemplateVersion:
    """A new version of the template; proposals already written keep the version they were written in."""
    template = ProposalTemplate.objects.select_for_update().get(pk=template.pk)
    before = {"name": template.name, "description": template.description, "is_active": template.is_active}
    template.name, template.description, template.is_active = name, description, is_active
    template.full_clean()
    template.save()
    current = selectors.current_template_version(template=template)
    old_sections = (
        [{"heading": s.heading, "guidance": s.guidance, "kind": s.kind} for s in current.sections.all()]
        if current
        else []
    )
    version = cast(TemplateVersion, current)  # None only when a new version is made just below
    if old_sections != sections or current is None:
        version = _new_template_version(template=template, sections=sections, note=note, actor=actor)
    after = {"name": name, "description": description, "is_active": is_active}
    activity.record(
        actor=actor,
        verb=verbs.TEMPLATE_REVISED,
        target=template,
        changes={
            **changes_between(before, after),
            "version": [current.number if current else None, version.number],
        },
    )
    return version


# --- Proposals -------------------------------------------------------------------------------------------


def _after_save(*, proposal: Proposal, actor: "User") -> tuple[ProposalVersion | None, dict[str, Any]]:
    """Count the characters ("Antal tegn") and store the proposal as a new version, unless it is exactly
    the last version (a repeated save). Returns the new version (or None) and the content."""
    document = selectors.proposal_for_document(pk=proposal.pk)
    characters = readability.character_count(selectors.proposal_plain_text(document))
    Proposal.objects.filter(pk=proposal.pk).update(characters=characters)
    content = selectors.proposal_content(document)
    last = document.versions.order_by("-number").first()
    if last is not None and last.content == content:
        return None, content
    number = (last.number if last else 0) + 1
    version = ProposalVersion.objects.create(
        proposal=document, number=number, content=content, created_by=actor
    )
    return version, content


@transaction.atomic
def proposal_create(
    *,
    actor: "User",
    template_version: TemplateVersion,
    title: str,
    department: Department,
    from_line: str = "",
    dated: dt.date | None = None,
    sections: dict[int, str] | None = None,
    decision_points: Iterable[str] = (),
    city_goals: Iterable[CityGoal] = (),
    fund_application_id: int | None = None,
    fund_application_url: str = "",
    **header: Any,
) -> Proposal:
    proposal = Proposal(
        template_version=template_version,
        title=title,
        department=department,
        from_line=from_line or department.name,
        dated=dated or timezone.localdate(),
        author=actor,
        case_officer=header.pop("case_officer", "") or (actor.get_full_name() if actor else ""),
        email=header.pop("email", "") or (getattr(actor, "email", "") or ""),
        fund_application_id=fund_application_id,
        fund_application_url=fund_application_url,
        **header,
    )
    for name in HEADER_FIELDS:
        if isinstance(getattr(proposal, name), str):
            _guard(getattr(proposal, name), where=f"proposal.{name}")
    texts = sections or {}
    for text in texts.values():
        _guard(text, where="proposal.section")
    points = clean_decision_points(decision_points)
    for point in points:
        _guard(point, where="proposal.decision_point")
    proposal.full_clean(exclude=["author", "template_version", "department"])
    proposal.save()
    ProposalSection.objects.bulk_create(
        ProposalSection(proposal=proposal, template_section=section, text=texts.get(section.pk, ""))
        for section in template_version.sections.all()
    )
    DecisionPoint.objects.bulk_create(
        DecisionPoint(proposal=proposal, number=number, text=text)
        for number, text in enumerate(points, start=1)
    )
    proposal.city_goals.set(city_goals)
    _after_save(proposal=proposal, actor=actor)
    versions.bump("content")
    activity.record(
        actor=actor,
        verb=verbs.PROPOSAL_CREATED,
        target=proposal,
        changes={"title": [None, title], "template": [None, str(template_version)]},
    )
    proposal.refresh_from_db()
    return proposal


@transaction.atomic
def proposal_save(
    *,
    proposal: Proposal,
    actor: "User",
    sections: dict[int, str],
    decision_points: Iterable[str],
    city_goals: Iterable[CityGoal] | None = None,
    cited_goals: "Iterable[Goal] | None" = None,
    cited_forums: "Iterable[Forum] | None" = None,
    cited_trials: "Iterable[Trial] | None" = None,
    **header: Any,
) -> Proposal:
    """Save the text of a draft. Every save that changes something is a new version."""
    proposal = Proposal.objects.select_for_update().get(pk=proposal.pk)
    if proposal.status != ProposalStatus.DRAFT:
        raise ValidationError(gettext("Only a draft can be changed."))
    before = selectors.proposal_content(selectors.proposal_for_document(pk=proposal.pk))
    for name in HEADER_FIELDS:
        if name in header:
            value = header[name]
            if isinstance(value, str):
                _guard(value, where=f"proposal.{name}")
            setattr(proposal, name, value)
    proposal.full_clean(exclude=["author", "template_version", "department"])
    proposal.save()
    for section in proposal.sections.all():
        if section.pk in sections and sections[section.pk] != section.text:
            _guard(sections[section.pk], where="proposal.section")
            section.text = sections[section.pk]
            section.save(update_fields=["text"])
    points = clean_decision_points(decision_points)
    for point in points:
        _guard(point, where="proposal.decision_point")
    existing = [point.text for point in proposal.decision_points.all()]
    if existing != points:
        proposal.decision_points.all().delete()
        DecisionPoint.objects.bulk_create(
            DecisionPoint(proposal=proposal, number=number, text=text)
            for number, text in enumerate(points, start=1)
        )
    for name, values in zip(CITATIONS, (city_goals, cited_goals, cited_forums, cited_trials), strict=True):
        if values is not None:
            getattr(proposal, name).set(values)
    version, after = _after_save(proposal=proposal, actor=actor)
    if version is not None:
        versions.bump("content")
        activity.record(
            actor=actor,
            verb=verbs.PROPOSAL_SAVED,
            target=proposal,
            changes={**_short_changes(before, after), "version": [version.number - 1, version.number]},
        )
    proposal.refresh_from_db()
    return proposal


def _short_changes(before: dict[str, Any], after: dict[str, Any]) -> dict[str, Any]:
    """What changed, for the audit trail: header values in full, long texts only by name."""
    changes: dict[str, list[Any]] = {}
    for key in dict.fromkeys([*before, *after]):
        if before.get(key) == after.get(key):
            continue
        if key in ("sections", "decision_points"):
            changes[key] = ["…", "…"]
        else:
            changes[key] = [before.get(key), after.get(key)]
    return changes


@transaction.atomic
def proposal_transition(
    *,
    proposal: Proposal,
    actor: "User",
    to_status: str,
    note: str = "",
    decision: str = "",
    decision_note: str = "",
    decided_on: dt.date | None = None,
) -> Proposal:
    """Move a proposal one step along the transitions table, with the checks that step needs."""
    proposal = Proposal.objects.select_for_update().get(pk=proposal.pk)
    if to_status not in TRANSITIONS.get(proposal.status, ()):
        raise ValidationError(
            gettext("A proposal cannot go from “%(from)s” to “%(to)s”.")
            % {"from": ProposalStatus(proposal.status).label, "to": ProposalStatus(to_status).label}
        )
    _guard(note, where="proposal.status_note")
    _guard(decision_note, where="proposal.decision_note")
    if proposal.status == ProposalStatus.DRAFT:
        problems = selectors.send_on_problems(selectors.proposal_for_document(pk=proposal.pk))
        if problems:
            raise ValidationError(problems)
    if to_status == ProposalStatus.DECIDED:
        if not decision or decided_on is None:
            raise ValidationError(gettext("Record the decision and the date it was made."))
        proposal.decision, proposal.decision_note, proposal.decided_on = decision, decision_note, decided_on
        if proposal.fund_application_id or proposal.fund_project_id:
            _fund_decision(proposal=proposal, actor=actor)
    from_status = proposal.status
    proposal.status = to_status
    proposal.save()
    StatusChange.objects.create(
        proposal=proposal, from_status=from_status, to_status=to_status, note=note, actor=actor
    )
    versions.bump("content")
    activity.record(
        actor=actor,
        verb=verbs.PROPOSAL_STATUS_CHANGED,
        target=proposal,
        changes={"status": [from_status, to_status], **({"decision": ["", decision]} if decision else {})},
    )
    if proposal.author_id and (actor is None or proposal.author_id != actor.pk):
        _notify_author(
            proposal,
            "The proposal “%(title)s” has moved on: %(status)s",
            status=ProposalStatus(to_status).label,
        )
    return proposal


@transaction.atomic
def proposal_publish(*, proposal: Proposal, actor: "User", publish: bool = True) -> Proposal:
    proposal = Proposal.objects.select_for_update().get(pk=proposal.pk)
    if publish and proposal.status != ProposalStatus.DECIDED:
        raise ValidationError(gettext("Only a decided proposal can be published."))
    if publish == proposal.is_published:
        return proposal  # a repeated click changes nothing
    before = proposal.published_at
    proposal.published_at = timezone.now() if publish else None
    proposal.save(update_fields=["published_at", "updated_at"])
    versions.bump("content")
    activity.record(
        actor=actor,
        verb=verbs.PROPOSAL_PUBLISHED if publish else verbs.PROPOSAL_UNPUBLISHED,
        target=proposal,
        changes={
            "published_at": [
                before and before.isoformat(),
                proposal.published_at and proposal.published_at.isoformat(),
            ]
        },
    )
    return proposal


@transaction.atomic
def proposal_attach(*, proposal: Proposal, actor: "User", line: str, value_note: str = "") -> Proposal:
    """Add a Bilag line to a draft (e.g. a hearing note from the hearings app) and, when given, a sentence
    in the value section that cites it; a new version like any save. Asking again changes nothing."""
    document = selectors.proposal_for_document(pk=proposal.pk)
    if line in document.attachment_lines():
        return document
    sections = {s.pk: s.text for s in document.sections.all()}
    if value_note:
        for section in document.sections.all():
            if section.template_section.kind == SectionKind.VALUE and value_note not in section.text:
                sections[section.pk] = f"{section.text.rstrip()}\n\n{value_note}".strip()
    return proposal_save(
        proposal=document,
        actor=actor,
        sections=sections,
        decision_points=[p.text for p in document.decision_points.all()],
        attachments="\n".join([*document.attachment_lines(), line]),
    )


@transaction.atomic
def comment_add(
    *, proposal: Proposal, actor: "User", text: str, section: ProposalSection | None = None
) -> Comment:
    if proposal.status != ProposalStatus.DRAFT:
        raise ValidationError(gettext("Comments are for drafts; this proposal has been sent on."))
    _guard(text, where="proposal.comment")
    comment = Comment.objects.create(proposal=proposal, author=actor, text=text, section=section)
    activity.record(actor=actor, verb=verbs.PROPOSAL_COMMENTED, target=proposal)
    if proposal.author_id != actor.pk:
        _notify_author(proposal, "A new comment on the proposal “%(title)s”")
    return comment


def _notify_author(proposal: Proposal, message: str, **values: object) -> None:
    """Notify the proposal's author in their own language (sent when the transaction commits)."""
    author = proposal.author
    with translation.override(getattr(author, "preferred_language", "") or settings.LANGUAGE_CODE):
        text = gettext(message) % {"title": proposal.title, **{k: str(v) for k, v in values.items()}}
    activity.notify(recipients=[author], message=text, url=proposal.get_absolute_url())


# --- From a fund application -------------------------------------------------------------------------------


def _fund_decision(*, proposal: Proposal, actor: "User") -> None:
    """The council's decision on a fund proposal flows into the fund by the link (fund issue 13): a grant's
    proposal decides the application; a proposal to stop a project stops it, or leaves it running."""
    from kompas.fund import services as fund_services

    approved = proposal.decision in (Decision.ADOPTED, Decision.ADOPTED_AMENDED)
    try:
        if proposal.fund_project_id:
            fund_services.project_stop_from_proposal(
                project_id=proposal.fund_project_id,
                proposal_id=proposal.pk,
                approved=approved,
                decided_on=cast(dt.date, proposal.decided_on),
                reason=proposal.decision_note.strip()
                or gettext("The city council decided to stop the project (the council proposal “%(title)s”).")
                % {"title": proposal.title},
                actor=actor,
            )
            return
        fund_services.council_decision_from_proposal(
            application_id=cast(int, proposal.fund_application_id),
            proposal_id=proposal.pk,
            approved=approved,
            decided_on=cast(dt.date, proposal.decided_on),
            case_number=proposal.case_number,
            actor=actor,
        )
    except fund_services.FundError as exc:
        raise ValidationError(str(exc.message)) from exc


def fund_stop_proposal_open(*, project_id: int) -> Proposal | None:
    """The council proposal to stop the project that the council has not yet decided, if one is drafted."""
    return Proposal.objects.filter(fund_project_id=project_id).exclude(status=ProposalStatus.DECIDED).first()


@transaction.atomic
def proposal_to_stop_fund_project(*, project_id: int, actor: "User") -> Proposal:
    """A draft council proposal to stop a funded project the city council granted, pre-filled from the project
    and its application; linked to the project, whose stop then follows the council's decision (fund issue 13).

    Idempotent: while a proposal to stop the project is undecided, asking again returns it."""
    from kompas.fund import services as fund_services

    existing = fund_stop_proposal_open(project_id=project_id)
    if existing is not None:
        return existing
    project = object_access.get_for_user(user=actor, label="fund.project", pk=project_id)
    case = council_case(application_id=project.application_id, user=actor) if project is not None else None
    if project is None or case is None:
        raise ValidationError(gettext("The fund project does not exist."))
    template = cast(
        ProposalTemplate,
        ProposalTemplate.objects.filter(slug=COMPASS_SLUG).first() or ProposalTemplate.objects.first(),
    )
    version = cast(TemplateVersion, selectors.current_template_version(template=template))
    department = cast(
        Department,
        Department.objects.filter(pk=project.lead_department_id).first()
        or Department.objects.order_by("order").first(),
    )
    values = {"title": project.title, "amount": formats.kr(case.amount)}
    reason = project.stop_proposal or gettext("The project will not give what it promised.")
    by_position = {
        1: gettext("It is proposed to stop the project “%(title)s” early: %(reason)s")
        % {**values, "reason": reason},
        2: gettext("It is recommended:"),
        3: gettext(
            "The city council granted %(amount)s from the development pool to the project “%(title)s”. The "
            "body that granted the money decides to stop it: fail fast and cheaply."
        )
        % values,
        7: gettext("What is committed to the project and not paid out goes back to the development pool."),
        8: gettext("What the project has learned is shared in the library."),
    }
    sections = {
        s.pk: by_position[2] if s.kind == SectionKind.DECISIONS else by_position.get(s.position, "")
        for s in version.sections.all()
    }
    proposal = proposal_create(
        actor=actor,
        template_version=version,
        title=gettext("Stop of the project “%(title)s”") % values,
        department=department,
        sections=sections,
        decision_points=[
            gettext(
                "The city council stops the project “%(title)s”, and what is committed and not paid out goes "
                "back to the development pool"
            )
            % values
        ],
        city_goals=list(CityGoal.objects.filter(pk__in=case.city_goal_ids)),
        fund_project_id=project_id,
        fund_project_url=project.get_absolute_url(),
    )
    try:
        fund_services.project_stop_proposal_link(
            project_id=project_id, proposal_id=proposal.pk, url=proposal.get_absolute_url(), actor=actor
        )
    except fund_services.FundError as exc:
        raise ValidationError(str(exc.message)) from exc
    activity.record(
        actor=actor,
        verb=verbs.PROPOSAL_CREATED_FROM_FUND,
        target=proposal,
        changes={"project": [None, project_id]},
    )
    return proposal


@transaction.atomic
def proposal_from_fund(*, application_id: int, actor: "User") -> Proposal:
    """A draft in the compass template, pre-filled from a fund application that needs a council decision.

    Idempotent: an application has at most one proposal, and asking again returns it."""
    existing = Proposal.objects.filter(fund_application_id=application_id).first()
    if existing is not None:
        return existing
    case = council_case(application_id=application_id, user=actor)
    if case is None:
        raise ValidationError(gettext("The fund application does not exist."))
    # Assumed to exist, as before these casts: without a template, a version or a department this fails.
    template = cast(
        ProposalTemplate,
        ProposalTemplate.objects.filter(slug=COMPASS_SLUG).first() or ProposalTemplate.objects.first(),
    )
    version = cast(TemplateVersion, selectors.current_template_version(template=template))
    departments = list(Department.objects.filter(name__in=case.department_names))
    department = cast(
        Department,
        (departments[0] if departments else Department.objects.filter(slug="borgmesterens-afdeling").first())
        or Department.objects.order_by("order").first(),
    )
    years = (
        str(case.first_year) if case.first_year == case.last_year else f"{case.first_year}–{case.last_year}"
    )
    amount = formats.kr(case.amount)
    gain = (
        gettext("The expected economic gain is %(gain)s a year.")
        % {"gain": formats.kr(case.economic_gain_per_year)}
        if case.economic_gain_per_year is not None
        else ""
    )
    by_position = {
        1: case.summary,
        2: gettext("It is recommended:"),
        3: gettext(
            "The project “%(title)s” has applied to the development pool for %(amount)s (%(years)s). A grant "
            "above 2 million kr. or over several years is decided by the city council."
        )
        % {"title": case.title, "amount": amount, "years": years},
        4: case.value,
        5: case.new_and_original,
        6: "\n\n".join(part for part in (", ".join(case.department_names), case.partners) if part),
        7: "\n\n".join(
            part
            for part in (
                gettext("The grant: %(amount)s from the development pool, %(years)s.")
                % {"amount": amount, "years": years},
                case.business_case,
                gain,
                gettext("Risks: %(risks)s") % {"risks": case.risks} if case.risks else "",
            )
            if part
        ),
        8: gettext("The project reports its effects to the development pool, and what it learns is shared."),
    }
    by_section_kind: dict[str, str] = {
        SectionKind.DECISIONS: by_position[2],
        SectionKind.VALUE: by_position[4],
    }
    sections = {
        s.pk: by_section_kind.get(s.kind, by_position.get(s.position, "")) for s in version.sections.all()
    }
    point = gettext(
        "The city council grants %(amount)s from the development pool to “%(title)s” (%(years)s)"
    ) % {
        "amount": amount,
        "title": case.title,
        "years": years,
    }
    proposal = proposal_create(
        actor=actor,
        template_version=version,
        title=case.title,
        department=department,
        sections=sections,
        decision_points=[point],
        city_goals=list(CityGoal.objects.filter(pk__in=case.city_goal_ids)),
        fund_application_id=application_id,
        fund_application_url=case.url,
    )
    from kompas.fund import services as fund_services

    fund_services.council_proposal_link(
        application_id=application_id, proposal_id=proposal.pk, url=proposal.get_absolute_url(), actor=actor
    )
    activity.record(
        actor=actor,
        verb=verbs.PROPOSAL_CREATED_FROM_FUND,
        target=proposal,
        changes={"application": [None, application_id]},
    )
    return proposal
