"""Personal data held by the activity app (GDPR registry entry)."""

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from kompas.core.personal_data import Provider


def _export_entry(user, entry, cache: dict) -> dict:
    """One entry the person made. What it did to the object shows only if the person may still read the object
    by its owning app's rule, as on the history page (ADR 0015); otherwise only the fact and the time."""
    from django.contrib.contenttypes.models import ContentType

    from . import selectors, verbs

    app_label = ContentType.objects.get_for_id(entry.target_type_id).app_label if entry.target_type_id else ""
    own_account = app_label == "accounts" and entry.target_id == str(user.pk)
    row = {
        "time": entry.created_at.isoformat(),
        "verb": entry.verb,
        "what": str(verbs.label_for(entry.verb, app_label)),
    }
    if own_account or selectors.entry_readable(user=user, entry=entry, cache=cache):
        row.update(object=entry.target_repr, changes=entry.changes)
    else:
        row.update(object="", changes={}, withheld=True)
    return row


def export(user) -> dict:
    from .models import ActivityEntry, Notification

    cache: dict = {}
    return {
        "activity": [
            _export_entry(user, entry, cache)
            for entry in ActivityEntry.objects.filter(actor=user).order_by("created_at")
        ],
        "notifications": [
            {"time": n.created_at.isoformat(), "message": n.message, "read": n.read_at is not None}
            for n in Notification.objects.filter(recipient=user).order_by("created_at")
        ],
    }


def erase(user) -> int:
    from .models import DigestLog, Notification
    from .services import audit_trail_erase_person

    removed, _detail = Notification.objects.filter(recipient=user).delete()
    digests, _detail = DigestLog.objects.filter(recipient=user).delete()
    # The trail is data in the site's language, whoever erases.
    with translation.override(settings.LANGUAGE_CODE):
        replacement = gettext("(erased person)")
    rewritten = audit_trail_erase_person(person=user, replacement=replacement)
    return removed + digests + rewritten


PROVIDER = Provider(
    key="activity",
    description=_(
        "Activity log entries the person made, and their notifications. On erasure the notifications are "
        "deleted, and the person's name and e-mail address are replaced in every entry of the audit trail."
    ),
    export=export,
    erase=erase,
    kept=_(
        "The audit trail is kept: it documents the municipality's case handling (the Danish Public "
        "Administration Act and archive rules). Its entries keep what was done and when, without the "
        "person's name or e-mail address, and the entries they made point to the anonymised account."
    ),
    order=900,  # after the other apps, before the account itself: the name is still known here
)
