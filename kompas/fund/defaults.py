"""The default fund of seed 004 (Udviklingspuljen, 2012): editable data, installed by migration 0002."""

from decimal import Decimal

FUND = {
    "name": "Udviklingspuljen",
    "description": (
        "Byrådets udviklingspulje skal sikre udvikling, gennemførelse og evaluering af risikobetonede "
        "innovationsprojekter – og udbredelse af de projekter, der lykkes. Alle kan søge, så længe projektet "
        "giver kommunen en økonomisk gevinst; ansøgningen laves sammen med en eller flere magistratsafdelinger."
    ),
}

POOLS = [
    (
        "Den tværgående innovationspulje",
        "cross",
        Decimal("30000000.00"),
        "Forankret i Borgmesterens Afdeling. Direktørgruppen indstiller projekter; over 2 mio. kr. eller flere år "
        "forelægges byrådet.",
        1,
    ),
    (
        "De lokale innovationsmidler",
        "local",
        Decimal("10000000.00"),
        "Fordeles mellem magistratsafdelingerne efter lønsummen (0,75 % af lønsummen finansierede puljen).",
        2,
    ),
]

THEMES = [
    "Inklusion og medborgerskab",
    "Velfærdsteknologi",
    "Digitalisering",
    "Mobilitet",
    "Innovationskultur",
    "Sundhed",
    "Sygefravær",
]

# The main criterion (economic gain, "ufravigeligt") and the seven filter criteria of the seed.
CRITERIA = [
    (
        "Økonomisk gevinst på længere sigt",
        "Hovedkriteriet: projektet skal på længere sigt give en økonomisk "
        "gevinst. Businesscasen må gerne være usikker.",
        True,
    ),
    (
        "Nyt og originalt, brugbart og værdifuldt",
        "Projektet bidrager til noget nyt og originalt og resulterer i noget brugbart og værdifuldt.",
        False,
    ),
    (
        "Risici beskrevet forståeligt og eksplicit",
        "Projektet må gerne være risikobetonet, men risici skal beskrives forståeligt og eksplicit.",
        False,
    ),
    (
        "Relation til innovationstemaerne",
        "Projektet relaterer til et af de syv innovationstemaer – en god idé "
        "uden for temaerne udelukkes dog ikke.",
        False,
    ),
    ("Levedygtigt efter tilskuddets ophør", "Projektet kan leve videre, når tilskuddet stopper.", False),
    (
        "Effekten kan dokumenteres og afrapporteres",
        "Der er en plan for, hvordan effekten måles og afrapporteres.",
        False,
    ),
    (
        "Blander kompetencer",
        "Samarbejde på tværs af magistratsafdelinger og fagligheder og med erhvervsliv, "
        "civilsamfund, uddannelsesinstitutioner, Region Midtjylland m.fl.",
        False,
    ),
    ("Medfinansiering", "Høj grad af intern og/eller ekstern medfinansiering.", False),
]


def install(Fund, Pool, Theme, Criterion) -> None:  # noqa: N803 - historical models in a migration
    fund, created = Fund.objects.get_or_create(
        name=FUND["name"], defaults={"description": FUND["description"]}
    )
    if not created:
        return
    for name, kind, amount, description, order in POOLS:
        Pool.objects.create(
            fund=fund, name=name, kind=kind, annual_amount=amount, description=description, order=order
        )
    for order, name in enumerate(THEMES, start=1):
        Theme.objects.create(fund=fund, name=name, order=order)
    for order, (name, description, is_main) in enumerate(CRITERIA, start=1):
        Criterion.objects.create(fund=fund, name=name, description=description, is_main=is_main, order=order)


# Seed 004 §6–7: the 40 mio. kr. of budget 2012, the cross-cutting pool held by Borgmesterens Afdeling, and the
# local funds as a trial in 2013 and 2014 that the city council evaluates at the budget conference of 2014.
BUDGET_YEAR = 2012
TOTAL_AMOUNT = Decimal("40000000.00")
FINANCING_RATE = Decimal("0.75")  # % of payroll (bilag 2)
HOLDER_SLUG = "borgmesterens-afdeling"
LOCAL_TRIAL = (2013, 2014)
LOCAL_EVALUATION = "Byrådet evaluerer forsøget på budgetkonferencen i 2014"


def install_allocation(Fund, Pool, Department) -> None:  # noqa: N803 - historical models in a migration
    """Set the seed's allocation on the default fund where it has not been set (editable afterwards)."""
    fund = Fund.objects.filter(name=FUND["name"], budget_year__isnull=True).first()
    if fund is None:
        return
    fund.budget_year = BUDGET_YEAR
    fund.total_amount = TOTAL_AMOUNT
    fund.financing_rate = FINANCING_RATE
    fund.save(update_fields=["budget_year", "total_amount", "financing_rate"])
    holder = Department.objects.filter(slug=HOLDER_SLUG).first()
    Pool.objects.filter(fund=fund, kind="cross", holder__isnull=True).update(holder=holder)
    Pool.objects.filter(fund=fund, kind="local", evaluation="").update(evaluation=LOCAL_EVALUATION)
    install_local_trial(Fund, Pool)


def install_local_trial(Fund, Pool) -> None:  # noqa: N803 - historical models in a migration
    """The local funds as the seed's trial, 2013 and 2014, where the default fund's local pool has no years:
    ``services.local_allocate`` refuses a year outside them. Data the municipality edits under Settings
    (``Pool.first_year``/``last_year``) when the city council has evaluated the trial and continues it."""
    fund = Fund.objects.filter(name=FUND["name"]).first()
    if fund is None:
        return
    Pool.objects.filter(fund=fund, kind="local", first_year__isnull=True, last_year__isnull=True).update(
        first_year=LOCAL_TRIAL[0], last_year=LOCAL_TRIAL[1]
    )
