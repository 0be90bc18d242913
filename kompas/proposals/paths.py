"""What the council proposals hold on the compass's paths (``kompas.core.paths``): a proposal to the city council
is a way to lead. Staff see the proposals by the list's own rule (``selectors.proposals_for_user``: drafts only
for their department); everyone else sees only the published ones (``selectors.published_proposals``)."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from kompas.core import paths
from kompas.core.roles import is_staff_member

from . import selectors
from .permissions import edits_its_drafts


def visible(user):
    """Staff: the list's own rule (drafts only for their department); everyone else: the published ones."""
    if is_staff_member.test(user):
        return selectors.proposals_for_user(user=user)
    return selectors.published_proposals()


def show(proposal, user) -> paths.Shown:
    url_name = "proposals:detail" if is_staff_member.test(user) else "proposals:published-detail"
    return paths.Shown(
        title=proposal.title,
        url=reverse(url_name, kwargs={"pk": proposal.pk}),
        date=proposal.dated,
        status_label=proposal.get_status_display(),
    )


PROVIDER = paths.declare(
    key="proposals",
    heading=_("Council proposals"),
    order=80,
    label="proposals.proposal",
    kind_label=_("Council proposal"),
    natural={"lead"},
    visible=visible,
    show=show,
    may_change=edits_its_drafts,
)


def register() -> None:
    paths.register(PROVIDER)
