"""Reads of the dialogue forums: lists, the next statement to vote on, the map as the page shows it."""

from collections import Counter
from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet
from django.http import Http404

from kompas.core.roles import is_programme_staff, is_staff_member

from .choices import ForumStatus, ForumVisibility, MapState, StakeholderType, StatementStatus
from .models import Forum, OpinionMap, Participant, Statement, Vote
from .permissions import can_see_forum

MAP_POINTS = 2000


def forums_for(*, user) -> QuerySet[Forum]:
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


def forum_get_for_user(*, user, pk: int) -> Forum:
    """The one guarded accessor: the same 404 for a forum that does not exist and one you may not see."""
    forum = Forum.objects.select_related("facilitator").filter(pk=pk).first()
    if forum is None or not can_see_forum.test(user, forum):
        raise Http404
    return forum


def participant_for(*, forum: Forum, user, raw_token: str) -> Participant | None:
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


def map_view(*, opinion_map: OpinionMap) -> dict:
    """Everything the map page shows, from a computed map and the forum's statements and participants."""
    result = opinion_map.result
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


def _share(stats: dict, group: int, statement_id, *, inside: bool) -> int:
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
    groups: dict, types: dict, labels: dict, numbers: list[int]
) -> list[tuple[str, list[int]]]:
    rows = []
    for code, label in labels.items():
        counts = [sum(1 for p, g in groups.items() if g == n and types.get(p) == code) for n in numbers]
        if any(counts):
            rows.append((str(label), counts))
    return rows


def _points(coordinates: dict, groups: dict, types: dict) -> list[dict]:
    """At most MAP_POINTS participants, spread evenly, scaled into a 0..100 box for the SVG."""
    items = sorted((int(p), xy) for p, xy in coordinates.items() if int(p) in groups)
    if not items:
        return []
    step = max(1, len(items) // MAP_POINTS)
    items = items[::step]
    xs = [xy[0] for _p, xy in items]
    ys = [xy[1] for _p, xy in items]
    span_x = (max(xs) - min(xs)) or 1.0
    span_y = (max(ys) - min(ys)) or 1.0
    return [
        {
            "x": round(5 + 90 * (xy[0] - min(xs)) / span_x, 2),
            "y": round(5 + 90 * (xy[1] - min(ys)) / span_y, 2),
            "group": groups[p],
            "type": types.get(p, ""),
        }
        for p, xy in items
    ]


def _agreement_rows(statements: dict, stats: dict, numbers: list[int]) -> list[tuple[Statement, list[int]]]:
    rows = []
    for sid, statement in sorted(statements.items()):
        if statement.status != StatementStatus.APPROVED:
            continue
        rows.append((statement, [_share(stats, n, sid, inside=True) for n in numbers]))
    return rows
