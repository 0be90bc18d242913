"""Who may read a council proposal or a template: the proposals' own rules (ADR 0015). A draft is for its
department and programme staff; a published proposal is public."""

from kompas.core import object_access

from . import selectors
from .models import ProposalTemplate
from .permissions import can_manage_templates


def register() -> None:
    object_access.register("proposals.proposal", object_access.from_guarded(selectors.proposal_get_for_user))
    object_access.register(
        "proposals.proposaltemplate", object_access.by_rule(ProposalTemplate, can_manage_templates)
    )
