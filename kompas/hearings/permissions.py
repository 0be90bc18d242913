"""Who may do what with hearings and requests to meet a committee. Object predicates take (user, object)."""

import rules

from kompas.core.roles import is_leader, is_programme_staff, is_staff_member
from kompas.council.permissions import committee_ids, is_politician

from .choices import HearingStatus


@rules.predicate
def owns_hearing(user, hearing) -> bool:
    return hearing is not None and getattr(user, "pk", None) is not None and hearing.owner_id == user.pk


@rules.predicate
def is_draft_hearing(user, hearing) -> bool:
    return hearing is not None and hearing.status == HearingStatus.DRAFT


@rules.predicate
def is_requester(user, request) -> bool:
    return request is not None and getattr(user, "pk", None) is not None and request.requester_id == user.pk


@rules.predicate
def sits_on_addressed_committee(user, request) -> bool:
    """The user has a seat on the committee the request is addressed to (``kompas.council``)."""
    return (
        request is not None
        and request.committee_id is not None
        and request.committee_id in committee_ids(user)
    )


# A leader or programme staff opens a hearing; its owner and programme staff run it and write the note.
can_create_hearing = is_leader
can_manage_hearing = owns_hearing | is_programme_staff
# Everyone reads a hearing once it has been opened; a draft is for those who run it.
can_see_hearing = can_manage_hearing | ~is_draft_hearing
# Staff at a citizen service desk or a library enter an answer on a citizen's behalf.
can_assist = is_staff_member
can_list_hearings_for_staff = is_staff_member
# The committee secretariat (programme staff, Borgmesterens Afdeling) sees the queue and answers.
can_handle_foretraede = is_programme_staff
# The requester, the secretariat, and the members of the committee the request is addressed to.
can_see_foretraede = is_requester | is_programme_staff | (is_politician & sits_on_addressed_committee)
# The queue: the secretariat's (every request), or a council member's (the requests to their committees).
can_read_foretraede_queue = can_handle_foretraede | is_politician

rules.add_perm("hearings.change_hearing", can_manage_hearing)
rules.add_perm("hearings.view_foretraederequest", can_see_foretraede)
