"""The CPR guard as a Django validator, used by every free-text field in forms and the API."""

import logging

from django.core.exceptions import ValidationError
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _

from .cpr import find_cpr_spans

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

    def __call__(self, value) -> None:
        if not isinstance(value, str) or not value:
            return
        if find_cpr_spans(value):
            report_cpr_hit(text=value, where=self.where or "field")
            raise ValidationError(CPR_ERROR, code=self.code)

    def __eq__(self, other) -> bool:
        return isinstance(other, CPRValidator) and other.where == self.where


validate_no_cpr = CPRValidator()
