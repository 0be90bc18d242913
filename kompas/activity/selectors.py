from typing import TYPE_CHECKING

from django.contrib.contenttypes.models import ContentType
from django.db.models import QuerySet

from .models import ActivityEntry, Notification

if TYPE_CHECKING:
    from django.contrib.auth.models import _AnyUser, _User
    from django.db.models import Model


def history_for(*, target_type: ContentType, target_id: str) -> QuerySet[ActivityEntry]:
    return (
        ActivityEntry.objects.filter(target_type=target_type, target_id=str(target_id))
        .select_related("actor")
        .order_by("-created_at", "-id")
    )


def notifications_for(*, user: "_User") -> QuerySet[Notification]:
    return Notification.objects.filter(recipient=user).order_by("-created_at", "-id")


def unread_count(*, user: "_User") -> int:
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()


def history_for_user(*, user: "_AnyUser", target: "Model") -> QuerySet[ActivityEntry]:
    """The entries on ``target`` that ``user`` may read: the object is already readable (the caller asked the
    owning app through ``core.object_access``); each verb's audience decides its entries (``verbs.py``), and a
    person may always read the entries they made themselves."""
    from django.db.models import Q

    from . import verbs

    target_type = ContentType.objects.get_for_model(target)
    entries = history_for(target_type=target_type, target_id=str(target.pk))
    codes = set(entries.order_by().values_list("verb", flat=True).distinct())
    allowed = verbs.readable_codes(user=user, target=target, codes=codes, app_label=target_type.app_label)
    visible = Q(verb__in=allowed)
    if getattr(user, "is_authenticated", False):
        visible |= Q(actor=user)
    return entries.filter(visible)


def entry_readable(
    *, user: "_AnyUser", entry: ActivityEntry, cache: "dict[tuple[str, str, str], Model | None] | None" = None
) -> bool:
    """Whether ``user`` may read ``entry`` by the same two rules as the history page (object, then verb)."""
    from kompas.core import object_access

    from . import verbs

    if entry.target_type_id is None:
        return True
    target_type = ContentType.objects.get_for_id(entry.target_type_id)
    key = (target_type.app_label, target_type.model, entry.target_id)
    cache = {} if cache is None else cache
    if key not in cache:
        cache[key] = object_access.get_for_user(
            user=user, label=f"{target_type.app_label}.{target_type.model}", pk=entry.target_id
        )
    target = cache[key]
    if target is None:
        return False
    if entry.actor_id is not None and entry.actor_id == getattr(user, "pk", None):
        return True
    return bool(
        verbs.readable_codes(user=user, target=target, codes=[entry.verb], app_label=target_type.app_label)
    )
