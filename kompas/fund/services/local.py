"""The local innovation funds: the split by payroll and the departments' local projects."""

import datetime as dt
from decimal import Decimal
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kompas import activity
from kompas.core.learnings import SharedLearning, announce
from kompas.organisations.models import Department

from .. import verbs
from ..allocation import allocate_local_funds
from ..models import (
    LocalAllocation,
    LocalProject,
    PoolYear,
)
from .base import FundError, _cpr_guard

if TYPE_CHECKING:
    from kompas.accounts.models import User


def _local_learning(local: LocalProject) -> SharedLearning:
    from django.urls import reverse

    return SharedLearning(
        key=f"fund.local:{local.pk}",
        kind="fund_report",
        title=local.title,
        body="\n\n".join(t for t in (local.description, local.learning) if t),
        url=reverse("fund:local") + f"?year={local.year}",
        # The year's end, but never a date that has not come yet (it was recorded when it was recorded).
        date=min(dt.date(local.year, 12, 31), timezone.localdate(local.created_at)),
        shared=local.shareable,
        department_id=local.department_id,
        paths=("learn",),
    )


@transaction.atomic
def local_allocate(
    *, pool_year: PoolYear, payroll: dict[int, Decimal], actor: "User"
) -> list[LocalAllocation]:
    """Split the local pool's year between departments by payroll (largest remainder, to the øre).

    Seed 004 §7: "Hver magistratsafdeling tildeles midler for et år ad gangen efter samme fordelingsnøgle" –
    the key that financed the pool, 0.75 % of payroll, so the shares follow payroll. The pool's years (the
    trial, 2013 and 2014 in the seed) are data: a year outside them is refused."""
    pool = pool_year.pool
    if (pool.first_year and pool_year.year < pool.first_year) or (
        pool.last_year and pool_year.year > pool.last_year
    ):
        raise FundError(
            _(
                "%(pool)s runs from %(first)s to %(last)s (%(evaluation)s). Extend the years under Settings if "
                "the city council continues it."
            )
            % {
                "pool": pool.name,
                "first": pool.first_year or "–",
                "last": pool.last_year or "–",
                "evaluation": pool.evaluation or _("a trial"),
            },
            "year",
        )
    if not payroll or any(amount is None or amount <= 0 for amount in payroll.values()):
        raise FundError(_("Enter each department's payroll for the year (above 0 kr.)."), "payroll")
    shares = allocate_local_funds(pool_year.budget, {str(k): v for k, v in payroll.items()})
    LocalAllocation.objects.filter(pool_year=pool_year).delete()
    rows = LocalAllocation.objects.bulk_create(
        [
            LocalAllocation(pool_year=pool_year, department_id=int(k), payroll=payroll[int(k)], amount=amount)
            for k, amount in shares.items()
        ]
    )
    activity.record(
        actor=actor,
        verb=verbs.LOCAL_ALLOCATION,
        target=pool_year.pool,
        changes={"year": [None, pool_year.year], "shares": [None, {k: str(v) for k, v in shares.items()}]},
    )
    return rows


@transaction.atomic
def local_project_save(
    *,
    actor: "User",
    local: LocalProject | None = None,
    department: Department,
    year: int,
    title: str,
    description: str,
    amount: Decimal,
    learning: str = "",
    shareable: bool = False,
    spread: bool = False,
) -> LocalProject:
    """Record a local project (``local`` None) or change one; every field is set."""
    _cpr_guard(title=title, description=description, learning=learning)
    local = local or LocalProject(created_by=actor)
    local.department = department
    local.year = year
    local.title = title
    local.description = description
    local.amount = amount
    local.learning = learning
    local.shareable = shareable
    local.spread = spread
    local.full_clean(exclude=["created_by"])
    local.save()
    activity.record(actor=actor, verb=verbs.LOCAL_PROJECT_SAVED, target=local)
    announce(_local_learning(local))
    return local
