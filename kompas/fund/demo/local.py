"""The demo's local funds: the year's local pool split by payroll, and the departments' local projects."""

import random
from decimal import Decimal
from typing import TYPE_CHECKING

from ..allocation import allocate_local_funds
from ..ledger import pool_year_ensure
from ..models import LocalAllocation, LocalProject, Pool
from .data import money

if TYPE_CHECKING:
    from kompas.accounts.models import User
    from kompas.organisations.models import Department

# Payroll per department (our own figures): 0.75 % of them is the 40 mio. kr. that financed the pool
# (bilag 2), to the øre: 1.2 + 16.2 + 2.1 + 6.3 + 11.1 + 3.1 mio. kr.
PAYROLL_BY_SLUG = {
    "borgmesterens-afdeling": Decimal("160000000.00"),
    "boern-og-unge": Decimal("2160000000.00"),
    "kultur-og-borgerservice": Decimal("280000000.00"),
    "sociale-forhold-og-beskaeftigelse": Decimal("840000000.00"),
    "sundhed-og-omsorg": Decimal("1480000000.00"),
    "teknik-og-miljoe": Decimal("413333333.33"),
}
# The seed's trial ran 2013–2014; in the demo the city council evaluated it and continued it to this year.
CONTINUED = "Byrådet evaluerede forsøget på budgetkonferencen i 2014 og har videreført det"
LOCAL_TITLES = [
    "Idéværksted for medarbejdere",
    "Prøv-det-af-dag",
    "Ny mødeform i teamet",
    "Borgerpanel om åbningstider",
]


def local_funds(
    *,
    rng: random.Random,
    local: Pool,
    departments: dict[str, "Department"],
    programme: "User | None",
    year: int,
) -> None:
    if local.last_year is not None and local.last_year < year:
        local.last_year, local.evaluation = year, CONTINUED
        local.save(update_fields=["last_year", "evaluation", "updated_at"])
    local_year = pool_year_ensure(pool=local, year=year)
    payroll = {slug: PAYROLL_BY_SLUG.get(slug, Decimal("100000000")) for slug in departments}
    shares = allocate_local_funds(local_year.budget, payroll)
    LocalAllocation.objects.bulk_create(
        [
            LocalAllocation(pool_year=local_year, department=departments[s], payroll=payroll[s], amount=a)
            for s, a in shares.items()
        ]
    )
    LocalProject.objects.bulk_create(
        [
            LocalProject(
                department=d,
                year=year,
                title=LOCAL_TITLES[i % len(LOCAL_TITLES)],
                amount=money(rng, 20_000, 150_000),
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
