"""One search index for every module the site search covers (docs/adr/0022-one-search-index.md).

Each module declares, once, what of it is searchable: a :class:`SearchSource` with its model, its weighted
fields and its access rule (``visible(user)``: the app's own queryset of what the user may see; ADR 0015),
registered from the app's ``search.py``. Core then keeps, on PostgreSQL, the stored ``danish`` document of
those fields in the model's ``search_vector`` column (a ``SearchVectorField`` with a GIN index, made by the
app's migration with :func:`gin_index_operations`) and searches it:

- **Kept current by the writes, never built per query.** A ``post_save`` of a source's model (services,
  forms, the admin, factories) stores the row's document in one ``UPDATE``; a write that bypasses ``save()``
  (``bulk_create``, ``QuerySet.update`` of a searched field, the demo builders) calls :func:`refresh` for
  the rows it wrote. A field of a related row (``"application__summary"``) is declared with ``follows``, so a
  save of that row refreshes the rows that show it. ``manage.py search_reindex`` fills every row (after the
  migration that adds a column, and whenever a declaration changes).
- **Searched with the app's rule.** :func:`find` narrows ``visible(user)`` (without its list annotations,
  :func:`kompas.core.textsearch.within`) to the rows whose document matches a prefix query (``læse`` finds
  "læser"), ranked by ``SearchRank``. When the site search finds nothing in any module, it asks again within
  :func:`titles_like`, and the same rows are ranked by the trigram word similarity of their title to the
  query (``pg_trgm``): "skloe" finds "Skole".

On any other database (SQLite in development and tests) there is no column to fill: :func:`refresh` does
nothing and :func:`find` uses the fallback of :func:`kompas.core.textsearch.matching` (stemmed terms in the
fields) with no typo tolerance. Each search is one query.
"""

from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.contrib.postgres.search import TrigramWordSimilarity
from django.db import connections, router
from django.db.models import Model, OuterRef, QuerySet, Subquery
from django.db.models.signals import post_save
from django.db.utils import DEFAULT_DB_ALIAS

from .searchterms import MAX_TERMS, STOP_WORDS, WORD
from .textsearch import matching, search_vector, within

VECTOR = "search_vector"
# The least trigram word similarity of the query to a title for the typo fallback: "skloe" ~ "Skole" is 0.33.
SIMILARITY = 0.3
BATCH = 2000


@dataclass(frozen=True)
class SearchSource:
    """What one module makes searchable, declared once and registered with :func:`register`.

    ``fields`` maps a field (or a path to a field of a single related row) to its weight, "A" (the title) to
    "D". ``visible(user)`` is the app's own queryset of the rows the user may see. ``title`` is the field the
    typo fallback compares with. ``follows`` names, per related model (``"app.Model"``), the path from this
    model to it, for the fields read through it.
    """

    model: type[Model]
    fields: Mapping[str, str]
    visible: Callable[[Any], "QuerySet[Any]"]
    title: str = "title"
    follows: tuple[tuple[str, str], ...] = ()

    @property
    def weighted(self) -> tuple[tuple[str, str], ...]:
        return tuple(self.fields.items())

    @property
    def label(self) -> str:
        return self.model._meta.label

    def search(
        self,
        user: Any,
        query: str,
        limit: int,
        *,
        order: Iterable[str] = (),
        related: Iterable[str] = (),
        only: Iterable[str] = (),
    ) -> list[Any]:
        """The best ``limit`` rows the user may see for the query (see :func:`find`)."""
        return find(self, self.visible(user), query, limit, order=order, related=related, only=only)


_sources: dict[str, SearchSource] = {}


def register(source: SearchSource) -> None:
    """Index ``source.model`` (once per model) and keep its documents current on every save."""
    if source.label in _sources:
        return
    _sources[source.label] = source
    post_save.connect(_saved, sender=source.model, dispatch_uid=f"search_index.{source.label}", weak=False)
    for label, path in source.follows:
        post_save.connect(
            _follow(source, path),
            sender=apps.get_model(label),
            dispatch_uid=f"search_index.{source.label}.{label}",
            weak=False,
        )


def sources() -> list[SearchSource]:
    return list(_sources.values())


def source_for(model: type[Model]) -> SearchSource:
    return _sources[model._meta.label]


def enabled(using: str = DEFAULT_DB_ALIAS) -> bool:
    """Whether the database has stored documents to search (PostgreSQL's text search)."""
    return connections[using].vendor == "postgresql"


# --- Keeping the documents current --------------------------------------------------------------------------


def refresh(
    model: type[Model] | Model, pks: Iterable[Any] | None = None, *, using: str | None = None
) -> None:
    """Store the document of the given rows of a source's model (a model instance: that row; no ``pks``:
    every row). One ``UPDATE`` per batch of rows; nothing to do without PostgreSQL's text search."""
    if isinstance(model, Model):
        pks, model = [model.pk], type(model)
    using = using or router.db_for_write(model)
    if not enabled(using):
        return
    source = source_for(model)
    if pks is None:
        _update(source, model._base_manager.using(using).all())
        return
    pks = list(pks)
    for start in range(0, len(pks), BATCH):
        _update(source, model._base_manager.using(using).filter(pk__in=pks[start : start + BATCH]))


def refresh_rows(rows: "QuerySet[Any]") -> None:
    """Store the document of the rows of a queryset of a source's model, in one ``UPDATE``."""
    if enabled(rows.db):
        _update(source_for(rows.model), rows)


def reindex(using: str = DEFAULT_DB_ALIAS) -> dict[str, int]:
    """Store the document of every row of every source; the number of rows per model."""
    done: dict[str, int] = {}
    for source in sources():
        refresh(source.model, using=using)
        done[source.label] = source.model._base_manager.using(using).count()
    return done


def _update(source: SearchSource, rows: "QuerySet[Any]") -> None:
    document: Any = search_vector(source.weighted)
    if any("__" in name for name in source.fields):
        # A field of a related row: UPDATE cannot join, a correlated subquery can.
        own = source.model._base_manager.using(rows.db).filter(pk=OuterRef("pk"))
        document = Subquery(own.annotate(document=document).values("document")[:1])
    rows.update(**{VECTOR: document})


def _touches(source: SearchSource, update_fields: Iterable[str] | None) -> bool:
    if update_fields is None:
        return True
    own = {name.split("__")[0] for name in source.fields}
    return bool(own & {name.removesuffix("_id") for name in update_fields})


def _saved(
    sender: type[Model],
    instance: Model,
    update_fields: Iterable[str] | None = None,
    using: str = DEFAULT_DB_ALIAS,
    **kwargs: Any,
) -> None:
    source = _sources.get(sender._meta.label)
    if source is not None and enabled(using) and _touches(source, update_fields):
        _update(source, sender._base_manager.using(using).filter(pk=instance.pk))


def _follow(source: SearchSource, path: str) -> Callable[..., None]:
    """A receiver for the related model at ``path``: its save refreshes the rows that show its fields."""
    prefix = f"{path}__"
    shown = {name.removeprefix(prefix).split("__")[0] for name in source.fields if name.startswith(prefix)}

    def saved(
        sender: type[Model],
        instance: Model,
        update_fields: Iterable[str] | None = None,
        using: str = DEFAULT_DB_ALIAS,
        **kwargs: Any,
    ) -> None:
        if not enabled(using):
            return
        if update_fields is not None and not shown & {name.removesuffix("_id") for name in update_fields}:
            return
        _update(source, source.model._base_manager.using(using).filter(**{path: instance.pk}))

    return saved


# --- The migrations ----------------------------------------------------------------------------------------


def index_and_fill(label: str, fields: Mapping[str, str], *, index: str = "") -> Any:
    """The migration step that follows adding ``search_vector`` to the model ``label`` ("app.Model"): on
    PostgreSQL, the documents of the rows that exist (``fields`` as the source declares them at that migration)
    and then the GIN index over the column (``index``, by default ``<table>_search_gin``); nothing on SQLite,
    which has no GIN and searches the text.

    The index is built without a pending list (``fastupdate = off``): a write updates the index at once.
    Entries waiting in a pending list make the planner price every index scan as a scan of the whole list
    (12,188 library entries after the demo), so it read the table instead, and the scan itself read the list
    until a vacuum came by. Searchable rows are written rarely; the index must answer every search."""
    from django.db import migrations

    app_label, model_name = label.split(".")

    def create(apps: Any, schema_editor: Any) -> None:
        if schema_editor.connection.vendor != "postgresql":
            return
        model = apps.get_model(app_label, model_name)
        table = model._meta.db_table
        name = index or f"{table}_search_gin"[:63]
        source = SearchSource(model=model, fields=fields, visible=model._base_manager.all)
        _update(source, model._base_manager.using(schema_editor.connection.alias).all())
        schema_editor.execute(
            f'CREATE INDEX IF NOT EXISTS "{name}" ON "{table}" USING gin ("{VECTOR}") WITH (fastupdate = off)'
        )
        # An index made earlier (the library's, ADR 13) keeps its name; it stops using a pending list too.
        schema_editor.execute(f'ALTER INDEX "{name}" SET (fastupdate = off)')
        schema_editor.execute("SELECT gin_clean_pending_list(%s::regclass)", [name])

    def drop(apps: Any, schema_editor: Any) -> None:
        if schema_editor.connection.vendor == "postgresql" and not index:
            table = apps.get_model(app_label, model_name)._meta.db_table
            schema_editor.execute(f'DROP INDEX IF EXISTS "{table}_search_gin"')

    return migrations.RunPython(create, drop)


# --- Searching ----------------------------------------------------------------------------------------------


_by_title = ContextVar("search_index_by_title", default=False)


@contextmanager
def titles_like() -> Iterator[None]:
    """Within this block :func:`find` ranks titles by their likeness to the query instead of matching the
    documents: the second pass of the site search when the first found nothing anywhere (a typo)."""
    token = _by_title.set(True)
    try:
        yield
    finally:
        _by_title.reset(token)


def by_title() -> bool:
    """Whether this is the second pass, by title likeness (within :func:`titles_like`)."""
    return _by_title.get()


def find(
    source: SearchSource,
    visible: "QuerySet[Any]",
    query: str,
    limit: int,
    *,
    order: Iterable[str] = (),
    related: Iterable[str] = (),
    only: Iterable[str] = (),
) -> list[Any]:
    """The best ``limit`` rows of ``visible`` (the app's rule) for the query, each with a ``rank``; one query.

    The stored document on PostgreSQL (the fallback of ``matching`` elsewhere); inside :func:`titles_like`,
    the rows whose title is most like the query (PostgreSQL only). ``order`` breaks ties of the rank. ``only``
    names the fields the hits read (the rest is not loaded: every column a row brings costs the page time to
    select, convert and hash, a tenth of a staff search); without it, every field but the document."""
    rows = within(visible, *related)
    only = tuple(only)
    # The document is for the database, not for the page.
    rows = rows.only(*only) if only else rows.defer(VECTOR)
    if not enabled(rows.db):
        return (
            []
            if _by_title.get()
            else list(matching(rows, query, fields=source.weighted).order_by("-rank", *order)[:limit])
        )
    if _by_title.get():
        return list(similar(source, rows, query).order_by("-rank", *order)[:limit])
    found = matching(rows, query, fields=source.weighted, vector=VECTOR)
    return list(found.order_by("-rank", *order)[:limit])


def similar(source: SearchSource, rows: "QuerySet[Any]", query: str) -> "QuerySet[Any]":
    """The rows whose title is like the query's words (``pg_trgm`` word similarity), with ``rank``."""
    words = [word for word in WORD.findall(query.lower()) if word not in STOP_WORDS][:MAX_TERMS]
    if not words:
        return rows.none()
    similarity = TrigramWordSimilarity(" ".join(words), source.title)
    found: QuerySet[Any] = rows.annotate(rank=similarity).filter(rank__gte=SIMILARITY)
    return found


__all__ = [
    "SIMILARITY",
    "VECTOR",
    "SearchSource",
    "by_title",
    "enabled",
    "find",
    "index_and_fill",
    "refresh",
    "refresh_rows",
    "register",
    "reindex",
    "similar",
    "source_for",
    "sources",
    "titles_like",
]
