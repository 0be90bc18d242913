from . import selectors


def notifications(request) -> dict | None:
    if not request.user.is_authenticated:
        return None
    unread = selectors.notifications_for(user=request.user).filter(read_at__isnull=True)
    return {"notifications": list(unread[:5]), "unread": unread.count()}
