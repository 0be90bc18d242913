from django import template

from kompas.core import formats

from ..choices import STATUS_BADGES

register = template.Library()


@register.filter
def status_badge(status: str) -> str:
    """The DKFDS badge class for a goal status (the status text is always shown in the badge too)."""
    return STATUS_BADGES.get(status, "")


@register.filter
def percent(fraction) -> str:
    """A share of the way (0–1) as per cent in the reader's language: "45 %" (da), "45%" (en)."""
    return formats.share(fraction)
