"""Test data for Målkompasset, built with the services so the audit trail is as in real use."""

import datetime as dt
from decimal import Decimal

from django.contrib.auth import get_user_model

from kompas.citygoals.models import CityGoal
from kompas.core.choices import Visibility
from kompas.goals import services
from kompas.goals.choices import GoalStatus
from kompas.goals.models import Goal, Indicator
from kompas.organisations.choices import MembershipRole
from kompas.organisations.models import Department, Membership, Unit


def unit_with_leader(*, name: str = "Skåde Skole", leader_email: str = "leder@test.kompas.dk") -> Unit:
    unit, _created = Unit.objects.get_or_create(
        department=Department.objects.get(slug="boern-og-unge"), name=name
    )
    leader = get_user_model().objects.get(email=leader_email)
    Membership.objects.get_or_create(user=leader, unit=unit, defaults={"role": MembershipRole.LEADER})
    return unit


def goal(
    *,
    title: str = "Alle børn læser med glæde",
    visibility: str = Visibility.PUBLIC,
    owner_email: str = "leder@test.kompas.dk",
    unit: Unit | None = None,
    **extra,
) -> Goal:
    owner = get_user_model().objects.get(email=owner_email)
    unit = unit or unit_with_leader(leader_email=owner_email)
    values = {
        "title": title,
        "value_statement": "Børn lærer at læse og får lyst til at læse mere.",
        "beneficiaries": "Børn i indskolingen",
        "owner_unit": unit,
        "period_start": dt.date(2025, 1, 1),
        "period_end": dt.date(2027, 12, 31),
        "visibility": visibility,
        "status": GoalStatus.ON_TRACK,
        "status_reason": "Flere børn låner bøger.",
        "cadence_months": 3,
        **extra,
    }
    return services.goal_create(
        actor=owner, owner=owner, city_goals=[CityGoal.objects.order_by("order").first()], **values
    )


def indicator(*, goal: Goal, points: int = 3) -> Indicator:
    owner = goal.owner
    indicator = services.indicator_save(
        goal=goal,
        actor=owner,
        name="Andel der læser dagligt",
        unit="procent",
        direction="higher",
        baseline=Decimal(40),
        baseline_date=dt.date(2025, 1, 1),
        target=Decimal(60),
        target_date=dt.date(2027, 12, 31),
        description="",
    )
    for month in range(points):
        services.data_point_save(
            indicator=indicator,
            on=dt.date(2025, month + 1, 1),
            value=Decimal(40 + month * 3),
            source="Skolens måling",
            note="",
            actor=owner,
        )
    return indicator
