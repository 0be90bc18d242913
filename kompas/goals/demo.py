"""Demo data for Målkompasset: realistic Danish goals with indicators, values, experiences and follow-ups.

``small`` gives a handful of goals per department; ``aarhus`` about 2,000 goals, 10,000 indicators,
200,000 data points, 50,000 experiences and 20,000 follow-ups. Deterministic (one seeded generator) and
idempotent (nothing is added when the demo goals are already there). Written with bulk inserts.

Every goal comes from a theme of its department (``demo_themes.py``): its indicators measure that theme, its
experiences and learnings belong to it, and no two goals share a title. Counts of people and things are whole
numbers. The status is judged from the numbers the goal actually has – "achieved" only when every indicator
has reached its target – and its reason quotes them. Most goals carry answers to the Målkompas questions.
"""

import datetime as dt
import random
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password

from kompas.citygoals.models import CityGoal
from kompas.core import formats
from kompas.core.choices import Visibility
from kompas.core.roles import RoleCode
from kompas.organisations.choices import MembershipRole
from kompas.organisations.models import Membership, PartnerOrganisation, Unit

from .choices import Cadence, GoalStatus
from .demo_themes import ANSWERS, AREAS, THEMES
from .models import DataPoint, Evidence, FollowUp, Goal, Indicator, ReflectionAnswer, ReflectionQuestion
from .progress import Direction, Point, progress
from .schedule import add_months, next_follow_up

if TYPE_CHECKING:
    from kompas.accounts.models import User as AccountUser

SIZES = {
    # goals per unit, indicators per goal, points per indicator, experiences per goal, follow-ups per goal
    "small": {"goals": 2, "indicators": 2, "points": 8, "evidence": 3, "follow_ups": 2, "extra_units": 0},
    "aarhus": {
        "goals": 10,
        "indicators": 5,
        "points": 20,
        "evidence": 25,
        "follow_ups": 10,
        "extra_units": 181,
    },
}

UNIT_WORDS = ["Skole", "Dagtilbud", "Lokalcenter", "Jobcenter", "Bibliotek", "Sundhedshus", "Fritidscenter"]


TODAY = dt.date(2026, 11, 1)
# Starts far enough back that the aarhus scale's 20 monthly values all fall inside the period, before TODAY.
STARTS = [
    dt.date(2023, 1, 1),
    dt.date(2023, 8, 1),
    dt.date(2024, 1, 1),
    dt.date(2024, 4, 1),
    dt.date(2024, 8, 1),
    dt.date(2025, 1, 1),
    dt.date(2025, 3, 1),
]
# The people a unit of each department sets its goals with.
CO_CREATORS = {
    "boern-og-unge": ["Forældrerådet", "Elevrådet", ""],
    "sundhed-og-omsorg": ["Ældrerådet", "Pårørenderådet", ""],
    "sociale-forhold-og-beskaeftigelse": ["Ungepanelet", "Brugerrådet", ""],
    "kultur-og-borgerservice": ["Lokalrådet", "Foreningerne i området", ""],
    "teknik-og-miljoe": ["Beboerne i området", "Lokalrådet", ""],
    "borgmesterens-afdeling": ["Erhvervsforeningen", "Lokalrådet", ""],
}
# How a goal's numbers move: (share of goals, pace range). The pace is the share of the way to the target
# covered by the time the period ends; "ahead" reaches its targets before today.
PACES = [
    ("ahead", 15, (1.0, 1.15)),
    ("on", 45, (0.9, 1.2)),
    ("lagging", 25, (0.4, 0.75)),
    ("failing", 15, (-0.3, 0.2)),
]


@dataclass
class _Plan:
    """What is decided about one goal before it is written: its theme, area and numbers."""

    theme: dict[str, Any]
    area: str
    co_creators: str
    start: dt.date
    end: dt.date
    pace: str
    series: list[tuple[tuple[Any, ...], list[Point]]] = field(default_factory=list)
    status: str = GoalStatus.ON_TRACK
    reason: str = ""


def _da(value: Decimal | float | int) -> str:
    return formats.number(Decimal(str(value)), language="da")


def build(ctx) -> None:
    size = SIZES[ctx.scale]
    rng: random.Random = ctx.rng
    User = get_user_model()
    demo_goals = Goal.objects.filter(owner__email__endswith="@demo.kompas.dk")
    units = _units(size, rng)
    expected = len(units) * size["goals"]
    if demo_goals.count() >= expected:
        ctx.counts.update(goals=demo_goals.count())
        return
    demo_goals.delete()  # a half-built earlier run is replaced, not doubled
    leaders = _leaders(units, User)
    city_goals = {c.slug: c for c in CityGoal.objects.filter(is_active=True)}
    partners = list(PartnerOrganisation.objects.order_by("name"))

    plans: list[_Plan] = []
    goals = []
    used: set[str] = set()
    for unit in units:
        themes = [t for t in THEMES if unit.department.slug in t["departments"]] or THEMES
        home = next((a for a in AREAS if a in unit.name), None)
        for i in range(size["goals"]):
            theme = themes[(i + rng.randrange(len(themes))) % len(themes)]
            title, area = _unique_title(theme, home if i == 0 else None, used, rng, unit)
            start = rng.choice(STARTS)
            end = add_months(start, 48 if start.year == 2023 else 36)
            pace = rng.choices([p[0] for p in PACES], weights=[p[1] for p in PACES])[0]
            plan = _Plan(
                theme=theme,
                area=area,
                co_creators=rng.choice(CO_CREATORS.get(unit.department.slug, [""])),
                start=start,
                end=end,
                pace=pace,
            )
            _numbers(plan, size, rng)
            plans.append(plan)
            cadence = rng.choice([Cadence.QUARTERLY, Cadence.HALF_YEARLY, Cadence.QUARTERLY, Cadence.YEARLY])
            goals.append(
                Goal(
                    title=title,
                    value_statement=theme["value"],
                    beneficiaries=theme["whom"].capitalize(),
                    owner_unit=unit,
                    owner=leaders[unit.pk],
                    co_creators_citizens=plan.co_creators,
                    period_start=start,
                    period_end=end,
                    visibility=rng.choices([Visibility.PUBLIC, Visibility.INTERNAL], weights=[60, 40])[0],
                    status=plan.status,
                    status_reason=plan.reason,
                    status_changed_at=None,
                    cadence_months=cadence,
                    next_follow_up_on=add_months(TODAY, rng.choice([-1, 0, 1, 2, 3])),
                )
            )
    Goal.objects.bulk_create(goals, batch_size=1000)
    goals = list(demo_goals.order_by("pk"))
    through = Goal.city_goals.through
    through.objects.bulk_create(
        [
            through(goal_id=goal.pk, citygoal_id=city_goals[slug].pk)
            for goal, plan in zip(goals, plans, strict=True)
            for slug in plan.theme["city_goals"][: rng.choice([1, 1, 2])]
            if slug in city_goals
        ],
        batch_size=5000,
    )
    partner_through = Goal.co_creators_partners.through
    partner_through.objects.bulk_create(
        [
            partner_through(goal_id=g.pk, partnerorganisation_id=rng.choice(partners).pk)
            for g in goals
            if partners and rng.random() < 0.4
        ],
        batch_size=5000,
    )
    _indicators_and_points(goals, plans)
    follow_ups = _follow_ups(goals, plans, size, rng)
    _evidence(goals, plans, follow_ups, size, rng)
    _answers(goals, plans, rng)
    ctx.counts.update(
        goals=len(goals),
        indicators=Indicator.objects.filter(goal__in=demo_goals).count(),
        data_points=DataPoint.objects.filter(indicator__goal__in=demo_goals).count(),
        experiences=Evidence.objects.filter(goal__in=demo_goals).count(),
        follow_ups=FollowUp.objects.filter(goal__in=demo_goals).count(),
    )


def _unique_title(
    theme: dict[str, Any], home: str | None, used: set[str], rng: random.Random, unit: Unit
) -> tuple[str, str]:
    """A title no other demo goal has: the theme's wording for an area, the unit's own area first."""
    candidates = [home] if home else []
    candidates += rng.sample(AREAS, len(AREAS))
    for area in candidates:
        for wording in rng.sample(theme["titles"], len(theme["titles"])):
            title = wording.format(area=area)
            if title not in used:
                used.add(title)
                return title, area
    # Every area taken in this theme's words: name the unit as well.
    base = f"{theme['titles'][0].format(area=candidates[0])} – {unit.name}"
    title, n = base, 1
    while title in used:
        n += 1
        title = f"{base} ({n})"
    used.add(title)
    return title, candidates[0]


def _numbers(plan: _Plan, size: dict[str, int], rng: random.Random) -> None:
    """The goal's indicators and their monthly values up to TODAY, and the status they justify."""
    low, high = next(p[2] for p in PACES if p[0] == plan.pace)
    goal_pace = rng.uniform(low, high)
    length = (plan.end - plan.start).days
    elapsed = (TODAY - plan.start).days / length
    last = dt.date(TODAY.year, TODAY.month, 1)
    specs = rng.sample(plan.theme["indicators"], min(size["indicators"], len(plan.theme["indicators"])))
    for spec in specs:
        _name, _unit, _direction, baseline, target, whole = spec
        pace = goal_pace * rng.uniform(0.9, 1.1)
        if plan.pace == "ahead":
            pace = max(pace, 1.02 / elapsed)  # past the target by now
        span = float(target) - float(baseline)
        points = []
        for back in range(size["points"] - 1, -1, -1):
            on = add_months(last, -back)
            share = min(max((on - plan.start).days / length, 0.0), 1.0)
            value = float(baseline) + span * min(pace * share, 1.15) + rng.gauss(0, abs(span) * 0.03)
            value = max(value, 0.0)
            amount = Decimal(round(value)) if whole else Decimal(str(round(value, 1)))
            points.append(Point(on=on, value=amount))
        plan.series.append((spec, points))
    plan.status, plan.reason = _judge(plan, rng)


def _judge(plan: _Plan, rng: random.Random) -> tuple[str, str]:
    """Status and reason from the numbers: achieved only when every indicator has reached its target."""
    results = []
    for spec, points in plan.series:
        _name, _unit, direction, baseline, target, _whole = spec
        results.append(
            progress(
                points=points,
                direction=Direction(direction),
                baseline=Decimal(str(baseline)),
                target=Decimal(str(target)),
                baseline_date=plan.start,
                target_date=plan.end,
                today=TODAY,
            )
        )
    (name, unit, _direction, baseline, target, _whole), points = plan.series[0]
    latest = points[-1].value
    said = {"name": name, "unit": unit, "b": _da(baseline), "v": _da(latest), "t": _da(target)}
    fractions = [float(r.fraction or 0) for r in results]
    expected = [float(r.expected_fraction or 0) for r in results]
    behind = sum(expected) / len(expected) - sum(fractions) / len(fractions)
    if all(r.achieved for r in results):
        return GoalStatus.ACHIEVED, (
            "Målet er nået: »{name}« er {v} {unit} mod målet på {t}, og vi holder fast i det, der virkede.".format(
                **said
            )
        )
    if plan.pace == "failing" and rng.random() < 0.3:
        return GoalStatus.STOPPED, (
            "Vi stoppede, fordi indsatsen ikke flyttede noget: »{name}« gik fra {b} til {v} {unit}. Læringen er "
            "delt, og kræfterne bruges nu på en indsats, der skaber mere værdi.".format(**said)
        )
    if behind <= 0.1:
        return GoalStatus.ON_TRACK, (
            "Tallene går den rigtige vej: »{name}« er gået fra {b} til {v} {unit} (målet er {t}), og borgerne "
            "fortæller om en forskel.".format(**said)
        )
    if behind <= 0.3:
        return GoalStatus.AT_RISK, (
            "Fremgangen er gået langsommere end planlagt: »{name}« står på {v} {unit} mod målet på {t}. Vi "
            "mangler at nå dem, der har mest brug for det.".format(**said)
        )
    return GoalStatus.OFF_TRACK, (
        "Indsatsen virker ikke som tænkt: »{name}« er gået fra {b} til {v} {unit}, langt fra målet på {t}. Vi "
        "justerer sammen med borgerne.".format(**said)
    )


def _indicators_and_points(goals: list[Goal], plans: list[_Plan]) -> None:
    indicators = [
        Indicator(
            goal=goal,
            name=spec[0],
            unit=spec[1],
            direction=spec[2],
            baseline=Decimal(str(spec[3])),
            baseline_date=goal.period_start,
            target=Decimal(str(spec[4])),
            target_date=goal.period_end,
        )
        for goal, plan in zip(goals, plans, strict=True)
        for spec, _points in plan.series
    ]
    Indicator.objects.bulk_create(indicators, batch_size=2000)
    saved = list(Indicator.objects.filter(goal__in=goals).order_by("pk"))
    series = [points for plan in plans for _spec, points in plan.series]
    batch = []
    for indicator, points in zip(saved, series, strict=True):
        batch += [
            DataPoint(indicator=indicator, on=p.on, value=p.value, source="Kommunens data") for p in points
        ]
        if len(batch) >= 20_000:
            DataPoint.objects.bulk_create(batch, batch_size=5000)
            batch = []
    DataPoint.objects.bulk_create(batch, batch_size=5000)


def _value_on(points: list[Point], day: dt.date) -> Point | None:
    before = [p for p in points if p.on <= day]
    return before[-1] if before else None


def _follow_ups(
    goals: list[Goal], plans: list[_Plan], size: dict[str, int], rng: random.Random
) -> list[FollowUp]:
    follow_ups = []
    for goal, plan in zip(goals, plans, strict=True):
        theme = plan.theme
        (name, unit, *_rest), points = plan.series[0]
        # The latest follow-ups up to TODAY: the newest one tells what the goal learned lately.
        dates: list[dt.date] = []
        day = next_follow_up(
            last=None, period_start=goal.period_start, cadence_months=min(goal.cadence_months, 2)
        )
        while day <= TODAY:
            dates.append(day)
            day = next_follow_up(
                last=day, period_start=goal.period_start, cadence_months=min(goal.cadence_months, 2)
            )
        dates = dates[-size["follow_ups"] :]
        for n, written_on in enumerate(dates):
            last = n == len(dates) - 1
            status = goal.status
            if not last and status == GoalStatus.ACHIEVED:
                status = GoalStatus.ON_TRACK
            elif not last and status == GoalStatus.STOPPED:
                status = GoalStatus.OFF_TRACK
            measured = _value_on(points, written_on)
            numbers = (
                f"»{name}« var {_da(measured.value)} {unit} ved seneste måling ({measured.on:%d.%m.%Y})."
                if measured
                else "Der er endnu ingen målinger siden udgangspunktet."
            )
            follow_ups.append(
                FollowUp(
                    goal=goal,
                    author=goal.owner,
                    written_on=written_on,
                    what_happened=f"Vi har arbejdet med {theme['whom']} i {plan.area} og talt med dem om, "
                    "hvordan det går.",
                    numbers_say=numbers,
                    experiences_say=rng.choice(theme["evidence"])[2],
                    learned=rng.choice(theme["learnings"]),
                    will_change=rng.choice(theme["changes"]),
                    will_stop=rng.choice(theme["stops"]),
                    status=status,
                    status_reason=goal.status_reason if last else _earlier_reason(status),
                    shareable=rng.random() < 0.3,
                )
            )
    FollowUp.objects.bulk_create(follow_ups, batch_size=2000)
    return list(FollowUp.objects.filter(goal__in=goals).only("pk", "goal_id").order_by("pk"))


def _earlier_reason(status: str) -> str:
    reasons: dict[str, str] = {
        GoalStatus.ON_TRACK: "Tallene går den rigtige vej, og borgerne fortæller om en forskel.",
        GoalStatus.AT_RISK: "Fremgangen er gået langsommere end planlagt.",
        GoalStatus.OFF_TRACK: "Tallene har ikke flyttet sig endnu; vi justerer indsatsen.",
    }
    return reasons.get(status, "Tallene går den rigtige vej.")


def _evidence(
    goals: list[Goal],
    plans: list[_Plan],
    follow_ups: list[FollowUp],
    size: dict[str, int],
    rng: random.Random,
) -> None:
    """The theme's own experiences first, each once per goal; then observations of the goal's own numbers."""
    by_goal: dict[int, list[int]] = {}
    for f in follow_ups:
        by_goal.setdefault(f.goal_id, []).append(f.pk)
    batch = []
    for goal, plan in zip(goals, plans, strict=True):
        days = max(1, (TODAY - goal.period_start).days)
        linked = by_goal.get(goal.pk)
        own = rng.sample(plan.theme["evidence"], len(plan.theme["evidence"]))
        for i in range(size["evidence"]):
            if i < len(own):
                kind, title, text, source, citizen = own[i]
                occurred_on = TODAY - dt.timedelta(days=rng.randint(0, days))
            else:
                (name, unit, *_rest), points = rng.choice(plan.series)
                point = rng.choice(points)
                kind, citizen, source = "observation", False, "Medarbejder"
                title = f"Måling: {name}"
                text = f"Ved målingen {point.on:%d.%m.%Y} var »{name}« {_da(point.value)} {unit}."
                occurred_on = point.on
            batch.append(
                Evidence(
                    goal=goal,
                    follow_up_id=rng.choice(linked) if linked and rng.random() < 0.5 else None,
                    kind=kind,
                    title=title,
                    text=text,
                    occurred_on=occurred_on,
                    source=source,
                    is_citizen_voice=citizen,
                    consent_public=citizen and rng.random() < 0.7,
                    created_by=goal.owner,
                )
            )
        if len(batch) >= 10_000:
            Evidence.objects.bulk_create(batch, batch_size=5000)
            batch = []
    Evidence.objects.bulk_create(batch, batch_size=5000)


def _answers(goals: list[Goal], plans: list[_Plan], rng: random.Random) -> None:
    """Most goals answer the current Målkompas questions, in words that fit the goal."""
    questions = list(ReflectionQuestion.objects.filter(question_set__is_current=True).order_by("order"))
    rows = []
    for goal, plan in zip(goals, plans, strict=True):
        if rng.random() >= 0.85:
            continue
        stop = next((s for s in plan.theme["stops"] if s), "")
        texts = [a.format(whom=plan.theme["whom"], area=plan.area) for a in ANSWERS]
        texts[0] = plan.theme["value"]
        if plan.co_creators:
            texts[2] = f"Enheden har sat målet sammen med {plan.co_creators.lower()} og {plan.theme['whom']}."
        if stop:
            texts[6] = stop
        rows += [
            ReflectionAnswer(goal=goal, question=q, answer=text, answered_by=goal.owner)
            for q, text in zip(questions, texts, strict=False)
        ]
    ReflectionAnswer.objects.bulk_create(rows, batch_size=5000)


def _units(size: dict, rng: random.Random) -> list[Unit]:
    units = list(Unit.objects.filter(is_active=True).select_related("department").order_by("pk"))
    missing = size["extra_units"] - max(0, len(units) - 19)
    if missing > 0:
        departments = sorted({u.department for u in units}, key=lambda d: d.order)
        new = []
        for n in range(missing):
            department = departments[n % len(departments)]
            new.append(
                Unit(
                    department=department,
                    name=f"{UNIT_WORDS[n % len(UNIT_WORDS)]} {AREAS[n % len(AREAS)]} {n + 1}",
                )
            )
        Unit.objects.bulk_create(new, ignore_conflicts=True)
        units = list(Unit.objects.filter(is_active=True).select_related("department").order_by("pk"))
    return units


def _leaders(units: list[Unit], User: "type[AccountUser]") -> "dict[int, AccountUser]":
    """One owner per unit: the demo leader for Skåde Skole, generated leaders elsewhere (no password)."""
    from kompas.accounts.models import Role

    leader = User.objects.get(email="leder@demo.kompas.dk")
    owners: dict[int, AccountUser] = {}
    unusable = make_password(None)
    existing = {
        u.email: u
        for u in User.objects.filter(email__startswith="leder-enhed-", email__endswith="@demo.kompas.dk")
    }
    new_users = []
    for unit in units:
        if unit.name == "Skåde Skole":
            owners[unit.pk] = leader
            continue
        email = f"leder-enhed-{unit.pk}@demo.kompas.dk"
        if email not in existing:
            new_users.append(User(email=email, full_name=f"Leder af {unit.name}", password=unusable))
    User.objects.bulk_create(new_users, batch_size=1000)
    generated = {
        u.email: u
        for u in User.objects.filter(email__startswith="leder-enhed-", email__endswith="@demo.kompas.dk")
    }
    roles = {r.code: r for r in Role.objects.filter(code__in=[RoleCode.EMPLOYEE, RoleCode.LEADER])}
    role_links, memberships = [], []
    for unit in units:
        if unit.pk in owners:
            continue
        user = generated[f"leder-enhed-{unit.pk}@demo.kompas.dk"]
        owners[unit.pk] = user
        if user.email not in existing:
            role_links += [User.roles.through(user_id=user.pk, role_id=r.pk) for r in roles.values()]
            memberships.append(Membership(user=user, unit=unit, role=MembershipRole.LEADER))
    User.roles.through.objects.bulk_create(role_links, batch_size=5000, ignore_conflicts=True)
    Membership.objects.bulk_create(memberships, batch_size=5000, ignore_conflicts=True)
    return owners
