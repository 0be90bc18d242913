"""Demo data for Vidensbanken: the compass's tools, cases and portraits (defaults.py), and – last of all the
builders – every learning the trials, goals and fund builders shared, pulled in by ``library_rebuild``.

``small`` gives the tools, six cases and three portraits; ``aarhus`` adds about 120 generated cases. Then the
shared learnings follow the other modules' data (thousands at the aarhus scale). Deterministic
(``ctx.rng``), idempotent (the tools are looked up by title; the rebuild adds nothing the second time).
"""

import datetime as dt

from django.utils import timezone

from kompas.citygoals.models import CityGoal
from kompas.core.models import PublicationStatus
from kompas.organisations.models import Department

from .choices import Audience, ItemKind
from .defaults import AREAS, CASE_THEMES, CASES, PORTRAITS, TOOLS
from .models import PATH_FIELDS, LibraryItem
from .services import library_rebuild, search_vectors_refresh

GENERATED = {"small": 0, "aarhus": 120}


def _item(kind, title, summary, body, paths, department, *, audience, status, dated, city_goals, now):
    item = LibraryItem(
        kind=kind,
        title=title,
        summary=summary,
        body=body,
        audience=audience,
        publication_status=status,
        published_at=now if status == PublicationStatus.PUBLISHED else None,
        dated=dated,
        department=department,
        created_at=now,
        updated_at=now,
        **{field: code in paths for code, field in PATH_FIELDS.items()},
    )
    item._city_goals = city_goals
    return item


def build(ctx) -> None:
    rng = ctx.rng
    if not LibraryItem.objects.filter(kind=ItemKind.TOOL, title=TOOLS[0][0]).exists():
        departments = {d.slug: d for d in Department.objects.all()}
        department_list = list(departments.values())
        city_goals = list(CityGoal.objects.filter(is_active=True).order_by("order"))
        now = timezone.now()
        today = timezone.localdate()
        items = []
        for index, (title, summary, body, paths, _slug) in enumerate(TOOLS):
            items.append(
                _item(
                    ItemKind.TOOL,
                    title,
                    summary,
                    body,
                    paths,
                    None,
                    audience=Audience.PUBLIC,
                    status=PublicationStatus.PUBLISHED,
                    dated=dt.date(2021, 6, 1) + dt.timedelta(days=30 * index),
                    city_goals=city_goals,
                    now=now,
                )
            )
        for kind, entries in ((ItemKind.CASE, CASES), (ItemKind.PORTRAIT, PORTRAITS)):
            for title, summary, body, paths, slug in entries:
                items.append(
                    _item(
                        kind,
                        title,
                        summary,
                        body,
                        paths,
                        departments.get(slug),
                        audience=Audience.PUBLIC,
                        status=PublicationStatus.PUBLISHED,
                        dated=today - dt.timedelta(days=rng.randint(30, 900)),
                        city_goals=rng.sample(city_goals, k=min(2, len(city_goals))),
                        now=now,
                    )
                )
        for index in range(GENERATED.get(ctx.scale, 0)):
            heading, done, result = CASE_THEMES[index % len(CASE_THEMES)]
            area = AREAS[(index // len(CASE_THEMES)) % len(AREAS)]
            year = 2021 + index % 5
            paths = tuple(rng.sample(list(PATH_FIELDS), k=rng.randint(1, 2)))
            audience = Audience.PUBLIC if rng.random() < 0.7 else Audience.STAFF
            status = PublicationStatus.PUBLISHED if rng.random() < 0.9 else PublicationStatus.DRAFT
            items.append(
                _item(
                    ItemKind.CASE,
                    f"{heading.format(area=area)} ({year})",
                    done,
                    f"{done} {result}",
                    paths,
                    rng.choice(department_list),
                    audience=audience,
                    status=status,
                    dated=dt.date(year, rng.randint(1, 12), rng.randint(1, 28)),
                    city_goals=rng.sample(city_goals, k=rng.randint(1, 2)),
                    now=now,
                )
            )
        LibraryItem.objects.bulk_create(items, batch_size=500)
        through = LibraryItem.city_goals.through
        through.objects.bulk_create(
            [
                through(libraryitem_id=item.pk, citygoal_id=goal.pk)
                for item in items
                for goal in item._city_goals
            ],
            batch_size=2000,
        )
        search_vectors_refresh(ids=[item.pk for item in items])
    result = library_rebuild()
    ctx.counts["library_items"] = LibraryItem.objects.exclude(kind=ItemKind.LEARNING).count()
    ctx.counts["library_learnings"] = result.total
