"""Writes of Aarhuskompas-målingen. Keyword-only, transactional, audited (never the answering itself)."""

import datetime as dt
import hashlib
import logging
import secrets
import time
import uuid
from typing import TYPE_CHECKING, Any, cast

from celery import current_app
from django.conf import settings
from django.core.mail import send_mass_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from kompas import activity
from kompas.core import page_cache
from kompas.core.cpr import contains_cpr
from kompas.organisations.models import Department, Unit

from . import defaults, panel, population_csv, selectors, verbs
from .choices import LIKERT_KINDS, SCALE_POINTS, WAVE_TRANSITIONS, ItemKind, ResultsState, WaveStatus
from .disclosure import MIN_K, TEXT_K
from .models import (
    Draft,
    Instrument,
    Invitation,
    InvitationLink,
    Item,
    Option,
    Person,
    Population,
    Response,
    Section,
    Wave,
    WaveResults,
)

if TYPE_CHECKING:
    from kompas.accounts.models import User

logger = logging.getLogger(__name__)

REMINDER_AFTER_DAYS = 7
MAX_REMINDERS = 2
# Results asked for this long ago and neither ready nor failed-and-retried yet are asked for again (a lost task;
# the queue also hands an unfinished task out again after its visibility timeout).
RESULTS_RETRY_AFTER = dt.timedelta(minutes=15)


class SurveyError(Exception):
    """A refused write; ``code`` is a stable reason the view turns into a Danish message."""

    def __init__(self, code: str, detail: str = "") -> None:
        super().__init__(code)
        self.code = code
        self.detail = detail


def _digest(purpose: str, token: str) -> str:
    return hashlib.sha256(f"{purpose}:{token}".encode()).hexdigest()


def invitation_digest(token: str) -> str:
    return _digest("invitation", token)


def draft_digest(token: str) -> str:
    return _digest("draft", token)


# --- Instruments --------------------------------------------------------------------------------------------


@transaction.atomic
def instrument_install_default(*, actor: "User | None" = None) -> Instrument:
    existing = Instrument.objects.filter(name=defaults.NAME).order_by("version").first()
    if existing is not None:
        return existing
    instrument = Instrument.objects.create(
        name=defaults.NAME, version=1, introduction=defaults.INTRODUCTION, created_by=actor
    )
    for s_order, spec in enumerate(defaults.SECTIONS):
        section = Section.objects.create(
            instrument=instrument, order=s_order, title=spec["title"], introduction=spec["introduction"]
        )
        for i_order, item_spec in enumerate(spec["items"]):
            options = item_spec.get("options", [])
            fields = {k: v for k, v in item_spec.items() if k != "options"}
            item = Item.objects.create(instrument=instrument, section=section, order=i_order, **fields)
            Option.objects.bulk_create(
                Option(item=item, code=code, label=label, order=o) for o, (code, label) in enumerate(options)
            )
    activity.record(actor=actor, verb=verbs.INSTRUMENT_CREATED, target=instrument)
    return instrument


def _ensure_editable(instrument: Instrument) -> None:
    if instrument.in_use:
        raise SurveyError("instrument_in_use")


@transaction.atomic
def instrument_succeed(*, instrument: Instrument, actor: "User | None") -> Instrument:
    """A new version with the same sections, items (same codes) and options; the old one stays as it is.
    ``actor`` None: the system (the demo builder), as for ``instrument_install_default``."""
    if Instrument.objects.filter(predecessor=instrument).exists():
        raise SurveyError("already_succeeded")
    # Never None: the instrument itself has that name.
    latest = cast(Instrument, Instrument.objects.filter(name=instrument.name).order_by("-version").first())
    new = Instrument.objects.create(
        name=instrument.name,
        version=latest.version + 1,
        predecessor=instrument,
        introduction=instrument.introduction,
        created_by=actor,
    )
    sections = {}
    for section in instrument.sections.all():
        sections[section.pk] = Section.objects.create(
            instrument=new, order=section.order, title=section.title, introduction=section.introduction
        )
    for item in instrument.items.prefetch_related("options"):
        copy = Item.objects.create(
            instrument=new,
            section=sections[item.section_id],
            code=item.code,
            order=item.order,
            kind=item.kind,
            text=item.text,
            dimension=item.dimension,
            index=item.index,
            low_label=item.low_label,
            high_label=item.high_label,
            required=item.required,
        )
        Option.objects.bulk_create(
            Option(item=copy, code=o.code, label=o.label, order=o.order) for o in item.options.all()
        )
    activity.record(actor=actor, verb=verbs.INSTRUMENT_SUCCEEDED, target=new)
    return new


@transaction.atomic
def item_add(
    *,
    instrument: Instrument,
    section: Section,
    code: str,
    kind: str,
    text: str,
    dimension: str,
    index: str = "",
    low_label: str = "",
    high_label: str = "",
    options: list[str] | None = None,
    actor: "User | None",
) -> Item:
    _ensure_editable(instrument)
    if section.instrument_id != instrument.pk:
        raise SurveyError("wrong_section")
    if instrument.items.filter(code=code).exists():
        raise SurveyError("duplicate_code", code)
    options = [o.strip() for o in (options or []) if o.strip()]
    if kind in (ItemKind.SINGLE, ItemKind.MULTIPLE) and len(options) < 2:
        raise SurveyError("options_needed")
    item = Item.objects.create(
        instrument=instrument,
        section=section,
        code=code,
        order=section.items.count(),
        kind=kind,
        text=text,
        dimension=dimension,
        index=index,
        low_label=low_label,
        high_label=high_label,
    )
    Option.objects.bulk_create(
        Option(item=item, code=f"o{i + 1}", label=label, order=i) for i, label in enumerate(options)
    )
    activity.record(actor=actor, verb=verbs.ITEM_ADDED, target=instrument, changes={"item": [None, code]})
    return item


@transaction.atomic
def item_remove(*, item: Item, actor: "User") -> None:
    _ensure_editable(item.instrument)
    code = item.code
    item.delete()
    activity.record(
        actor=actor, verb=verbs.ITEM_REMOVED, target=item.instrument, changes={"item": [code, None]}
    )


# --- Population ---------------------------------------------------------------------------------------------


@transaction.atomic
def population_import(
    *, name: str, text: str, actor: "User"
) -> tuple[Population | None, list[population_csv.RowError]]:
    """All or nothing: with any bad row nothing is saved, and every bad row is reported with its line."""
    rows, errors = population_csv.parse(text)
    departments: dict[str, Department] = {}
    department: Department | None
    for department in Department.objects.all():
        for label in (department.name, department.short_name, department.slug):
            departments[label.lower()] = department
    units = {(u.department_id, u.name.lower()): u for u in Unit.objects.all()}
    people = []
    for row in rows:
        department = departments.get(row.department.lower())
        if department is None:
            errors.append(population_csv.RowError(row.line, "unknown_department", row.department))
            continue
        unit = units.get((department.pk, row.unit.lower()))
        if unit is None:
            errors.append(population_csv.RowError(row.line, "unknown_unit", row.unit))
            continue
        people.append(
            Person(
                employee_id=row.employee_id, email=row.email, role=row.role, department=department, unit=unit
            )
        )
    errors.sort(key=lambda e: e.line)
    if errors:
        return None, errors
    if not people:
        return None, [population_csv.RowError(2, "empty")]
    population = Population.objects.create(name=name, imported_by=actor)
    for person in people:
        person.population = population
    Person.objects.bulk_create(people, batch_size=2000)
    activity.record(
        actor=actor,
        verb=verbs.POPULATION_IMPORTED,
        target=population,
        changes={"people": [None, len(people)]},
    )
    return population, []


# --- Waves ----------------------------------------------------------------------------------------------------


@transaction.atomic
def wave_create(
    *,
    instrument: Instrument,
    population: Population,
    title: str,
    year: int,
    min_group: int = 5,
    min_text_group: int = TEXT_K,
    panel_linkage: bool = False,
    actor: "User",
) -> Wave:
    if min_group < MIN_K:
        raise SurveyError("threshold_too_low")
    if panel_linkage and not panel.is_configured():
        raise SurveyError("panel_key_missing")
    wave = Wave.objects.create(
        instrument=instrument,
        population=population,
        title=title,
        year=year,
        min_group=min_group,
        min_text_group=max(min_text_group, TEXT_K),
        panel=panel_linkage,
    )
    activity.record(actor=actor, verb=verbs.WAVE_CREATED, target=wave)
    return wave


@transaction.atomic
def wave_set_thresholds(*, wave: Wave, min_group: int, min_text_group: int, actor: "User") -> Wave:
    """Change the smallest group shown (never below 3) and the free-text threshold (never below 10)."""
    if min_group < MIN_K:
        raise SurveyError("threshold_too_low")
    wave = Wave.objects.select_for_update().get(pk=wave.pk)
    before = {"min_group": wave.min_group, "min_text_group": wave.min_text_group}
    wave.min_group = min_group
    wave.min_text_group = max(min_text_group, TEXT_K)
    wave.save(update_fields=["min_group", "min_text_group", "updated_at"])
    changes = {k: [v, getattr(wave, k)] for k, v in before.items() if v != getattr(wave, k)}
    activity.record(actor=actor, verb=verbs.WAVE_THRESHOLDS_CHANGED, target=wave, changes=changes)
    # Results released at another threshold are never read again; those at the new one are calculated now.
    WaveResults.objects.filter(wave=wave).exclude(min_group=wave.min_group).delete()
    if wave.status == WaveStatus.CLOSED:
        wave_results_request(wave=wave)
    return wave


def _answer_url(base_url: str, token: str) -> str:
    return base_url.rstrip("/") + reverse("surveys:answer", kwargs={"token": token})


def _send(messages: list[tuple[str, str, str, list[str]]]) -> None:
    if messages:
        transaction.on_commit(lambda: send_mass_mail(messages, fail_silently=True))


def _invitation_message(wave: Wave, email: str, url: str, reminder: bool) -> tuple[str, str, str, list[str]]:
    if reminder:
        subject = _("Reminder: %(title)s") % {"title": wave.title}
        lead = _(
            "You have not yet answered %(title)s. Here is a new link. If you have already begun, continue with the "
            "link from your first e-mail: your answers so far are kept there, and only that link can find them."
        ) % {"title": wave.title}
    else:
        subject = _("You are invited to answer %(title)s") % {"title": wave.title}
        lead = _("You are invited to answer %(title)s.") % {"title": wave.title}
    body = "\n\n".join(
        [
            lead,
            _("Your personal link (do not share it): %(url)s") % {"url": url},
            _(
                "Your answers are anonymous: they are stored without your name, your employee number and the time "
                "of day, and results are shown only for groups of at least %(k)s."
            )
            % {"k": wave.min_group},
        ]
    )
    return (subject, body, settings.DEFAULT_FROM_EMAIL, [email])


@transaction.atomic
def wave_open(*, wave: Wave, base_url: str, actor: "User", today: dt.date | None = None) -> int:
    """Open the wave: one single-use link per person, sent by e-mail. Returns the number of invitations."""
    wave = Wave.objects.select_for_update().get(pk=wave.pk)
    _transition(wave, WaveStatus.OPEN)
    if wave.panel and not panel.is_configured():
        raise SurveyError("panel_key_missing")
    today = today or timezone.localdate()
    people = list(wave.population.people.all())
    invitations = Invitation.objects.bulk_create(
        [Invitation(wave=wave, person=person, sent_on=today) for person in people], batch_size=2000
    )
    if invitations and invitations[0].pk is None:  # backends that do not return keys
        invitations = list(Invitation.objects.filter(wave=wave).select_related("person").order_by("pk"))
    links, messages = [], []
    for invitation in invitations:
        token = secrets.token_urlsafe(24)
        links.append(InvitationLink(invitation=invitation, digest=invitation_digest(token)))
        if invitation.person.email:
            messages.append(
                _invitation_message(wave, invitation.person.email, _answer_url(base_url, token), False)
            )
    InvitationLink.objects.bulk_create(links, batch_size=2000)
    wave.status = WaveStatus.OPEN
    wave.opened_on = today
    wave.save(update_fields=["status", "opened_on", "updated_at"])
    WaveResults.objects.filter(wave=wave).delete()  # an open wave releases nothing
    activity.record(actor=actor, verb=verbs.WAVE_OPENED, target=wave)
    _send(messages)
    return len(invitations)


@transaction.atomic
def wave_remind(*, wave: Wave, base_url: str, actor: "User", today: dt.date | None = None) -> None:
    """Remind those who have not answered (a fresh link; the old one stops working, the draft is kept).

    Returns nothing on purpose: the number reminded would be a live count while the wave is open."""
    wave = Wave.objects.get(pk=wave.pk)
    if wave.status != WaveStatus.OPEN:
        raise SurveyError("not_open")
    today = today or timezone.localdate()
    due = (
        Invitation.objects.select_related("person")
        .filter(wave=wave, answered=False, reminders__lt=MAX_REMINDERS)
        .exclude(last_reminded_on__gt=today - dt.timedelta(days=REMINDER_AFTER_DAYS))
    )
    messages = []
    for invitation in due:
        if not invitation.person.email:
            continue
        token = secrets.token_urlsafe(24)
        InvitationLink.objects.create(invitation=invitation, digest=invitation_digest(token))
        invitation.reminders += 1
        invitation.last_reminded_on = today
        invitation.save(update_fields=["reminders", "last_reminded_on"])
        messages.append(
            _invitation_message(wave, invitation.person.email, _answer_url(base_url, token), True)
        )
    activity.record(actor=actor, verb=verbs.WAVE_REMINDED, target=wave)
    _send(messages)


@transaction.atomic
def wave_close(*, wave: Wave, actor: "User", today: dt.date | None = None) -> Wave:
    wave = Wave.objects.select_for_update().get(pk=wave.pk)
    _transition(wave, WaveStatus.CLOSED)
    wave.status = WaveStatus.CLOSED
    wave.closed_on = today or timezone.localdate()
    wave.save(update_fields=["status", "closed_on", "updated_at"])
    Draft.objects.filter(wave=wave).delete()  # unfinished answers are never counted
    activity.record(actor=actor, verb=verbs.WAVE_CLOSED, target=wave)
    # The results are calculated once, now (in the background), from the answers as they are at the close.
    WaveResults.objects.filter(wave=wave).delete()
    wave_results_request(wave=wave)
    return wave


def _transition(wave: Wave, to: str) -> None:
    if to not in WAVE_TRANSITIONS[WaveStatus(wave.status)]:
        raise SurveyError("bad_transition", wave.status)


# --- Released results: calculated once per closed wave and threshold ----------------------------------------


def wave_results_request(*, wave: Wave) -> WaveResults | None:
    """Ask for the released results of a closed wave at its threshold; returns the stored row (None while the
    wave is not closed).

    Ready results are returned as they are. Otherwise the calculation is queued once (a row in state
    "building" says it is under way, so a page that asks again queues nothing): with Celery eager – the
    embedded default – it runs here and the row comes back ready; with a worker it runs after the commit and
    the pages say the results are being calculated. Failed or lost calculations are asked for again after
    ``RESULTS_RETRY_AFTER``. No audit entry: it changes nothing anybody decided."""
    if wave.status != WaveStatus.CLOSED:
        return None
    now = timezone.now()
    with transaction.atomic():
        stored, created = WaveResults.objects.get_or_create(wave=wave, min_group=wave.min_group)
        if not created:
            stored = WaveResults.objects.select_for_update().defer("data").get(pk=stored.pk)
            if stored.state == ResultsState.READY or stored.requested_at > now - RESULTS_RETRY_AFTER:
                return stored
            stored.state, stored.requested_at = ResultsState.BUILDING, now
            stored.save(update_fields=["state", "requested_at"])
        _calculate(wave.pk, wave.min_group)
    if current_app.conf.task_always_eager:
        stored = WaveResults.objects.defer("data").get(pk=stored.pk)
    return stored


def _calculate(wave_id: int, min_group: int) -> None:
    """Eager (the embedded default and the tests): calculate now, in this transaction. With a worker: queue the
    task once this transaction has committed, so the worker finds the closed wave and the row."""
    from .tasks import compute_wave_results

    if current_app.conf.task_always_eager:
        wave_results_compute(wave_id=wave_id, min_group=min_group)
        return

    def enqueue() -> None:
        try:
            compute_wave_results.delay(wave_id, min_group)
        except Exception:  # the queue is away: the row fails, and the next page asks again later
            logger.exception("could not queue the results of wave %s", wave_id)
            WaveResults.objects.filter(wave_id=wave_id, min_group=min_group).update(state=ResultsState.FAILED)

    transaction.on_commit(enqueue)


def wave_results_compute(*, wave_id: int, min_group: int) -> WaveResults | None:
    """Calculate the released results of a closed wave at threshold ``min_group`` and store them (the task).

    Idempotent: results already stored are kept as they are (the task may run twice). The calculation runs
    outside any lock; only storing it takes the row. Nothing for a wave that is not closed."""
    wave = Wave.objects.select_related("instrument").filter(pk=wave_id).first()
    if wave is None or wave.status != WaveStatus.CLOSED:
        return None
    ready = WaveResults.objects.defer("data").filter(wave=wave, min_group=min_group, state=ResultsState.READY)
    if ready.exists():
        return ready.first()
    started = time.perf_counter()
    try:
        data = selectors.released_results(wave, min_group)
    except Exception:
        WaveResults.objects.filter(wave=wave, min_group=min_group).update(state=ResultsState.FAILED)
        raise
    with transaction.atomic():
        stored, _created = WaveResults.objects.select_for_update().get_or_create(
            wave=wave, min_group=min_group
        )
        if stored.state != ResultsState.READY:
            stored.data = data
            stored.state = ResultsState.READY
            stored.version = uuid.uuid4()
            stored.computed_at = timezone.now()
            stored.seconds = time.perf_counter() - started
            stored.save()
    return stored


# --- Answering (no audit entries: they would say who answered when) -----------------------------------------


@transaction.atomic
def invitation_link_for_invitee(*, invitation: Invitation) -> str:
    """A fresh single-use link for the invitee who is signed in and asks to answer now; returns its token.

    Like a reminder's link it finds the same invitation; a draft begun with the e-mailed link stays with that
    link. No audit entry: it would say who was about to answer when."""
    invitation = Invitation.objects.select_related("wave").get(pk=invitation.pk)
    if invitation.wave.status != WaveStatus.OPEN or invitation.answered:
        raise SurveyError("not_open")
    token = secrets.token_urlsafe(24)
    InvitationLink.objects.create(invitation=invitation, digest=invitation_digest(token))
    return token


def token_invitation(token: str) -> Invitation | None:
    if not token or len(token) > 100:
        return None
    return (
        Invitation.objects.select_related("wave", "wave__instrument", "person")
        .filter(links__digest=invitation_digest(token))
        .first()
    )


def clean_value(item: Item, raw: Any) -> int | str | list[str] | None:
    """Validate one answer; returns the stored form (int, list of codes or text) or None for no answer."""
    if raw in (None, "", []):
        return None
    if item.kind in LIKERT_KINDS:
        value = int(raw)
        if not 1 <= value <= SCALE_POINTS[item.kind]:
            raise SurveyError("bad_value", item.code)
        return value
    codes = {o.code for o in item.options.all()}
    if item.kind == ItemKind.SINGLE:
        if raw not in codes:
            raise SurveyError("bad_value", item.code)
        return cast(str, raw)  # one of the option codes
    if item.kind == ItemKind.MULTIPLE:
        values = [raw] if isinstance(raw, str) else list(raw)
        if not set(values) <= codes:
            raise SurveyError("bad_value", item.code)
        return sorted(set(values))
    text = str(raw).strip()[:2000]
    if contains_cpr(text):
        raise SurveyError("cpr", item.code)
    return text or None


@transaction.atomic
def draft_save(
    *, token: str, answers: dict[str, Any], section_index: int, today: dt.date | None = None
) -> Draft:
    invitation = token_invitation(token)
    if invitation is None or invitation.answered or invitation.wave.status != WaveStatus.OPEN:
        raise SurveyError("link_not_valid")
    items = {i.code: i for i in invitation.wave.instrument.items.prefetch_related("options")}
    draft, _created = Draft.objects.select_for_update().get_or_create(
        key_digest=draft_digest(token),
        defaults={"wave": invitation.wave, "saved_on": today or timezone.localdate()},
    )
    data = dict(draft.data)
    for code, raw in answers.items():
        if code in items:
            data[code] = clean_value(items[code], raw)
    draft.data = {k: v for k, v in data.items() if v is not None}
    draft.section_index = section_index
    draft.saved_on = today or timezone.localdate()
    draft.save()
    return draft


def draft_for(token: str) -> Draft | None:
    return Draft.objects.filter(key_digest=draft_digest(token)).first()


@transaction.atomic
def response_submit(*, token: str, today: dt.date | None = None) -> Response:
    """Turn the draft into an anonymous response and mark the invitation answered; the link stops working."""
    invitation = token_invitation(token)
    if invitation is None:
        raise SurveyError("link_not_valid")
    invitation = (
        Invitation.objects.select_for_update()
        .select_related("person", "wave__instrument")
        .get(pk=invitation.pk)
    )
    if invitation.answered:
        raise SurveyError("already_answered")
    wave = invitation.wave
    if wave.status != WaveStatus.OPEN:
        raise SurveyError("link_not_valid")
    draft = draft_for(token)
    data = draft.data if draft else {}
    items = {i.code: i for i in wave.instrument.items.all()}
    missing = [code for code, item in items.items() if item.required and code not in data]
    if missing:
        raise SurveyError("missing", ",".join(missing))
    person = invitation.person
    pseudonym = (
        panel.pseudonym(instrument_name=wave.instrument.name, employee_id=person.employee_id)
        if wave.panel
        else ""
    )
    response = Response.objects.create(
        wave=wave,
        submitted_on=today or timezone.localdate(),
        role=person.role,
        department_id=person.department_id,
        unit_id=person.unit_id,
        panel_pseudonym=pseudonym,
        answers={code: value for code, value in data.items() if code in items},
    )
    invitation.answered = True
    invitation.save(update_fields=["answered"])
    if draft:
        draft.delete()
    page_cache.personal_changed()  # the invitation leaves the person's front page (no audit entry: anonymity)
    return response
