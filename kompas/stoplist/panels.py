from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

from django.utils.safestring import SafeString
from django.utils.translation import get_language, gettext

from kompas.core import formats
from kompas.core.search import url_maker
from kompas.core.statements import Statement, id_values, ids_in
from kompas.core.welcome import address, filled

from .choices import FarewellStatus
from .models import FarewellProposal
from .permissions import can_view_farewells, led_unit_ids

# Compiled once per process and number of units led, with the units as parameters (kompas.core.statements);
# only the columns the panel shows, as rows: building two model instances per row cost more than the query.
_PROPOSED_IN_UNITS = Statement(
    lambda count: (
        FarewellProposal.objects.filter(
            ids_in("owner_unit_id", "unit", count), status=FarewellStatus.PROPOSED
        )
        .order_by("created_at", "id")
        .values_list("pk", "title", "owner_unit__name", "hours_per_year")[:5]
    )
)


@dataclass(frozen=True)
class ProposalRow:
    """One proposal as the panel lists it, its address and label worked out once here rather than a tag per row
    in the template."""

    title: str
    unit_name: str
    detail_url: str
    hours_label: SafeString


@lru_cache(maxsize=512)
def _hours_label(hours: Decimal, language: str | None) -> SafeString:
    """A row's "12,5 hours a year" in the active language (given as part of the key): the same few numbers on
    every leader's front page, worked out once per process."""
    return filled(gettext("%(hours)s hours a year"), hours=formats.number(hours))


def to_decide(request) -> dict | None:
    """A leader's front page: proposals on the farewell list that wait for their decision."""
    user = request.user
    if not can_view_farewells.test(user):
        return None
    led = led_unit_ids(user)
    if not led:
        return None
    found = _PROPOSED_IN_UNITS.rows(shape=(len(led),), **id_values("unit", led))
    if not found:
        return None
    detail_url = url_maker("stoplist:detail", "pk")
    language = get_language()
    proposals = [
        ProposalRow(title, unit_name, detail_url(pk), _hours_label(hours, language))
        for pk, title, unit_name, hours in found
    ]
    return {"proposals": proposals, "list_url": address("stoplist:list")}


def hours_freed(request) -> dict | None:
    """Everyone's front page: what the municipality said goodbye to, and the hours it freed (the public list)."""
    from .selectors import public_totals

    totals, count, hours = public_totals()
    if not count:
        return None
    return {"totals": totals, "total_count": count, "total_hours": hours}
