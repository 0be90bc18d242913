from celery import shared_task
from django.utils import timezone

from .services import due_follow_ups_notify


@shared_task(name="kompas.goals.tasks.notify_due_follow_ups")
def notify_due_follow_ups() -> int:
    """Daily: tell owners whose follow-up falls due today (their daily digest collects it)."""
    return due_follow_ups_notify(today=timezone.localdate())
