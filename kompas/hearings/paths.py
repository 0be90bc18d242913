"""What hearings hold on the compass's paths (``kompas.core.paths``): a hearing is a way to listen. Everyone sees
the hearings that have been opened (``selectors.hearings_public``); drafts are on no path."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from kompas.core import paths

from . import selectors
from .permissions import can_manage_hearing

PROVIDER = paths.declare(
    key="hearings",
    heading=_("Hearings"),
    order=15,
    label="hearings.hearing",
    kind_label=_("Hearing"),
    natural={"listen"},
    visible=lambda user: selectors.hearings_public().order_by("-deadline", "-id"),
    show=lambda hearing, user: paths.Shown(
        title=hearing.title,
        url=reverse("hearings:detail", kwargs={"pk": hearing.pk}),
        summary=hearing.summary,
        date=hearing.deadline,
        status_label=hearing.get_status_display(),
    ),
    may_change=can_manage_hearing,
)


def register() -> None:
    paths.register(PROVIDER)
