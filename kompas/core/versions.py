"""Content versions: cheap, consistent keys for cached fragments (see ``ContentVersion``)."""

from django.db.models import F

from .models import ContentVersion


def bump(key: str) -> None:
    """Call inside the writing service's transaction."""
    if not ContentVersion.objects.filter(key=key).update(version=F("version") + 1):
        ContentVersion.objects.get_or_create(key=key, defaults={"version": 1})


def current(key: str) -> int:
    return ContentVersion.objects.filter(key=key).values_list("version", flat=True).first() or 0
