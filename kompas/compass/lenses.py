"""The compass files what it gives the lower apps: the three pivots as reflection lenses
(``kompas.core.paths.register_lenses``), and who may read a path or a pivot (``kompas.core.object_access``)."""

import rules
from django.core.cache import cache
from django.urls import reverse

from kompas.core import object_access, versions
from kompas.core import paths as core_paths

from . import selectors
from .models import Path, Pivot


def pivot_lenses() -> list[core_paths.Lens]:
    """The pivots as lenses, cached per content version (every edit of a pivot bumps it): the goal pages that
    show them keep their number of queries."""
    key = f"kompas:compass:lenses:{versions.current('content')}"
    cached = cache.get(key)
    if cached is None:
        url = reverse("compass:index") + "#pivots"
        cached = [
            core_paths.Lens(name=pivot.name, text=pivot.text, questions=tuple(pivot.question_list), url=url)
            for pivot in selectors.pivots()
        ]
        cache.set(key, cached, 60 * 60)
    return list(cached)


def register() -> None:
    core_paths.register_lenses(pivot_lenses)
    object_access.register("compass.path", object_access.by_rule(Path, rules.always_allow))
    object_access.register("compass.pivot", object_access.by_rule(Pivot, rules.always_allow))
