"""Demo data for Det siger vi farvel til: Danish proposals to stop or simplify, many of them decided.

``small`` gives about two proposals per department; ``aarhus`` about 150 across the units. Deterministic
(``ctx.rng``) and idempotent (nothing is added when the demo proposals are there). Bulk inserts.
"""

import datetime as dt
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.utils import timezone

from kompas.organisations.choices import MembershipRole
from kompas.organisations.models import Department, Membership, Unit

from .choices import FarewellKind, FarewellLevel, FarewellStatus
from .models import FarewellProposal

PER_SCALE = {"small": 14, "aarhus": 150}
DEMO_MARK = "Demo: "  # not shown; the internal note of demo decisions starts with it

# (title, kind, description, whom it burdens, hours a year (low, high))
IDEAS = [
    (
        "Ugentligt koordineringsmøde, der gentager dagsordenen fra intranettet",
        FarewellKind.MEETING,
        "Hver mandag gennemgår vi punkter, som alle allerede har læst på intranettet. Mødet kunne erstattes "
        "af en kort besked og et åbent spørgetid en gang om måneden.",
        "alle medarbejdere i enheden",
        (150, 400),
    ),
    (
        "Månedlig sygefraværsrapport i papirform",
        FarewellKind.REPORT,
        "Lederne udfylder et skema med tal, der allerede findes i lønsystemet, og sender det til "
        "afdelingen. Ingen har efterspurgt rapporten, siden tallene kom på ledelsesinformationen.",
        "lederne",
        (40, 120),
    ),
    (
        "Dobbelt registrering af kørsel",
        FarewellKind.SYSTEM_STEP,
        "Kørsel registreres både i kørselssystemet og i et regneark til budgetopfølgning. Regnearket kan "
        "laves automatisk ud fra kørselssystemet.",
        "hjemmeplejens medarbejdere",
        (200, 800),
    ),
    (
        "Skriftlig ansøgning om lån af mødelokale",
        FarewellKind.FORM,
        "Foreninger skal udfylde en blanket på tre sider for at låne et lokale en aften. Et online "
        "bookingsystem med de samme oplysninger på én side ville spare tid for både foreningerne og os.",
        "foreningerne og borgerservice",
        (60, 250),
    ),
    (
        "Krav om to underskrifter på indkøb under 2.000 kr.",
        FarewellKind.RULE,
        "Små indkøb til aktiviteter venter ofte en uge på den anden underskrift. Beløbsgrænsen kunne hæves, "
        "så én godkendelse er nok.",
        "pædagoger og lærere",
        (30, 150),
    ),
    (
        "Kvartalsvis statusnotat til direktionen om projekter uden ændringer",
        FarewellKind.REPORT,
        "Vi skriver notater om projekter, der kører som planlagt. Et notat kun ved afvigelser ville være "
        "nok og mere læst.",
        "projektlederne",
        (80, 200),
    ),
    (
        "Genudfyldelse af stamdata ved hver ny ansøgning",
        FarewellKind.FORM,
        "Borgere skal skrive navn, adresse og familieforhold igen, selv om vi har oplysningerne. Skemaet "
        "kan hente dem, så borgeren kun retter det, der er ændret.",
        "borgere, der søger hjælp",
        (300, 1200),
    ),
    (
        "Manuel udskrivning og scanning af underskrevne handleplaner",
        FarewellKind.SYSTEM_STEP,
        "Handleplaner printes, underskrives og scannes ind igen. Digital signatur findes allerede i "
        "fagsystemet.",
        "sagsbehandlerne",
        (100, 350),
    ),
    (
        "Fast tavlemøde hver morgen, også i ferieperioder",
        FarewellKind.MEETING,
        "Tavlemødet giver mening i travle perioder, men i ferierne er vi få og kender opgaverne. Mødet kunne "
        "holdes efter behov.",
        "medarbejderne på vagten",
        (40, 120),
    ),
    (
        "Regel om at alle breve til borgere skal godkendes af en leder",
        FarewellKind.RULE,
        "Standardbreve er gennemskrevet og godkendt én gang. Når hver udsendelse også skal godkendes, venter "
        "borgerne længere på svar.",
        "sagsbehandlere og borgere",
        (150, 500),
    ),
    (
        "Tilfredshedsskema efter hvert besøg",
        FarewellKind.FORM,
        "Ældre får et skema efter hvert besøg og oplever det som en pligt. En kort samtale to gange om året "
        "giver os mere at lære af.",
        "ældre borgere og hjemmeplejen",
        (100, 300),
    ),
    (
        "Årlig handleplan for hver enkelt legeplads",
        FarewellKind.REPORT,
        "Vi skriver en plan for hver legeplads, selv om tilsynet allerede registrerer det, der skal "
        "udbedres. Én fælles plan for området er nok.",
        "Natur og Vej",
        (50, 150),
    ),
    (
        "Separat login til tidsregistrering",
        FarewellKind.SYSTEM_STEP,
        "Tidsregistreringen kræver eget brugernavn og kodeord, der udløber hver måned. Fælles login ville "
        "spare mange opkald til it-support.",
        "alle medarbejdere",
        (200, 600),
    ),
    (
        "Referat af alle teammøder i fast skabelon",
        FarewellKind.MEETING,
        "Skabelonen har tolv felter, og de fleste står tomme. Et kort beslutningsreferat ville være nok.",
        "teamkoordinatorerne",
        (40, 160),
    ),
]

REASONS = {
    FarewellStatus.STOPPED: [
        "Vi har talt med dem, der bruger det, og ingen savner det. Vi stopper fra næste måned.",
        "Oplysningerne findes allerede andre steder. Det er ren dobbeltregistrering, så det stopper nu.",
        "Godt set. Det har levet videre af vane; vi siger farvel til det.",
    ],
    FarewellStatus.SIMPLIFIED: [
        "Vi beholder en kort version: halvt så ofte og på én side.",
        "Vi forenkler det, så det kun bruges, når noget afviger fra planen.",
        "Vi lader systemet udfylde det meste automatisk; resten tager fem minutter.",
    ],
    FarewellStatus.KEPT: [
        "Vi skal desværre beholde det, fordi lovgivningen kræver det. Vi har bedt om en forenkling centralt.",
        "Vi beholder det et halvt år endnu, mens det nye system indføres, og ser så på det igen.",
        "Revisionen bruger det som dokumentation; vi undersøger, om de kan få tallene på en lettere måde.",
    ],
}


# Items the whole municipality or a department owns (seed 000 §5: internal strategies and values such as the
# TRE values, budget goals and shared rules), with kroner beside the hours. Our own wording.
# (title, kind, level, department slug or "", description, burdens, hours, kroner, status, hours and kroner freed)
WIDE_IDEAS = [
    (
        "TRE-værdierne som et særskilt værdigrundlag ved siden af kompasset",
        FarewellKind.VALUE,
        FarewellLevel.MUNICIPALITY,
        "",
        "Ledere og medarbejdere skal forholde sig til to værdigrundlag, når de planlægger og følger op. "
        "Kompasset dækker det, vi har brug for; det gamle værdigrundlag kan afvikles.",
        "ledere i alle magistratsafdelinger",
        Decimal("640"),
        Decimal("190000"),
        FarewellStatus.STOPPED,
        Decimal("640"),
        Decimal("190000"),
    ),
    (
        "Budgetmål, der kun tæller aktiviteter",
        FarewellKind.BUDGET_GOAL,
        FarewellLevel.MUNICIPALITY,
        "",
        "Flere budgetmål måler antal ydelser uden at sige noget om værdien for borgerne. Vi erstatter dem "
        "med få mål, der følges op med både tal og erfaringer.",
        "økonomimedarbejdere og ledere, der indberetter",
        Decimal("900"),
        Decimal("360000"),
        FarewellStatus.SIMPLIFIED,
        Decimal("450"),
        Decimal("150000"),
    ),
    (
        "Dobbelt godkendelse af indkøb under 5.000 kr.",
        FarewellKind.RULE,
        FarewellLevel.DEPARTMENT,
        "borgmesterens-afdeling",
        "Små indkøb godkendes af både leder og økonomifunktion. Én godkendelse er nok, når beløbet er lille.",
        "medarbejdere og ledere, der køber ind",
        Decimal("1200"),
        Decimal("420000"),
        FarewellStatus.PROPOSED,
        None,
        None,
    ),
]


WIDE_REASON = (
    "Direktørgruppen har drøftet forslaget; vi siger farvel og bruger tiden på opfølgning med borgerne."
)


def _wide(employee_id: int, programme_id: int, now: dt.datetime) -> list[FarewellProposal]:
    departments = {d.slug: d for d in Department.objects.all()}
    out = []
    for n, (title, kind, level, slug, description, burdens, hours, kroner, status, freed, kr) in enumerate(
        WIDE_IDEAS
    ):
        department = departments.get(slug) if slug else None
        if level == FarewellLevel.DEPARTMENT and department is None:
            continue
        created = now - dt.timedelta(days=120 + 30 * n)
        proposal = FarewellProposal(
            title=title,
            kind=kind,
            level=level,
            owner_department=department,
            description=description,
            hours_per_year=hours,
            kroner_per_year=kroner,
            burdens=burdens,
            proposer_id=employee_id,
            status=status,
            created_at=created,
        )
        if status != FarewellStatus.PROPOSED:
            proposal.decision_reason = WIDE_REASON
            proposal.decided_by_id = programme_id
            proposal.decided_at = created + dt.timedelta(days=45)
            proposal.hours_freed = freed
            proposal.kroner_freed = kr
            proposal.internal_note = DEMO_MARK + "forelagt direktørgruppen."
        out.append(proposal)
    return out


def _leaders_by_unit() -> dict[int, int]:
    return dict(
        Membership.objects.filter(unit__isnull=False, role=MembershipRole.LEADER)
        .order_by("unit_id", "pk")
        .values_list("unit_id", "user_id")
    )


def _members_by_unit() -> dict[int, list[int]]:
    members: dict[int, list[int]] = {}
    for unit_id, user_id in (
        Membership.objects.filter(unit__isnull=False)
        .order_by("unit_id", "pk")
        .values_list("unit_id", "user_id")
    ):
        members.setdefault(unit_id, []).append(user_id)
    return members


def build(ctx) -> None:
    User = get_user_model()
    if FarewellProposal.objects.filter(
        title=IDEAS[0][0], proposer__email="medarbejder@demo.kompas.dk"
    ).exists():
        ctx.counts["farewell_proposals"] = FarewellProposal.objects.count()
        return
    rng = ctx.rng
    employee = User.objects.get(email="medarbejder@demo.kompas.dk")
    programme = User.objects.get(email="programstab@demo.kompas.dk")
    units = list(
        Unit.objects.filter(is_active=True).select_related("department").order_by("department__order", "pk")
    )
    leaders, members = _leaders_by_unit(), _members_by_unit()
    by_department: dict[int, list[Unit]] = {}
    for unit in units:
        by_department.setdefault(unit.department_id, []).append(unit)
    departments = list(by_department)
    skaade = next((u for u in units if u.name == "Skåde Skole"), units[0])
    now = timezone.now()
    proposals = []
    for index in range(PER_SCALE.get(ctx.scale, PER_SCALE["small"])):
        title, kind, description, burdens, (low, high) = IDEAS[index % len(IDEAS)]
        if index == 0:
            unit, proposer_id, status = skaade, employee.pk, FarewellStatus.PROPOSED  # for the demo leader
        else:
            department = departments[index % len(departments)]
            unit = rng.choice(by_department[department])
            proposer_id = rng.choice(members.get(unit.pk) or [employee.pk])
            status = rng.choices(
                [
                    FarewellStatus.PROPOSED,
                    FarewellStatus.STOPPED,
                    FarewellStatus.SIMPLIFIED,
                    FarewellStatus.KEPT,
                ],
                weights=[30, 40, 18, 12],
            )[0]
        hours = Decimal(rng.randrange(low, high + 1, 5))
        created = now - dt.timedelta(days=rng.randint(20, 700), hours=rng.randint(0, 8))
        proposal = FarewellProposal(
            title=title if index < len(IDEAS) else f"{title} ({unit.name})",
            kind=kind,
            description=description,
            hours_per_year=hours,
            burdens=burdens,
            owner_unit=unit,
            proposer_id=proposer_id,
            status=status,
            created_at=created,
        )
        if status != FarewellStatus.PROPOSED:
            proposal.decision_reason = rng.choice(REASONS[status])
            proposal.decided_by_id = leaders.get(unit.pk, programme.pk)
            proposal.decided_at = min(now, created + dt.timedelta(days=rng.randint(7, 60)))
            proposal.internal_note = DEMO_MARK + "beslutningen er drøftet i MED-udvalget."
            if status == FarewellStatus.STOPPED:
                proposal.hours_freed = hours
            elif status == FarewellStatus.SIMPLIFIED:
                proposal.hours_freed = (hours * Decimal(rng.choice(["0.3", "0.5", "0.6"]))).quantize(
                    Decimal("0.1")
                )
        proposals.append(proposal)
    proposals += _wide(employee.pk, programme.pk, now)
    FarewellProposal.objects.bulk_create(proposals, batch_size=1000)
    ctx.counts["farewell_proposals"] = FarewellProposal.objects.count()
