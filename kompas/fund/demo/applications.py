"""The demo's people, rounds and applications: about 200 applications in every state, with their budgets,
co-applicant departments, city goals, assessors' declarations and scores and the advisory board's comments."""

import datetime as dt
import random
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from django.contrib.auth import get_user_model

from kompas.citygoals.models import CityGoal
from kompas.core import formats
from kompas.core.roles import RoleCode
from kompas.organisations.choices import MembershipRole
from kompas.organisations.models import Department, Membership, PartnerOrganisation

from ..allocation import split_proportionally
from ..choices import ApplicationStatus as S
from ..choices import CoApplicantStatus, ReasonCode
from ..ledger import pool_year_ensure
from ..models import (
    AdvisoryComment,
    Application,
    Assignment,
    BudgetLine,
    CoApplicant,
    Criterion,
    Fund,
    Pool,
    Round,
    Score,
    Theme,
)
from .data import (
    BUSINESS_TEXT,
    DEMO_PASSWORD,
    EFFECT_TEXT,
    IDEAS,
    NEW_TEXT,
    PLACES,
    PLAN,
    RISK_TEXT,
    ROUND_DECIDED,
    ROUND_OPEN,
    ROUND_SEALED,
    USERS,
    money,
)

if TYPE_CHECKING:
    from kompas.accounts.models import User

# The steps an application has passed when the directors' group has recommended it.
RECOMMENDED_OR_LATER = (S.RECOMMENDED, S.AWAITING_COUNCIL, S.GRANTED)
DECIDED = (S.GRANTED, S.REJECTED, S.SCREENED_OUT)


@dataclass
class DemoPeople:
    programme: "User | None"
    director: "User"
    advisory: "User"
    applicants: list["User"]
    assessors: list["User"]


def people() -> DemoPeople:
    """The fund's demo logins (created once), the association's membership, and the applicants."""
    from kompas.accounts.services import user_create

    accounts = get_user_model()
    users: dict[str, User] = {}
    for email, name, roles in USERS:
        users[email.split("@")[0]] = accounts.objects.filter(email__iexact=email).first() or user_create(
            email=email, full_name=name, password=DEMO_PASSWORD, roles=roles, actor=None
        )
    organisation = PartnerOrganisation.objects.filter(name="Frivilligcenter Aarhus").first()
    if organisation:
        Membership.objects.get_or_create(
            user=users["forening"], organisation=organisation, defaults={"role": MembershipRole.CONTACT}
        )
    applicants = list(
        accounts.objects.filter(roles__code__in=[RoleCode.CITIZEN, RoleCode.PARTNER]).distinct()[:5]
    )
    return DemoPeople(
        programme=accounts.objects.filter(email="programstab@demo.kompas.dk").first(),
        director=users["direktoer"],
        advisory=users["advisory"],
        applicants=applicants or [users["forening"]],
        assessors=[users["bedoemmer"], users["bedoemmer2"], users["bedoemmer3"]],
    )


def rounds(*, fund: Fund, cross: Pool, now: dt.datetime, year: int) -> dict[str, Round]:
    """An open round, a decided one (assessed anonymously) and a sealed theme round; the cross-cutting pool's
    budget for last year, this year and next."""
    created = {
        ROUND_OPEN: Round.objects.create(
            fund=fund,
            pool=cross,
            title=ROUND_OPEN,
            opens_at=now - dt.timedelta(days=30),
            closes_at=now + dt.timedelta(days=60),
            answer_by=(now + dt.timedelta(days=100)).date(),
            description="Søg om midler til risikobetonede innovationsprojekter, der på sigt giver en økonomisk gevinst.",
        ),
        ROUND_DECIDED: Round.objects.create(
            fund=fund,
            pool=cross,
            title=ROUND_DECIDED,
            opens_at=now - dt.timedelta(days=200),
            closes_at=now - dt.timedelta(days=120),
            answer_by=(now - dt.timedelta(days=60)).date(),
            anonymise_applicants=True,
            description="Første runde. Bedømt anonymt af bedømmelsesteamet.",
        ),
        ROUND_SEALED: Round.objects.create(
            fund=fund,
            pool=cross,
            title=ROUND_SEALED,
            opens_at=now - dt.timedelta(days=10),
            closes_at=now + dt.timedelta(days=20),
            answer_by=(now + dt.timedelta(days=60)).date(),
            sealed=True,
            description="Temarunde om sygefravær. Ansøgningerne læses først, når runden er lukket.",
        ),
    }
    for py_year in (year - 1, year, year + 1):
        pool_year_ensure(pool=cross, year=py_year)
    return created


def _application(
    *,
    rng: random.Random,
    counter: int,
    round_: Round,
    status: S,
    themes: dict[str, Theme],
    who: DemoPeople,
    now: dt.datetime,
    year: int,
) -> tuple[Application, str]:
    """The application number ``counter`` of the demo, in ``status``, and the slug of its lead department."""
    title, theme_name, slug = IDEAS[counter % len(IDEAS)]
    # Every title once: each idea goes to the places in turn (17 ideas × 13 places > 200 applications).
    place = PLACES[(counter // len(IDEAS)) % len(PLACES)]
    multi = status == S.AWAITING_COUNCIL and counter % 2 == 0
    if status == S.AWAITING_COUNCIL and not multi:
        amount = money(rng, 2_100_000, 4_000_000)
    elif status == S.GRANTED:
        amount = money(rng, 150_000, 1_000_000)
    else:
        amount = money(rng, 100_000, 1_900_000)
    gain = money(rng, 50_000, 900_000)
    submitted = None if status == S.DRAFT else round_.opens_at + dt.timedelta(days=rng.randint(1, 25))
    recommended = status in RECOMMENDED_OR_LATER
    decided = status in DECIDED
    application = Application(
        round=round_,
        applicant=who.applicants[counter % len(who.applicants)],
        status=status,
        organisation=None,
        title=f"{title} i {place}",
        theme=themes.get(theme_name) if theme_name else None,
        summary=f"Vi vil afprøve {title.lower()} i {place} og måle, om det frigiver tid og penge.",
        new_and_original=NEW_TEXT,
        value="Borgerne får bedre hjælp, og medarbejderne bruger tiden på det, der giver mest værdi.",
        risks=RISK_TEXT,
        business_case=BUSINESS_TEXT % formats.number(gain, decimals=0, language="da"),
        economic_gain_per_year=gain,
        life_after="Hvis det virker, overtager driften løsningen inden for den eksisterende ramme.",
        effect_documentation=EFFECT_TEXT,
        partners="VIA University College, Region Midtjylland og en lokal forening.",
        cofinancing_internal=money(rng, 0, 300_000),
        cofinancing_external=money(rng, 0, 200_000),
        amount=amount,
        first_year=year,
        last_year=year + (1 if multi else 0),
        submitted_at=submitted,
        shortlisted=recommended and counter % 3 == 0,
        recommendation="recommend" if recommended else "",
        recommended_by=who.director if recommended else None,
        recommended_at=now - dt.timedelta(days=75) if recommended else None,
        outcome={S.GRANTED: "grant", S.REJECTED: "reject", S.AWAITING_COUNCIL: "grant"}.get(status, ""),
        reason_code={
            S.GRANTED: ReasonCode.STRONG_CASE,
            S.REJECTED: ReasonCode.LOWER_PRIORITY,
            S.SCREENED_OUT: ReasonCode.NO_ECONOMIC_GAIN,
            S.AWAITING_COUNCIL: ReasonCode.STRONG_CASE,
        }.get(status, ""),
        granted_amount=amount if status in (S.GRANTED, S.AWAITING_COUNCIL) else None,
        decided_at=now - dt.timedelta(days=60) if decided else None,
        decided_by=who.programme if decided else None,
    )
    return application, slug


def applications(
    *,
    rng: random.Random,
    fund: Fund,
    rounds_by_title: dict[str, Round],
    who: DemoPeople,
    departments: dict[str, Department],
    now: dt.datetime,
    year: int,
) -> tuple[list[Application], dict[int, str], int]:
    """Create the applications in bulk with everything that hangs on them; return them, each one's lead
    department slug by primary key, and the number of scores given."""
    themes = {t.name: t for t in Theme.objects.filter(fund=fund)}
    rows, slugs = [], []
    counter = 0
    for round_title, plan in PLAN.items():
        for status, count in plan:
            for _i in range(count):
                counter += 1
                application, slug = _application(
                    rng=rng,
                    counter=counter,
                    round_=rounds_by_title[round_title],
                    status=status,
                    themes=themes,
                    who=who,
                    now=now,
                    year=year,
                )
                rows.append(application)
                slugs.append(slug)
    created = Application.objects.bulk_create(rows)
    lead_slug = {app.pk: slug for app, slug in zip(created, slugs, strict=True)}
    _around(created, lead_slug=lead_slug, who=who, departments=departments)
    scores = _scores(rng, fund=fund)
    AdvisoryComment.objects.bulk_create(
        [
            AdvisoryComment(
                application=a,
                author=who.advisory,
                text="Spændende – husk at måle på borgernes oplevelse.",
            )
            for a in created
            if a.shortlisted
        ]
    )
    return created, lead_slug, scores


def _around(
    created: list[Application],
    *,
    lead_slug: dict[int, str],
    who: DemoPeople,
    departments: dict[str, Department],
) -> None:
    """Budget lines, co-applicant departments, city goals and assessors' assignments."""
    city_goals = list(CityGoal.objects.filter(is_active=True))
    budget, co_rows, city_links, assignments = [], [], [], []
    Through = Application.city_goals.through  # noqa: N806
    for app in created:
        status = app.status
        first, last = app.first_year or 0, app.last_year or 0
        split = split_proportionally(
            app.amount or Decimal(0), {str(y): Decimal(1) for y in range(first, last + 1)}
        )
        budget += [
            BudgetLine(application=app, year=int(y), amount=a, note="Projektledelse og afprøvning")
            for y, a in split.items()
        ]
        co_status = (
            CoApplicantStatus.PENDING if status == S.DRAFT and app.pk % 3 else CoApplicantStatus.CONFIRMED
        )
        if not (status == S.DRAFT and app.pk % 5 == 0):
            co_rows.append(
                CoApplicant(
                    application=app,
                    department=departments[lead_slug[app.pk]],
                    status=co_status,
                    answered_at=None if co_status == CoApplicantStatus.PENDING else app.submitted_at,
                )
            )
        if city_goals:
            city_links.append(
                Through(application_id=app.pk, citygoal_id=city_goals[app.pk % len(city_goals)].pk)
            )
        if status in (S.DRAFT, S.SUBMITTED, S.WITHDRAWN, S.SCREENED_OUT) or app.submitted_at is None:
            continue
        for index, assessor in enumerate(who.assessors):
            conflict = "nr3" if index == 2 and app.pk % 9 == 0 else "none"
            assignments.append(
                Assignment(
                    application=app,
                    assessor=assessor,
                    assigned_by=who.programme,
                    conflict=conflict,
                    conflict_note="Jeg sidder i bestyrelsen for en af partnerne."
                    if conflict != "none"
                    else "",
                    declared_at=app.submitted_at + dt.timedelta(days=20),
                    submitted_at=None
                    if status == S.IN_ASSESSMENT and index == 1
                    else app.submitted_at + dt.timedelta(days=30),
                )
            )
    BudgetLine.objects.bulk_create(budget)
    CoApplicant.objects.bulk_create(co_rows)
    Through.objects.bulk_create(city_links)
    Assignment.objects.bulk_create(assignments)


def _scores(rng: random.Random, *, fund: Fund) -> int:
    """Every declared assessor without a conflict who has finished scores every active criterion."""
    criteria = list(Criterion.objects.filter(fund=fund, is_active=True))
    scores = []
    finished = (
        Assignment.objects.filter(application__round__fund=fund, conflict="none", submitted_at__isnull=False)
        .select_related("application")
        .order_by("pk")
    )
    for a in finished:
        bias = 2 if a.application.status in RECOMMENDED_OR_LATER else 0
        for c in criteria:
            # The main criterion is never n/a ("Hovedkriteriet er ufravigeligt").
            value = None if rng.random() < 0.08 and not c.is_main else min(5, rng.randint(1, 3) + bias)
            scores.append(
                Score(
                    assignment=a,
                    criterion=c,
                    value=value,
                    comment="Godt gennemtænkt." if value and value >= 4 else "",
                )
            )
    Score.objects.bulk_create(scores)
    return len(scores)
