"""Querysets compiled to SQL once per process, run with new values on every request.

Building a queryset and compiling it to SQL costs the ORM far more CPU than the database takes to answer a small
query: about 0.8 of the 0.95 ms a front-page panel's query cost in-process on Aarhus data (the rest is the round
trip and the rows). A :class:`Statement` builds its queryset once, with a :class:`Param` wherever a request's
value goes (the reader's id, today's date), keeps the SQL and what Django needs to turn the rows into objects,
and on each run only fills in the values: the same query, the same rows, the same model instances.

The SQL is the queryset's own, so the owning app's selector still decides what it reads; only the values change
from one run to the next. A value may not change the statement's shape: no ``None`` (``IS NULL``) and no lists
(``IN``) as a :class:`Param`. What does change the shape (the reader's roles, how many units they lead) is the
``shape``: ``build`` is called with it, and each shape is compiled once.
On PostgreSQL the statement is prepared (``kompas.core.prepared``), so the database plans it once per connection.
"""

import threading
from collections.abc import Callable, Hashable, Iterable
from typing import Any

from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models import Expression, F, Field, IntegerField, Model, QuerySet
from django.db.models.lookups import In
from django.db.models.query import get_related_populators  # type: ignore[attr-defined]  # not in django-stubs

from . import prepared


class _Slot:
    """Where a named value goes in a compiled statement's parameters."""

    __slots__ = ("field", "name")

    def __init__(self, name: str, field: "Field[Any, Any]") -> None:
        self.name = name
        self.field = field


class Param(Expression):
    """A value filled in when the statement runs, prepared for the database as ``field`` prepares it."""

    def __init__(self, name: str, output_field: "Field[Any, Any]") -> None:
        super().__init__(output_field=output_field)
        self.name = name

    def as_sql(self, compiler: Any, connection: Any) -> tuple[str, list[Any]]:
        return "%s", [_Slot(self.name, self.output_field)]


class _Compiled:
    __slots__ = (
        "annotations",
        "compiler",
        "composite",
        "converters",
        "end",
        "init_list",
        "klass_info",
        "params",
        "populators",
        "sql",
        "start",
    )

    def __init__(self, queryset: QuerySet[Any], alias: str) -> None:
        compiler = queryset.query.get_compiler(using=alias)
        sql, params = compiler.as_sql()
        self.sql: str = sql
        self.params: tuple[Any, ...] = tuple(params)
        self.compiler = compiler
        self.klass_info = compiler.klass_info if queryset._fields is None else None  # type: ignore[attr-defined]
        self.init_list: list[str] = []
        self.populators: list[Any] = []
        self.annotations: dict[str, int] = {}
        self.start = 0
        if self.klass_info is not None:
            select = compiler.select
            fields = self.klass_info["select_fields"]
            self.start, end = fields[0], fields[-1] + 1
            self.init_list = [column[0].target.attname for column in select[self.start : end]]
            self.populators = get_related_populators(self.klass_info, select, alias)
            self.annotations = dict(compiler.annotation_col_map or {})
        self.end = self.start + len(self.init_list)
        # What ``compiler.results_iter`` works out on every call, worked out once (the same for every run).
        fields = [column[0] for column in compiler.select[0 : compiler.col_count]]
        self.converters = list(compiler.get_converters(fields).items())
        self.composite: bool = compiler.has_composite_fields(fields)


class Statement:
    """A queryset (``build(*shape)``) compiled once per process, database and shape; ``rows`` for a
    ``values_list`` queryset, ``objects`` for a queryset of model instances (with its ``select_related`` and
    annotations)."""

    def __init__(self, build: Callable[..., QuerySet[Any]]) -> None:
        self._build = build
        self._compiled: dict[Hashable, _Compiled] = {}
        self._lock = threading.Lock()

    def _get(self, alias: str, shape: tuple[Hashable, ...]) -> _Compiled:
        # The vendor and name are in the key: tests may run one process against several databases.
        key = (alias, connections[alias].vendor, connections[alias].settings_dict.get("NAME"), shape)
        compiled = self._compiled.get(key)
        if compiled is None:
            with self._lock:
                compiled = self._compiled.get(key)
                if compiled is None:
                    compiled = self._compiled[key] = _Compiled(self._build(*shape), alias)
        return compiled

    def _execute(self, compiled: _Compiled, alias: str, values: dict[str, Any]) -> list[Any]:
        connection = connections[alias]
        params = [
            p.field.get_db_prep_value(values[p.name], connection, prepared=False)
            if isinstance(p, _Slot)
            else p
            for p in compiled.params
        ]
        with prepared.cursor(alias) as cursor:
            cursor.execute(compiled.sql, params)
            fetched = cursor.fetchall()
        if compiled.composite:
            return list(compiled.compiler.results_iter([fetched], tuple_expected=True))
        if not compiled.converters:
            return [tuple(row) for row in fetched]
        # As ``results_iter`` converts each row (``apply_converters``), with the converters found once.
        compiler_connection = compiled.compiler.connection
        converted = []
        for row in fetched:
            cells = list(row)
            for position, (converters, expression) in compiled.converters:
                value = cells[position]
                for converter in converters:
                    value = converter(value, expression, compiler_connection)
                cells[position] = value
            converted.append(tuple(cells))
        return converted

    def rows(
        self, *, shape: tuple[Hashable, ...] = (), using: str = DEFAULT_DB_ALIAS, **values: Any
    ) -> list[tuple[Any, ...]]:
        compiled = self._get(using, shape)
        return self._execute(compiled, using, values)

    def objects(
        self, *, shape: tuple[Hashable, ...] = (), using: str = DEFAULT_DB_ALIAS, **values: Any
    ) -> list[Any]:
        compiled = self._get(using, shape)
        info = compiled.klass_info
        if info is None:
            raise TypeError("objects() needs a queryset of model instances; use rows() for values_list")
        model: type[Model] = info["model"]
        found = []
        for row in self._execute(compiled, using, values):
            obj = model.from_db(using, compiled.init_list, row[compiled.start : compiled.end])
            for populator in compiled.populators:
                populator.populate(row, obj)
            for name, position in compiled.annotations.items():
                setattr(obj, name, row[position])
            found.append(obj)
        return found


def ids_in(column: str, name: str, count: int) -> "In[Any]":
    """``column IN (…)`` with ``count`` id parameters (the statement's shape is the count; at least one: ask
    nothing when there is nothing to ask for); ``column`` as in ``F()``, e.g. ``"owner_unit_id"``."""
    return In(F(column), [Param(f"{name}{i}", IntegerField()) for i in range(count)])


def id_values(name: str, ids: Iterable[int]) -> dict[str, Any]:
    """The values for :func:`ids_in`, in a fixed order."""
    return {f"{name}{i}": pk for i, pk in enumerate(sorted(ids))}
