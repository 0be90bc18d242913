"""Demo data for Udviklingspuljen: three rounds with about 200 applications in every state, assessors with
declarations and scores, the directors' group's recommendations, council cases, funded projects with
milestones, effect reports, an early stop, and the local funds split by payroll. Deterministic (``ctx.rng``)
and idempotent (a second run adds nothing); inserted in bulk."""

import datetime as dt
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.utils import timezone

from kompas.citygoals.models import CityGoal
from kompas.core import formats
from kompas.core.roles import RoleCode
from kompas.organisations.choices import MembershipRole
from kompas.organisations.models import Department, Membership, PartnerOrganisation

from .allocation import allocate_local_funds, split_proportionally
from .choices import ApplicationStatus as S
from .choices import CoApplicantStatus, GrantingBody, LedgerKind, ProjectStatus, ReasonCode
from .defaults import install as install_defaults
from .defaults import install_allocation
from .ledger import pool_year_ensure
from .models import (
    AdvisoryComment,
    Application,
    Assignment,
    BudgetLine,
    CoApplicant,
    Criterion,
    DirectorsGroupMember,
    EffectReport,
    Fund,
    LedgerEntry,
    LocalAllocation,
    LocalProject,
    Milestone,
    Pool,
    Project,
    Round,
    Score,
    Theme,
)

DEMO_PASSWORD = "demo"  # noqa: S105 - the documented demo logins
USERS = [
    ("forening@demo.kompas.dk", "Frida Forening", [RoleCode.PARTNER]),
    ("bedoemmer@demo.kompas.dk", "Bodil Bedømmer", [RoleCode.ASSESSOR]),
    ("bedoemmer2@demo.kompas.dk", "Bjarne Bedømmer", [RoleCode.ASSESSOR]),
    ("bedoemmer3@demo.kompas.dk", "Birgit Bedømmer", [RoleCode.ASSESSOR]),
    ("advisory@demo.kompas.dk", "Arne Advisory", [RoleCode.ADVISORY]),
    ("direktoer@demo.kompas.dk", "Dorthe Direktør", [RoleCode.EMPLOYEE]),
]
ROUND_OPEN = "Udviklingspuljen – åben runde"
ROUND_DECIDED = "Udviklingspuljen – 1. runde (afgjort)"
ROUND_SEALED = "Udviklingspuljen – forseglet temarunde"

# (status, how many) per round
PLAN = {
    ROUND_OPEN: [(S.DRAFT, 25), (S.SUBMITTED, 25), (S.WITHDRAWN, 10)],
    ROUND_DECIDED: [
        (S.IN_ASSESSMENT, 40),
        (S.RECOMMENDED, 15),
        (S.SCREENED_OUT, 20),
        (S.AWAITING_COUNCIL, 10),
        (S.GRANTED, 25),
        (S.REJECTED, 20),
    ],
    ROUND_SEALED: [(S.SUBMITTED, 10)],
}

IDEAS = [
    ("Robotstøvsugere i hjemmeplejen", "Velfærdsteknologi", "sundhed-og-omsorg"),
    ("Digital madplan på plejehjem", "Digitalisering", "sundhed-og-omsorg"),
    ("Cykelvenner for ældre", "Inklusion og medborgerskab", "sundhed-og-omsorg"),
    ("Skærmfri lektiecafé med frivillige", "Inklusion og medborgerskab", "boern-og-unge"),
    ("Sensorer i skolernes ventilation", "Sundhed", "boern-og-unge"),
    ("Fælles bilpulje for hjemmeplejen", "Mobilitet", "teknik-og-miljoe"),
    ("Chatbot i borgerservice", "Digitalisering", "kultur-og-borgerservice"),
    ("Tidlig kontakt ved sygefravær", "Sygefravær", "borgmesterens-afdeling"),
    ("Innovationsagenter på arbejdspladserne", "Innovationskultur", "borgmesterens-afdeling"),
    ("Jobmentorer fra foreningslivet", "Inklusion og medborgerskab", "sociale-forhold-og-beskaeftigelse"),
    ("Træning via skærm for genoptræning", "Velfærdsteknologi", "sundhed-og-omsorg"),
    ("Deletøjscykler i Gellerup", "Mobilitet", "teknik-og-miljoe"),
    ("Sprogvenner på biblioteket", "Inklusion og medborgerskab", "kultur-og-borgerservice"),
    ("Ruteplanlægning med data", "Digitalisering", "teknik-og-miljoe"),
    ("Sundhedstjek på arbejdspladsen", "Sygefravær", "sociale-forhold-og-beskaeftigelse"),
    ("Lokal madspildsordning", None, "teknik-og-miljoe"),
]
NEW_TEXT = "Ingen i kommunen har prøvet det i denne form; vi bygger videre på erfaringer fra andre byer."
RISK_TEXT = (
    "Teknologien eller metoden virker måske ikke i praksis; vi tester i lille skala først og stopper i tide."
)
BUSINESS_TEXT = "Vi forventer at spare ca. %s kr. om året fra år 2 ved færre timer og besøg."
EFFECT_TEXT = "Før- og eftermåling af tidsforbrug og tilfredshed; halvårlige effektrapporter."
STOP_TEXT = "Vi skulle have testet med borgerne før indkøb. Fejl hurtigt og billigt virkede: vi stoppede efter to måneder."
PLACES = [
    "Gellerup",
    "Viby",
    "Risskov",
    "Tilst",
    "Lystrup",
    "Hasle",
    "Åby",
    "Skåde",
    "Trøjborg",
    "Mårslet",
    "Egå",
    "Tranbjerg",
    "Brabrand",
]


def _users(ctx) -> dict:
    from kompas.accounts.services import user_create

    User = get_user_model()  # noqa: N806
    users = {}
    for email, name, roles in USERS:
        user = User.objects.filter(email__iexact=email).first() or user_create(
            email=email, full_name=name, password=DEMO_PASSWORD, roles=roles, actor=None
        )
        users[email.split("@")[0]] = user
    organisation = PartnerOrganisation.objects.filter(name="Frivilligcenter Aarhus").first()
    if organisation:
        Membership.objects.get_or_create(
            user=users["forening"], organisation=organisation, defaults={"role": MembershipRole.CONTACT}
        )
    users["programstab"] = User.objects.filter(email="programstab@demo.kompas.dk").first()
    users["applicants"] = list(
        User.objects.filter(roles__code__in=[RoleCode.CITIZEN, RoleCode.PARTNER]).distinct()[:5]
    )
    return users


def _money(rng, low: int, high: int) -> Decimal:
    return Decimal(rng.randint(low // 1000, high // 1000) * 1000).quantize(Decimal("0.01"))


def build(ctx) -> None:
    fund = Fund.objects.filter(name="Udviklingspuljen").first()
    if fund is None:  # the default fund comes with migration 0002; a flushed database lacks it
        install_defaults(Fund, Pool, Theme, Criterion)
        fund = Fund.objects.get(name="Udviklingspuljen")
    install_allocation(Fund, Pool, Department)  # the seed's 40 mio. kr. of budget 2012 (no-op when set)
    fund.refresh_from_db()
    if Round.objects.filter(fund=fund, title=ROUND_DECIDED).exists():
        ctx.counts["fund_applications"] = Application.objects.count()
        return
    rng = ctx.rng
    users = _users(ctx)
    programme = users["programstab"]
    director = users["direktoer"]
    DirectorsGroupMember.objects.get_or_create(
        fund=fund, user=director, defaults={"title": "Direktør, Sundhed og Omsorg"}
    )
    applicants = users["applicants"] or [users["forening"]]
    assessors = [users["bedoemmer"], users["bedoemmer2"], users["bedoemmer3"]]
    themes = {t.name: t for t in Theme.objects.filter(fund=fund)}
    criteria = list(Criterion.objects.filter(fund=fund, is_active=True))
    departments = {d.slug: d for d in Department.objects.all()}
    city_goals = list(CityGoal.objects.filter(is_active=True))
    cross = fund.pools.get(kind="cross")
    local = fund.pools.get(kind="local")
    now = timezone.now()
    year = timezone.localdate().year
    rounds = {
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

    # 1. Applications in bulk.
    rows, meta = [], []
    counter = 0
    for round_title, plan in PLAN.items():
        round_ = rounds[round_title]
        for status, count in plan:
            for _i in range(count):
                counter += 1
                title, theme_name, slug = IDEAS[counter % len(IDEAS)]
                # Every title once: each idea goes to the places in turn (17 ideas × 13 places > 200 applications).
                place = PLACES[(counter // len(IDEAS)) % len(PLACES)]
                multi = status == S.AWAITING_COUNCIL and counter % 2 == 0
                if status == S.AWAITING_COUNCIL and not multi:
                    amount = _money(rng, 2_100_000, 4_000_000)
                elif status == S.GRANTED:
                    amount = _money(rng, 150_000, 1_000_000)
                else:
                    amount = _money(rng, 100_000, 1_900_000)
                first = year if round_title != ROUND_DECIDED else year
                last = first + (1 if multi else 0)
                gain = _money(rng, 50_000, 900_000)
                submitted = (
                    None if status == S.DRAFT else round_.opens_at + dt.timedelta(days=rng.randint(1, 25))
                )
                rows.append(
                    Application(
                        round=round_,
                        applicant=applicants[counter % len(applicants)],
                        status=status,
                        organisation=None,
                        title=f"{title} i {place}",
                        theme=themes.get(theme_name),
                        summary=f"Vi vil afprøve {title.lower()} i {place} og måle, om det frigiver tid og penge.",
                        new_and_original=NEW_TEXT,
                        value="Borgerne får bedre hjælp, og medarbejderne bruger tiden på det, der giver mest værdi.",
                        risks=RISK_TEXT,
                        business_case=BUSINESS_TEXT % formats.number(gain, decimals=0, language="da"),
                        economic_gain_per_year=gain,
                        life_after="Hvis det virker, overtager driften løsningen inden for den eksisterende ramme.",
                        effect_documentation=EFFECT_TEXT,
                        partners="VIA University College, Region Midtjylland og en lokal forening.",
                        cofinancing_internal=_money(rng, 0, 300_000),
                        cofinancing_external=_money(rng, 0, 200_000),
                        amount=amount,
                        first_year=first,
                        last_year=last,
                        submitted_at=submitted,
                        shortlisted=status in (S.RECOMMENDED, S.AWAITING_COUNCIL, S.GRANTED)
                        and counter % 3 == 0,
                        recommendation="recommend"
                        if status in (S.RECOMMENDED, S.AWAITING_COUNCIL, S.GRANTED)
                        else "",
                        recommended_by=director
                        if status in (S.RECOMMENDED, S.AWAITING_COUNCIL, S.GRANTED)
                        else None,
                        recommended_at=now - dt.timedelta(days=75)
                        if status in (S.RECOMMENDED, S.AWAITING_COUNCIL, S.GRANTED)
                        else None,
                        outcome={S.GRANTED: "grant", S.REJECTED: "reject", S.AWAITING_COUNCIL: "grant"}.get(
                            status, ""
                        ),
                        reason_code={
                            S.GRANTED: ReasonCode.STRONG_CASE,
                            S.REJECTED: ReasonCode.LOWER_PRIORITY,
                            S.SCREENED_OUT: ReasonCode.NO_ECONOMIC_GAIN,
                            S.AWAITING_COUNCIL: ReasonCode.STRONG_CASE,
                        }.get(status, ""),
                        granted_amount=amount if status in (S.GRANTED, S.AWAITING_COUNCIL) else None,
                        decided_at=now - dt.timedelta(days=60)
                        if status in (S.GRANTED, S.REJECTED, S.SCREENED_OUT)
                        else None,
                        decided_by=programme if status in (S.GRANTED, S.REJECTED, S.SCREENED_OUT) else None,
                    )
                )
                meta.append((status, slug))
    applications = Application.objects.bulk_create(rows)

    budget, co_rows, city_links, assignments = [], [], [], []
    Through = Application.city_goals.through  # noqa: N806
    for app, (status, slug) in zip(applications, meta, strict=True):
        years = list(range(app.first_year, app.last_year + 1))
        split = split_proportionally(app.amount, {str(y): Decimal(1) for y in years})
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
                    department=departments[slug],
                    status=co_status,
                    answered_at=None if co_status == CoApplicantStatus.PENDING else app.submitted_at,
                )
            )
        if city_goals:
            city_links.append(
                Through(application_id=app.pk, citygoal_id=city_goals[app.pk % len(city_goals)].pk)
            )
        if status not in (S.DRAFT, S.SUBMITTED, S.WITHDRAWN, S.SCREENED_OUT):
            for index, assessor in enumerate(assessors):
                conflict = "nr3" if index == 2 and app.pk % 9 == 0 else "none"
                assignments.append(
                    Assignment(
                        application=app,
                        assessor=assessor,
                        assigned_by=programme,
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
    assignments = Assignment.objects.bulk_create(assignments)
    scores = []
    for a in assignments:
        if a.conflict != "none" or a.submitted_at is None:
            continue
        bias = 2 if a.application.status in (S.GRANTED, S.RECOMMENDED, S.AWAITING_COUNCIL) else 0
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
    shortlisted = [a for a in applications if a.shortlisted]
    AdvisoryComment.objects.bulk_create(
        [
            AdvisoryComment(
                application=a,
                author=users["advisory"],
                text="Spændende – husk at måle på borgernes oplevelse.",
            )
            for a in shortlisted
        ]
    )
    council = [a for a in applications if a.status == S.AWAITING_COUNCIL]

    # 2. Grants: commitments, projects, milestones, disbursements, effect reports.
    pool_years = {py.year: py for py in cross.years.all()}
    granted = [a for a in applications if a.status == S.GRANTED]
    entries, projects = [], []
    for app in granted:
        entries.append(
            LedgerEntry(
                pool_year=pool_years[app.first_year],
                kind=LedgerKind.COMMITMENT,
                amount=app.amount,
                application=app,
                note=app.title,
                created_by=programme,
            )
        )
        slug = meta[applications.index(app)][1]
        projects.append(
            Project(
                application=app,
                title=app.title,
                lead_department=departments[slug],
                started_on=(now - dt.timedelta(days=50)).date(),
                spread=app.pk % 7 == 0,
                spread_note="Kan bruges i alle lokalcentre." if app.pk % 7 == 0 else "",
            )
        )
    projects = Project.objects.bulk_create(projects)
    milestones, reports = [], []
    for index, project in enumerate(projects):
        app = project.application
        milestones += [
            Milestone(
                project=project,
                title="Afprøvning i lille skala",
                due_on=project.started_on + dt.timedelta(days=60),
                done_on=project.started_on + dt.timedelta(days=55) if index % 2 == 0 else None,
            ),
            Milestone(
                project=project,
                title="Beslutning om udbredelse",
                due_on=project.started_on + dt.timedelta(days=300),
            ),
        ]
        if index < 12:
            paid = (app.amount / 2).quantize(Decimal("0.01"))
            entries.append(
                LedgerEntry(
                    pool_year=pool_years[app.first_year],
                    kind=LedgerKind.DISBURSEMENT,
                    amount=paid,
                    application=app,
                    project=project,
                    note="1. rate",
                    created_by=programme,
                )
            )
            reports.append(
                EffectReport(
                    project=project,
                    author=app.applicant,
                    period_start=dt.date(year, 1, 1),
                    # Within the project's period and already past (services.effect_report_create).
                    period_end=max(
                        dt.date(year, 1, 1), min(dt.date(year, 6, 30), now.date() - dt.timedelta(days=1))
                    ),
                    what_was_done="Afprøvet på to arbejdspladser med 40 borgere.",
                    effects_numbers=f"{rng.randint(40, 400)} timer sparet; {rng.randint(5, 30)} % færre akutte besøg.",
                    effects_experience="Medarbejderne fortæller om mere ro; en borger: »Nu kan jeg selv.«",
                    economic_gain_realised=_money(rng, 20_000, 300_000),
                    learning="Start småt og inddrag medarbejderne fra første dag.",
                    shareable=index % 3 == 0,
                )
            )
    for project in projects[-2:]:
        project.status = ProjectStatus.STOPPED
        project.ended_on = (now - dt.timedelta(days=5)).date()
        project.stop_reason = "Løsningen passede ikke til borgernes hverdag."
        project.stop_learning = STOP_TEXT
        project.stop_learning_shareable = True
        # Proposed by the project, decided by Borgmesterens Afdeling, which granted it (under 2 mio. kr.).
        project.stop_proposal = "Borgerne tager ikke løsningen til sig; vi foreslår at stoppe nu."
        project.stop_proposed_by = project.application.applicant
        project.stop_proposed_at = now - dt.timedelta(days=12)
        project.stop_decided_by = programme
        project.stop_body = GrantingBody.PROGRAMME
        project.save()
        app = project.application
        entries.append(
            LedgerEntry(
                pool_year=pool_years[app.first_year],
                kind=LedgerKind.RELEASE,
                amount=app.amount,
                application=app,
                project=project,
                note="Stoppet før tid",
                created_by=programme,
            )
        )
    LedgerEntry.objects.bulk_create(entries)
    Milestone.objects.bulk_create(milestones)
    EffectReport.objects.bulk_create(reports)

    # 3. Local funds split by payroll, and local projects with learnings.
    # Payroll per department (our own figures): 0.75 % of them is the 40 mio. kr. that financed the pool
    # (bilag 2), to the øre: 1.2 + 16.2 + 2.1 + 6.3 + 11.1 + 3.1 mio. kr.
    payroll_by_slug = {
        "borgmesterens-afdeling": Decimal("160000000.00"),
        "boern-og-unge": Decimal("2160000000.00"),
        "kultur-og-borgerservice": Decimal("280000000.00"),
        "sociale-forhold-og-beskaeftigelse": Decimal("840000000.00"),
        "sundhed-og-omsorg": Decimal("1480000000.00"),
        "teknik-og-miljoe": Decimal("413333333.33"),
    }
    local_year = pool_year_ensure(pool=local, year=year)
    payroll = {slug: payroll_by_slug.get(slug, Decimal("100000000")) for slug in departments}
    shares = allocate_local_funds(local_year.budget, payroll)
    LocalAllocation.objects.bulk_create(
        [
            LocalAllocation(pool_year=local_year, department=departments[s], payroll=payroll[s], amount=a)
            for s, a in shares.items()
        ]
    )
    local_titles = [
        "Idéværksted for medarbejdere",
        "Prøv-det-af-dag",
        "Ny mødeform i teamet",
        "Borgerpanel om åbningstider",
    ]
    LocalProject.objects.bulk_create(
        [
            LocalProject(
                department=d,
                year=year,
                title=local_titles[i % len(local_titles)],
                amount=_money(rng, 20_000, 150_000),
                description="Et lille, lokalt forsøg, der kan vokse.",
                learning="Det virkede bedst, når borgerne var med fra start.",
                shareable=i % 2 == 0,
                spread=i % 4 == 0,
                created_by=programme,
            )
            for i, d in enumerate(departments.values())
            for _ in range(2)
        ]
    )
    ctx.counts.update(
        fund_applications=len(applications),
        fund_projects=len(projects),
        fund_scores=len(scores),
        fund_council_cases=len(council),
    )
