"""The activity log, which is also the audit trail, and calm notifications.

Services call ``activity.record(actor=..., verb=..., target=..., changes=...)`` inside their transaction.
"""


def record(**kwargs):
    from .services import activity_record

    return activity_record(**kwargs)


def notify(**kwargs):
    from .services import notification_send

    return notification_send(**kwargs)


def notified(**kwargs) -> bool:
    from .services import notification_exists

    return notification_exists(**kwargs)
