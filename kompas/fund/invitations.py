"""What the fund has open now, for the front page (``kompas.core.welcome``): the rounds that take applications,
with their deadline. Rounds are public (the fund's own public pages list them)."""

from django.db.models import DateTimeField
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kompas.core import welcome
from kompas.core.statements import Param, Statement

from . import selectors
from .models import Round

FRONT_PAGE_ROUNDS = 3


def _open_rounds_query():
    now = Param("now", DateTimeField())
    return (
        Round.objects.filter(opens_at__lte=now, closes_at__gt=now, fund__is_active=True)
        .select_related("pool")
        .order_by("closes_at", "pk")[:FRONT_PAGE_ROUNDS]
    )


# Compiled once per process with the time as a parameter (kompas.core.statements).
_OPEN_ROUNDS = Statement(_open_rounds_query)


def open_rounds(request) -> list[welcome.Invitation]:
    rounds = _OPEN_ROUNDS.objects(now=timezone.now())
    return [
        welcome.Invitation(
            title=round_.title,
            url=round_.get_absolute_url(),
            kind_label=_("Fund round"),
            deadline=timezone.localtime(round_.closes_at),
            note=str(round_.pool),
        )
        for round_ in rounds
    ]


def round_phase(version: int) -> str:
    """Changes exactly when a round opens or closes, so the cached front page shows it at once (``version``: the
    content version the front page's source read)."""
    return str(selectors.round_phase(version=version))


def register() -> None:
    # The rounds are public and read nothing of the reader: kept for every reader (the round phase is a part of
    # the page source, so a round that opens or closes shows at once).
    welcome.register_invitations("fund", open_rounds, shared=True)
    welcome.register_page_source("fund", round_phase)
