"""Reads of the dialogue forums: lists, the next statement to vote on, the map as the page shows it."""

from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeVar, cast

from django.core.cache import cache
from django.db.models import Count, Q, QuerySet
from django.http import Http404
from django.utils.translation import get_language

from kompas.core import public_items as public_kinds
from kompas.core.public_items import PublicItem
from kompas.core.roles import is_programme_staff, is_staff_member

from .choices import ForumStatus, ForumVisibility, MapState, StakeholderType, StatementStatus
from .models import Forum, OpinionMap, Participant, Statement, Vote
from .permissions import can_see_forum

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser
    from django_stubs_ext import StrOrPromise

    from kompas.accounts.models import User

_T = TypeVar("_T")

MAP_POINTS = 2000
MAP_VIEW_TIMEOUT = 60 * 60


def forums_for(*, user: "User | AnonymousUser") -> QuerySet[Forum]:
    visible = Q(visibility=ForumVisibility.PUBLIC) & ~Q(status=ForumStatus.DRAFT)
    if user.is_authenticated:
        visible |= Q(invited=user) & ~Q(status=ForumStatus.DRAFT)
        visible |= Q(facilitator=user)
        if is_staff_member.test(user):
            visible |= Q(visibility=ForumVisibility.STAFF) & ~Q(status=ForumStatus.DRAFT)
        if is_programme_staff.test(user):
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


def forum_get_for_user(*, user: "User | AnonymousUser", pk: int) -> Forum:
    """The one guarded accessor: the same 404 for a forum that does not exist and one you may not see."""
    forum = Forum.objects.select_related("facilitator").filter(pk=pk).first()
    if forum is None or not can_see_forum.test(user, forum):
        raise Http404
    return forum


def participant_for(*, forum: Forum, user: "User | AnonymousUser", raw_token: str) -> Participant | None:
    if user.is_authenticated:
        return Participant.objects.filter(forum=forum, user=user).first()
    if raw_token:
        return Participant.objects.filter(forum=forum, token_hash=Participant.hash_token(raw_token)).first()
    return None


def next_statement(*, participant: Participant) -> Statement | None:
    """The next published statement this participant has not voted on, oldest first."""
    return (
        Statement.objects.filter(forum_id=participant.forum_id, status=StatementStatus.APPROVED)
        .exclude(votes__participant=participant)
        .order_by("id")
        .first()
    )


def progress_of(*, participant: Participant) -> tuple[int, int]:
    total = Statement.objects.filter(forum_id=participant.forum_id, status=StatementStatus.APPROVED).count()
    return Vote.objects.filter(
        participant=participant, statement__status=StatementStatus.APPROVED
    ).count(), total


def latest_map(*, forum: Forum) -> OpinionMap | None:
    return OpinionMap.objects.filter(forum=forum, state=MapState.READY).order_by("-computed_at").first()


def map_is_computing(*, forum: Forum) -> bool:
    return OpinionMap.objects.filter(forum=forum, state=MapState.COMPUTING).exists()


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
    key = f"kompas:map-view:{opinion_map.pk}:{get_language()}:{'a' if without_assisted else ''}"
    view: dict[str, Any] | None = cache.get(key)
    if view is None:
        view = map_view(opinion_map=opinion_map, without_assisted=without_assisted)
        cache.set(key, view, MAP_VIEW_TIMEOUT)
    return view


def has_assisted_result(opinion_map: OpinionMap) -> bool:
    """Was the map also computed without assisted participants' votes (the forum has some)?"""
    return bool(opinion_map.assisted_participants and opinion_map.result_without_assisted)


def map_result(opinion_map: OpinionMap, *, without_assisted: bool = False) -> dict[str, Any]:
    """The computed map, or the one without assisted input when asked for and there is one."""
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


def _scaler(items: Sequence[tuple[int, Sequence[float]]]) -> Callable[[Sequence[float]], tuple[float, float]]:
    """The mapping of a projection point into the map's 0..100 box (5..95 for the drawn points)."""
    xs = [xy[0] for _p, xy in items]
    ys = [xy[1] for _p, xy in items]
    low_x, low_y = min(xs), min(ys)
    span_x = (max(xs) - low_x) or 1.0
    span_y = (max(ys) - low_y) or 1.0

    def scale(xy: Sequence[float]) -> tuple[float, float]:
        return round(5 + 90 * (xy[0] - low_x) / span_x, 2), round(5 + 90 * (xy[1] - low_y) / span_y, 2)

    return scale


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


def map_place(
    *, opinion_map: OpinionMap, participant: Participant | None, without_assisted: bool = False
) -> MapPlace | None:
    """Where ``participant`` stands on the map, scaled like the drawn points; ``None`` without a participant."""
    if participant is None:
        return None
    result = map_result(opinion_map, without_assisted=without_assisted)
    threshold = int((opinion_map.params or {}).get("vote_threshold") or 7)
    groups = {int(p): int(g) for p, g in result.get("groups", {}).items()}
    coordinates = {int(p): xy for p, xy in result.get("coordinates", {}).items()}
    mine = coordinates.get(participant.pk)
    drawn = sorted((p, xy) for p, xy in coordinates.items() if p in groups)
    if mine is None or not drawn:
        return MapPlace(placed=False, vote_threshold=threshold)
    x, y = _scaler(_sample(drawn))(mine)
    x, y = min(max(x, 2.0), 98.0), min(max(y, 2.0), 98.0)
    if participant.pk in groups:
        return MapPlace(True, threshold, x, y, groups[participant.pk], in_group=True)
    return MapPlace(True, threshold, x, y, _nearest_group(mine, drawn, groups), in_group=False)


def _nearest_group(
    xy: Sequence[float], drawn: list[tuple[int, Sequence[float]]], groups: dict[int, int]
) -> int:
    """The group whose centre (the mean of its members' projection points) is nearest to ``xy``."""
    sums: dict[int, list[float]] = {}
    for p, (px, py) in drawn:
        total = sums.setdefault(groups[p], [0.0, 0.0, 0.0])
        total[0] += px
        total[1] += py
        total[2] += 1
    return min(
        sums,
        key=lambda g: ((sums[g][0] / sums[g][2] - xy[0]) ** 2 + (sums[g][1] / sums[g][2] - xy[1]) ** 2, g),
    )


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
