from django import template

from ..choices import STATUS_BADGES

register = template.Library()


@register.filter
def status_badge(status: str) -> str:
    """The DKFDS badge class for a goal status (the status text is always shown in the badge too)."""
    return STATUS_BADGES.get(status, "")


@register.filter
def percent(fraction) -> str:
    if fraction is None:
        return "–"
    return f"{round(float(fraction) * 100)} %"
