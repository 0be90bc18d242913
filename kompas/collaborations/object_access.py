"""Who may read a collaboration, a reflection round or a version of the principles: the rules of the
collaborations' own pages (ADR 0015)."""

from django.http import Http404

from kompas.core import object_access

from . import selectors
from .models import PrincipleSet
from .permissions import can_view_collaborations


def round_for_user(user, pk):
    if not can_view_collaborations.test(user):
        return None
    try:
        return selectors.round_get(pk=pk)
    except Http404:
        return None


def register() -> None:
    object_access.register(
        "collaborations.collaboration",
        object_access.from_guarded(selectors.collaboration_get_for_user, rule=can_view_collaborations),
    )
    object_access.register("collaborations.reflectionround", round_for_user)
    object_access.register(
        "collaborations.principleset", object_access.by_rule(PrincipleSet, can_view_collaborations)
    )
