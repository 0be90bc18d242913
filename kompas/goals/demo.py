"""Demo data for Målkompasset: realistic Danish goals with indicators, values, experiences and follow-ups.

``small`` gives a handful of goals per department; ``aarhus`` about 2,000 goals, 10,000 indicators,
200,000 data points, 50,000 experiences and 20,000 follow-ups. Deterministic (one seeded generator) and
idempotent (nothing is added when the demo goals are already there). Written with bulk inserts.
"""

import datetime as dt
import random
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password

from kompas.citygoals.models import CityGoal
from kompas.core.choices import Visibility
from kompas.core.roles import RoleCode
from kompas.organisations.choices import MembershipRole
from kompas.organisations.models import Membership, PartnerOrganisation, Unit

from .choices import Cadence, EvidenceKind, GoalStatus, IndicatorDirection
from .models import DataPoint, Evidence, FollowUp, Goal, Indicator
from .schedule import add_months, next_follow_up

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

AREAS = [
    "Gellerup",
    "Bispehaven",
    "Viby",
    "Tilst",
    "Lystrup",
    "Skåde",
    "Trøjborg",
    "Frederiksbjerg",
    "Harlev",
    "Risskov",
    "Hasle",
    "Tranbjerg",
    "Beder",
    "Sabro",
    "Åby",
    "Egå",
    "Hjortshøj",
    "Brabrand",
    "Holme",
    "Vejlby",
]
GOAL_THEMES = [
    (
        "Flere unge i uddannelse eller job i {area}",
        "unge mellem 15 og 25 år og deres familier",
        "Unge får fodfæste i uddannelse og job, så de kan forsørge sig selv og bidrage til fællesskabet.",
    ),
    (
        "Færre ensomme ældre i {area}",
        "ældre, der bor alene, og deres pårørende",
        "Ældre oplever at høre til, har nogen at tale med og bliver længere i eget hjem.",
    ),
    (
        "Trygge skoleveje i {area}",
        "skolebørn og deres forældre",
        "Børn kan cykle og gå sikkert i skole, og flere forældre lader bilen stå.",
    ),
    (
        "Alle børn læser med glæde i {area}",
        "børn i indskolingen og deres forældre",
        "Børn lærer at læse og får lyst til at læse mere, også hjemme.",
    ),
    (
        "Mere liv i foreningerne i {area}",
        "børn, unge og voksne uden foreningstilknytning",
        "Flere er en del af et fællesskab, og foreningerne får nye frivillige.",
    ),
    (
        "Grønnere hverdag i {area}",
        "borgere og virksomheder i området",
        "Mindre affald og CO2, mere genbrug og flere grønne fællesarealer.",
    ),
    (
        "Hurtigere svar til borgere i {area}",
        "borgere, der søger hjælp eller en tilladelse",
        "Borgerne får et klart svar hurtigere og skal ikke fortælle deres historie flere gange.",
    ),
    (
        "Sundere hverdag for borgere i {area}",
        "voksne med eller i risiko for kronisk sygdom",
        "Flere bevæger sig og spiser sundt, og færre bliver indlagt igen.",
    ),
    (
        "Flere i beskæftigelse i {area}",
        "ledige og sygemeldte borgere",
        "Flere kommer i arbejde eller tættere på, med en plan de selv har været med til at lægge.",
    ),
    (
        "Stærkere fællesskab for børn med særlige behov i {area}",
        "børn med særlige behov og deres familier",
        "Børnene er en del af fællesskabet i skole og fritid, og familierne oplever sammenhæng.",
    ),
]
INDICATOR_KINDS = [
    ("Andel i uddannelse eller job", "procent", IndicatorDirection.HIGHER, 55, 75),
    ("Antal borgere, der oplever ensomhed", "personer", IndicatorDirection.LOWER, 140, 90),
    ("Tilfredshed (1–5)", "point", IndicatorDirection.HIGHER, 3, 4),
    ("Sagsbehandlingstid", "dage", IndicatorDirection.LOWER, 42, 21),
    ("Deltagere i aktiviteter", "personer", IndicatorDirection.HIGHER, 80, 150),
    ("Genindlæggelser inden 30 dage", "procent", IndicatorDirection.LOWER, 12, 8),
    ("Nye frivillige", "personer", IndicatorDirection.HIGHER, 10, 40),
]
EVIDENCE_TEXTS = [
    (
        EvidenceKind.STORY,
        "Et nyt fællesskab",
        "Efter tre måneder kom hun selv til caféen og tog en veninde med.",
    ),
    (
        EvidenceKind.QUOTE,
        "Det betød noget at blive spurgt",
        "Det er første gang, nogen har spurgt, hvad jeg selv vil.",
    ),
    (
        EvidenceKind.OBSERVATION,
        "Flere cykler ved skolen",
        "Vi talte 40 cykler i stativet i dag mod 25 i august.",
    ),
    (
        EvidenceKind.STORY,
        "Fra sygemelding til praktik",
        "Han startede i praktik hos en lokal virksomhed og er blevet.",
    ),
    (
        EvidenceKind.QUOTE,
        "Nu ved jeg, hvem jeg skal ringe til",
        "Jeg har én kontaktperson nu, og det gør hele forskellen.",
    ),
    (
        EvidenceKind.OBSERVATION,
        "Mødet blev kortere",
        "Forældremødet tog en time i stedet for to, og flere deltog.",
    ),
]
LEARNINGS = [
    "Det virker bedst, når borgerne selv er med til at planlægge.",
    "Tallene flytter sig langsomt; fortællingerne viser, at noget er ved at ske.",
    "Vi skal samarbejde tættere med foreningerne i området.",
    "Indsatsen når ikke dem, der har mest brug for den – vi skal ud, hvor de er.",
    "Mindre dokumentation har givet mere tid sammen med borgerne.",
]
STOPS = ["", "Vi stopper med den ugentlige statusrapport.", "Vi holder op med at kræve tilmelding.", ""]
UNIT_WORDS = ["Skole", "Dagtilbud", "Lokalcenter", "Jobcenter", "Bibliotek", "Sundhedshus", "Fritidscenter"]


def _decimal(value: float) -> Decimal:
    return Decimal(str(round(value, 2)))


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
    city_goals = list(CityGoal.objects.filter(is_active=True).order_by("order"))
    partners = list(PartnerOrganisation.objects.order_by("name"))
    today = dt.date(2026, 11, 1)

    goals = []
    for unit in units:
        for _i in range(size["goals"]):
            title, whom, value = rng.choice(GOAL_THEMES)
            start = dt.date(rng.choice([2023, 2024, 2025]), rng.choice([1, 4, 8]), 1)
            status = rng.choices(list(GoalStatus.values), weights=[50, 20, 8, 12, 10])[0]
            cadence = rng.choice([Cadence.QUARTERLY, Cadence.HALF_YEARLY, Cadence.QUARTERLY, Cadence.YEARLY])
            goals.append(
                Goal(
                    title=title.format(area=rng.choice(AREAS)),
                    value_statement=value,
                    beneficiaries=whom.capitalize(),
                    owner_unit=unit,
                    owner=leaders[unit.pk],
                    co_creators_citizens=rng.choice(["", "Forældrerådet", "Ældrerådet", "Ungepanelet", ""]),
                    period_start=start,
                    period_end=add_months(start, rng.choice([24, 36])),
                    visibility=rng.choices([Visibility.PUBLIC, Visibility.INTERNAL], weights=[60, 40])[0],
                    status=status,
                    status_reason=_reason(status),
                    status_changed_at=None,
                    cadence_months=cadence,
                    next_follow_up_on=add_months(today, rng.choice([-1, 0, 1, 2, 3])),
                )
            )
    Goal.objects.bulk_create(goals, batch_size=1000)
    goals = list(demo_goals.order_by("pk"))
    through = Goal.city_goals.through
    links = []
    for goal in goals:
        for city_goal in rng.sample(city_goals, k=rng.choice([1, 1, 2])):
            links.append(through(goal_id=goal.pk, citygoal_id=city_goal.pk))
    through.objects.bulk_create(links, batch_size=5000)
    partner_through = Goal.co_creators_partners.through
    partner_through.objects.bulk_create(
        [
            partner_through(goal_id=g.pk, partnerorganisation_id=rng.choice(partners).pk)
            for g in goals
            if partners and rng.random() < 0.4
        ],
        batch_size=5000,
    )
    _indicators_and_points(goals, size, rng)
    follow_ups = _follow_ups(goals, size, rng, today)
    _evidence(goals, follow_ups, size, rng, today)
    ctx.counts.update(
        goals=len(goals),
        indicators=Indicator.objects.filter(goal__in=demo_goals).count(),
        data_points=DataPoint.objects.filter(indicator__goal__in=demo_goals).count(),
        experiences=Evidence.objects.filter(goal__in=demo_goals).count(),
        follow_ups=FollowUp.objects.filter(goal__in=demo_goals).count(),
    )


def _reason(status: str) -> str:
    return {
        GoalStatus.ON_TRACK: "Tallene går den rigtige vej, og borgerne fortæller om en forskel.",
        GoalStatus.AT_RISK: "Fremgangen er gået i stå; vi mangler at nå de borgere, der har mest brug for det.",
        GoalStatus.OFF_TRACK: "Indsatsen virker ikke som tænkt. Vi justerer i samarbejde med borgerne.",
        GoalStatus.ACHIEVED: "Målet er nået og holdt i et halvt år.",
        GoalStatus.STOPPED: "Vi stoppede, fordi en anden indsats skaber mere værdi. Læringen er delt.",
    }[status]


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


def _leaders(units: list[Unit], User) -> dict[int, object]:
    """One owner per unit: the demo leader for Skåde Skole, generated leaders elsewhere (no password)."""
    from kompas.accounts.models import Role

    leader = User.objects.get(email="leder@demo.kompas.dk")
    owners = {}
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


def _indicators_and_points(goals: list[Goal], size: dict, rng: random.Random) -> None:
    indicators = []
    for goal in goals:
        for _i in range(size["indicators"]):
            name, unit, direction, baseline, target = rng.choice(INDICATOR_KINDS)
            indicators.append(
                Indicator(
                    goal=goal,
                    name=name,
                    unit=unit,
                    direction=direction,
                    baseline=Decimal(baseline),
                    baseline_date=goal.period_start,
                    target=Decimal(target),
                    target_date=goal.period_end,
                )
            )
    Indicator.objects.bulk_create(indicators, batch_size=2000)
    indicators = list(Indicator.objects.filter(goal__in=goals).order_by("pk"))
    batch = []
    for indicator in indicators:
        base, target = float(indicator.baseline), float(indicator.target)
        pace = rng.uniform(-0.2, 1.1)
        for month in range(size["points"]):
            share = pace * month / max(1, size["points"] - 1)
            value = base + (target - base) * share + rng.gauss(0, abs(target - base) * 0.05)
            batch.append(
                DataPoint(
                    indicator=indicator,
                    on=add_months(indicator.baseline_date, month),
                    value=_decimal(max(value, 0)),
                    source="Kommunens data",
                )
            )
        if len(batch) >= 20_000:
            DataPoint.objects.bulk_create(batch, batch_size=5000)
            batch = []
    DataPoint.objects.bulk_create(batch, batch_size=5000)


def _follow_ups(goals: list[Goal], size: dict, rng: random.Random, today: dt.date) -> list[FollowUp]:
    follow_ups = []
    for goal in goals:
        day = goal.period_start
        for _i in range(size["follow_ups"]):
            day = next_follow_up(
                last=day, period_start=goal.period_start, cadence_months=min(goal.cadence_months, 2)
            )
            if day > today:
                break
            follow_ups.append(
                FollowUp(
                    goal=goal,
                    author=goal.owner,
                    written_on=day,
                    what_happened="Vi har holdt møder med borgere og samarbejdspartnere og afprøvet nye tiltag.",
                    numbers_say="Indikatorerne viser en svag fremgang.",
                    experiences_say="Borgerne fortæller om mere overskud og bedre kontakt.",
                    learned=rng.choice(LEARNINGS),
                    will_change="Vi inviterer flere borgere med i planlægningen.",
                    will_stop=rng.choice(STOPS),
                    status=goal.status,
                    status_reason=goal.status_reason,
                    shareable=rng.random() < 0.3,
                )
            )
    FollowUp.objects.bulk_create(follow_ups, batch_size=2000)
    return list(FollowUp.objects.filter(goal__in=goals).only("pk", "goal_id").order_by("pk"))


def _evidence(goals, follow_ups, size: dict, rng: random.Random, today: dt.date) -> None:
    by_goal: dict[int, list[int]] = {}
    for f in follow_ups:
        by_goal.setdefault(f.goal_id, []).append(f.pk)
    batch = []
    for goal in goals:
        for _i in range(size["evidence"]):
            kind, title, text = rng.choice(EVIDENCE_TEXTS)
            citizen = kind == EvidenceKind.QUOTE or rng.random() < 0.3
            linked = by_goal.get(goal.pk)
            batch.append(
                Evidence(
                    goal=goal,
                    follow_up_id=rng.choice(linked) if linked and rng.random() < 0.5 else None,
                    kind=kind,
                    title=title,
                    text=text,
                    occurred_on=today - dt.timedelta(days=rng.randint(0, 600)),
                    source=rng.choice(["Borger", "Medarbejder", "Frivillig", "Pårørende", "Leder"]),
                    is_citizen_voice=citizen,
                    consent_public=citizen and rng.random() < 0.6,
                    created_by=goal.owner,
                )
            )
        if len(batch) >= 10_000:
            Evidence.objects.bulk_create(batch, batch_size=5000)
            batch = []
    Evidence.objects.bulk_create(batch, batch_size=5000)
