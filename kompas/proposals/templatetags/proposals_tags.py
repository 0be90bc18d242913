from django import template

from ..choices import BAND_BADGES, BAND_LABELS, STATUS_BADGES

register = template.Library()


@register.filter
def status_badge(status: str) -> str:
    return STATUS_BADGES.get(status, "")


@register.filter
def band_badge(band: str) -> str:
    return BAND_BADGES.get(band, "")


@register.filter
def band_label(band: str) -> str:
    return str(BAND_LABELS.get(band, band))


@register.filter
def lookup(mapping: dict, key: str):
    return mapping.get(key) if mapping else None
