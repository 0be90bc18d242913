"""What Samarbejdskompasset holds on the compass's paths (``kompas.core.paths``): a collaboration is a way to
solve. Built from the collaborations' own list and page rule and their rule for managing one."""

from django.utils.translation import gettext_lazy as _

from kompas.core import paths

from . import selectors
from .permissions import can_manage_collaboration, can_view_collaborations

PROVIDER = paths.declare(
    key="collaborations",
    heading=_("Collaborations"),
    order=35,
    label="collaborations.collaboration",
    kind_label=_("Collaboration"),
    natural={"solve"},
    visible=lambda user: selectors.collaborations_for_list(),
    show=lambda collaboration, user: paths.Shown(
        title=collaboration.title,
        url=collaboration.get_absolute_url(),
        summary=collaboration.purpose,
        date=collaboration.updated_at,
    ),
    may_change=can_manage_collaboration,
    rule=can_view_collaborations,
)


def register() -> None:
    paths.register(PROVIDER)
