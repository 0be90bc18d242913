"""Demo data for Samarbejdskompasset: collaborations with partners and reflection rounds with ratings.

``small`` gives six collaborations, ``aarhus`` sixty, each with two rounds (the first closed, the second
open). Deterministic (``ctx.rng``) and idempotent (nothing is added when the demo collaborations exist).
Participants are mostly external (no account); the demo employee is invited by account to the demo leader's
collaboration and has not answered the open round, so the answer form can be tried.
"""

import datetime as dt
import random
from typing import TYPE_CHECKING

from django.contrib.auth import get_user_model
from django.utils import timezone

from kompas.citygoals.models import CityGoal
from kompas.organisations.choices import MembershipRole
from kompas.organisations.models import Membership, PartnerOrganisation, Unit

from .choices import Perspective, RoundStatus
from .defaults import install as install_defaults

if TYPE_CHECKING:
    from kompas.accounts.models import User as UserModel
from .models import Collaboration, Participant, Principle, PrincipleSet, Rating, ReflectionRound

COUNTS = {"small": 6, "aarhus": 60}
THEMES = [
    (
        "Sammen om et trygt {area}",
        "Beboere, boligforening og kommune gør byrummet trygt og levende sammen.",
        "Beboerne i {area}",
        "teknik-og-miljoe",
        ("baeredygtig-by", "faellesskab-og-medborgerskab"),
    ),
    (
        "Fællesspisning for ældre i {area}",
        "Ældre, frivillige og lokalcentret skaber fællesskab om maden.",
        "Ældre i {area}",
        "sundhed-og-omsorg",
        ("faellesskab-og-medborgerskab", "sunde-og-trives"),
    ),
    (
        "Flere børn i foreningslivet i {area}",
        "Klubber, skole og forældre får flere børn med i fællesskaber.",
        "Forældre i {area}",
        "kultur-og-borgerservice",
        ("faellesskab-og-medborgerskab", "sunde-og-trives"),
    ),
    (
        "Grønne fællesarealer i {area}",
        "Borgere, virksomheder og kommunen planter, passer og bruger arealerne sammen.",
        "Haveforeningen i {area}",
        "teknik-og-miljoe",
        ("baeredygtig-by",),
    ),
    (
        "Vej til job i {area}",
        "Virksomheder, jobcenter og ledige finder de små skridt mod job sammen.",
        "Ledige borgere i {area}",
        "sociale-forhold-og-beskaeftigelse",
        ("en-by-med-brug-for-alle", "vaekst-og-erhvervsliv"),
    ),
    (
        "Læselyst i {area}",
        "Bibliotek, skole og forældre giver børn lyst til at læse.",
        "Forældre og børn i {area}",
        "kultur-og-borgerservice",
        ("en-by-med-brug-for-alle",),
    ),
    (
        "Unge skaber rum i {area}",
        "Unge, ungdomsskolen og kulturhuset indretter et sted, de selv driver.",
        "Unge i {area}",
        "boern-og-unge",
        ("faellesskab-og-medborgerskab", "en-by-med-brug-for-alle"),
    ),
    (
        "Sund hverdag i {area}",
        "Sundhedscentret, idrætsforeninger og borgere med kronisk sygdom finder bevægelse, der passer.",
        "Borgere med kronisk sygdom i {area}",
        "sundhed-og-omsorg",
        ("sunde-og-trives",),
    ),
]
AREAS = [
    "Gellerup",
    "Bispehaven",
    "Viby",
    "Tilst",
    "Lystrup",
    "Skåde",
    "Trøjborg",
    "Hasle",
    "Brabrand",
    "Åby",
]
FIRST = [
    "Anne",
    "Mette",
    "Lars",
    "Søren",
    "Fatima",
    "Ahmed",
    "Karen",
    "Jens",
    "Sofie",
    "Mikkel",
    "Amal",
    "Henrik",
]
LAST = [
    "Jensen",
    "Nielsen",
    "Hansen",
    "Pedersen",
    "Andersen",
    "Christensen",
    "Larsen",
    "Sørensen",
    "Rasmussen",
]
COMMENTS = [
    "Vi bliver lyttet til, men beslutningerne tages stadig andre steder.",
    "Det er blevet meget bedre, siden vi skiftedes til at lede møderne.",
    "Uklart, hvem der har mandat til hvad.",
    "Vi tør sige, når noget ikke virker – det er nyt.",
    "Foreningens frivillige bliver brugt godt.",
    "",
    "",
]
PER_PERSPECTIVE = {
    "small": {Perspective.MUNICIPALITY: (3, 5), Perspective.PARTNER: (3, 5), Perspective.CITIZEN: (2, 4)},
    "aarhus": {Perspective.MUNICIPALITY: (4, 9), Perspective.PARTNER: (3, 9), Perspective.CITIZEN: (2, 8)},
}


def _owners(units: list[Unit]) -> dict[int, "UserModel"]:
    User = get_user_model()
    leader = User.objects.get(email="leder@demo.kompas.dk")
    owners: dict[int | None, UserModel] = {}
    for membership in Membership.objects.filter(
        unit__in=units, role=MembershipRole.LEADER, user__email__endswith="@demo.kompas.dk"
    ).select_related("user"):
        owners.setdefault(membership.unit_id, membership.user)
    skaade = next((u for u in units if u.name == "Skåde Skole"), None)
    if skaade is not None:
        owners[skaade.pk] = leader
    return {u.pk: owners.get(u.pk, leader) for u in units}


def build(ctx) -> None:
    rng: random.Random = ctx.rng
    demo = Collaboration.objects.filter(owner__email__endswith="@demo.kompas.dk")
    wanted = COUNTS[ctx.scale]
    if demo.count() >= wanted:
        ctx.counts.update(collaborations=demo.count(), reflection_ratings=Rating.objects.count())
        return
    demo.delete()  # a half-built earlier run is replaced, not doubled
    install_defaults(PrincipleSet, Principle)  # no-op when the migration installed them
    principle_set = PrincipleSet.objects.get(is_current=True)
    principles = list(principle_set.principles.order_by("order"))
    units = list(
        Unit.objects.filter(is_active=True).select_related("department").order_by("department__order", "name")
    )
    skaade = [u for u in units if u.name == "Skåde Skole"]
    units = skaade + [u for u in units if u.name != "Skåde Skole"]
    owners = _owners(units)
    city_goals = list(CityGoal.objects.filter(is_active=True).order_by("order"))
    partners = list(PartnerOrganisation.objects.order_by("name"))
    now = timezone.now()

    # Each theme is owned by a unit of the department it belongs to, the demo leader's school first.
    by_department: dict[str, list[Unit]] = {}
    for u in units:
        by_department.setdefault(u.department.slug, []).append(u)
    theme_units = {i: by_department.get(theme[3], units) for i, theme in enumerate(THEMES)}
    theme_units[0] = skaade + theme_units[0]  # "Sammen om et trygt …": the school's parents and neighbours
    collaborations = []
    for i in range(wanted):
        title, purpose, citizens, _department, _goals = THEMES[i % len(THEMES)]
        area = AREAS[(i // len(THEMES) + i) % len(AREAS)]
        owned_by = theme_units[i % len(THEMES)]
        unit = owned_by[(i // len(THEMES)) % len(owned_by)]
        suffix = f" ({i // (len(THEMES) * len(AREAS)) + 1})" if i >= len(THEMES) * len(AREAS) else ""
        created = now - dt.timedelta(days=400 - i % 300)
        collaborations.append(
            Collaboration(
                title=title.format(area=area) + suffix,
                purpose=purpose,
                owner=owners[unit.pk],
                owner_unit=unit,
                citizen_partners=citizens.format(area=area),
                visibility="public" if i % 3 else "internal",
                created_at=created,
            )
        )
    Collaboration.objects.bulk_create(collaborations, batch_size=1000)
    goal_links, unit_links, org_links = [], [], []
    goals_by_slug = {cg.slug: cg for cg in city_goals}
    for i, c in enumerate(collaborations):
        slugs = THEMES[i % len(THEMES)][4][: 1 + i % 2]
        for cg in [goals_by_slug[slug] for slug in slugs if slug in goals_by_slug] or city_goals[:1]:
            goal_links.append(Collaboration.city_goals.through(collaboration_id=c.pk, citygoal_id=cg.pk))
        unit_links.append(
            Collaboration.partner_units.through(collaboration_id=c.pk, unit_id=units[(i + 3) % len(units)].pk)
        )
        for org in rng.sample(partners, k=min(len(partners), 1 + i % 3)):
            org_links.append(
                Collaboration.partner_organisations.through(
                    collaboration_id=c.pk, partnerorganisation_id=org.pk
                )
            )
    Collaboration.city_goals.through.objects.bulk_create(goal_links, batch_size=5000)
    Collaboration.partner_units.through.objects.bulk_create(unit_links, batch_size=5000)
    Collaboration.partner_organisations.through.objects.bulk_create(org_links, batch_size=5000)

    rounds = []
    for c in collaborations:
        rounds.append(
            ReflectionRound(
                collaboration=c,
                number=1,
                title="Opstart",
                principle_set=principle_set,
                status=RoundStatus.CLOSED,
                closed_at=c.created_at + dt.timedelta(days=30),
                created_at=c.created_at + dt.timedelta(days=14),
            )
        )
        rounds.append(
            ReflectionRound(
                collaboration=c,
                number=2,
                title="Efter et halvt år",
                principle_set=principle_set,
                status=RoundStatus.OPEN,
                created_at=c.created_at + dt.timedelta(days=200),
            )
        )
    ReflectionRound.objects.bulk_create(rounds, batch_size=1000)

    participants, scores = [], []
    ranges = PER_PERSPECTIVE[ctx.scale]
    for r in rounds:
        # Each collaboration has its own character; the second round is a little better on average.
        base = {p: rng.uniform(2.3, 3.8) + (0.4 if r.number == 2 else 0.0) for p in Perspective.values}
        for perspective, (low, high) in ranges.items():
            count = rng.randint(low, high)
            if r.number == 2 and perspective == Perspective.CITIZEN and r.collaboration_id % 2:
                count = 2  # too few citizens yet: the page shows the "too few answers" state
            for n in range(count):
                name = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
                participants.append(
                    Participant(
                        round=r,
                        name=name,
                        email=f"deltager-{r.pk}-{perspective}-{n}@eksempel.dk",
                        perspective=perspective,
                        token_hash=Participant.hash(f"demo-{r.pk}-{perspective}-{n}-{rng.random()}"),
                        submitted_at=r.created_at + dt.timedelta(days=rng.randint(1, 12)),
                        created_at=r.created_at,
                    )
                )
                scores.append(
                    [
                        max(1, min(5, round(rng.gauss(base[perspective] + (p.order % 3 - 1) * 0.3, 0.9))))
                        for p in principles
                    ]
                )
    Participant.objects.bulk_create(participants, batch_size=2000)
    ratings = []
    for participant, row in zip(participants, scores, strict=True):
        for principle, score in zip(principles, row, strict=True):
            ratings.append(
                Rating(
                    participant=participant,
                    principle=principle,
                    score=score,
                    comment=rng.choice(COMMENTS) if principle.order in (3, 6) else "",
                )
            )
    Rating.objects.bulk_create(ratings, batch_size=5000)

    # The demo employee is invited by account to the demo leader's open round and has not answered yet.
    employee = get_user_model().objects.filter(email="medarbejder@demo.kompas.dk").first()
    own = next(
        (r for r in rounds if r.number == 2 and r.collaboration.owner.email == "leder@demo.kompas.dk"), None
    )
    if employee is not None and own is not None:
        Participant.objects.get_or_create(
            round=own,
            user=employee,
            defaults={"perspective": Perspective.MUNICIPALITY, "invited_by": own.collaboration.owner},
        )
    ctx.counts.update(collaborations=len(collaborations), reflection_ratings=len(ratings))
