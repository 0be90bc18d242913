from django.db.models import Count, Window

from . import selectors

SHOWN = 5


def notifications(request) -> dict | None:
    """The newest unread notifications and how many are unread, in one query (the count as a window over all
    the unread ones, computed before the limit)."""
    if not request.user.is_authenticated:
        return None
    newest = list(
        selectors.notifications_for(user=request.user)
        .filter(read_at__isnull=True)
        .annotate(unread=Window(Count("pk")))[:SHOWN]
    )
    unread = newest[0].unread if newest else 0
    return {"notifications": newest, "unread": unread}
