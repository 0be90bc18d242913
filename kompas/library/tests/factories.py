"""Test data for Vidensbanken."""

import datetime as dt

from kompas.citygoals.models import CityGoal
from kompas.core.learnings import SharedLearning
from kompas.core.models import PublicationStatus
from kompas.library.choices import Audience, ItemKind
from kompas.library.models import LibraryItem
from kompas.library.services import learning_apply
from kompas.organisations.models import Department


def item(
    *,
    title: str = "Dilemmakittet",
    kind: str = ItemKind.TOOL,
    body: str = "Et sæt kort til at tale om dilemmaer, hvor to gode hensyn trækker hver sin vej.",
    audience: str = Audience.PUBLIC,
    status: str = PublicationStatus.PUBLISHED,
    paths: tuple[str, ...] = ("listen",),
    **extra,
) -> LibraryItem:
    existing = LibraryItem.objects.filter(title=title, key__isnull=True).first()
    if existing:
        return existing
    obj = LibraryItem.objects.create(
        title=title,
        kind=kind,
        body=body,
        summary=extra.pop("summary", ""),
        audience=audience,
        publication_status=status,
        dated=extra.pop("dated", dt.date(2026, 3, 1)),
        **{f"path_{code}": True for code in paths},
        **extra,
    )
    from kompas.library.services import search_vectors_refresh

    search_vectors_refresh(ids=[obj.pk])
    return obj


def shared_learning(*, key: str = "trials.iteration:1", **values) -> SharedLearning:
    defaults = {
        "kind": "trial",
        "title": "Åbent bibliotek om aftenen",
        "body": "Borgerne kom, når de selv kunne låse sig ind. Vi lærte at spørge dem før vi planlagde.",
        "url": "/trials/1/",
        "date": dt.date(2026, 2, 1),
        "department_id": Department.objects.order_by("order").values_list("pk", flat=True).first(),
        "city_goal_ids": tuple(CityGoal.objects.order_by("order").values_list("pk", flat=True)[:1]),
        "paths": ("learn",),
    }
    defaults.update(values)
    return SharedLearning(key=key, **defaults)


def learning(*, key: str = "trials.iteration:1", **values) -> LibraryItem:
    existing = LibraryItem.objects.filter(key=key).first()
    return existing or learning_apply(learning=shared_learning(key=key, **values))
