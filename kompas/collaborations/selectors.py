"""Reads of Samarbejdskompasset. Results go through the disclosure rule in ``results`` – never raw ratings."""

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import pgettext_lazy

from kompas.core import public_items as public_kinds
from kompas.core.choices import Visibility
from kompas.core.public_items import PublicItem

from . import radar
from .choices import MIN_GROUP, Perspective, RoundStatus
from .models import Collaboration, Participant, Principle, Rating, ReflectionRound
from .results import Answer, RoundResult, round_result

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser
    from django_stubs_ext import StrOrPromise

    from kompas.accounts.models import User

PERSPECTIVES = tuple(Perspective.values)
# Colour and dash pattern per perspective, so the chart does not rely on colour alone.
SERIES_STYLE = {
    "municipality": ("#004993", ""),
    "partner": ("#b84a00", "8 4"),
    "citizen": ("#00704a", "2 3"),
    "trade_union": ("#6b2c91", "12 3 2 3"),
}


def collaborations_for_list(
    *, query: str = "", city_goal: int | None = None, mine_of: "User | None" = None
) -> QuerySet[Collaboration]:
    collaborations = (
        Collaboration.objects.select_related("owner_unit__department", "owner")
        .prefetch_related("city_goals")
        .annotate(round_count=Count("rounds", distinct=True))
        .order_by("-updated_at", "-id")
    )
    if query:
        collaborations = collaborations.filter(Q(title__icontains=query) | Q(purpose__icontains=query))
    if city_goal:
        collaborations = collaborations.filter(city_goals=city_goal)
    if mine_of is not None:
        collaborations = collaborations.filter(owner=mine_of)
    return collaborations


def collaboration_get_for_user(*, user: "User | AnonymousUser", pk: int) -> Collaboration:
    """Staff may read every collaboration; the same 404 for a missing one."""
    return get_object_or_404(
        Collaboration.objects.select_related("owner_unit__department", "owner").prefetch_related(
            "city_goals",
            "partner_units__department",
            "partner_organisations",
            Prefetch(
                "rounds",
                queryset=ReflectionRound.objects.annotate(
                    answered=Count("participants", filter=Q(participants__submitted_at__isnull=False)),
                    invited=Count("participants"),
                ).order_by("number"),
            ),
        ),
        pk=pk,
    )


def round_get(*, pk: int) -> ReflectionRound:
    return get_object_or_404(
        ReflectionRound.objects.select_related("collaboration__owner_unit__department", "principle_set"),
        pk=pk,
    )


def participants_of(*, reflection_round: ReflectionRound) -> QuerySet[Participant]:
    return reflection_round.participants.select_related("user").order_by("perspective", "id")


def participant_for_user(*, reflection_round: ReflectionRound, user: "User | AnonymousUser") -> Participant:
    participant = Participant.objects.filter(round=reflection_round, user=user).first() if user.pk else None
    if participant is None:
        raise Http404
    return participant


def participant_for_token(*, raw_token: str) -> Participant:
    """The external participant behind a link; 404 for an unknown or replaced link."""
    if not raw_token or len(raw_token) < 20 or len(raw_token) > 100:
        raise Http404
    participant = (
        Participant.objects.select_related("round__collaboration", "round__principle_set")
        .filter(token_hash=Participant.hash(raw_token), user__isnull=True)
        .first()
    )
    if participant is None:
        raise Http404
    return participant


def own_ratings(*, participant: Participant) -> dict[int, Rating]:
    """The participant's own ratings, for their own eyes only."""
    return {r.principle_id: r for r in participant.ratings.all()}


def principles_of(*, reflection_round: ReflectionRound) -> list[Principle]:
    return list(reflection_round.principle_set.principles.order_by("order"))


def _result_for(
    reflection_round: ReflectionRound, principles: list[Principle], previous: RoundResult | None = None
) -> RoundResult:
    """Only submitted answers count. Principles are keyed by their place (order), so rounds on different
    versions of the principles can still be compared place by place."""
    order_of = {p.pk: p.order for p in principles}
    rows = Rating.objects.filter(
        participant__round=reflection_round, participant__submitted_at__isnull=False
    ).values_list("participant_id", "participant__perspective", "principle_id", "score")
    answers = [
        Answer(pid, perspective, order_of[principle], score) for pid, perspective, principle, score in rows
    ]
    return round_result(
        answers=answers,
        principles=[p.order for p in principles],
        perspectives=PERSPECTIVES,
        min_group=MIN_GROUP,
        previous=previous,
    )


@dataclass
class RoundResultView:
    result: RoundResult
    rows: list[dict[str, Any]]
    chart: dict[str, Any]
    previous_number: int | None
    min_group: int
    labels: list["StrOrPromise"]
    respondents: list[dict[str, Any]]


def round_results(*, reflection_round: ReflectionRound) -> RoundResultView:
    """The round's results by perspective, with the gaps and the change from the previous round."""
    principles = principles_of(reflection_round=reflection_round)
    previous_round = (
        ReflectionRound.objects.filter(
            collaboration_id=reflection_round.collaboration_id, number__lt=reflection_round.number
        )
        .select_related("principle_set")
        .order_by("-number")
        .first()
    )
    previous = None
    if previous_round is not None:
        previous = _result_for(previous_round, principles_of(reflection_round=previous_round))
    result = _result_for(reflection_round, principles, previous)
    labels = dict(Perspective.choices)
    rows = []
    for principle, row in zip(principles, result.principles, strict=True):
        rows.append(
            {
                "principle": principle,
                "cells": [(labels[p], row.cells[p]) for p in PERSPECTIVES],
                "gap": row.gap,
            }
        )
    series = []
    for perspective in PERSPECTIVES:
        if not result.shown[perspective]:
            continue
        points = radar.polygon([row.cells[perspective].mean for row in result.principles])
        if points:
            colour, dash = SERIES_STYLE[perspective]
            series.append({"label": labels[perspective], "points": points, "colour": colour, "dash": dash})
    chart = {
        "size": radar.SIZE,
        "centre": radar.CENTRE,
        "axes": list(zip(radar.axes(len(principles)), principles, strict=True)),
        "rings": radar.rings(len(principles)) if principles else [],
        "series": series,
    }
    return RoundResultView(
        result=result,
        rows=rows,
        chart=chart,
        previous_number=previous_round.number if previous_round else None,
        min_group=MIN_GROUP,
        labels=[labels[p] for p in PERSPECTIVES],
        respondents=[
            {"label": labels[p], "count": result.respondents[p], "shown": result.shown[p]}
            for p in PERSPECTIVES
        ],
    )


@dataclass(frozen=True)
class CollaborationCard:
    """What the value map shows of a collaboration (staff view only)."""

    title: str
    url: str
    unit: str
    rounds: int
    is_internal: bool


def for_city_goal(*, city_goal_id: int, limit: int = 10) -> tuple[list[CollaborationCard], int]:
    """The collaborations that serve a city goal, newest first, and how many there are. Two queries."""
    collaborations = Collaboration.objects.filter(city_goals=city_goal_id, ended_on__isnull=True)
    total = collaborations.count()
    cards = [
        CollaborationCard(
            title=c.title,
            url=c.get_absolute_url(),
            unit=f"{c.owner_unit.department.short_name} · {c.owner_unit.name}",
            rounds=c.round_count,
            is_internal=c.visibility != "public",
        )
        for c in collaborations.select_related("owner_unit__department")
        .annotate(round_count=Count("rounds"))
        .order_by("-updated_at", "-id")[:limit]
    ]
    return cards, total


# What the public may see of collaborations, as the published value map copies it (ADR 0007): the purpose, the
# partners by kind, the rounds held and, from the latest closed round, each perspective's average over the
# principles – only where that perspective passes the disclosure rule (ADR 0012). Never a rating or a comment.
PUBLIC_STATUS_LABELS: dict[str, "StrOrPromise"] = {
    "active": pgettext_lazy("collaboration", "Active"),
    "ended": pgettext_lazy("collaboration", "Ended"),
}


def public_items() -> list[PublicItem]:
    collaborations = list(
        Collaboration.objects.filter(visibility=Visibility.PUBLIC)
        .select_related("owner_unit__department")
        .prefetch_related("city_goals")
        .annotate(
            round_count=Count("rounds", distinct=True),
            partner_count=Count("partner_units", distinct=True)
            + Count("partner_organisations", distinct=True),
        )
        .order_by("pk")
    )
    closed = (
        ReflectionRound.objects.filter(collaboration__in=collaborations, status=RoundStatus.CLOSED)
        .select_related("principle_set")
        .order_by("collaboration_id", "-number")
    )
    latest: dict[int, ReflectionRound] = {}
    for r in closed:
        latest.setdefault(r.collaboration_id, r)
    orders: dict[int, int] = {}
    places: dict[int, list[int]] = {}  # principle set -> the places of its principles
    for p in Principle.objects.filter(principle_set__in={r.principle_set_id for r in latest.values()}):
        orders[p.pk] = p.order
        places.setdefault(p.principle_set_id, []).append(p.order)
    answers: dict[int, list[Answer]] = {}
    rows = Rating.objects.filter(
        participant__round__in=list(latest.values()), participant__submitted_at__isnull=False
    ).values_list(
        "participant__round_id", "participant_id", "participant__perspective", "principle_id", "score"
    )
    for round_id, pid, perspective, principle, score in rows:
        answers.setdefault(round_id, []).append(Answer(pid, perspective, orders[principle], score))
    items = []
    for c in collaborations:
        numbers = [("rounds", str(c.round_count)), ("partners", str(c.partner_count))]
        last = latest.get(c.pk)
        if last is not None:
            result = round_result(
                answers=answers.get(last.pk, []),
                principles=sorted(places.get(last.principle_set_id, [])),
                perspectives=PERSPECTIVES,
                min_group=MIN_GROUP,
            )
            for perspective in PERSPECTIVES:
                means = [row.cells[perspective].mean for row in result.principles]
                shown = [m for m in means if m is not None]
                if result.shown[perspective] and shown:
                    numbers.append((f"mean_{perspective}", f"{sum(shown) / len(shown):.1f}"))
        items.append(
            PublicItem(
                kind=public_kinds.COLLABORATION,
                source_id=c.pk,
                title=c.title,
                summary=c.purpose,
                owner=f"{c.owner_unit.department.name} · {c.owner_unit.name}",
                status="ended" if c.ended_on else "active",
                city_goal_ids=tuple(sorted(g.pk for g in c.city_goals.all())),
                updated_on=c.updated_at.date(),
                numbers=tuple(numbers),
            )
        )
    return items
