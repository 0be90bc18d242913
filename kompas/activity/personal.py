"""Personal data held by the activity app (GDPR registry entry)."""

from django.utils.translation import gettext_lazy as _

from kompas.core.personal_data import Provider


def export(user) -> dict:
    from .models import ActivityEntry, Notification

    return {
        "activity": [
            {
                "time": entry.created_at.isoformat(),
                "verb": entry.verb,
                "object": entry.target_repr,
                "changes": entry.changes,
            }
            for entry in ActivityEntry.objects.filter(actor=user).order_by("created_at")
        ],
        "notifications": [
            {"time": n.created_at.isoformat(), "message": n.message, "read": n.read_at is not None}
            for n in Notification.objects.filter(recipient=user).order_by("created_at")
        ],
    }


def erase(user) -> int:
    from .models import DigestLog, Notification

    removed, _detail = Notification.objects.filter(recipient=user).delete()
    digests, _detail = DigestLog.objects.filter(recipient=user).delete()
    return removed + digests


PROVIDER = Provider(
    key="activity",
    description=_("Activity log entries the person made, and their notifications."),
    export=export,
    erase=erase,
    kept=_(
        "The audit trail is kept: it documents the municipality's case handling (the Danish Public "
        "Administration Act and archive rules). The entries then point to the anonymised account."
    ),
    order=90,
)
