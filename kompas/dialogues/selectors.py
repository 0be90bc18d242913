"""Reads of the dialogue forums: lists, the next statement to vote on, the map as the page shows it."""

import functools
import json
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeVar, cast

from django.core.cache import cache
from django.db import DEFAULT_DB_ALIAS, connection, connections
from django.db.models import (
    BooleanField,
    Count,
    Exists,
    ExpressionWrapper,
    Field,
    IntegerField,
    JSONField,
    Model,
    Q,
    QuerySet,
)
from django.http import Http404
from django.utils.translation import get_language

from kompas.core import prepared, statements, versioned
from kompas.core import public_items as public_kinds
from kompas.core.public_items import PublicItem
from kompas.core.roles import is_programme_staff, is_staff_member
from kompas.core.textsearch import within

from .choices import ForumStatus, ForumVisibility, MapState, StakeholderType, StatementStatus
from .models import Forum, OpinionMap, Participant, Statement, Vote
from .permissions import can_see_forum

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser
    from django_stubs_ext import StrOrPromise

    from kompas.accounts.models import User

_T = TypeVar("_T")
_M = TypeVar("_M", bound=Model)

MAP_POINTS = 2000
MAP_VIEW_TIMEOUT = 60 * 60


def forums_for(*, user: "User | AnonymousUser") -> QuerySet[Forum]:
    return _forums_visible(_rights(user), user)


def _rights(user: "User | AnonymousUser") -> tuple[bool, bool, bool]:
    """What decides the shape of the forums a user may see: signed in, staff, programme staff."""
    signed_in = bool(user.is_authenticated)
    return signed_in, signed_in and is_staff_member.test(user), signed_in and is_programme_staff.test(user)


def _forums_visible(rights: tuple[bool, bool, bool], user: Any) -> QuerySet[Forum]:
    """The forums a reader with ``rights`` may see; ``user`` is the reader (or a parameter standing for them)."""
    signed_in, staff, programme = rights
    visible = Q(visibility=ForumVisibility.PUBLIC) & ~Q(status=ForumStatus.DRAFT)
    if signed_in:
        visible |= Q(invited=user) & ~Q(status=ForumStatus.DRAFT)
        visible |= Q(facilitator=user)
        if staff:
            visible |= Q(visibility=ForumVisibility.STAFF) & ~Q(status=ForumStatus.DRAFT)
        if programme:
            visible = Q()
    return (
        Forum.objects.filter(visible)
        .annotate(
            participant_count=Count("participants", distinct=True),
            statement_count=Count(
                "statements", filter=Q(statements__status=StatementStatus.APPROVED), distinct=True
            ),
        )
        .order_by("-created_at")
        .distinct()
    )


def _open_forums(rights: tuple[bool, bool, bool], limit: int) -> "QuerySet[Forum, tuple[int, str, str]]":
    # The visibility rule without the list's participant and statement counts, which the front page does not
    # show (with them PostgreSQL counted every participant of every forum: 130 ms on Aarhus data).
    reader = statements.Param("user", IntegerField())
    return (
        within(_forums_visible(rights, reader))
        .filter(status=ForumStatus.OPEN)
        .order_by("-created_at", "-pk")
        .values_list("pk", "title", "question")[:limit]
    )


# Compiled once per process and shape of the reader's rights, with the reader's id as a parameter
# (kompas.core.statements): the front page asks on every render.
_OPEN_FORUMS = statements.Statement(_open_forums)


def open_forums_for(*, user: "User | AnonymousUser", limit: int) -> list[tuple[int, str, str]]:
    """The newest ``limit`` open forums the user may see (``forums_for``), without the list's counts: each as its
    pk, title and question (the front page shows no more, and builds no model instance for it)."""
    return cast("list[tuple[int, str, str]]", _OPEN_FORUMS.rows(shape=(_rights(user), limit), user=user.pk))


def forum_get_for_user(*, user: "User | AnonymousUser", pk: int, content_version: int | None = None) -> Forum:
    """The one guarded accessor: the same 404 for a forum that does not exist and one you may not see.

    Given the content version (read before, e.g. by a page cache's source), the forum's row is kept per process
    under it (``versioned.kept``): every service that changes a forum bumps it, so a page view reads no row.
    Who may see the forum is still decided here, per request."""
    if content_version is None:
        forum = Forum.objects.select_related("facilitator").filter(pk=pk).first()
    else:
        forum = versioned.kept(content_version, ("dialogues:forum", pk), lambda: _forum_row(pk))
    if forum is None or not can_see_forum.test(user, forum):
        raise Http404
    return forum


def _forum_row(pk: int) -> Forum | None:
    """The forum's row (all but the search vector, read if ever asked for; the facilitator too), of SQL written
    once per process: after every write the first page view reads it again, and compiling the query with the ORM
    cost more CPU than the rest of that view."""
    conn = connections[DEFAULT_DB_ALIAS]
    sql, forums = _forum_sql(conn.vendor)
    with prepared.cursor() as cursor:
        cursor.execute(sql, [pk])
        row = cursor.fetchone()
    return None if row is None else cast(Forum, forums.instance(conn, row))


@functools.cache
def _forum_sql(vendor: str) -> "tuple[str, _Columns]":
    quote = connections[DEFAULT_DB_ALIAS].ops.quote_name
    forums = _Columns.of(Forum, [f for f in Forum._meta.concrete_fields if f.name != "search_vector"])
    f = quote(Forum._meta.db_table)
    return f"SELECT {forums.select(f)} FROM {f} WHERE {f}.{_column(Forum, 'id')} = %s", forums  # noqa: S608


def participant_for(*, forum: Forum, user: "User | AnonymousUser", raw_token: str) -> Participant | None:
    """The user's (or the token's) participant in ``forum``: ``participant_in_forum``'s prepared query."""
    participant = participant_in_forum(forum_id=forum.pk, user=user, raw_token=raw_token)
    if participant is not None:
        Participant._meta.get_field("forum").set_cached_value(participant, forum)
    return participant


def who_takes_part(user: "User | AnonymousUser", raw_token: str) -> tuple[str, object] | None:
    """How a participant is found: by the signed-in user, else by the hash of the anonymous token (the column
    and its value); None when there is neither."""
    if user.is_authenticated:
        return "user", user.pk
    if raw_token:
        return "token_hash", Participant.hash_token(raw_token)
    return None


def _participant_with_forum(
    conn: Any, row: Sequence[Any], participants: "_Columns", forums: "_Columns"
) -> tuple[Participant, int]:
    """The participant at the start of ``row`` with its forum after it, the forum set on the participant (as
    ``select_related`` would), and where the forum's columns end in ``row``."""
    split = len(participants.attnames)
    end = split + len(forums.attnames)
    participant = cast(Participant, participants.instance(conn, row[:split]))
    forum = cast(Forum, forums.instance(conn, row[split:end]))
    Participant._meta.get_field("forum").set_cached_value(participant, forum)
    return participant, end


def participant_in_forum(
    *, forum_id: int, user: "User | AnonymousUser", raw_token: str, statement_id: int | None = None
) -> Participant | None:
    """The user's (or the token's) participant in forum ``forum_id`` with the forum, and, given
    ``statement_id``, whether that statement is published there (``statement_open``): the reads of a vote in
    one query, of SQL written once per process (``_participant_sql``: compiling it with the ORM for every vote
    cost more CPU than the rest of the vote). None when there is no such participant; the caller then reads the
    forum (``forum_get_for_user``) to say why. The caller still checks that the user may take part in
    ``participant.forum``."""
    who = who_takes_part(user, raw_token)
    if who is None:
        return None
    by, value = who
    conn = connections[DEFAULT_DB_ALIAS]
    sql, participants, forums = _participant_sql(conn.vendor, by, statement_id is not None)
    params: list[Any] = [forum_id, value]
    if statement_id is not None:
        params = [statement_id, forum_id, StatementStatus.APPROVED.value, *params]
    with prepared.cursor() as cursor:
        cursor.execute(sql, params)
        row = cursor.fetchone()
    if row is None:
        return None
    participant, _end = _participant_with_forum(conn, row, participants, forums)
    if statement_id is not None:
        participant.statement_open = bool(row[-1])  # type: ignore[attr-defined]  # as the ORM annotated it
    return participant


@dataclass(frozen=True)
class _Columns:
    """One model's columns in a row of raw SQL: what ``Model.from_db`` takes, and which of them the database
    backend (or the field) converts when read, as the ORM would (none of ours on PostgreSQL; SQLite's booleans
    and datetimes)."""

    model: type[Model]
    fields: tuple[Any, ...]  # concrete fields
    attnames: list[str]
    converted: tuple[int, ...]

    @classmethod
    def of(cls, model: type[Model], fields: Sequence[Any]) -> "_Columns":
        conn = connections[DEFAULT_DB_ALIAS]
        converted = tuple(
            n
            for n, field in enumerate(fields)
            if conn.ops.get_db_converters(field.cached_col) or field.get_db_converters(conn)
        )
        return cls(model, tuple(fields), [f.attname for f in fields], converted)

    def select(self, table: str) -> str:
        quote = connections[DEFAULT_DB_ALIAS].ops.quote_name
        return ", ".join(f"{table}.{quote(f.column)}" for f in self.fields)

    def instance(self, conn: Any, values: Sequence[Any]) -> Model:
        values = list(values)
        for n in self.converted:
            col = self.fields[n].cached_col
            for convert in [*conn.ops.get_db_converters(col), *self.fields[n].get_db_converters(conn)]:
                values[n] = convert(values[n], col, conn)
        return self.model.from_db(conn.alias, self.attnames, values)


def _column(model: type[Model], name: str) -> str:
    """The quoted column of ``model``'s field ``name``."""
    field = cast("Field[Any, Any]", model._meta.get_field(name))
    return connections[DEFAULT_DB_ALIAS].ops.quote_name(field.column)


@functools.cache
def _participant_sql(vendor: str, by: str, with_statement: bool) -> tuple[str, _Columns, _Columns]:
    """The SQL of ``participant_in_forum``: the participant's columns, their forum's (all but the search vector,
    read if ever asked for) and, with a statement, whether it is published in that forum. At most one row: a
    participant is unique per forum and user, or per forum and token."""
    quote = connections[DEFAULT_DB_ALIAS].ops.quote_name
    participants = _Columns.of(Participant, Participant._meta.concrete_fields)
    forums = _Columns.of(Forum, [f for f in Forum._meta.concrete_fields if f.name != "search_vector"])
    p, f, s = quote(Participant._meta.db_table), quote(Forum._meta.db_table), quote(Statement._meta.db_table)
    columns = f"{participants.select(p)}, {forums.select(f)}"
    if with_statement:
        s_id, s_forum, s_status = (_column(Statement, n) for n in ("id", "forum", "status"))
        published = f"{s}.{s_id} = %s AND {s}.{s_forum} = %s AND {s}.{s_status} = %s"
        columns += f", EXISTS(SELECT 1 FROM {s} WHERE {published})"  # noqa: S608
    forum_pk, p_forum, p_by = _column(Forum, "id"), _column(Participant, "forum"), _column(Participant, by)
    sql = (
        f"SELECT {columns} FROM {p} INNER JOIN {f} ON {f}.{forum_pk} = {p}.{p_forum} "  # noqa: S608
        f"WHERE {p}.{p_forum} = %s AND {p}.{p_by} = %s"
    )
    return sql, participants, forums


def vote_card(*, participant: Participant) -> tuple[Statement | None, int, int]:
    """The next statement to vote on (None when the participant has voted on every published one) and their
    progress (voted on, published): one query, of SQL written once per process (``_vote_card_sql``) and
    prepared on PostgreSQL (ADR 0026)."""
    conn = connections[DEFAULT_DB_ALIAS]
    sql, statements = _vote_card_sql(conn.vendor)
    approved = StatementStatus.APPROVED.value
    forum_id, participant_id = participant.forum_id, participant.pk
    with prepared.cursor() as cursor:
        cursor.execute(
            sql, [forum_id, approved, participant_id, approved, forum_id, approved, participant_id]
        )
        row = cursor.fetchone()
    published, voted = int(row[0] or 0), int(row[1] or 0)
    if row[2] is None:
        return None, published, published  # every published statement has their vote
    statement = cast(Statement, statements.instance(conn, row[2:]))
    return statement, voted, published


@functools.cache
def _vote_card_sql(vendor: str) -> tuple[str, _Columns]:
    """The number of published statements, of the participant's votes on them, and the first published
    statement (by id) without their vote, or NULLs: always one row."""
    quote = connections[DEFAULT_DB_ALIAS].ops.quote_name
    statements = _Columns.of(Statement, Statement._meta.concrete_fields)
    s, v = quote(Statement._meta.db_table), quote(Vote._meta.db_table)
    s_id, s_forum, s_status = (_column(Statement, n) for n in ("id", "forum", "status"))
    v_participant, v_statement = (_column(Vote, n) for n in ("participant", "statement"))
    sql = (
        f"SELECT c.published, c.voted, {statements.select('n')} FROM ("  # noqa: S608
        f"SELECT (SELECT COUNT(*) FROM {s} WHERE {s_forum} = %s AND {s_status} = %s) AS published, "
        f"(SELECT COUNT(*) FROM {v} INNER JOIN {s} ON {s}.{s_id} = {v}.{v_statement} "
        f"WHERE {v}.{v_participant} = %s AND {s}.{s_status} = %s) AS voted) c "
        f"LEFT JOIN (SELECT {statements.select(s)} FROM {s} "
        f"WHERE {s}.{s_forum} = %s AND {s}.{s_status} = %s AND NOT EXISTS (SELECT 1 FROM {v} "
        f"WHERE {v}.{v_participant} = %s AND {v}.{v_statement} = {s}.{s_id}) ORDER BY {s}.{s_id} LIMIT 1) n "
        "ON 1 = 1"
    )
    return sql, statements


def vote_page(
    *, forum_id: int, user: "User | AnonymousUser", raw_token: str
) -> tuple[Participant, Statement | None, int, int] | None:
    """What the vote page shows a participant, read together: the user's (or the token's) participant in forum
    ``forum_id`` with the forum (as ``participant_in_forum``), the next statement to vote on and their progress
    (as ``vote_card``) – one query instead of two, of SQL written once per process and prepared on PostgreSQL
    (ADR 0026). None when there is no such participant; the caller then reads the forum to say why. The caller
    still checks that the user may take part in ``participant.forum``."""
    who = who_takes_part(user, raw_token)
    if who is None:
        return None
    by, value = who
    conn = connections[DEFAULT_DB_ALIAS]
    sql, participants, forums, statements = _vote_page_sql(conn.vendor, by)
    approved = StatementStatus.APPROVED.value
    me = [forum_id, value]
    params = [forum_id, approved, *me, approved, forum_id, approved, *me, *me]
    with prepared.cursor() as cursor:
        cursor.execute(sql, params)
        row = cursor.fetchone()
    if row is None:
        return None
    participant, forum_end = _participant_with_forum(conn, row, participants, forums)
    published, voted = int(row[forum_end] or 0), int(row[forum_end + 1] or 0)
    card = row[forum_end + 2 :]
    if card[0] is None:
        return participant, None, published, published  # every published statement has their vote
    return participant, cast(Statement, statements.instance(conn, card)), voted, published


@functools.cache
def _vote_page_sql(vendor: str, by: str) -> tuple[str, _Columns, _Columns, _Columns]:
    """The SQL of ``vote_page``: ``_participant_sql``'s row, then ``_vote_card_sql``'s, in which the participant
    is found by the same forum and user (or token) in an uncorrelated subquery, so that PostgreSQL plans the
    counts and the next statement as the vote card alone (each once, by index). At most one row."""
    quote = connections[DEFAULT_DB_ALIAS].ops.quote_name
    participants = _Columns.of(Participant, Participant._meta.concrete_fields)
    forums = _Columns.of(Forum, [f for f in Forum._meta.concrete_fields if f.name != "search_vector"])
    statements = _Columns.of(Statement, Statement._meta.concrete_fields)
    p, f, s, v = (quote(m._meta.db_table) for m in (Participant, Forum, Statement, Vote))
    s_id, s_forum, s_status = (_column(Statement, n) for n in ("id", "forum", "status"))
    v_participant, v_statement = (_column(Vote, n) for n in ("participant", "statement"))
    p_id, p_forum, p_by = _column(Participant, "id"), _column(Participant, "forum"), _column(Participant, by)
    forum_pk = _column(Forum, "id")
    me = f"(SELECT m.{p_id} FROM {p} m WHERE m.{p_forum} = %s AND m.{p_by} = %s)"  # noqa: S608
    sql = (
        f"SELECT {participants.select(p)}, {forums.select(f)}, c.published, c.voted, "  # noqa: S608
        f"{statements.select('n')} FROM {p} INNER JOIN {f} ON {f}.{forum_pk} = {p}.{p_forum} "
        f"CROSS JOIN (SELECT (SELECT COUNT(*) FROM {s} s1 WHERE s1.{s_forum} = %s AND s1.{s_status} = %s) "
        f"AS published, (SELECT COUNT(*) FROM {v} v1 INNER JOIN {s} s2 ON s2.{s_id} = v1.{v_statement} "
        f"WHERE v1.{v_participant} = {me} AND s2.{s_status} = %s) AS voted) c "
        f"LEFT JOIN (SELECT {statements.select('s3')} FROM {s} s3 "
        f"WHERE s3.{s_forum} = %s AND s3.{s_status} = %s AND NOT EXISTS (SELECT 1 FROM {v} v2 "
        f"WHERE v2.{v_participant} = {me} AND v2.{v_statement} = s3.{s_id}) ORDER BY s3.{s_id} LIMIT 1) n "
        f"ON 1 = 1 WHERE {p}.{p_forum} = %s AND {p}.{p_by} = %s"
    )
    return sql, participants, forums, statements


def latest_map(*, forum: Forum) -> OpinionMap | None:
    """The newest computed map, without its result (hundreds of kilobytes of JSON for a big forum, read only
    when a cached view of it is missing): ``map_result`` loads it when asked for."""
    return (
        OpinionMap.objects.filter(forum=forum, state=MapState.READY)
        .defer("result", "result_without_assisted")
        .annotate(
            with_assisted_result=ExpressionWrapper(
                Q(assisted_participants__gt=0) & ~Q(result_without_assisted={}), output_field=BooleanField()
            ),
            computing=Exists(OpinionMap.objects.filter(forum=forum, state=MapState.COMPUTING)),
        )
        .order_by("-computed_at")
        .first()
    )


def map_is_computing(*, forum: Forum, latest: OpinionMap | None = None) -> bool:
    """Whether a new map is being computed (``latest`` from ``latest_map`` knows it already)."""
    if latest is not None and hasattr(latest, "computing"):
        return bool(latest.computing)
    return OpinionMap.objects.filter(forum=forum, state=MapState.COMPUTING).exists()


def map_stamp(opinion_map: OpinionMap) -> str:
    """What names one computed map in cache keys: its id and when it was computed (an id alone could come back
    after a database is restored)."""
    computed = opinion_map.computed_at.timestamp() if opinion_map.computed_at else 0
    return f"{opinion_map.pk}.{computed:.6f}"


@dataclass(frozen=True)
class GroupCard:
    number: int
    label: str
    size: int
    representative: list[tuple[Statement, int, int]]  # statement, % agree in group, % agree outside
    stakeholders: list[tuple[str, int]]


def map_view_cached(*, opinion_map: OpinionMap, without_assisted: bool = False) -> dict[str, Any]:
    """``map_view`` kept per map and language: a computed map never changes, and a forum with 20,000
    participants would otherwise read and group them all for every page view. The stakeholder types are those
    of the first view of the map (a newer map shows later changes)."""
    without_assisted = without_assisted and has_assisted_result(opinion_map)
    key = f"kompas:map-view:{map_stamp(opinion_map)}:{get_language()}:{'a' if without_assisted else ''}"
    view: dict[str, Any] | None = cache.get(key)
    if view is None:
        view = map_view(opinion_map=opinion_map, without_assisted=without_assisted)
        cache.set(key, view, MAP_VIEW_TIMEOUT)
    return view


def has_assisted_result(opinion_map: OpinionMap) -> bool:
    """Was the map also computed without assisted participants' votes (the forum has some)?"""
    known = getattr(opinion_map, "with_assisted_result", None)  # annotated by ``latest_map``
    if known is not None:
        return bool(known)
    return bool(opinion_map.assisted_participants and opinion_map.result_without_assisted)


def map_result(opinion_map: OpinionMap, *, without_assisted: bool = False) -> dict[str, Any]:
    """The computed map, or the one without assisted input when asked for and there is one (a deferred result
    is read from the database here)."""
    if without_assisted and has_assisted_result(opinion_map):
        return cast(dict[str, Any], opinion_map.result_without_assisted)
    return cast(dict[str, Any], opinion_map.result)


def map_view(*, opinion_map: OpinionMap, without_assisted: bool = False) -> dict[str, Any]:
    """Everything the map page shows, from a computed map and the forum's statements and participants."""
    result = map_result(opinion_map, without_assisted=without_assisted)
    groups = {int(p): g for p, g in result.get("groups", {}).items()}
    statements = {s.pk: s for s in Statement.objects.filter(forum=opinion_map.forum_id)}
    types = dict(Participant.objects.filter(pk__in=groups).values_list("pk", "stakeholder_type"))
    type_labels = dict(StakeholderType.choices)
    stats = result.get("group_stats", {})
    sizes = Counter(groups.values())
    cards = []
    for g in sorted(sizes):
        spread = Counter(types.get(p, "") for p, group in groups.items() if group == g)
        rep = []
        for sid in result.get("representative", {}).get(str(g), [])[:5]:
            statement = statements.get(int(sid))
            if statement is None:
                continue
            rep.append((statement, _share(stats, g, sid, inside=True), _share(stats, g, sid, inside=False)))
        cards.append(
            GroupCard(
                number=g,
                label=chr(ord("A") + g),
                size=sizes[g],
                representative=rep,
                stakeholders=[(str(type_labels.get(k, k)), n) for k, n in spread.most_common()],
            )
        )
    spread_table = _stakeholder_spread(groups, types, type_labels, sorted(sizes))
    points = _points(result.get("coordinates", {}), groups, types)
    return {
        "cards": cards,
        "consensus": [statements[s] for s in result.get("consensus", [])[:8] if s in statements],
        "bridging": [statements[s] for s in result.get("bridging", [])[:8] if s in statements],
        "spread": spread_table,
        "points": points,
        "group_numbers": sorted(sizes),
        "agreement_rows": _agreement_rows(statements, stats, sorted(sizes)),
    }


def _share(stats: dict[str, Any], group: int, statement_id: int | str, *, inside: bool) -> int:
    agree = total = 0
    for g, per_statement in stats.items():
        if (int(g) == group) != inside:
            continue
        counts = per_statement.get(str(statement_id))
        if counts:
            agree += counts[0]
            total += sum(counts)
    return round(100 * agree / total) if total else 0


def _stakeholder_spread(
    groups: dict[int, int], types: dict[int, str], labels: Mapping[str, "StrOrPromise"], numbers: list[int]
) -> list[tuple[str, list[int]]]:
    rows = []
    for code, label in labels.items():
        counts = [sum(1 for p, g in groups.items() if g == n and types.get(p) == code) for n in numbers]
        if any(counts):
            rows.append((str(label), counts))
    return rows


def _points(
    coordinates: dict[str, Sequence[float]], groups: dict[int, int], types: dict[int, str]
) -> list[dict[str, float | str]]:
    """At most MAP_POINTS participants, spread evenly, scaled into a 0..100 box for the SVG."""
    items = sorted((int(p), xy) for p, xy in coordinates.items() if int(p) in groups)
    if not items:
        return []
    items = _sample(items)
    scale = _scaler(items)
    return [
        {**dict(zip(("x", "y"), scale(xy), strict=True)), "group": groups[p], "type": types.get(p, "")}
        for p, xy in items
    ]


def _sample(items: list[_T]) -> list[_T]:
    """At most about MAP_POINTS of the sorted (participant, xy) items, spread evenly."""
    step = max(1, len(items) // MAP_POINTS)
    return items[::step]


Bounds = tuple[float, float, float, float]  # lowest x, lowest y, span of x, span of y


def _bounds(items: Sequence[tuple[int, Sequence[float]]]) -> Bounds:
    xs = [xy[0] for _p, xy in items]
    ys = [xy[1] for _p, xy in items]
    low_x, low_y = min(xs), min(ys)
    return low_x, low_y, (max(xs) - low_x) or 1.0, (max(ys) - low_y) or 1.0


def _scaled(bounds: Bounds, xy: Sequence[float]) -> tuple[float, float]:
    low_x, low_y, span_x, span_y = bounds
    return round(5 + 90 * (xy[0] - low_x) / span_x, 2), round(5 + 90 * (xy[1] - low_y) / span_y, 2)


def _scaler(items: Sequence[tuple[int, Sequence[float]]]) -> Callable[[Sequence[float]], tuple[float, float]]:
    """The mapping of a projection point into the map's 0..100 box (5..95 for the drawn points)."""
    bounds = _bounds(items)
    return lambda xy: _scaled(bounds, xy)


def _agreement_rows(
    statements: dict[int, Statement], stats: dict[str, Any], numbers: list[int]
) -> list[tuple[Statement, list[int]]]:
    rows = []
    for sid, statement in sorted(statements.items()):
        if statement.status != StatementStatus.APPROVED:
            continue
        rows.append((statement, [_share(stats, n, sid, inside=True) for n in numbers]))
    return rows


@dataclass(frozen=True)
class MapPlace:
    """Where one participant stands on a computed map ("Du er her").

    ``placed`` is false when the map does not hold the participant (too few votes when it was computed, or
    they joined since); ``vote_threshold`` then says how many votes place a participant. For a placed
    participant, ``x``/``y`` are in the map's 0..100 box, ``group`` is their own group when the map grouped
    them (``in_group``), else the group whose members stand nearest on the map.
    """

    placed: bool
    vote_threshold: int
    x: float = 0.0
    y: float = 0.0
    group: int | None = None
    in_group: bool = False

    @property
    def group_label(self) -> str:
        return "" if self.group is None else chr(ord("A") + self.group)

    @property
    def label_x(self) -> float:
        return round(self.x - 3.5, 2) if self.x > 65 else round(self.x + 3.5, 2)

    @property
    def label_anchor(self) -> str:
        return "end" if self.x > 65 else "start"

    @property
    def label_y(self) -> float:
        return round(self.y + 6.5, 2) if self.y < 12 else round(self.y - 3.2, 2)


@dataclass(frozen=True)
class MapFrame:
    """What places one participant on a computed map without reading all of it: the scale of the drawn points
    and the centre (mean projection point) of each group's members."""

    bounds: Bounds
    centres: dict[int, tuple[float, float]]


def _map_frame(opinion_map: OpinionMap, *, without_assisted: bool) -> MapFrame | None:
    """The map's frame, kept per map (None when the map draws nobody)."""
    key = f"kompas:map-frame:{map_stamp(opinion_map)}:{'a' if without_assisted else ''}"
    cached: tuple[MapFrame | None] | None = cache.get(key)
    if cached is not None:
        return cached[0]
    result = map_result(opinion_map, without_assisted=without_assisted)
    groups = {int(p): int(g) for p, g in result.get("groups", {}).items()}
    drawn = sorted((int(p), xy) for p, xy in result.get("coordinates", {}).items() if int(p) in groups)
    frame = None
    if drawn:
        sums: dict[int, list[float]] = {}
        for p, (px, py) in drawn:
            total = sums.setdefault(groups[p], [0.0, 0.0, 0.0])
            total[0] += px
            total[1] += py
            total[2] += 1
        centres = {g: (sx / n, sy / n) for g, (sx, sy, n) in sums.items()}
        frame = MapFrame(bounds=_bounds(_sample(drawn)), centres=centres)
    cache.set(key, (frame,), MAP_VIEW_TIMEOUT)
    return frame


def _point_of(
    opinion_map: OpinionMap, participant_id: int, *, without_assisted: bool
) -> tuple[Sequence[float] | None, int | None]:
    """The participant's projection point and group on the map (None where the map does not hold them). Reads
    only those two values of the stored result: for a 20,000-participant forum the whole is ~1.5 MB of JSON."""
    field = "result_without_assisted" if without_assisted else "result"
    if field not in opinion_map.get_deferred_fields() or connection.vendor not in ("postgresql", "sqlite"):
        result = map_result(opinion_map, without_assisted=without_assisted)
        group = result.get("groups", {}).get(str(participant_id))
        return result.get("coordinates", {}).get(str(participant_id)), None if group is None else int(group)
    table, column = (
        OpinionMap._meta.db_table,
        cast("JSONField[Any]", OpinionMap._meta.get_field(field)).column,
    )
    quote = connection.ops.quote_name
    # The names are the model's own, quoted; the participant's id is bound.
    if connection.vendor == "postgresql":
        sql = f"SELECT {quote(column)} #> %s, {quote(column)} #> %s FROM {quote(table)} WHERE id = %s"  # noqa: S608
        params: list[Any] = [["coordinates", str(participant_id)], ["groups", str(participant_id)]]
    else:
        sql = f"SELECT json_extract({quote(column)}, %s), json_extract({quote(column)}, %s) FROM {quote(table)} WHERE id = %s"  # noqa: S608, E501
        params = [f'$.coordinates."{participant_id}"', f'$.groups."{participant_id}"']
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, opinion_map.pk])
        row = cursor.fetchone()
    xy, group = ((json.loads(v) if isinstance(v, str) else v) for v in (row or (None, None)))
    return xy, None if group is None else int(group)


def map_place(
    *, opinion_map: OpinionMap, participant: Participant | None, without_assisted: bool = False
) -> MapPlace | None:
    """Where ``participant`` stands on the map, scaled like the drawn points; ``None`` without a participant.

    Kept per map and participant: a computed map never changes, and the place is found without reading the
    whole map (``_map_frame`` once per map, ``_point_of`` two values of it)."""
    if participant is None:
        return None
    without_assisted = without_assisted and has_assisted_result(opinion_map)
    key = f"kompas:map-place:{map_stamp(opinion_map)}:{'a' if without_assisted else ''}:{participant.pk}"
    place: MapPlace | None = cache.get(key)
    if place is None:
        place = _place(opinion_map, participant.pk, without_assisted=without_assisted)
        cache.set(key, place, MAP_VIEW_TIMEOUT)
    return place


def _place(opinion_map: OpinionMap, participant_id: int, *, without_assisted: bool) -> MapPlace:
    threshold = int((opinion_map.params or {}).get("vote_threshold") or 7)
    mine, group = _point_of(opinion_map, participant_id, without_assisted=without_assisted)
    frame = _map_frame(opinion_map, without_assisted=without_assisted) if mine is not None else None
    if mine is None or frame is None:
        return MapPlace(placed=False, vote_threshold=threshold)
    x, y = _scaled(frame.bounds, mine)
    x, y = min(max(x, 2.0), 98.0), min(max(y, 2.0), 98.0)
    if group is not None:
        return MapPlace(True, threshold, x, y, group, in_group=True)
    return MapPlace(True, threshold, x, y, _nearest_group(mine, frame.centres), in_group=False)


def _nearest_group(xy: Sequence[float], centres: dict[int, tuple[float, float]]) -> int:
    """The group whose centre (the mean of its members' projection points) is nearest to ``xy``."""
    return min(centres, key=lambda g: ((centres[g][0] - xy[0]) ** 2 + (centres[g][1] - xy[1]) ** 2, g))


# What the public may see of dialogue forums, as the published value map copies it (ADR 0007): forums everyone
# may read and take part in, once opened; how many took part and voted; what we take with us, once reported.
# Never who took part, nor a statement awaiting moderation.
PUBLIC_STATUS_LABELS = dict(ForumStatus.choices)


def public_items() -> list[PublicItem]:
    forums = list(
        Forum.objects.filter(visibility=ForumVisibility.PUBLIC)
        .exclude(status=ForumStatus.DRAFT)
        .prefetch_related("city_goals", "outcome_goals__city_goals")
        .order_by("pk")
    )
    ids = [f.pk for f in forums]
    people = dict(
        Participant.objects.filter(forum__in=ids)
        .values_list("forum")
        .annotate(n=Count("id"))
        .values_list("forum", "n")
    )
    votes = dict(
        Vote.objects.filter(statement__forum__in=ids)
        .values_list("statement__forum")
        .annotate(n=Count("id"))
        .values_list("statement__forum", "n")
    )
    statements = dict(
        Statement.objects.filter(forum__in=ids, status=StatementStatus.APPROVED)
        .values_list("forum")
        .annotate(n=Count("id"))
        .values_list("forum", "n")
    )
    items = []
    for f in forums:
        city_goals = {c.pk for c in f.city_goals.all()}
        city_goals |= {c.pk for g in f.outcome_goals.all() for c in g.city_goals.all()}
        reported = f.status == ForumStatus.REPORTED
        items.append(
            PublicItem(
                kind=public_kinds.DIALOGUE,
                source_id=f.pk,
                title=f.title,
                summary=f.question,
                owner="",
                status=f.status,
                city_goal_ids=tuple(sorted(city_goals)),
                updated_on=f.updated_at.date(),
                numbers=(
                    ("participants", str(people.get(f.pk, 0))),
                    ("statements", str(statements.get(f.pk, 0))),
                    ("votes", str(votes.get(f.pk, 0))),
                ),
                learned=f.outcome if reported else "",
                url=f.get_absolute_url(),
            )
        )
    return items
