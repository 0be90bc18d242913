"""What the learning forums hold on the compass's paths (``kompas.core.paths``): a training and learning forum is
a way to learn, and one that gathers on another path is on that path too. Built from the forums' own list
(``selectors.forums_for_list``, which holds their read rule) and their rule for managing a forum."""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from kompas.core import paths

from . import selectors
from .permissions import can_manage_forum

PROVIDER = paths.declare(
    key="learning",
    heading=_("Learning forums"),
    order=45,
    label="learning.learningforum",
    kind_label=_("Learning forum"),
    natural={"learn"},
    visible=lambda user: selectors.forums_for_list(user=user),
    show=lambda forum, user: paths.Shown(
        title=forum.title,
        url=forum.get_absolute_url(),
        summary=forum.theme or forum.description,
        date=forum.updated_at,
    ),
    may_change=can_manage_forum,
    # A forum that gathers on another path is on that path too.
    own_paths=lambda path: Q(path=path),
)


def register() -> None:
    paths.register(PROVIDER)
