"""The ledger: commitments, disbursements and releases per pool and budget year.

It refuses to commit more than a pool holds for a year. To be right when two decisions are saved at the
same moment, every commitment locks the pool's budget-year rows (``SELECT … FOR UPDATE``, always in year
order so two commitments cannot deadlock) and sums the entries only after it holds the lock. See ADR 0009.
"""

from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from django.db import IntegrityError, transaction
from django.db.models import Q, Sum

from .choices import LedgerKind
from .models import LedgerEntry, Pool, PoolYear

if TYPE_CHECKING:
    from kompas.accounts.models import User

ZERO = Decimal("0.00")


class LedgerRefused(Exception):
    """The pool does not hold enough for the year."""

    def __init__(self, *, year: int, requested: Decimal, remaining: Decimal):
        self.year = year
        self.requested = requested
        self.remaining = remaining
        super().__init__(f"{year}: requested {requested}, remaining {remaining}")


@dataclass(frozen=True)
class YearStatus:
    pool_year: PoolYear
    budget: Decimal
    committed: Decimal  # commitments minus releases
    disbursed: Decimal

    @property
    def remaining(self) -> Decimal:
        return self.budget - self.committed

    @property
    def not_disbursed(self) -> Decimal:
        return self.committed - self.disbursed


def pool_year_ensure(*, pool: Pool, year: int) -> PoolYear:
    """The pool's row for a year; a year without a row gets the pool's yearly amount as its budget."""
    existing = PoolYear.objects.filter(pool=pool, year=year).first()
    if existing is not None:
        return existing
    try:
        with transaction.atomic():
            return PoolYear.objects.create(pool=pool, year=year, budget=pool.annual_amount)
    except IntegrityError:  # created by a parallel transaction a moment ago
        return PoolYear.objects.get(pool=pool, year=year)


def _sums(pool_year_ids) -> dict[int, dict[str, Decimal]]:
    rows = (
        LedgerEntry.objects.filter(pool_year_id__in=pool_year_ids)
        .values("pool_year_id")
        .annotate(
            committed=Sum("amount", filter=Q(kind=LedgerKind.COMMITMENT)),
            released=Sum("amount", filter=Q(kind=LedgerKind.RELEASE)),
            disbursed=Sum("amount", filter=Q(kind=LedgerKind.DISBURSEMENT)),
        )
    )
    return {
        row["pool_year_id"]: {k: row[k] or ZERO for k in ("committed", "released", "disbursed")}
        for row in rows
    }


def status_for(pool_years) -> list[YearStatus]:
    pool_years = list(pool_years)
    sums = _sums([py.pk for py in pool_years])
    result = []
    for py in pool_years:
        s = sums.get(py.pk, {"committed": ZERO, "released": ZERO, "disbursed": ZERO})
        result.append(YearStatus(py, py.budget, s["committed"] - s["released"], s["disbursed"]))
    return result


@transaction.atomic
def commit(
    *, pool: Pool, amounts: dict[int, Decimal], application, actor: "User", note: str = ""
) -> list[LedgerEntry]:
    """Commit ``amounts`` (year -> kr.) from the pool, or raise ``LedgerRefused`` and commit nothing."""
    years = sorted(year for year, amount in amounts.items() if amount > 0)
    for year in years:
        pool_year_ensure(pool=pool, year=year)
    locked = list(PoolYear.objects.select_for_update().filter(pool=pool, year__in=years).order_by("year"))
    statuses = {s.pool_year.year: s for s in status_for(locked)}
    for year in years:
        remaining = statuses[year].remaining
        if amounts[year] > remaining:
            raise LedgerRefused(year=year, requested=amounts[year], remaining=remaining)
    entries = [
        LedgerEntry(
            pool_year=statuses[year].pool_year,
            kind=LedgerKind.COMMITMENT,
            amount=amounts[year],
            application=application,
            note=note[:300],
            created_by=actor,
        )
        for year in years
    ]
    return LedgerEntry.objects.bulk_create(entries)


def project_open_commitments(*, project) -> dict[int, tuple[PoolYear, Decimal]]:
    """Per pool year: what is committed to the project and not yet disbursed or released."""
    rows = (
        LedgerEntry.objects.filter(Q(application_id=project.application_id) | Q(project=project))
        .values("pool_year_id", "kind")
        .annotate(total=Sum("amount"))
    )
    open_amounts: dict[int, Decimal] = {}
    for row in rows:
        sign = 1 if row["kind"] == LedgerKind.COMMITMENT else -1
        open_amounts[row["pool_year_id"]] = open_amounts.get(row["pool_year_id"], ZERO) + sign * row["total"]
    years = PoolYear.objects.in_bulk(list(open_amounts))
    return {years[pk].year: (years[pk], amount) for pk, amount in open_amounts.items() if amount > 0}


@transaction.atomic
def disburse(*, project, year: int, amount: Decimal, actor: "User", note: str = "") -> LedgerEntry:
    open_by_year = project_open_commitments(project=project)
    if year not in open_by_year:
        raise LedgerRefused(year=year, requested=amount, remaining=ZERO)
    pool_year, available = open_by_year[year]
    PoolYear.objects.select_for_update().filter(pk=pool_year.pk).first()
    available = project_open_commitments(project=project)[year][1]
    if amount <= 0 or amount > available:
        raise LedgerRefused(year=year, requested=amount, remaining=available)
    return LedgerEntry.objects.create(
        pool_year=pool_year,
        kind=LedgerKind.DISBURSEMENT,
        amount=amount,
        application=project.application,
        project=project,
        note=note[:300],
        created_by=actor,
    )


@transaction.atomic
def release_open(*, project, actor: "User", note: str = "") -> Decimal:
    """Give back to the pool what is committed to the project and not disbursed (an early stop)."""
    released = ZERO
    for _year, (pool_year, amount) in sorted(project_open_commitments(project=project).items()):
        PoolYear.objects.select_for_update().filter(pk=pool_year.pk).first()
        LedgerEntry.objects.create(
            pool_year=pool_year,
            kind=LedgerKind.RELEASE,
            amount=amount,
            application=project.application,
            project=project,
            note=note[:300],
            created_by=actor,
        )
        released += amount
    return released
