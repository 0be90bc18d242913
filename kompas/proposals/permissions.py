"""Who may do what with a proposal. Predicates take (user, proposal).

A draft is visible to the staff of its department and to programme staff only. Once sent on to the
magistrate it is a case in the municipality and every member of staff may read it. The city council's
members read it from the stage at which the council's bodies receive it (``politician_stage``: Magistraten or
the committee, as the municipality configures it in ``KOMPAS_PROPOSALS_POLITICIANS_FROM``). A decided
proposal may be published, and is then public.
"""

import rules
from django.conf import settings
from django.db.models import IntegerField

from kompas.core.roles import RoleCode, has_any_role, is_programme_staff, is_staff_member
from kompas.core.statements import Param, Statement
from kompas.organisations.models import Membership

from .choices import ProposalStatus


def department_ids(user) -> set[int]:
    """The departments the user works in (through unit memberships), cached on the user object."""
    cache = getattr(user, "_proposal_department_ids", None)
    if cache is None:
        cache = set()
        if getattr(user, "is_authenticated", False):
            cache = {department for (department,) in _DEPARTMENTS.rows(user=user.pk)}
        user._proposal_department_ids = cache
    return cache


# Compiled once per process (kompas.core.statements): every staff search and proposal list asks it.
_DEPARTMENTS = Statement(
    lambda: (
        Membership.objects.filter(user_id=Param("user", IntegerField()), unit__isnull=False)
        .order_by()  # a set: the memberships' own ordering would only join more tables
        .values_list("unit__department_id")
    )
)


@rules.predicate
def works_in_department(user, proposal) -> bool:
    return proposal is not None and proposal.department_id in department_ids(user)


@rules.predicate
def is_author(user, proposal) -> bool:
    return proposal is not None and proposal.author_id == user.pk


@rules.predicate
def is_draft(user, proposal) -> bool:
    return proposal is not None and proposal.status == ProposalStatus.DRAFT


@rules.predicate
def is_published(user, proposal) -> bool:
    return proposal is not None and proposal.published_at is not None


@rules.predicate
def is_decided(user, proposal) -> bool:
    return proposal is not None and proposal.status == ProposalStatus.DECIDED


# The council's path in order: a politician reads a proposal that has reached the configured stage or one after it.
COUNCIL_PATH = (
    ProposalStatus.MAGISTRATE,
    ProposalStatus.COMMITTEE,
    ProposalStatus.COUNCIL_FIRST,
    ProposalStatus.COUNCIL_SECOND,
    ProposalStatus.DECIDED,
)
DEFAULT_POLITICIAN_STAGE = ProposalStatus.COMMITTEE


def politician_stage() -> str:
    """The stage from which the city council's members read a proposal (checked by ``kompas.E201``)."""
    stage = getattr(settings, "KOMPAS_PROPOSALS_POLITICIANS_FROM", DEFAULT_POLITICIAN_STAGE)
    return (
        stage if stage in (ProposalStatus.MAGISTRATE, ProposalStatus.COMMITTEE) else DEFAULT_POLITICIAN_STAGE
    )


def council_stages() -> tuple[str, ...]:
    """The statuses in which a politician may read a proposal: the configured stage and every one after it."""
    return COUNCIL_PATH[COUNCIL_PATH.index(politician_stage()) :]


@rules.predicate
def reached_council_stage(user, proposal) -> bool:
    return proposal is not None and proposal.status in council_stages()


is_politician = has_any_role(RoleCode.POLITICIAN)


@rules.predicate
def has_a_department(user) -> bool:
    return bool(department_ids(user))


# Lists, new proposals and the writing help are for municipal staff.
can_view_proposals = is_staff_member
can_create_proposal = is_staff_member
# The author, the department's staff and programme staff see drafts; all staff see a proposal sent on. (The
# department, the one test that reads the database, comes last: the others decide most cases without it.)
can_read_proposal = (
    is_published
    | (is_staff_member & (is_author | is_programme_staff | ~is_draft | works_in_department))
    | (is_politician & reached_council_stage)
)
# The proposal page: staff, and the council's members (who read it from the council stage, see above).
can_open_proposal_page = can_view_proposals | is_politician
# Only a draft is written in, by its author, its department's staff or programme staff.
can_edit_proposal = is_staff_member & is_draft & (is_author | is_programme_staff | works_in_department)
can_comment = can_edit_proposal
# Who would edit the proposal were it a draft: such a user opening the edit page of a proposal that has been
# sent on is told why it is locked (a 403 with the reason), everybody else gets the same 404 as before.
edits_its_drafts = is_staff_member & (is_author | is_programme_staff | works_in_department)
# The department sends its draft on; Borgmesterens Afdeling (programme staff) moves it through the council.
can_send_on = can_edit_proposal
can_move_in_council = is_programme_staff
can_publish = is_programme_staff & is_decided
can_manage_templates = is_programme_staff
can_create_from_fund = is_programme_staff

rules.add_perm("proposals.view_proposal", can_read_proposal)
rules.add_perm("proposals.change_proposal", can_edit_proposal)


def may_transition(user, proposal, to_status: str) -> bool:
    if proposal.status == ProposalStatus.DRAFT:
        return can_send_on.test(user, proposal)
    return can_move_in_council.test(user, proposal)
