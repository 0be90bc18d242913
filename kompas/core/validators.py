"""The CPR guard as a Django validator, used by every free-text field in forms and the API."""

import logging
from collections.abc import Iterable, Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from . import formats
from .cpr import find_cpr_spans, lines_with_cpr

logger = logging.getLogger("kompas.security.cpr")

CPR_ERROR = _("The text appears to contain a CPR number. Remove it before you save.")


def report_cpr_hit(*, text: str, where: str) -> None:
    """Log that a CPR number was refused, with where and how many, never the number itself."""
    spans = find_cpr_spans(text)
    logger.warning("cpr_blocked where=%s count=%d length=%d", where, len(spans), len(text))


@deconstructible
class CPRValidator:
    """Refuses text that contains a Danish CPR number. The number is never stored nor logged."""

    code = "contains_cpr"

    def __init__(self, where: str = "") -> None:
        self.where = where

    def __call__(self, value: object) -> None:
        if not isinstance(value, str) or not value:
            return
        if find_cpr_spans(value):
            report_cpr_hit(text=value, where=self.where or "field")
            raise ValidationError(CPR_ERROR, code=self.code)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, CPRValidator) and other.where == self.where


validate_no_cpr = CPRValidator()


MAX_LINES_NAMED = 20


def check_lines_for_cpr(rows: Iterable[tuple[int, Iterable[object]]], *, where: str) -> list[int]:
    """The lines of an import whose text cells hold a CPR number (``core.cpr.lines_with_cpr``), logged.

    Every import (population, data points, Pol.is, ...) calls this, or the pure function itself, before it
    saves anything, and refuses the whole file when a line is returned.
    """
    lines = lines_with_cpr(rows)
    if lines:
        logger.warning("cpr_blocked where=%s lines=%d", where, len(lines))
    return lines


def line_list(lines: Sequence[int]) -> str:
    """``3, 7, 12``; after ``MAX_LINES_NAMED`` numbers, an ellipsis."""
    named = ", ".join(str(line) for line in lines[:MAX_LINES_NAMED])
    return named + (", …" if len(lines) > MAX_LINES_NAMED else "")


def cpr_lines_error(lines: Sequence[int]) -> str:
    """The Danish error for an import refused by the CPR guard, naming the lines (never the numbers)."""
    return ngettext(
        "Line %(lines)s appears to contain a CPR number. Remove it and import the file again; nothing was saved.",
        "Lines %(lines)s appear to contain a CPR number. Remove them and import the file again; "
        "nothing was saved.",
        len(lines),
    ) % {"lines": line_list(lines)}


# --- Limits on numbers, written as Danes read them ------------------------------------------------------


class LocalizedLimitMixin:
    """Django's value limits say "større end eller lig 0.1"; these write a decimal limit "0,1" (issue 16).

    Whole-number limits (years, counts, scores) are written as they are, so a year reads 2000, not 2.000."""

    def __call__(self, value: Any) -> None:
        cleaned = self.clean(value)  # type: ignore[attr-defined]
        limit = self.limit_value() if callable(self.limit_value) else self.limit_value  # type: ignore[attr-defined]
        if self.compare(cleaned, limit):  # type: ignore[attr-defined]
            params = {"limit_value": _limit_text(limit), "show_value": _limit_text(cleaned), "value": value}
            raise ValidationError(self.message, code=self.code, params=params)  # type: ignore[attr-defined]


def _limit_text(value: Any) -> Any:
    if isinstance(value, int | str):
        return value
    return formats.number(value)


@deconstructible
class LocalizedMinValueValidator(LocalizedLimitMixin, MinValueValidator):
    pass


@deconstructible
class LocalizedMaxValueValidator(LocalizedLimitMixin, MaxValueValidator):
    pass


LOCALIZED_LIMITS: dict[type, type] = {
    MinValueValidator: LocalizedMinValueValidator,
    MaxValueValidator: LocalizedMaxValueValidator,
}


def localize_limits(validators: list[Any]) -> None:
    """Swap Django's min/max value validators in ``validators`` for ones that write decimals in Danish form."""
    for index, validator in enumerate(validators):
        localized = LOCALIZED_LIMITS.get(type(validator))
        if localized is not None:
            validators[index] = localized(validator.limit_value, message=validator.message)
