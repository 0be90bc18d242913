from django.contrib.contenttypes.models import ContentType
from django.db.models import QuerySet

from .models import ActivityEntry, Notification


def history_for(*, target_type: ContentType, target_id: str) -> QuerySet[ActivityEntry]:
    return (
        ActivityEntry.objects.filter(target_type=target_type, target_id=str(target_id))
        .select_related("actor")
        .order_by("-created_at", "-id")
    )


def notifications_for(*, user) -> QuerySet[Notification]:
    return Notification.objects.filter(recipient=user).order_by("-created_at", "-id")


def unread_count(*, user) -> int:
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()
