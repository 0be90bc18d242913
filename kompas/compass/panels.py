"""The front page's invitation to someone who is not signed in (and, after their own work, to everyone): the
vision, what is open now, the latest stories of value, and the four paths. Each module's own panels add what
only it knows (the farewell list's hours freed); what is open now is gathered from every module through
``kompas.core.welcome.open_invitations``, so the compass knows none of them."""

import datetime as dt
from functools import lru_cache
from typing import Any

from django.db.models import IntegerField
from django.utils import timezone
from django.utils.safestring import SafeString
from django.utils.translation import get_language, gettext

from kompas.citygoals import selectors as citygoal_selectors
from kompas.core import welcome
from kompas.core.statements import Param, Statement
from kompas.valuemap.models import SnapshotEvidence
from kompas.valuemap.selectors import current_snapshot

from . import selectors

FRONT_PAGE_STORIES = 3

# Compiled once per process (kompas.core.statements): the shared panels are rebuilt after every write.
_LATEST_STORIES = Statement(
    lambda: (
        SnapshotEvidence.objects.filter(goal__snapshot_id=Param("snapshot", IntegerField()))
        .select_related("goal")
        .order_by("-occurred_on", "-id")[:FRONT_PAGE_STORIES]
    )
)
_PATHS = Statement(selectors.paths)


def vision(request) -> dict[str, Any] | None:
    if request.user.is_authenticated:
        return None  # signed in: their work comes first (the other panels)
    return {"vision": citygoal_selectors.vision()}


def open_now(request) -> dict[str, Any] | None:
    invitations = welcome.open_invitations(request)
    if not invitations and request.user.is_authenticated:
        return None
    # Each invitation as the plain values its row shows, its deadline's label worked out here rather than a tag
    # per row: the template unpacks them instead of looking up five attributes of each invitation.
    language, zone = get_language(), timezone.get_current_timezone_name()
    rows = [
        (
            str(invitation.kind_label),
            invitation.url,
            invitation.title,
            _deadline_label(invitation.deadline, language, zone) if invitation.deadline else "",
            invitation.note,
        )
        for invitation in invitations
    ]
    # Only the rows: the page is kept under what its panels hold (welcome.rendered), and the invitations
    # themselves would be a second copy of the same values.
    return {"rows": rows}


@lru_cache(maxsize=1024)
def _deadline_label(deadline: "dt.date | dt.datetime", language: str | None, zone: str) -> SafeString:
    """The deadline's label ("Frist 1. oktober 2026") in ``language`` (the active one) and time zone: the same
    few deadlines (the open fund rounds') on every front page, worked out once per process."""
    return welcome.filled(gettext("Deadline %(when)s"), when=welcome.long_date(deadline))


def stories(request) -> dict[str, Any] | None:
    snapshot = current_snapshot()
    if snapshot is None:
        return None
    latest = _LATEST_STORIES.objects(snapshot=snapshot.pk)
    if not latest:
        return None
    return {"stories": latest}


def paths(request) -> dict[str, Any] | None:
    return {"paths": _PATHS.objects()}
