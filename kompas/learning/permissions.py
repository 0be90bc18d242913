"""Who may do what in the learning forums. Predicates take (user, forum).

A forum for everyone is open to every signed-in person (staff, citizens, partners); a staff forum only to
municipal staff. Staff start forums (employees and leaders run communities of practice, DESIGN §2). The host
and programme staff manage a forum: its sessions, materials, the session logs and the list of who signed up.
Members and the managers share materials and read them.
"""

import rules

from kompas.core.roles import is_programme_staff, is_staff_member

from .choices import Audience


@rules.predicate
def is_forum_host(user, forum) -> bool:
    return forum is not None and forum.host_id == user.pk


@rules.predicate
def is_forum_member(user, forum) -> bool:
    if forum is None or not user.is_authenticated:
        return False
    from .models import ForumMember

    return ForumMember.objects.filter(forum_id=forum.pk, user_id=user.pk).exists()


@rules.predicate
def forum_is_for_everyone(user, forum) -> bool:
    return forum is not None and forum.audience == Audience.EVERYONE


can_view_learning = rules.is_authenticated
can_create_forum = is_staff_member
can_read_forum = rules.is_authenticated & (forum_is_for_everyone | is_staff_member)
can_manage_forum = can_read_forum & (is_forum_host | is_programme_staff)
can_use_materials = can_read_forum & (is_forum_member | is_forum_host | is_programme_staff)

rules.add_perm("learning.view_learningforum", can_read_forum)
rules.add_perm("learning.change_learningforum", can_manage_forum)


@rules.predicate
def uses_materials_of(user, target) -> bool:
    """For audit entries about materials: the user may see the forum's materials."""
    forum = getattr(target, "forum", target)
    return bool(can_use_materials.test(user, forum))


@rules.predicate
def manages_forum_of(user, target) -> bool:
    """For audit entries: the target (a forum, a session or a material) belongs to a forum the user manages."""
    forum = getattr(target, "forum", target)
    return bool(can_manage_forum.test(user, forum))
