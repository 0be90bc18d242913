"""Open data: published council proposals (decided and published), read-only, no login needed."""

import datetime as dt

from ninja import Query, Router, Schema

from kompas.core.api_errors import answers
from kompas.core.api_pages import Page, PageParams, page
from kompas.core.schema_types import Id

from . import selectors
from .models import Proposal

router = Router(tags=["Indstillinger"])


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


class ProposalPage(Page[ProposalSummary]):
    pass


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


@router.get(
    "/open/proposals", response=answers(ProposalPage, 422), auth=None, summary="Published council proposals"
)
def published_proposals(request, paging: Query[PageParams]):
    return page(selectors.published_proposals(), paging, _summary)


@router.get(
    "/open/proposals/{proposal_id}",
    response=answers(ProposalOut, 404, 422),
    auth=None,
    summary="One published council proposal",
)
def published_proposal(request, proposal_id: Id):
    proposal = selectors.published_proposal_get(pk=proposal_id)  # Http404: the API's 404 answer
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
