"""Who may see, take part in and facilitate a forum. Predicates take (user, forum)."""

import rules

from kompas.core.roles import is_leader, is_programme_staff, is_staff_member

from .choices import ForumStatus, ForumVisibility


@rules.predicate
def is_facilitator(user, forum) -> bool:
    return forum is not None and getattr(user, "pk", None) is not None and forum.facilitator_id == user.pk


@rules.predicate
def is_invited(user, forum) -> bool:
    if forum is None or not getattr(user, "is_authenticated", False):
        return False
    return forum.invited.filter(pk=user.pk).exists()


@rules.predicate
def is_public_forum(user, forum) -> bool:
    return forum is not None and forum.visibility == ForumVisibility.PUBLIC


@rules.predicate
def is_staff_forum(user, forum) -> bool:
    return forum is not None and forum.visibility == ForumVisibility.STAFF


@rules.predicate
def is_draft(user, forum) -> bool:
    return forum is not None and forum.status == ForumStatus.DRAFT


@rules.predicate
def is_open(user, forum) -> bool:
    return forum is not None and forum.status == ForumStatus.OPEN


can_create_forum = is_leader
can_facilitate = is_facilitator | is_programme_staff
can_see_forum = can_facilitate | (
    ~is_draft & (is_public_forum | (is_staff_forum & is_staff_member) | is_invited)
)
can_take_part = can_see_forum & is_open
# Assisted participation (seed 004, spor 4): municipal staff – at a citizen service desk, a library or any
# other front desk; Kompas has no separate service-desk role – enter a citizen's votes and statement on their
# behalf, in an open forum that is public (the citizen could take part there themselves).
can_assist = is_staff_member & is_public_forum & is_open

rules.add_perm("dialogues.assist_forum", can_assist)
