"""Splitting money in proportion, to the øre, always summing exactly to the total. Pure: no Django.

The local innovation funds (seed 004 §7 and bilag 2) are split between the departments with the key that
financed the development pool: 0.75 % of each department's payroll, i.e. in proportion to payroll. We use
the largest-remainder method (Hamilton): everyone gets the floor of their exact share in øre, and the øre
left over go one each to the largest remainders (ties: larger weight, then name).
"""

from collections.abc import Mapping
from decimal import ROUND_FLOOR, Decimal

ORE = Decimal("0.01")


def split_proportionally(total: Decimal, weights: Mapping[str, Decimal]) -> dict[str, Decimal]:
    """Split ``total`` (a whole number of øre) between the keys of ``weights`` in proportion to them."""
    if not isinstance(total, Decimal):
        raise TypeError("total must be a Decimal")
    if total < 0:
        raise ValueError("total must not be negative")
    if total != total.quantize(ORE):
        raise ValueError("total must be a whole number of øre")
    if not weights:
        raise ValueError("there must be at least one recipient")
    for key, weight in weights.items():
        if not isinstance(weight, Decimal):
            raise TypeError(f"the weight of {key!r} must be a Decimal")
        if weight < 0:
            raise ValueError(f"the weight of {key!r} must not be negative")
    weight_sum = sum(weights.values(), Decimal(0))
    if weight_sum == 0:
        raise ValueError("the weights must not all be zero")
    total_ore = int(total / ORE)
    floors: dict[str, int] = {}
    remainders: list[tuple[Decimal, Decimal, str]] = []
    for key, weight in weights.items():
        # Exact arithmetic: compare remainders as fractions with the same denominator (weight_sum).
        numerator = weight * total_ore
        whole = int((numerator / weight_sum).to_integral_value(rounding=ROUND_FLOOR))
        while (whole + 1) * weight_sum <= numerator:  # guard against Decimal context rounding
            whole += 1
        while whole * weight_sum > numerator:
            whole -= 1
        floors[key] = whole
        remainders.append((numerator - whole * weight_sum, weight, key))
    left = total_ore - sum(floors.values())
    remainders.sort(key=lambda item: (-item[0], -item[1], item[2]))
    for _remainder, _weight, key in remainders[:left]:
        floors[key] += 1
    return {key: (Decimal(floors[key]) * ORE).quantize(ORE) for key in weights}


def allocate_local_funds(pool: Decimal, payroll: Mapping[str, Decimal]) -> dict[str, Decimal]:
    """Split the local pool between departments in proportion to their payroll, to the øre."""
    return split_proportionally(pool, payroll)
