"""Writes of the activity app: record what happened, notify people calmly, send the daily digest."""

import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any, TypeVar, cast

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.mail import send_mail
from django.db import IntegrityError, connection, models, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from kompas.core import page_cache, versions
from kompas.core.links import absolute

from . import redaction
from .models import ActivityEntry, DigestLog, Notification

if TYPE_CHECKING:
    # django-stubs' placeholder for the AUTH_USER_MODEL (accounts.User, an app this one may not import).
    from django.contrib.auth.models import _AnyUser, _User

ModelT = TypeVar("ModelT", bound=models.Model)


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


def changes_between(
    before: dict[str, Any], after: dict[str, Any], *, private: Iterable[str] = ()
) -> dict[str, list[Any]]:
    """``{field: [before, after]}`` for every field whose value differs.

    Fields named in ``private`` are compared on their real values but recorded only as the marker
    (``redaction.PRIVATE_MARKER``): the trail shows that they changed, never what they hold.
    """
    keys = list(dict.fromkeys([*before, *after]))
    changes = {key: [before.get(key), after.get(key)] for key in keys if before.get(key) != after.get(key)}
    return redaction.redact(changes, private)


def activity_record(
    *,
    actor: "_AnyUser | None",
    verb: str,
    target: models.Model | None = None,
    changes: dict[str, list[Any]] | None = None,
    private: Iterable[str] = (),
) -> ActivityEntry:
    """Append one entry to the audit trail. Call it inside the service's transaction.

    ``private`` names the fields of ``changes`` that hold private text or personal data which some readers of
    the object's history may not see: they are stored as the marker, so the entry shows only that they changed
    (ADR 0018). Decide per field at the call site.

    Every recorded write also bumps the content version, so no cached page outlives a change made through a
    service (``kompas.core.versions``; writes that record nothing, such as a vote, bump what they change).
    """
    if actor is not None and not getattr(actor, "is_authenticated", False):
        actor = None
    versions.bump("content")
    return ActivityEntry.objects.create(
        actor=cast("_User | None", actor),  # an anonymous actor was made None above
        verb=verb,
        target_type=ContentType.objects.get_for_model(target) if target is not None else None,
        target_id=str(target.pk) if target is not None else "",
        target_repr=str(target)[:255] if target is not None else "",
        changes=redaction.redact(changes or {}, private),
    )


@dataclass(frozen=True)
class Audited:
    """What the audit trail records of one kind of object: its ``fields`` and many-to-many relations (``m2m``,
    recorded as the sorted names of their members), and which of them hold private text that is recorded only
    as changed (``private``, ADR 0018)."""

    fields: tuple[str, ...]
    m2m: tuple[str, ...] = ()
    private: tuple[str, ...] = ()

    @property
    def names(self) -> tuple[str, ...]:
        """Every field and relation the trail records (what an update service may be given)."""
        return self.fields + self.m2m

    def state(self, instance: models.Model) -> dict[str, Any]:
        return snapshot(instance, self.fields, m2m=self.m2m)

    def set_m2m(self, instance: models.Model, values: Mapping[str, Any]) -> None:
        """Set the relations named in ``values``; the others stay as they are."""
        for name in self.m2m:
            if name in values:
                getattr(instance, name).set(values[name])


def audited_create(
    *,
    instance: ModelT,
    actor: "_AnyUser | None",
    verb: str,
    audited: Audited,
    m2m: Mapping[str, Iterable[Any]],
    clean_exclude: Iterable[str] = (),
) -> ModelT:
    """Validate and save the new ``instance``, set its relations (``m2m``) and record ``verb`` with every field
    as a change from nothing (recording bumps the content version). Call it inside the service's transaction."""
    instance.full_clean(exclude=list(clean_exclude))
    instance.save()
    audited.set_m2m(instance, m2m)
    activity_record(
        actor=actor,
        verb=verb,
        target=instance,
        changes=changes_between({}, audited.state(instance)),
        private=audited.private,
    )
    return instance


def audited_update(
    *,
    instance: ModelT,
    actor: "_AnyUser | None",
    verb: str,
    audited: Audited,
    values: Mapping[str, Any],
    prepare: Callable[[ModelT, dict[str, Any]], None] | None = None,
    target: models.Model | None = None,
    label: Callable[[ModelT], object] | None = None,
) -> tuple[ModelT, dict[str, list[Any]]]:
    """Lock and read ``instance`` again, set the fields and relations given in ``values`` (the others stay),
    validate and save it; when anything changed, record ``verb`` with the changes (recording bumps the content
    version). ``prepare(instance, before)`` runs after the fields are set and before validation, for fields that
    follow from others. A part of a larger object (an indicator of a goal) is recorded on ``target`` instead,
    each change named ``"<label(instance)>: <field>"``. Call it inside the service's transaction. Returns the
    saved instance and the changes (empty when nothing changed), so that the service can do what a change needs
    beyond that."""
    instance = type(instance)._default_manager.select_for_update().get(pk=instance.pk)
    before = audited.state(instance)
    for name in audited.fields:
        if name in values:
            setattr(instance, name, values[name])
    if prepare is not None:
        prepare(instance, before)
    instance.full_clean()
    instance.save()
    audited.set_m2m(instance, values)
    changes = changes_between(before, audited.state(instance))
    if changes:
        recorded = redaction.redact(changes, audited.private)
        if label is not None:
            recorded = {f"{label(instance)}: {key}": pair for key, pair in recorded.items()}
        activity_record(
            actor=actor, verb=verb, target=instance if target is None else target, changes=recorded
        )
    return instance, changes


def wording_update(
    *,
    instance: ModelT,
    actor: "_AnyUser | None",
    verb: str,
    fields: tuple[str, ...],
    values: Mapping[str, Any],
    wording: Iterable[str] | None = None,
) -> ModelT:
    """Set ``values`` on an object that starts in Kompas' default wording (``is_default_text``), comparing with
    what is stored (it is locked and read again; an unsaved one is new). When any of ``fields`` changed, save it
    as no longer the default wording (only a change to one of ``wording``, where given, counts for that) and
    record ``verb`` with the changes (recording bumps the content version). Call it inside the service's
    transaction."""
    if instance.pk:
        instance = type(instance)._default_manager.select_for_update().get(pk=instance.pk)
    before = snapshot(instance, fields) if instance.pk else {}
    for name, value in values.items():
        setattr(instance, name, value)
    changes = changes_between(before, snapshot(instance, fields))
    if changes:
        if wording is None or not changes.keys().isdisjoint(wording):
            setattr(instance, "is_default_text", False)  # noqa: B010  (every such model has it; mypy cannot know)
        instance.save()
        activity_record(actor=actor, verb=verb, target=instance, changes=changes)
    return instance


# The PostgreSQL trigger lets an UPDATE of target_repr and changes through while this is 'on' in the
# transaction, and refuses everything else (migration 0003, ADR 0018).
ERASURE_SETTING = "kompas.audit_erasure"


def _audit_erasure_allow(on: bool) -> None:
    """Open or close the trigger's erase path for the rest of the transaction (``SET LOCAL``)."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT set_config(%s, %s, true)", [ERASURE_SETTING, "on" if on else "off"])


def person_identifiers(*, person: "_User") -> list[str]:
    """Every form under which the audit trail may have recorded ``person``: the name and e-mail address they
    have now, and the names and addresses their own account's entries recorded before (a former name)."""
    found = {person.full_name, person.email, str(person), person.get_full_name()}
    user_type = ContentType.objects.get_for_model(person)
    own = ActivityEntry.objects.filter(target_type=user_type, target_id=str(person.pk))
    for target_repr, changes in own.values_list("target_repr", "changes"):
        found.add(target_repr)
        for field in ("full_name", "email"):
            pair = changes.get(field) if isinstance(changes, dict) else None
            if isinstance(pair, list):
                found.update(value for value in pair if isinstance(value, str))
    return sorted(
        identifier.strip()
        for identifier in found
        if identifier and len(identifier.strip()) >= 2 and identifier.strip() != redaction.PRIVATE_MARKER
    )


@transaction.atomic
def audit_trail_erase_person(*, person: "_User", replacement: str) -> int:
    """Replace ``person``'s name and e-mail address with ``replacement`` in every entry of the audit trail.

    The one write the append-only trail allows (ADR 0018): only ``target_repr`` and ``changes`` change, every
    other column and every other entry stays as it was, and no entry is removed. Who did something is not
    stored as text: the actor is a reference to the account, which the accounts app anonymises.
    A full name or an e-mail address is replaced wherever it occurs as a whole; a one-word name (which could
    be any word, or part of another person's name) only in the entries about the person's own account.
    Returns the number of entries rewritten.
    """
    identifiers = person_identifiers(person=person)
    everywhere = [i for i in identifiers if " " in i or "@" in i]
    pattern = redaction.identifier_pattern(everywhere)
    own_pattern = redaction.identifier_pattern(identifiers)
    if own_pattern is None:
        return 0
    user_type = ContentType.objects.get_for_model(person)
    own = models.Q(target_type=user_type, target_id=str(person.pk))
    query = own
    for identifier in everywhere:
        for form in redaction.search_forms(identifier):
            query |= models.Q(target_repr__icontains=form) | models.Q(changes__icontains=form)
    rewritten = []
    for pk, type_id, target_id, target_repr, changes in ActivityEntry.objects.filter(query).values_list(
        "pk", "target_type_id", "target_id", "target_repr", "changes"
    ):
        is_own = type_id == user_type.pk and target_id == str(person.pk)
        use = own_pattern if is_own else pattern
        if use is None:
            continue
        new_repr = redaction.scrub(target_repr, use, replacement)[:255]
        new_changes = redaction.scrub(changes, use, replacement)
        if new_repr != target_repr or new_changes != changes:
            rewritten.append((pk, new_repr, new_changes))
    if not rewritten:
        return 0
    _audit_erasure_allow(True)
    for pk, new_repr, new_changes in rewritten:
        ActivityEntry.objects.filter(pk=pk).update(target_repr=new_repr, changes=new_changes)
    _audit_erasure_allow(False)  # a failure above rolls the setting back with the transaction
    return len(rewritten)


def notification_send(*, recipients: "Iterable[_User | None]", message: str, url: str = "") -> None:
    """Create in-app notifications once the surrounding transaction has committed."""
    recipient_ids = [user.pk for user in recipients if user is not None]

    def create() -> None:
        Notification.objects.bulk_create(
            [Notification(recipient_id=pk, message=message[:300], url=url) for pk in recipient_ids]
        )
        page_cache.personal_changed()  # the readers' own cached pages show their notifications

    transaction.on_commit(create)


def notification_exists(*, recipient: "_User", message: str, url: str, since: dt.datetime) -> bool:
    """Has the recipient had this notification since then? Lets a task that may run twice notify once."""
    return Notification.objects.filter(
        recipient=recipient, message=message[:300], url=url, created_at__gte=since
    ).exists()


def notifications_mark_read(*, user: "_User") -> int:
    marked = Notification.objects.filter(recipient=user, read_at__isnull=True).update(read_at=timezone.now())
    if marked:
        page_cache.personal_changed()
    return marked


def digest_send(*, user: "_User", today: dt.date | None = None) -> int:
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
        # The mail is read outside the site: each notification with the address it leads to, and the list of all.
        context = {
            "user": user,
            "notifications": [(n.message, absolute(n.url)) for n in pending],
            "all_url": absolute(reverse("activity:notifications")),
            "site_name": settings.KOMPAS_SITE_NAME,
        }
        subject = render_to_string("activity/email/digest_subject.txt", context).strip()
        body = render_to_string("activity/email/digest_body.txt", context)
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [user.email])
    return len(pending)
