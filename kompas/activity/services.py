"""Writes of the activity app: record what happened, notify people calmly, send the daily digest."""

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.mail import send_mail
from django.db import IntegrityError, models, transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation

from .models import ActivityEntry, DigestLog, Notification


def _plain(value: Any) -> Any:
    """A JSON-safe rendering of a field value for the before/after record."""
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, models.Model):
        return str(value)
    if isinstance(value, Iterable):
        return [_plain(item) for item in value]
    return str(value)


def snapshot(instance: models.Model, fields: Iterable[str], m2m: Iterable[str] = ()) -> dict[str, Any]:
    """The current values of ``fields`` on ``instance``, ready to compare with a later snapshot.

    Each many-to-many relation named in ``m2m`` is recorded as the sorted names of its members.
    """
    state = {name: _plain(getattr(instance, name)) for name in fields}
    for name in m2m:
        state[name] = sorted(str(item) for item in getattr(instance, name).all())
    return state


def changes_between(before: dict[str, Any], after: dict[str, Any]) -> dict[str, list[Any]]:
    """``{field: [before, after]}`` for every field whose value differs."""
    keys = list(dict.fromkeys([*before, *after]))
    return {key: [before.get(key), after.get(key)] for key in keys if before.get(key) != after.get(key)}


def activity_record(
    *,
    actor,
    verb: str,
    target: models.Model | None = None,
    changes: dict[str, list[Any]] | None = None,
) -> ActivityEntry:
    """Append one entry to the audit trail. Call it inside the service's transaction."""
    if actor is not None and not getattr(actor, "is_authenticated", False):
        actor = None
    return ActivityEntry.objects.create(
        actor=actor,
        verb=verb,
        target_type=ContentType.objects.get_for_model(target) if target is not None else None,
        target_id=str(target.pk) if target is not None else "",
        target_repr=str(target)[:255] if target is not None else "",
        changes=changes or {},
    )


def notification_send(*, recipients: Iterable, message: str, url: str = "") -> None:
    """Create in-app notifications once the surrounding transaction has committed."""
    recipient_ids = [user.pk for user in recipients if user is not None]

    def create() -> None:
        Notification.objects.bulk_create(
            [Notification(recipient_id=pk, message=message[:300], url=url) for pk in recipient_ids]
        )

    transaction.on_commit(create)


def notifications_mark_read(*, user) -> int:
    return Notification.objects.filter(recipient=user, read_at__isnull=True).update(read_at=timezone.now())


def digest_send(*, user, today: dt.date | None = None) -> int:
    """Send one user today's digest of unread, not yet e-mailed notifications. At most one a day.

    Returns the number of notifications in the mail (0 when nothing was sent).
    """
    today = today or timezone.localdate()
    pending = list(
        Notification.objects.filter(recipient=user, read_at__isnull=True, emailed_at__isnull=True).order_by(
            "created_at"
        )
    )
    if not pending or not user.email or not user.is_active or not getattr(user, "digest_enabled", True):
        return 0
    try:
        with transaction.atomic():
            DigestLog.objects.create(recipient=user, day=today, count=len(pending))
            Notification.objects.filter(pk__in=[n.pk for n in pending]).update(emailed_at=timezone.now())
    except IntegrityError:
        return 0  # already sent today
    language = getattr(user, "preferred_language", "") or settings.LANGUAGE_CODE
    with translation.override(language):
        context = {"user": user, "notifications": pending, "site_name": settings.KOMPAS_SITE_NAME}
        subject = render_to_string("activity/email/digest_subject.txt", context).strip()
        body = render_to_string("activity/email/digest_body.txt", context)
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [user.email])
    return len(pending)
