"""What the farewell list holds on the compass's paths (``kompas.core.paths``): a farewell decision is a way to
lead. Staff see the decisions on the list by its own rule (``can_view_farewells``); everyone else sees only the
public list (``selectors.public_farewells``: stopped or simplified, without proposer or internal note)."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from kompas.core import paths

from . import selectors
from .choices import FarewellStatus
from .permissions import can_decide, can_view_farewells

NATURAL = frozenset({"lead"})
LABEL = "stoplist.farewellproposal"


def items(user, path: str, tagged, limit: int) -> list[paths.PathItem]:
    """Staff: the decided proposals on "lede", and any proposal a person tagged with another path; everyone
    else: the public list."""
    pks = tagged.get(LABEL, ())
    if can_view_farewells.test(user):
        everything = selectors.proposals_for_list(user=user, filters=selectors.FarewellFilters())
        decided = everything.exclude(status=FarewellStatus.PROPOSED).order_by("-decided_at", "-id")
        proposals = decided if path in NATURAL else everything.filter(pk__in=list(pks))
        url_name = "stoplist:detail"
    else:
        proposals = paths.on_path(selectors.public_farewells(), path=path, natural=NATURAL, tagged=pks)
        url_name = "stoplist:public-detail"
    return [
        paths.PathItem(
            label=LABEL,
            pk=proposal.pk,
            title=proposal.title,
            url=reverse(url_name, kwargs={"pk": proposal.pk}),
            kind_label=_("Farewell decision"),
            summary=proposal.decision_reason,
            date=proposal.decided_at,
            status_label=proposal.get_status_display(),
        )
        for proposal in proposals[:limit]
    ]


# The items follow their own shape (above); the declaration gives the tag rule: the one who decides.
PROVIDER = paths.declare(
    key="farewells",
    heading=_("What we said goodbye to"),
    order=75,
    label=LABEL,
    kind_label=_("Farewell decision"),
    natural=NATURAL,
    may_change=can_decide,
    related=("owner_unit",),
    items=items,
)


def register() -> None:
    paths.register(PROVIDER)
