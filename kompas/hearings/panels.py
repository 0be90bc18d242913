from . import selectors


def open_hearings(request) -> dict | None:
    """Everyone's front page: the hearings open for answers now, soonest deadline first."""
    hearings = selectors.open_hearings(limit=5)
    if not hearings:
        return None
    return {"hearings": hearings}
