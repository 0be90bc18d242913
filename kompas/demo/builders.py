"""The demo data set: deterministic and idempotent. Each module adds a builder here.

``build(scale)`` runs every builder in order with one seeded random generator, inside one transaction, so
that running it twice gives the same data set and changes nothing the second time.
"""

import random
from dataclasses import dataclass, field

from django.db import transaction

from kompas.accounts.models import User
from kompas.accounts.services import roles_ensure, user_create
from kompas.citygoals.defaults import install as install_city_goals
from kompas.citygoals.models import CityGoal, Vision
from kompas.core import search_index
from kompas.core.roles import RoleCode
from kompas.organisations.choices import MembershipRole, PartnerKind
from kompas.organisations.defaults import install as install_departments
from kompas.organisations.models import Department, Membership, PartnerOrganisation, Unit

DEMO_PASSWORD = "demo"  # noqa: S105 - documented demo logins, created only by this command

DEMO_USERS = [
    ("borger@demo.kompas.dk", "Bente Borger", [RoleCode.CITIZEN]),
    ("medarbejder@demo.kompas.dk", "Mads Medarbejder", [RoleCode.EMPLOYEE]),
    ("leder@demo.kompas.dk", "Lene Leder", [RoleCode.EMPLOYEE, RoleCode.LEADER]),
    ("programstab@demo.kompas.dk", "Peter Programstab", [RoleCode.EMPLOYEE, RoleCode.PROGRAMME]),
    ("admin@demo.kompas.dk", "Anna Administrator", [RoleCode.ADMIN]),
]

UNITS = {
    "borgmesterens-afdeling": ["Borgmesterens Kontor", "Innovation og Udvikling", "Økonomi og Styring"],
    "boern-og-unge": ["Skåde Skole", "Dagtilbud Gellerup", "Ungdomsskolen", "PPR Aarhus"],
    "kultur-og-borgerservice": ["Dokk1", "Borgerservice Centrum", "Kulturforvaltningen"],
    "sociale-forhold-og-beskaeftigelse": ["Jobcenter Aarhus", "Socialcenter Vest", "Ungeenheden"],
    "sundhed-og-omsorg": ["Lokalcenter Vejlby-Risskov", "Hjemmeplejen Syd", "Sundhedscenter Aarhus"],
    "teknik-og-miljoe": ["Mobilitet", "Natur og Vej", "Affald og Genbrug"],
}

PARTNERS = [
    (
        "Frivilligcenter Aarhus",
        PartnerKind.ASSOCIATION,
        "Frivillige foreninger og borgere, der vil gøre en forskel.",
    ),
    ("Gellerup Boldklub", PartnerKind.ASSOCIATION, "Fodbold og fællesskab for børn og unge i Gellerup."),
    ("Ældresagen Aarhus", PartnerKind.ASSOCIATION, "Lokalafdelingen af Ældresagen."),
    ("Aarhus Universitet", PartnerKind.EDUCATION, "Forskning og uddannelse."),
    ("VIA University College", PartnerKind.EDUCATION, "Professionsuddannelser."),
    ("Business Aarhus", PartnerKind.BUSINESS, "Erhvervsfremme i Aarhus."),
    ("Grøn Omstilling ApS", PartnerKind.BUSINESS, "Rådgivning om energi og ressourcer."),
    ("Region Midtjylland", PartnerKind.AUTHORITY, "Regionen: sundhed og regional udvikling."),
]

SCALES = {"small": 1, "aarhus": 10}


@dataclass
class DemoContext:
    scale: str
    rng: random.Random
    users: dict[str, User] = field(default_factory=dict)
    counts: dict[str, int] = field(default_factory=dict)


def build_platform(ctx: DemoContext) -> None:
    roles_ensure()
    install_departments(Department)
    install_city_goals(Vision, CityGoal)
    for department in Department.objects.all():
        for name in UNITS.get(department.slug, []):
            Unit.objects.get_or_create(department=department, name=name)
    for name, kind, description in PARTNERS:
        PartnerOrganisation.objects.get_or_create(
            name=name, defaults={"kind": kind, "description": description}
        )
    for email, full_name, roles in DEMO_USERS:
        user = User.objects.filter(email__iexact=email).first()
        if user is None:
            user = user_create(
                email=email, full_name=full_name, password=DEMO_PASSWORD, roles=roles, actor=None
            )
        ctx.users[email.split("@")[0]] = user
    staff_units = {
        "medarbejder": ("Skåde Skole", MembershipRole.MEMBER),
        "leder": ("Skåde Skole", MembershipRole.LEADER),
        "programstab": ("Innovation og Udvikling", MembershipRole.MEMBER),
    }
    for key, (unit_name, role) in staff_units.items():
        unit = Unit.objects.get(name=unit_name)
        Membership.objects.get_or_create(user=ctx.users[key], unit=unit, defaults={"role": role})
    ctx.counts.update(
        departments=Department.objects.count(),
        units=Unit.objects.count(),
        partners=PartnerOrganisation.objects.count(),
        city_goals=CityGoal.objects.count(),
    )


def build_goals(ctx: DemoContext) -> None:
    from kompas.goals.demo import build as build_goal_data

    build_goal_data(ctx)


def build_valuemap(ctx: DemoContext) -> None:
    from kompas.valuemap.models import Snapshot
    from kompas.valuemap.services import snapshot_build

    if not Snapshot.objects.filter(is_current=True).exists():
        programme = User.objects.get(email="programstab@demo.kompas.dk")
        snapshot = Snapshot.objects.create(published_by=programme, note="Demo: første publicering")
        snapshot_build(snapshot_id=snapshot.pk)
    ctx.counts["published_goals"] = Snapshot.objects.get(is_current=True).counts.get("goals", 0)


def build_dialogues(ctx: DemoContext) -> None:
    from kompas.dialogues.demo import build as build_dialogue_data

    build_dialogue_data(ctx)


def build_fund(ctx: DemoContext) -> None:
    from kompas.fund.demo import build as build_fund_data

    build_fund_data(ctx)


def build_collaborations(ctx: DemoContext) -> None:
    from kompas.collaborations.demo import build as build_collaborations_data

    build_collaborations_data(ctx)


def build_stoplist(ctx: DemoContext) -> None:
    from kompas.stoplist.demo import build as build_stoplist_data

    build_stoplist_data(ctx)


def build_surveys(ctx: DemoContext) -> None:
    from kompas.surveys.demo import build as build_surveys_data

    build_surveys_data(ctx)


def build_trials(ctx: DemoContext) -> None:
    from kompas.trials.demo import build as build_trials_data

    build_trials_data(ctx)


def build_proposals(ctx: DemoContext) -> None:
    from kompas.proposals.demo import build as build_proposals_data

    build_proposals_data(ctx)


def build_learning(ctx: DemoContext) -> None:
    from kompas.learning.demo import build as build_learning_data

    build_learning_data(ctx)


def build_hearings(ctx: DemoContext) -> None:
    from kompas.hearings.demo import build as build_hearings_data

    build_hearings_data(ctx)


def build_library(ctx: DemoContext) -> None:
    from kompas.library.demo import build as build_library_data

    build_library_data(ctx)


def build_compass(ctx: DemoContext) -> None:
    from kompas.compass.demo import build as build_compass_data

    build_compass_data(ctx)


def build_council(ctx: DemoContext) -> None:
    from kompas.council.demo import build as build_council_data

    build_council_data(ctx)


BUILDERS = [
    build_platform,
    build_goals,
    build_dialogues,
    build_fund,
    build_collaborations,
    build_stoplist,
    build_surveys,
    build_trials,
    build_proposals,
    build_council,  # before the hearings: a request to meet a committee names one of its committees
    build_hearings,
    build_learning,
    build_library,
    build_compass,
    build_valuemap,
]


def build(scale: str = "small", seed: int = 2021) -> DemoContext:
    if scale not in SCALES:
        raise ValueError(f"Unknown scale {scale!r}; choose one of {', '.join(SCALES)}.")
    ctx = DemoContext(scale=scale, rng=random.Random(seed))
    with transaction.atomic():
        for builder in BUILDERS:
            builder(ctx)
        # The builders write in bulk, past save(): store every search document once (kompas.core.search_index).
        search_index.reindex()
        # Counted last: the modules' builders add logins of their own (the fund's applicants and assessors …).
        ctx.counts["users"] = User.objects.count()
    return ctx
