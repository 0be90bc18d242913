"""The fund's settings: the fund, its pools, themes, criteria and rounds (programme staff; audited)."""

import datetime as dt
from decimal import Decimal
from typing import TYPE_CHECKING, Any, TypeVar

from django.db import transaction

from kompas import activity
from kompas.activity.services import changes_between, snapshot
from kompas.core.keep import KEEP, Keep, given

from .. import verbs
from ..models import (
    Criterion,
    DirectorsGroupMember,
    Fund,
    Pool,
    Round,
    Theme,
)

if TYPE_CHECKING:
    from kompas.accounts.models import User
    from kompas.organisations.models import Department


@transaction.atomic
def fund_save(
    *,
    fund: Fund,
    actor: "User",
    name: str,
    description: str,
    is_active: bool,
    budget_year: int | None | Keep = KEEP,
    total_amount: Decimal | None | Keep = KEEP,
    financing_rate: Decimal | Keep = KEEP,
) -> Fund:
    """Save the fund's own settings (programme staff; audited): its allocation (seed 004: 40 mio. kr. in the
    budget of 2012) and the financing key (0.75 % of payroll) are data the municipality edits."""
    return _config_save(
        instance=fund,
        actor=actor,
        values={
            "name": name,
            "description": description,
            "is_active": is_active,
            **given(budget_year=budget_year, total_amount=total_amount, financing_rate=financing_rate),
        },
    )


def pool_save(
    *,
    pool: Pool,
    actor: "User",
    name: str,
    kind: str,
    annual_amount: Decimal,
    description: str,
    order: int,
    holder: "Department | None | Keep" = KEEP,
    first_year: int | None | Keep = KEEP,
    last_year: int | None | Keep = KEEP,
    evaluation: str | Keep = KEEP,
) -> Pool:
    """Save one of the fund's pools (programme staff; audited). A new pool has its fund set."""
    return _config_save(
        instance=pool,
        actor=actor,
        values={
            "name": name,
            "kind": kind,
            "annual_amount": annual_amount,
            "description": description,
            "order": order,
            **given(holder=holder, first_year=first_year, last_year=last_year, evaluation=evaluation),
        },
    )


def theme_save(
    *, theme: Theme, actor: "User", name: str, description: str, order: int, is_active: bool
) -> Theme:
    """Save one of the fund's themes (programme staff; audited). A new theme has its fund set."""
    return _config_save(
        instance=theme,
        actor=actor,
        values={"name": name, "description": description, "order": order, "is_active": is_active},
    )


def criterion_save(
    *,
    criterion: Criterion,
    actor: "User",
    name: str,
    description: str,
    is_main: bool,
    order: int,
    is_active: bool,
) -> Criterion:
    """Save one of the assessment criteria (programme staff; audited). A new one has its fund set."""
    return _config_save(
        instance=criterion,
        actor=actor,
        values={
            "name": name,
            "description": description,
            "is_main": is_main,
            "order": order,
            "is_active": is_active,
        },
    )


def round_save(
    *,
    round: Round,
    actor: "User",
    title: str,
    pool: Pool,
    description: str,
    opens_at: dt.datetime,
    closes_at: dt.datetime,
    sealed: bool,
    anonymise_applicants: bool,
    answer_by: dt.date | None | Keep = KEEP,
    uses_advisory_board: bool | Keep = KEEP,
) -> Round:
    """Save an application round (programme staff; audited). A new round has its fund set."""
    return _config_save(
        instance=round,
        actor=actor,
        values={
            "title": title,
            "pool": pool,
            "description": description,
            "opens_at": opens_at,
            "closes_at": closes_at,
            "sealed": sealed,
            "anonymise_applicants": anonymise_applicants,
            **given(answer_by=answer_by, uses_advisory_board=uses_advisory_board),
        },
    )


def director_save(
    *, member: DirectorsGroupMember, actor: "User", user: "User", title: str, is_active: bool
) -> DirectorsGroupMember:
    """Add or change a member of the directors' group, the body that recommends (programme staff; audited)."""
    return _config_save(
        instance=member, actor=actor, values={"user": user, "title": title, "is_active": is_active}
    )


ConfigModel = TypeVar("ConfigModel", Fund, Pool, Theme, Criterion, Round, DirectorsGroupMember)


@transaction.atomic
def _config_save(*, instance: ConfigModel, actor: "User", values: dict[str, Any]) -> ConfigModel:
    """Set the named fields of a fund, pool, theme, criterion or round, validate, save and audit."""
    fields = list(values)
    before = snapshot(instance, fields) if instance.pk else {}
    for name, value in values.items():
        setattr(instance, name, value)
    instance.full_clean()
    instance.save()
    activity.record(
        actor=actor,
        verb=verbs.CONFIG_SAVED,
        target=instance,
        changes=changes_between(before, snapshot(instance, fields)),
    )
    return instance
