"""Demo data for the city council's place: the default committees with demo politicians on them.

The politicians and their parties are made up (lists A–E), as are their names. ``small`` seats eleven members,
``aarhus`` the whole council of 31. One documented login, ``byraadsmedlem@demo.kompas.dk``, sits on Børn og
Unge-udvalget and is a group chair. Deterministic without the shared random generator (the other builders'
data do not change), and idempotent: politicians are looked up by e-mail, seats by committee and person.
"""

from kompas.accounts.models import User
from kompas.accounts.services import user_create
from kompas.core.roles import RoleCode
from kompas.organisations.models import Department

from .defaults import install
from .models import Committee, CommitteeMembership

PASSWORD = "demo"  # noqa: S105 - the documented demo password (kompas.demo.builders.DEMO_PASSWORD)

FIRST = [
    "Birthe",
    "Jens",
    "Camilla",
    "Mogens",
    "Sofie",
    "Rasmus",
    "Hanne",
    "Ahmad",
    "Lone",
    "Troels",
    "Nadia",
]
LAST = ["Kjærgaard", "Lund", "Mikkelsen", "Damgaard", "Bech", "Østergaard", "Hviid", "Yilmaz", "Thygesen"]
PARTIES = ["Liste A", "Liste B", "Liste C", "Liste D", "Liste E"]
# Committee slug -> seats at the small scale; the aarhus scale fills every standing committee to seven.
SMALL_SEATS = {
    "oekonomiudvalget": 3,
    "magistraten": 2,
    "boern-og-unge-udvalget": 2,
    "kultur-og-borgerserviceudvalget": 1,
    "sociale-forhold-og-beskaeftigelsesudvalget": 1,
    "sundheds-og-omsorgsudvalget": 1,
    "teknik-og-miljoeudvalget": 1,
}
COUNCIL_SIZE = {"small": 11, "aarhus": 31}


def _politician(number: int) -> User:
    if number == 0:
        email, name = "byraadsmedlem@demo.kompas.dk", "Birthe Byrådsmedlem"
    else:
        email = f"byraad{number:02d}@demo.kompas.dk"
        name = f"{FIRST[number % len(FIRST)]} {LAST[(number * 5) % len(LAST)]}"
    user = User.objects.filter(email__iexact=email).first()
    if user is None:
        user = user_create(
            email=email, full_name=name, password=PASSWORD, roles=[RoleCode.POLITICIAN], actor=None
        )
    return user


def build(ctx) -> None:
    install(Committee, Department)
    committees = {committee.slug: committee for committee in Committee.objects.all()}
    size = COUNCIL_SIZE[ctx.scale]
    politicians = [_politician(number) for number in range(size)]
    seats = dict(SMALL_SEATS)
    if ctx.scale == "aarhus":
        seats.update({slug: 7 for slug, c in committees.items() if c.kind == "standing"})
        seats["oekonomiudvalget"] = 13
        seats["magistraten"] = 6
    # The documented login first on Børn og Unge-udvalget, then the others in turn.
    order = ["boern-og-unge-udvalget", *[slug for slug in seats if slug != "boern-og-unge-udvalget"]]
    number = 0
    for slug in order:
        for place in range(seats[slug]):
            politician = politicians[number % size]
            CommitteeMembership.objects.get_or_create(
                committee=committees[slug],
                user=politician,
                defaults={
                    "party": PARTIES[number % len(PARTIES)] if number else PARTIES[0],
                    "is_chair": place == 0,
                    # One group chair per list: the first seat each list gets.
                    "is_group_chair": number < len(PARTIES),
                },
            )
            number += 1
    ctx.users["byraadsmedlem"] = politicians[0]
    ctx.counts["committees"] = Committee.objects.count()
    ctx.counts["committee_seats"] = CommitteeMembership.objects.count()
