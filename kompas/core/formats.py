"""Numbers, amounts and percentages as Danes (and English readers) write them – one set of helpers.

Danish: thousands separated by ".", decimals by ",", a space before the unit: "2.500.000 kr.", "11 %", "0,1".
English: "2,500,000 DKK", "11%", "0.1". Trailing zeros are dropped unless a number of decimals is asked for,
so a stored ``Decimal("54.0000")`` reads "54".

The number logic is plain Python (no Django import) and takes the language as an argument; leaving the
language out means the active language of the request, which is the only place Django is asked (lazily).
Templates use the filters ``num``, ``kr`` and ``pct`` in ``kompas.core.templatetags.kompas``; messages in
Python use :func:`kr`, :func:`num` and :func:`pct` from here. Years, identifiers and counts in codes are
not numbers to format: write them as they are.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from fractions import Fraction
from numbers import Real

DANISH = "da"
ENGLISH = "en"

# language -> (thousands separator, decimal separator)
SEPARATORS = {DANISH: (".", ","), ENGLISH: (",", ".")}

# The most decimals a number shows when none are asked for (an indicator stores four).
MAX_DECIMALS = 4

EMPTY = "–"

Number = int | float | Decimal | Fraction


def language_base(language: str | None) -> str:
    """``"da"`` for ``"da"``, ``"da-dk"`` and unknown languages; ``"en"`` for ``"en"``, ``"en-gb"`` …"""
    base = (language or DANISH).split("-")[0].split("_")[0].lower()
    return base if base in SEPARATORS else DANISH


def _active_language() -> str:
    from django.utils.translation import get_language  # the one Django question: which language is active

    return language_base(get_language())


def _resolve(language: str | None) -> str:
    return language_base(language) if language else _active_language()


def to_decimal(value: object) -> Decimal | None:
    """A number as an exact ``Decimal``, or ``None`` for ``None``, ``""`` and what is not a finite number."""
    if value is None or value == "" or isinstance(value, bool):
        return None
    try:
        if isinstance(value, Decimal):
            result = value
        elif isinstance(value, int):
            result = Decimal(value)
        elif isinstance(value, float):
            result = Decimal(repr(value))  # the shortest decimal that is the float: 0.1 -> 0.1
        elif isinstance(value, Fraction):
            result = Decimal(value.numerator) / Decimal(value.denominator)
        elif isinstance(value, Real):
            result = Decimal(repr(float(value)))
        elif isinstance(value, str):
            result = Decimal(value.strip())
        else:
            return None
    except (InvalidOperation, ValueError, OverflowError):
        return None
    return result if result.is_finite() else None


def _round(value: Decimal, places: int) -> Decimal:
    return value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def _group(digits: str, separator: str) -> str:
    head = len(digits) % 3 or 3
    groups = [digits[:head]] + [digits[i : i + 3] for i in range(head, len(digits), 3)]
    return separator.join(groups)


def number(
    value: object,
    *,
    decimals: int | None = None,
    language: str | None = None,
    grouping: bool = True,
    empty: str = EMPTY,
) -> str:
    """``value`` written in ``language``: "1.234.567,5" (da) or "1,234,567.5" (en).

    ``decimals=None`` shows what the number needs, at most :data:`MAX_DECIMALS`, without trailing zeros;
    a number of decimals always shows that many ("0,10"). Halves round away from zero, as Danes round money.
    ``None`` and what is not a number read ``empty`` ("–").
    """
    amount = to_decimal(value)
    if amount is None:
        return empty
    thousands, point = SEPARATORS[_resolve(language)]
    if decimals is None:
        amount = _round(amount, MAX_DECIMALS)
        amount = amount.normalize() if amount else Decimal(0)
        places = max(0, -amount.as_tuple().exponent)  # type: ignore[operator]
    else:
        places = max(0, decimals)
    amount = _round(amount, places)
    sign = "-" if amount < 0 else ""
    text = f"{abs(amount):.{places}f}"
    whole, _, fraction = text.partition(".")
    if grouping:
        whole = _group(whole, thousands)
    return f"{sign}{whole}{point}{fraction}" if fraction else f"{sign}{whole}"


def amount_decimals(value: object) -> int:
    """Kroner show no øre when there are none (2.500.000 kr.) and two when there are (1.234,50 kr.)."""
    amount = to_decimal(value)
    if amount is None:
        return 0
    return 0 if _round(amount, 2) == _round(amount, 0) else 2


def kroner(value: object, *, language: str | None = None, empty: str = EMPTY) -> str:
    """An amount in kroner: "2.500.000 kr." (da), "2,500,000 DKK" (en); øre only when there are some."""
    amount = to_decimal(value)
    if amount is None:
        return empty
    language = _resolve(language)
    text = number(amount, decimals=amount_decimals(amount), language=language)
    return f"{text} DKK" if language == ENGLISH else f"{text} kr."


def percent(value: object, *, decimals: int = 0, language: str | None = None, empty: str = EMPTY) -> str:
    """A number of per cent: 11 -> "11 %" (da, with a space) or "11%" (en)."""
    amount = to_decimal(value)
    if amount is None:
        return empty
    language = _resolve(language)
    text = number(amount, decimals=decimals, language=language)
    return f"{text}%" if language == ENGLISH else f"{text} %"


def share(value: object, *, decimals: int = 0, language: str | None = None, empty: str = EMPTY) -> str:
    """A share (0–1) as per cent: 0.11 -> "11 %" (da) or "11%" (en)."""
    amount = to_decimal(value)
    if amount is None:
        return empty
    return percent(amount * 100, decimals=decimals, language=language, empty=empty)


# Short names for messages: ``kr(released)``, ``num(limit)``, ``pct(0.11)``.
kr = kroner
num = number
pct = share
