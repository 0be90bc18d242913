"""What Vidensbanken holds on the compass's paths (``kompas.core.paths``). Every item is a way to learn; an item
is on the other paths its path tags name (``path_listen`` …) or a person tagged it with. Two sections: the
learnings shared from the work, and the articles, cases, portraits and tools (seed 001). Built from the library's
own visible queryset (``selectors.items_visible_to``) and its rule for managing items."""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from kompas.core import paths

from . import selectors
from .choices import ItemKind
from .models import PATH_FIELDS
from .permissions import can_manage_library

LABEL = "library.libraryitem"


def _visible(user, *, learnings: bool):
    qs = selectors.items_visible_to(user).select_related("department").order_by("-dated", "-id")
    return qs.filter(kind=ItemKind.LEARNING) if learnings else qs.exclude(kind=ItemKind.LEARNING)


def _show(item, user) -> paths.Shown:
    return paths.Shown(
        title=item.title,
        url=item.get_absolute_url(),
        summary=item.summary,
        date=item.dated,
        kind_label=item.source_label if item.is_shared_learning else item.get_kind_display(),
    )


def _section(key: str, heading, order: int, *, learnings: bool) -> paths.PathProvider:
    # Both sections answer for library items; the tag page asks the first, and both use the same rule.
    return paths.declare(
        key=key,
        heading=heading,
        order=order,
        label=LABEL,
        kind_label=_("Library item"),
        natural={"learn"},
        visible=lambda user: _visible(user, learnings=learnings),
        show=_show,
        may_change=can_manage_library,
        own_paths=lambda path: Q(**{PATH_FIELDS[path]: True}),
    )


LIBRARY = _section("library", _("Articles, cases, portraits and tools"), 90, learnings=False)
LEARNINGS = _section("learnings", _("Learnings shared from the work"), 55, learnings=True)


def register() -> None:
    paths.register(LIBRARY)
    paths.register(LEARNINGS)
