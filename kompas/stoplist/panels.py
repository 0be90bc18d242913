from django.utils.translation import gettext

from kompas.core import formats
from kompas.core.search import url_maker
from kompas.core.statements import Statement, id_values, ids_in
from kompas.core.welcome import address, filled

from .choices import FarewellStatus
from .models import FarewellProposal
from .permissions import can_view_farewells, led_unit_ids

# Compiled once per process and number of units led, with the units as parameters (kompas.core.statements).
_PROPOSED_IN_UNITS = Statement(
    lambda count: (
        FarewellProposal.objects.filter(
            ids_in("owner_unit_id", "unit", count), status=FarewellStatus.PROPOSED
        )
        .select_related("owner_unit")
        .order_by("created_at", "id")[:5]
    )
)


def to_decide(request) -> dict | None:
    """A leader's front page: proposals on the farewell list that wait for their decision."""
    user = request.user
    if not can_view_farewells.test(user):
        return None
    led = led_unit_ids(user)
    if not led:
        return None
    proposals = _PROPOSED_IN_UNITS.objects(shape=(len(led),), **id_values("unit", led))
    if not proposals:
        return None
    # Each row's address and label worked out once here, rather than a tag per row in the template.
    detail_url = url_maker("stoplist:detail", "pk")
    for proposal in proposals:
        proposal.detail_url = detail_url(proposal.pk)
        proposal.hours_label = filled(
            gettext("%(hours)s hours a year"), hours=formats.number(proposal.hours_per_year)
        )
    return {"proposals": proposals, "list_url": address("stoplist:list")}


def hours_freed(request) -> dict | None:
    """Everyone's front page: what the municipality said goodbye to, and the hours it freed (the public list)."""
    from .selectors import public_totals

    totals, count, hours = public_totals()
    if not count:
        return None
    return {"totals": totals, "total_count": count, "total_hours": hours}
