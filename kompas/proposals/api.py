"""Open data: published council proposals (decided and published), read-only, no login needed."""

import datetime as dt

from django.http import Http404
from ninja import Router, Schema
from ninja.errors import HttpError

from . import selectors
from .models import Proposal

router = Router(tags=["Indstillinger"])
MAX_LIMIT = 200


class SectionOut(Schema):
    number: int
    heading: str
    text: str


class ProposalSummary(Schema):
    id: int
    title: str
    department: str
    dated: dt.date
    decision: str
    decided_on: dt.date | None
    case_number: str
    city_goal_ids: list[int]
    url: str


class ProposalOut(ProposalSummary):
    template: str
    to: str
    sender: str
    sections: list[SectionOut]
    decision_points: list[str]
    attachments: list[str]
    earlier_decisions: list[str]
    characters: int


class ProposalPage(Schema):
    total: int
    offset: int
    limit: int
    items: list[ProposalSummary]


def _summary(proposal: Proposal) -> dict:
    return {
        "id": proposal.pk,
        "title": proposal.title,
        "department": proposal.department.name,
        "dated": proposal.dated,
        "decision": proposal.decision,
        "decided_on": proposal.decided_on,
        "case_number": proposal.case_number,
        "city_goal_ids": [goal.pk for goal in proposal.city_goals.all()],
        "url": f"/proposals/published/{proposal.pk}/",
    }


@router.get("/open/proposals", response=ProposalPage, auth=None, summary="Published council proposals")
def published_proposals(request, offset: int = 0, limit: int = 50):
    offset, limit = max(0, offset), max(1, min(limit, MAX_LIMIT))
    proposals = selectors.published_proposals()
    items = [_summary(p) for p in proposals[offset : offset + limit]]
    return {"total": proposals.count(), "offset": offset, "limit": limit, "items": items}


@router.get(
    "/open/proposals/{proposal_id}", response=ProposalOut, auth=None, summary="One published council proposal"
)
def published_proposal(request, proposal_id: int):
    try:
        proposal = selectors.published_proposal_get(pk=proposal_id)
    except Http404 as exc:
        raise HttpError(404, "Not found") from exc
    return {
        **_summary(proposal),
        "template": str(proposal.template_version),
        "to": proposal.to_line,
        "sender": proposal.from_line,
        "sections": [
            {"number": s.template_section.position, "heading": s.template_section.heading, "text": s.text}
            for s in proposal.sections.all()
        ],
        "decision_points": [p.text for p in proposal.decision_points.all()],
        "attachments": proposal.attachment_lines(),
        "earlier_decisions": proposal.earlier_decision_lines(),
        "characters": proposal.characters,
    }
