"""The field shapes the fund's models share: money, budget years and the user who recorded a step."""

from decimal import Decimal
from typing import TYPE_CHECKING, TypedDict

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models.expressions import Combinable

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

    from kompas.accounts.models import User


class _Money(TypedDict):
    max_digits: int
    decimal_places: int


MONEY: _Money = {"max_digits": 14, "decimal_places": 2}
YEAR = [MinValueValidator(2000), MaxValueValidator(2100)]


def optional_money(
    verbose_name: "StrOrPromise",
) -> "models.DecimalField[str | float | Decimal | Combinable | None, Decimal | None]":
    """An amount in kr. that may be left empty and is never below 0."""
    return models.DecimalField(
        verbose_name, **MONEY, null=True, blank=True, validators=[MinValueValidator(0)]
    )


def recorded_by() -> "models.ForeignKey[User | Combinable | None, User | None]":
    """Who took a step in the case; the step stays on record when the user is deleted."""
    return models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
