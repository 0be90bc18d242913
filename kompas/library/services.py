"""Writes of Vidensbanken: the library's own items, the shared learnings that flow in from other modules
(kompas.core.learnings), and the stored search vectors that PostgreSQL searches."""

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils import timezone

from kompas import activity
from kompas.activity.services import changes_between, snapshot
from kompas.core import learnings as learning_sources
from kompas.core import search_index, versions
from kompas.core.cpr import contains_cpr
from kompas.core.keep import KEEP, Keep, given
from kompas.core.learnings import SharedLearning
from kompas.core.models import PublicationStatus

from . import verbs
from .choices import Audience, ItemKind
from .models import PATH_FIELDS, LibraryItem

if TYPE_CHECKING:
    from kompas.accounts.models import User
    from kompas.citygoals.models import CityGoal
    from kompas.organisations.models import Department

SUMMARY_LENGTH = 300
BATCH = 500
ITEM_FIELDS = (
    "kind",
    "title",
    "summary",
    "body",
    "audience",
    "dated",
    "department",
    *PATH_FIELDS.values(),
    "publication_status",
)

# The columns a shared learning sets (what ``_learning_values`` returns).
LEARNING_FIELDS = (
    "kind",
    "title",
    "summary",
    "body",
    "audience",
    "dated",
    "department_id",
    "source_kind",
    "source_url",
    "publication_status",
    *PATH_FIELDS.values(),
)


def search_vectors_refresh(*, ids: Iterable[int] | None = None) -> None:
    """Store the ``danish`` search document (title A, summary B, text C) of items written without ``save()``
    (bulk writes), or of all. A saved item's document is stored by ``kompas.core.search_index`` itself."""
    search_index.refresh(LibraryItem, ids)


def _item_state(item: LibraryItem) -> dict[str, Any]:
    return snapshot(item, ITEM_FIELDS, m2m=("city_goals",))


@transaction.atomic
def item_save(
    *,
    actor: "User",
    item: LibraryItem | None = None,
    kind: str,
    title: str,
    body: str,
    dated: dt.date,
    summary: str = "",
    department: "Department | None" = None,
    audience: str | Keep = KEEP,
    publication_status: str | Keep = KEEP,
    city_goals: "Iterable[CityGoal]" = (),
    paths: Iterable[str] = (),
) -> LibraryItem:
    """Create or edit one of the library's own items (a case, tool or portrait): every field is set, the
    audience and publication status only when given. Shared learnings are edited where they come from, so
    they are refused here."""
    values = given(
        kind=kind,
        title=title,
        summary=summary,
        body=body,
        dated=dated,
        department=department,
        audience=audience,
        publication_status=publication_status,
    )
    creating = item is None
    before: dict[str, Any]
    if item is None:
        item = LibraryItem(created_by=actor)
        before = {}
    else:
        if item.is_shared_learning:
            raise ValueError("Shared learnings are edited in the module they come from.")
        before = _item_state(item)
    for name, value in values.items():
        setattr(item, name, value)
    chosen = set(paths)
    for code, field in PATH_FIELDS.items():
        setattr(item, field, code in chosen)
    if item.publication_status == PublicationStatus.PUBLISHED and item.published_at is None:
        item.published_at = timezone.now()
    item.full_clean(exclude=["search_vector"])
    item.save()  # stores the search document too (kompas.core.search_index)
    item.city_goals.set(city_goals)
    versions.bump("content")
    activity.record(
        actor=actor,
        verb=verbs.ITEM_CREATED if creating else verbs.ITEM_UPDATED,
        target=item,
        changes=changes_between(before, _item_state(item)),
    )
    return item


def _summary(text: str) -> str:
    text = " ".join(text.split())
    if len(text) <= SUMMARY_LENGTH:
        return text
    cut = text.rfind(" ", 0, SUMMARY_LENGTH - 1)
    return text[: cut if cut > 0 else SUMMARY_LENGTH - 1] + "…"


def _learning_values(learning: SharedLearning) -> dict[str, Any]:
    values = {
        "kind": ItemKind.LEARNING,
        "title": learning.title[:200],
        "summary": _summary(learning.body),
        "body": learning.body[:20000],
        "audience": Audience.STAFF,
        "dated": learning.date,
        "department_id": learning.department_id,
        "source_kind": learning.kind[:30],
        "source_url": learning.url[:500],
        "publication_status": PublicationStatus.PUBLISHED,
    }
    for code, field in PATH_FIELDS.items():
        values[field] = code in learning.paths
    return values


def _may_store(learning: SharedLearning) -> bool:
    # The sources guard their forms; a CPR number that reached a learning anyway is never copied here.
    return learning.shared and not contains_cpr(f"{learning.title}\n{learning.body}")


@transaction.atomic
def learning_apply(*, learning: SharedLearning) -> LibraryItem | None:
    """Keep one row per learning key: insert or update a shared learning, remove one no longer shared."""
    if not _may_store(learning):
        deleted, _detail = LibraryItem.objects.filter(key=learning.key).delete()
        if deleted:
            versions.bump("content")
        return None
    values = _learning_values(learning)
    item = LibraryItem.objects.filter(key=learning.key).first()
    if item is None:
        item = LibraryItem(key=learning.key, published_at=timezone.now(), **values)
    else:
        for name, value in values.items():
            setattr(item, name, value)
    item.save()  # stores the search document too (kompas.core.search_index)
    item.city_goals.set(learning.city_goal_ids)
    versions.bump("content")
    return item


@dataclass(frozen=True)
class RebuildResult:
    created: int
    updated: int
    unchanged: int
    removed: int

    @property
    def total(self) -> int:
        return self.created + self.updated + self.unchanged


@transaction.atomic
def library_rebuild() -> RebuildResult:
    """Pull every learning that every registered source shares now, and make the library match: new ones
    added, changed ones updated (same row and address), withdrawn ones removed. Idempotent; bulk writes."""
    registered = learning_sources.sources()
    wanted: dict[str, SharedLearning] = {}
    for source in registered.values():
        for learning in source():
            if _may_store(learning):
                wanted[learning.key] = learning
    fields = list(LEARNING_FIELDS)
    existing: dict[str, dict[str, Any]] = {}
    goals_of: dict[int, set[int]] = {}
    row: dict[str, Any] | None
    for row in LibraryItem.objects.filter(key__isnull=False).values("pk", "key", *fields):
        existing[row["key"]] = row
    through = LibraryItem.city_goals.through
    for item_id, goal_id in through.objects.filter(libraryitem__key__isnull=False).values_list(
        "libraryitem_id", "citygoal_id"
    ):
        goals_of.setdefault(item_id, set()).add(goal_id)

    known_kinds = set(registered) | {learning.kind for learning in wanted.values()}
    stale = [
        row["pk"] for key, row in existing.items() if key not in wanted and row["source_kind"] in known_kinds
    ]
    for start in range(0, len(stale), BATCH):
        LibraryItem.objects.filter(pk__in=stale[start : start + BATCH]).delete()

    now = timezone.now()
    to_create: list[LibraryItem] = []
    to_update: list[LibraryItem] = []
    goals_changed: list[int] = []
    for key, learning in wanted.items():
        values = _learning_values(learning)
        row = existing.get(key)
        if row is None:
            to_create.append(LibraryItem(key=key, published_at=now, created_at=now, updated_at=now, **values))
            continue
        if any(row[name] != value for name, value in values.items()):
            to_update.append(LibraryItem(pk=row["pk"], updated_at=now, **values))
        if goals_of.get(row["pk"], set()) != set(learning.city_goal_ids):
            goals_changed.append(row["pk"])
    LibraryItem.objects.bulk_create(to_create, batch_size=BATCH)
    if to_update:
        LibraryItem.objects.bulk_update(to_update, [*fields, "updated_at"], batch_size=BATCH)

    ids = {item.key: item.pk for item in to_create} | {
        key: row["pk"] for key, row in existing.items() if key in wanted
    }
    relink = set(goals_changed)
    for start in range(0, len(goals_changed), BATCH):
        through.objects.filter(libraryitem_id__in=goals_changed[start : start + BATCH]).delete()
    relink.update(item.pk for item in to_create)
    through.objects.bulk_create(
        [
            through(libraryitem_id=ids[key], citygoal_id=goal_id)
            for key, learning in wanted.items()
            if ids[key] in relink
            for goal_id in dict.fromkeys(learning.city_goal_ids)
        ],
        batch_size=BATCH,
    )
    search_vectors_refresh(ids=[item.pk for item in to_create] + [item.pk for item in to_update])
    if to_create or to_update or stale or goals_changed:
        versions.bump("content")
    return RebuildResult(
        created=len(to_create),
        updated=len(to_update),
        unchanged=len(wanted) - len(to_create) - len(to_update),
        removed=len(stale),
    )
