"""Who decides a grant (seed 004 §6 "Byrådets rolle"). Pure: no Django.

Borgmesterens Afdeling has the budget responsibility and decides on the directors' group's recommendation,
except that a grant above 2 mio. kr., or one that spans more than one budget year, must go to the city
council.
"""

from decimal import Decimal

COUNCIL_THRESHOLD = Decimal("2000000")


def requires_council(amount: Decimal, first_year: int, last_year: int) -> bool:
    """True when the city council must decide: above 2 mio. kr. or more than one budget year."""
    if not isinstance(amount, Decimal):
        raise TypeError("amount must be a Decimal")
    if amount < 0:
        raise ValueError("amount must not be negative")
    if last_year < first_year:
        raise ValueError("last_year must not be before first_year")
    return amount > COUNCIL_THRESHOLD or last_year > first_year
