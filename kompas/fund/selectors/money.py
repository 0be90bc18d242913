"""Money: the ledger per pool and year, and the local funds' financing key (bilag 2)."""

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from .. import ledger
from ..models import (
    Fund,
    LocalAllocation,
    Pool,
    PoolYear,
)

if TYPE_CHECKING:
    from kompas.organisations.models import Department


def ledger_overview() -> list[tuple[Pool, list[ledger.YearStatus]]]:
    pools = list(Pool.objects.select_related("fund").order_by("fund", "order"))
    years = list(PoolYear.objects.filter(pool__in=pools).order_by("pool", "year"))
    statuses = ledger.status_for(years)
    by_pool: dict[int, list[ledger.YearStatus]] = defaultdict(list)
    for status in statuses:
        by_pool[status.pool_year.pool_id].append(status)
    return [(pool, by_pool[pool.pk]) for pool in pools]


@dataclass(frozen=True)
class KeyRow:
    department: "Department"
    payroll: Decimal
    contribution: Decimal  # payroll × the financing key (0.75 % in the seed)
    amount: Decimal  # the department's share of the local funds


def financing_key(*, fund: Fund, year: int) -> list[KeyRow]:
    """Per department for ``year``: the payroll programme staff entered, what 0.75 % of it (the fund's
    financing key) comes to, and the share of the local funds it gives (bilag 2). One query."""
    rate = fund.financing_rate / Decimal(100)
    return [
        KeyRow(
            department=a.department,
            payroll=a.payroll,
            contribution=(a.payroll * rate).quantize(Decimal("0.01")),
            amount=a.amount,
        )
        for a in LocalAllocation.objects.filter(pool_year__pool__fund=fund, pool_year__year=year)
        .select_related("department")
        .order_by("department__order")
    ]
