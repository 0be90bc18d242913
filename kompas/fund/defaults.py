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
