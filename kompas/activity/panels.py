from functools import lru_cache

from django.db.models import Count, IntegerField, Window
from django.utils.safestring import SafeString
from django.utils.translation import get_language, ngettext

from kompas.core.statements import Param, Statement
from kompas.core.welcome import address, filled

from . import selectors

SHOWN = 5

# The selector's query with the reader's id as a parameter: compiled once per process (kompas.core.statements).
_NEWEST_UNREAD = Statement(
    lambda: (
        selectors.notifications_for(user=Param("user", IntegerField()))  # type: ignore[arg-type]
        .filter(read_at__isnull=True)
        .annotate(unread=Window(Count("pk")))[:SHOWN]
    )
)


def notifications(request) -> dict | None:
    """The newest unread notifications and how many are unread, in one query (the count as a window over all
    the unread ones, computed before the limit)."""
    if not request.user.is_authenticated:
        return None
    newest = _NEWEST_UNREAD.objects(user=request.user.pk)
    unread = newest[0].unread if newest else 0
    return {
        # (message, address): plain values, so the panel's HTML is kept under them (welcome.rendered)
        "notifications": [(n.message, n.url) for n in newest],
        "unread": unread,
        # The link and its label worked out here, rather than a tag each in the template.
        "all_url": address("activity:notifications"),
        "all_label": _all_label(unread, get_language()),
    }


@lru_cache(maxsize=256)
def _all_label(unread: int, language: str | None) -> SafeString:
    """The link's label in ``language`` (the active one), worked out once per count and language."""
    return filled(
        ngettext("All notifications (%(counter)s unread)", "All notifications (%(counter)s unread)", unread),
        counter=unread,
    )
