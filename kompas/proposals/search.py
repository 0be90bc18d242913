"""Council proposals in the site search (kompas.core.search).

Staff find what the proposal list shows them (``proposals_for_user``: drafts of their own departments, all
drafts for programme staff, and every proposal that has been sent on); the city council's members find the
proposals that have reached the council stage (``proposals_for_council``) and the published ones; everyone
else finds the published, decided proposals (``published_proposals``).
"""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from kompas.core.roles import is_programme_staff
from kompas.core.search import Hits, Split, list_search, module_search
from kompas.core.search_index import SearchSource

from . import selectors
from .choices import ProposalStatus
from .models import Proposal
from .permissions import can_read_proposal, can_view_proposals, is_politician


def visible(user):
    """Staff: what the proposal list shows them; council members: the proposals at the council stage and the
    published ones; everyone else: the published, decided proposals."""
    if can_view_proposals.test(user):
        return selectors.proposals_for_user(user=user)
    if is_politician.test(user):
        return selectors.proposals_for_council(with_published=True)
    return selectors.published_proposals()


def scope(user):
    """Who finds the same proposals as ``visible`` gives them: programme staff (every proposal), the council,
    everyone else outside staff. Other staff also find the drafts of their own departments: theirs alone."""
    if can_view_proposals.test(user):
        return "programme" if is_programme_staff.test(user) else None
    return "council" if is_politician.test(user) else "public"


def alike(user):
    """Staff other than programme staff all find the proposals that have been sent on (``alike_proposals``);
    the drafts of their own departments (and their own) are theirs."""
    return "staff" if can_view_proposals.test(user) and not is_programme_staff.test(user) else None


def alike_proposals(audience) -> Q:
    """Of ``proposals_for_user(user)``, what every member of staff reads: every proposal that is no draft."""
    return ~Q(status=ProposalStatus.DRAFT)


# Staff and council members: the proposal's own page; everyone else: the published proposal's page.
INSIDE = Hits(
    "proposals:detail",
    snippet=lambda proposal: proposal.decision_note or proposal.earlier_decisions,
    kind=lambda proposal: proposal.get_status_display(),
    reads=("decision_note", "earlier_decisions", "status"),
    date="dated",
    order=("-updated_at", "-id"),
)
PUBLISHED = Hits(
    "proposals:published-detail",
    snippet="decision_note",
    kind=_("Council proposal"),
    date="decided_on",
    order=("-decided_on", "-id"),
)

SEARCH = module_search(
    SearchSource(
        Proposal,
        fields={"title": "A", "case_number": "A", "decision_note": "B", "earlier_decisions": "C"},
        visible=visible,
    ),
    key="proposals",
    label=_("Council proposals"),
    order=75,
    hits=lambda user: INSIDE if can_view_proposals.test(user) or is_politician.test(user) else PUBLISHED,
    # Staff search the proposal list (title and case number); the published list has no search.
    see_all=list_search("proposals:list", rule=can_view_proposals),
    scope=scope,
    # Which of the matching drafts a member of staff sees: the proposal's own rule (the page's), which agrees
    # with ``proposals_for_user`` (their departments' drafts and their own), asked of the few drafts that match.
    split=Split(
        scope=alike,
        rows=alike_proposals,
        sees=can_read_proposal.test,
        reads=("status", "published_at", "department_id", "author_id"),
    ),
)
register = SEARCH.register
