"""Dialogue forums in the site search (kompas.core.search): only the forums the user may see (forums_for)."""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from kompas.core.roles import is_programme_staff, is_staff_member
from kompas.core.search import Hits, Split, module_search
from kompas.core.search_index import SearchSource

from . import selectors
from .choices import ForumStatus, ForumVisibility
from .models import Forum


def scope(user):
    """Who finds exactly the same forums in ``forums_for``: anonymous visitors (the public forums) and
    programme staff (every forum). Everyone else also finds the forums they are invited to or facilitate."""
    if not user.is_authenticated:
        return "anonymous"
    return "programme" if is_programme_staff.test(user) else None


def alike(user):
    """The readers who see the same forums besides their own: staff (the public and the staff forums), everyone
    else signed in (the public forums); see ``alike_forums``."""
    if not user.is_authenticated or is_programme_staff.test(user):
        return None
    return "staff" if is_staff_member.test(user) else "signed-in"


def alike_forums(audience) -> Q:
    """Of ``forums_for(user)``, what every reader of the audience sees: the forums that are not drafts and are
    public (for staff: or for staff). Being invited or facilitating makes the rest of what a user sees."""
    open_to = (
        [ForumVisibility.PUBLIC, ForumVisibility.STAFF] if audience == "staff" else [ForumVisibility.PUBLIC]
    )
    return Q(visibility__in=open_to) & ~Q(status=ForumStatus.DRAFT)


# Who sees a forum is forums_for (public, invited, facilitated, staff forums for staff; no drafts).
SEARCH = module_search(
    SearchSource(
        Forum,
        fields={"title": "A", "question": "B", "dilemma": "C", "outcome": "C"},
        visible=lambda user: selectors.forums_for(user=user),
    ),
    key="dialogues",
    label=_("Dialogues"),
    order=30,
    scope=scope,
    split=Split(scope=alike, rows=alike_forums),
    hits=Hits(
        "dialogues:detail",
        snippet="dilemma",
        kind=_("Dialogue"),
        date="created_at",
        order=("-created_at", "-id"),
    ),
)
register = SEARCH.register
