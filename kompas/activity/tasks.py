from celery import shared_task
from django.contrib.auth import get_user_model

from .services import digest_send


@shared_task(name="kompas.activity.tasks.send_daily_digests")
def send_daily_digests() -> int:
    """Send each user with unread notifications their one digest of the day."""
    users = (
        get_user_model()
        .objects.filter(
            is_active=True, notifications__read_at__isnull=True, notifications__emailed_at__isnull=True
        )
        .distinct()
    )
    return sum(1 for user in users if digest_send(user=user))
