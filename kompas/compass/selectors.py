"""Reads of the compass: the paths, the pivots, a path page, and the tags on an object.

What a path page shows from each module comes from that module's provider in ``kompas.core.paths``, built from
its own visible queryset: nothing here decides who may see a module's item. The tags a person added are read
once per page and handed to the providers as primary keys per model label.
"""

from collections import defaultdict
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.contrib.contenttypes.models import ContentType
from django.shortcuts import get_object_or_404

from kompas.citygoals import selectors as citygoal_selectors
from kompas.citygoals.models import CityGoal
from kompas.core import paths as core_paths

from .models import Path, PathTag, Pivot

if TYPE_CHECKING:
    from django.db.models import QuerySet

PATH_SECTION_ITEMS = 8


def paths() -> "QuerySet[Path]":
    return Path.objects.order_by("order", "pk")


def pivots() -> "QuerySet[Pivot]":
    return Pivot.objects.order_by("order", "pk")


def path_get(*, slug: str) -> Path:
    return get_object_or_404(Path, slug=slug)


def path_get_by_pk(*, pk: int) -> Path:
    return get_object_or_404(Path, pk=pk)


def pivot_get_by_pk(*, pk: int) -> Pivot:
    return get_object_or_404(Pivot, pk=pk)


def tagged_on(*, path: Path) -> dict[str, set[int]]:
    """The primary keys a person tagged with ``path``, per model label (one query)."""
    tagged: dict[str, set[int]] = defaultdict(set)
    for app_label, model, object_id in PathTag.objects.filter(path=path).values_list(
        "content_type__app_label", "content_type__model", "object_id"
    ):
        tagged[f"{app_label}.{model}"].add(object_id)
    return dict(tagged)


@dataclass(frozen=True)
class PathPage:
    path: Path
    sections: list[core_paths.PathSection]
    pivots: list[Pivot]
    city_goals: list[CityGoal]
    others: list[Path]


def path_page(*, user: Any, path: Path) -> PathPage:
    """A path page: what every module holds on the path that ``user`` may see, by the modules' own rules."""
    sections = core_paths.sections_for(
        user=user, path=path.code, tagged=tagged_on(path=path), limit=PATH_SECTION_ITEMS
    )
    return PathPage(
        path=path,
        sections=sections,
        pivots=list(pivots()),
        city_goals=list(citygoal_selectors.city_goals()),
        others=[other for other in paths() if other.pk != path.pk],
    )


def tags_of(*, label: str, pk: int) -> "QuerySet[PathTag]":
    """The path tags on one object."""
    app_label, _dot, model = label.lower().partition(".")
    return PathTag.objects.filter(
        content_type__app_label=app_label, content_type__model=model, object_id=pk
    ).select_related("path", "tagged_by")


def content_type_for(label: str) -> ContentType | None:
    app_label, _dot, model = label.lower().partition(".")
    try:
        return ContentType.objects.get_by_natural_key(app_label, model)
    except ContentType.DoesNotExist:
        return None
