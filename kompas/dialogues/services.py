"""Writes of the dialogue forums. Votes are never lost or doubled: a unique row per participant and statement,
an idempotency key per submission, and retries that change nothing."""

import datetime as dt
import functools
import io
import logging
import secrets
import time
import zipfile
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any, NamedTuple, cast

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import DEFAULT_DB_ALIAS, IntegrityError, connection, connections, transaction
from django.http import Http404
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

from kompas import activity
from kompas.activity.services import changes_between, snapshot
from kompas.core import prepared, ratelimit, versions
from kompas.core.csv_export import csv_text
from kompas.core.keep import KEEP, Keep, given

from . import polis_data, selectors, similarity, verbs
from .choices import TRANSITIONS, ForumStatus, MapState, Moderation, StakeholderType, StatementStatus
from .models import (
    Assistance,
    Forum,
    OpinionMap,
    Participant,
    Standpoint,
    StandpointChoice,
    Statement,
    Vote,
    VoteReceipt,
)
from .permissions import is_open

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from kompas.accounts.models import User
    from kompas.citygoals.models import CityGoal

    from . import opinion

FORUM_FIELDS = (
    "title",
    "dilemma",
    "values_in_tension",
    "perspectives",
    "question",
    "visibility",
    "moderation",
    "allow_anonymous",
    "participants_may_submit",
)
logger = logging.getLogger("kompas.dialogues")
MAP_DEBOUNCE_SECONDS = 20
# The version of one forum's maps (``kompas.core.versions``): bumped when a map is asked for, computed or fails,
# so the anonymous map page (cached on it and the content version) shows the change at once.
MAP_VERSION = "dialogues-map:{pk}"


class TransitionNotAllowed(Exception):
    pass


class RateLimited(Exception):
    """Too many attempts in a short time (limits in ``settings.KOMPAS_RATE_LIMITS``); ``retry_after`` is the
    number of seconds until the next attempt may succeed."""

    def __init__(self, retry_after: int = 0):
        super().__init__(retry_after)
        self.retry_after = retry_after


class KeyReused(Exception):
    """The participant sent an idempotency key again with another statement or value: a client error, never
    a silent success (the earlier vote stays; the new one is not recorded)."""


def _limit(scope: str, key: str) -> None:
    """Count one attempt in the site's rate limiter; over the limit, refuse with the time to wait."""
    if not ratelimit.hit(scope, key):
        raise RateLimited(ratelimit.retry_after(scope, key))


@transaction.atomic
def forum_create(
    *,
    actor: "User",
    title: str,
    dilemma: str,
    values_in_tension: str,
    question: str,
    perspectives: str = "",
    visibility: str | Keep = KEEP,
    moderation: str | Keep = KEEP,
    allow_anonymous: bool | Keep = KEEP,
    participants_may_submit: bool | Keep = KEEP,
    invited_emails: "Iterable[User]" = (),
    standpoints: Iterable[str] = (),
    seed_statements: Iterable[str] = (),
    city_goals: "Iterable[CityGoal]" = (),
) -> Forum:
    """Create a forum as a draft, facilitated by the actor; ``invited_emails`` are the invited users (the form
    turns the addresses into users). Fields left at ``KEEP`` get the model's defaults."""
    forum = Forum.objects.create(
        facilitator=actor,
        title=title,
        dilemma=dilemma,
        values_in_tension=values_in_tension,
        question=question,
        perspectives=perspectives,
        **given(
            visibility=visibility,
            moderation=moderation,
            allow_anonymous=allow_anonymous,
            participants_may_submit=participants_may_submit,
        ),
    )
    forum.city_goals.set(city_goals)
    forum.invited.set(invited_emails)
    Standpoint.objects.bulk_create(
        [Standpoint(forum=forum, order=i, text=t) for i, t in enumerate(standpoints, 1) if t.strip()]
    )
    Statement.objects.bulk_create(
        [
            Statement(forum=forum, text=t, is_seed=True, status=StatementStatus.APPROVED)
            for t in seed_statements
            if t.strip()
        ]
    )
    versions.bump("content")
    activity.record(
        actor=actor,
        verb=verbs.FORUM_CREATED,
        target=forum,
        changes=changes_between({}, snapshot(forum, FORUM_FIELDS)),
    )
    return forum


@transaction.atomic
def forum_update(
    *,
    forum: Forum,
    actor: "User",
    title: str | Keep = KEEP,
    dilemma: str | Keep = KEEP,
    values_in_tension: str | Keep = KEEP,
    perspectives: str | Keep = KEEP,
    question: str | Keep = KEEP,
    visibility: str | Keep = KEEP,
    moderation: str | Keep = KEEP,
    allow_anonymous: bool | Keep = KEEP,
    participants_may_submit: bool | Keep = KEEP,
    city_goals: "Iterable[CityGoal] | None" = None,
    invited_emails: "Iterable[User] | None" = None,
) -> Forum:
    """Change the fields given (``KEEP``, or None for the city goals and the invited, leaves them)."""
    values = given(
        title=title,
        dilemma=dilemma,
        values_in_tension=values_in_tension,
        perspectives=perspectives,
        question=question,
        visibility=visibility,
        moderation=moderation,
        allow_anonymous=allow_anonymous,
        participants_may_submit=participants_may_submit,
    )
    forum = Forum.objects.select_for_update().get(pk=forum.pk)
    before = snapshot(forum, FORUM_FIELDS)
    for name in FORUM_FIELDS:
        if name in values:
            setattr(forum, name, values[name])
    forum.save()
    if city_goals is not None:
        forum.city_goals.set(city_goals)
    if invited_emails is not None:
        before_invited = sorted(forum.invited.values_list("email", flat=True))
        forum.invited.set(invited_emails)
        after_invited = sorted(forum.invited.values_list("email", flat=True))
        if before_invited != after_invited:
            activity.record(
                actor=actor,
                verb=verbs.FORUM_INVITATIONS_CHANGED,
                target=forum,
                changes={"invited": [len(before_invited), len(after_invited)]},
            )
    changes = changes_between(before, snapshot(forum, FORUM_FIELDS))
    if changes:
        versions.bump("content")
        activity.record(actor=actor, verb=verbs.FORUM_UPDATED, target=forum, changes=changes)
    return forum


@transaction.atomic
def forum_transition(*, forum: Forum, to: str, actor: "User") -> Forum:
    forum = Forum.objects.select_for_update().get(pk=forum.pk)
    if to == forum.status:
        return forum  # a double submit changes nothing
    if to not in TRANSITIONS[ForumStatus(forum.status)]:
        raise TransitionNotAllowed(f"{forum.status} -> {to}")
    before = forum.status
    forum.status = to
    forum.save(update_fields=["status", "updated_at"])
    versions.bump("content")
    activity.record(
        actor=actor, verb=verbs.FORUM_STATUS_CHANGED, target=forum, changes={"status": [before, to]}
    )
    if to == ForumStatus.CLOSED:
        map_request(forum=forum, force=True)
    return forum


@transaction.atomic
def statement_add_seed(*, forum: Forum, text: str, actor: "User") -> Statement:
    statement = Statement.objects.create(
        forum=forum, text=text, is_seed=True, status=StatementStatus.APPROVED
    )
    activity.record(
        actor=actor, verb=verbs.STATEMENT_SEEDED, target=forum, changes={"statement": [None, text]}
    )
    return statement


def participant_join(
    *,
    forum: Forum,
    stakeholder_type: str,
    user: "User | AnonymousUser | None" = None,
    raw_token: str = "",
    client_address: str = "",
) -> Participant:
    """Join a forum once; joining again returns the same participant (and updates the stakeholder type).

    A new anonymous participant counts against the client address's allowance for this forum
    (``forum_join_client``), so one client cannot fill a forum with made-up participants."""
    if stakeholder_type not in StakeholderType.values:
        raise ValueError(stakeholder_type)
    anonymous = user is None or not user.is_authenticated
    lookup: dict[str, Any] = (
        {"token_hash": Participant.hash_token(raw_token)} if anonymous else {"user": user}
    )
    if anonymous and client_address and not Participant.objects.filter(forum=forum, **lookup).exists():
        _limit("forum_join_client", f"{forum.pk}:{client_address}")
    try:
        with transaction.atomic():
            participant, created = Participant.objects.get_or_create(
                forum=forum, **lookup, defaults={"stakeholder_type": stakeholder_type}
            )
    except IntegrityError:
        participant, created = Participant.objects.get(forum=forum, **lookup), False
    if not created and participant.stakeholder_type != stakeholder_type:
        participant.stakeholder_type = stakeholder_type
        participant.save(update_fields=["stakeholder_type"])
    if created:
        versions.bump("dialogues")  # the forum lists count participants (joining records no activity)
    return participant


def new_participant_token() -> str:
    return secrets.token_urlsafe(24)


class NotTakingPart(Exception):
    """The user (or the token) has no place in the forum yet: join first."""


class StatementNotOpen(Exception):
    """No such statement published in the forum: it was never there, is withdrawn or awaits moderation."""


def vote_cast(*, participant: Participant, statement: Statement, value: int, key: str) -> Vote:
    """Record a vote, or change it. The same key again from the same participant changes nothing; concurrent
    duplicates make one row. Keys are the participant's own: another participant's key never shadows a vote.

    One round trip on PostgreSQL: the receipt and the upsert of the vote are one statement (``_upsert``); a key
    seen before costs one more read. Beyond that a vote only marks the forum's map as due (``_map_due``)."""
    if value not in (-1, 0, 1):
        raise ValueError(value)
    _limit("vote_participant", _vote_limit_key(participant))
    if statement.forum_id != participant.forum_id:
        raise ValueError("statement of another forum")
    vote = _upsert(participant_id=participant.pk, statement_id=statement.pk, value=value, key=key)
    if vote is None:  # the key was used before: the same vote again changes nothing, another one is refused
        return _vote_of_receipt(
            participant_id=participant.pk, statement_id=statement.pk, value=value, key=key
        )
    _voted(statement.forum_id)
    return vote


class VoteCast(NamedTuple):
    """A vote as the vote API answers it (``vote_cast_as``): the statement and the value now recorded."""

    statement_id: int
    value: int


def vote_cast_as(
    *, forum_id: int, user: "User | AnonymousUser", raw_token: str, statement_id: int, value: int, key: str
) -> VoteCast:
    """``vote_cast`` for whoever ``user`` (signed in) or ``raw_token`` (an anonymous participant's token) is in
    forum ``forum_id``, as the vote API receives it, with the same rules and the same limit.

    Two round trips instead of three: the rate limit's count and the content version in one (``hit_reading``),
    the forum's row then kept per process under that version, and on PostgreSQL the participant, whether the
    statement is published, the receipt and the vote in one statement. Who may take part is decided before
    anything is written, by the forum's own rule (``forum_get_for_user`` and ``can_take_part``). No model
    instance is built for the vote: the API answers with its statement and value.

    Raises ``Http404`` when the forum is not open to the user, ``RateLimited``, ``NotTakingPart`` when they
    have not joined, ``StatementNotOpen`` and ``KeyReused``."""
    if value not in (-1, 0, 1) or not key:
        raise ValueError((value, key))
    who = selectors.who_takes_part(user, raw_token)
    limit_key = _vote_limit_key_of(forum_id, *(who or ("", "")))
    allowed, found = ratelimit.hit_reading("vote_participant", limit_key, [versions.entry("content")])
    version = versions.found_or_current("content", found)
    forum = selectors.forum_get_for_user(user=user, pk=forum_id, content_version=version)
    # can_take_part is can_see_forum & is_open (a test keeps it so), and forum_get_for_user has just decided
    # can_see_forum: only is_open is left to ask (in an invited forum, one query less)
    if not is_open.test(user, forum):
        raise Http404
    if who is None:
        raise NotTakingPart
    if not allowed:
        raise RateLimited(ratelimit.retry_after("vote_participant", limit_key))
    if connections[DEFAULT_DB_ALIAS].vendor == "postgresql":
        participant_id, published, written = _upsert_as(
            forum_id=forum_id, by=who, statement_id=statement_id, value=value, key=key
        )
    else:
        participant_id, published, written = _upsert_as_one_by_one(
            forum_id=forum_id, user=user, raw_token=raw_token, statement_id=statement_id, value=value, key=key
        )
    if participant_id is None:
        raise NotTakingPart
    if not published:
        raise StatementNotOpen
    if written is None:  # the key was used before: the same vote again changes nothing, another is refused
        earlier = _vote_of_receipt(
            participant_id=participant_id, statement_id=statement_id, value=value, key=key
        )
        return VoteCast(statement_id, earlier.value)
    _voted(forum_id)
    return VoteCast(statement_id, written)


def _voted(forum_id: int) -> None:
    """After a new or changed vote: the forum's map is due."""
    transaction.on_commit(lambda: _map_due(forum_id))


def _vote_limit_key(participant: Participant) -> str:
    """The rate limit's key of a participant's votes: the forum and who they are (as ``who_takes_part`` finds
    them), so the vote API counts them before it has read the participant's row."""
    if participant.user_id is not None:
        return _vote_limit_key_of(participant.forum_id, "user", participant.user_id)
    if participant.token_hash:
        return _vote_limit_key_of(participant.forum_id, "token_hash", participant.token_hash)
    return _vote_limit_key_of(participant.forum_id, "participant", participant.pk)  # assisted: neither


def _vote_limit_key_of(forum_id: int, by: str, value: object) -> str:
    return f"{forum_id}:{by}:{value}"


def _vote_columns() -> dict[str, str]:
    quote = connection.ops.quote_name
    vote_fields, receipt_fields = Vote._meta, VoteReceipt._meta
    return {
        "vote": quote(vote_fields.db_table),
        "receipt": quote(receipt_fields.db_table),
        **{f"v_{f.name}": quote(f.column) for f in vote_fields.concrete_fields},
        **{f"r_{f.name}": quote(f.column) for f in receipt_fields.concrete_fields},
    }


_VOTE_UPSERT = (
    "INSERT INTO {vote} ({v_participant}, {v_statement}, {v_value}, {v_created_at}, {v_updated_at}) "
    "SELECT %(participant)s, %(statement)s, %(value)s, %(now)s, %(now)s {guard}"
    "ON CONFLICT ({v_participant}, {v_statement}) DO UPDATE SET {v_value} = EXCLUDED.{v_value}, "
    # a vote sent again unchanged keeps the time it was last changed
    "{v_updated_at} = CASE WHEN {vote}.{v_value} = EXCLUDED.{v_value} THEN {vote}.{v_updated_at} "
    "ELSE EXCLUDED.{v_updated_at} END "
    "RETURNING {v_id}, {v_value}"
)
_RECEIPT_INSERT = (
    "INSERT INTO {receipt} ({r_key}, {r_participant}, {r_statement}, {r_value}, {r_created_at}) "
    "VALUES (%(key)s, %(participant)s, %(statement)s, %(value)s, %(now)s) "
    "ON CONFLICT ({r_participant}, {r_key}) DO NOTHING"
)


def _upsert(*, participant_id: int, statement_id: int, value: int, key: str) -> Vote | None:
    """Store the receipt of ``key`` and the vote; None when the participant used the key before.

    PostgreSQL: one statement, the receipt in a data-modifying CTE that the vote's upsert waits on. Concurrent
    calls never fail: ``ON CONFLICT`` waits for the other writer and then does nothing (the receipt) or updates
    (the vote). SQLite (3.35 or later for RETURNING): the two statements in one transaction.
    """
    conn = connections[DEFAULT_DB_ALIAS]
    receipt_sql, vote_sql = _upsert_sql(conn.vendor, bool(key))
    params: dict[str, int | str | None] = {
        "participant": participant_id,
        "statement": statement_id,
        "value": value,
        "key": key,
        "now": conn.ops.adapt_datetimefield_value(timezone.now()),
    }
    with prepared.cursor() as cursor:
        if not receipt_sql:
            cursor.execute(vote_sql, params)
            row = cursor.fetchone()
        else:
            with transaction.atomic():
                cursor.execute(receipt_sql, params)
                if cursor.rowcount == 0:
                    return None
                cursor.execute(vote_sql, params)
                row = cursor.fetchone()
    if row is None:
        return None
    return Vote.from_db(
        conn.alias,
        ["id", "participant_id", "statement_id", "value"],
        [row[0], participant_id, statement_id, row[1]],
    )


@functools.cache
def _upsert_sql(vendor: str, with_key: bool) -> tuple[str, str]:
    """The SQL of ``_upsert``, written once per process: (the receipt's INSERT when it is a statement of its
    own, else ""; the vote's upsert). The names are the models' own, quoted; the values are bound."""
    names = _vote_columns()
    if vendor == "postgresql":
        if with_key:
            guard = "WHERE EXISTS (SELECT 1 FROM receipt) "
            return "", ("WITH receipt AS (" + _RECEIPT_INSERT + " RETURNING 1) " + _VOTE_UPSERT).format(
                **names, guard=guard
            )
        return "", _VOTE_UPSERT.format(**names, guard="")
    # "WHERE true" keeps SQLite from reading ON CONFLICT as a join constraint of the SELECT
    vote_sql = _VOTE_UPSERT.format(**names, guard="WHERE true ")
    return (_RECEIPT_INSERT.format(**names) if with_key else ""), vote_sql


def _upsert_as(
    *, forum_id: int, by: tuple[str, object], statement_id: int, value: int, key: str
) -> tuple[int | None, bool, int | None]:
    """PostgreSQL: find the participant (by ``by``: the user or the token's hash) in the forum, check that the
    statement is published there, and store the receipt and the vote, in one statement (``_upsert_as_sql``).
    (the participant's id or None, whether the statement is published, the vote's value or None when the key
    was used before or nothing was written)."""
    conn = connections[DEFAULT_DB_ALIAS]
    column, who = by
    params: dict[str, int | str | object | None] = {
        "forum": forum_id,
        "who": who,
        "statement": statement_id,
        "approved": StatementStatus.APPROVED.value,
        "value": value,
        "key": key,
        "now": conn.ops.adapt_datetimefield_value(timezone.now()),
    }
    with prepared.cursor() as cursor:
        cursor.execute(_upsert_as_sql(column), params)
        participant_id, published, written = cursor.fetchone()
    return participant_id, bool(published), written


def _upsert_as_one_by_one(
    *, forum_id: int, user: "User | AnonymousUser", raw_token: str, statement_id: int, value: int, key: str
) -> tuple[int | None, bool, int | None]:
    """``_upsert_as`` on other databases: the same reads and writes, one by one."""
    participant = selectors.participant_in_forum(
        forum_id=forum_id, user=user, raw_token=raw_token, statement_id=statement_id
    )
    if participant is None:
        return None, False, None
    if not participant.statement_open:  # type: ignore[attr-defined]
        return participant.pk, False, None
    vote = _upsert(participant_id=participant.pk, statement_id=statement_id, value=value, key=key)
    return participant.pk, True, (None if vote is None else vote.value)


# The receipt of ``_upsert_as``: written only for the participant and the published statement found (``p``, ``s``).
_RECEIPT_OF_FOUND = (
    "receipt AS (INSERT INTO {receipt} ({r_key}, {r_participant}, {r_statement}, {r_value}, {r_created_at}) "
    "SELECT %(key)s, p.id, %(statement)s, %(value)s, %(now)s FROM p, s WHERE true "
    "ON CONFLICT ({r_participant}, {r_key}) DO NOTHING RETURNING 1), "
)


@functools.cache
def _upsert_as_sql(column: str) -> str:
    """The SQL of ``_upsert_as``, written once per process: the participant (``p``) and the published statement
    (``s``) as CTEs that the receipt's insert selects from, so nothing is written unless both are there; then
    ``_upsert``'s vote, for the participant found. One row: the participant's id, whether the statement is
    published, and the vote's value (NULL when nothing was written)."""
    quote = connection.ops.quote_name
    names = _vote_columns()
    participant, statement = Participant._meta, Statement._meta
    p_col = {f.name: quote(f.column) for f in participant.concrete_fields}
    s_col = {f.name: quote(f.column) for f in statement.concrete_fields}
    p_by = p_col[participant.get_field(column).name]
    found = (
        f"p AS (SELECT {p_col['id']} AS id FROM {quote(participant.db_table)} "  # noqa: S608
        f"WHERE {p_col['forum']} = %(forum)s AND {p_by} = %(who)s), "
        f"s AS (SELECT 1 FROM {quote(statement.db_table)} WHERE {s_col['id']} = %(statement)s "  # noqa: S608
        f"AND {s_col['forum']} = %(forum)s AND {s_col['status']} = %(approved)s), "
    )
    receipt = _RECEIPT_OF_FOUND.format(**names)
    vote = _VOTE_UPSERT.replace("%(participant)s", "(SELECT id FROM p)").format(
        **names, guard="WHERE EXISTS (SELECT 1 FROM receipt) "
    )
    return (
        f"WITH {found}{receipt}vote AS ({vote}) "  # noqa: S608 - names of ours, values bound
        f"SELECT (SELECT id FROM p), EXISTS (SELECT 1 FROM s), (SELECT {names['v_value']} FROM vote)"
    )


def _vote_of_receipt(*, participant_id: int, statement_id: int, value: int, key: str) -> Vote:
    """The participant's vote for a key they used before; ``KeyReused`` if that was another vote."""
    receipt = (
        VoteReceipt.objects.filter(participant_id=participant_id, key=key)
        .values_list("statement_id", "value")
        .first()
    )
    if receipt is None:  # cannot happen while receipts are only deleted with their participant or statement
        raise KeyReused(key)
    if receipt != (statement_id, value):
        raise KeyReused(key)
    vote = Vote.objects.filter(participant_id=participant_id, statement_id=statement_id).first()
    return (
        vote
        if vote is not None
        else Vote(participant_id=participant_id, statement_id=statement_id, value=value)
    )


def statement_submit(*, participant: Participant, text: str) -> Statement:
    """A participant's own statement: flagged if it nearly repeats another, moderated as the forum says."""
    forum = participant.forum
    _limit("statement_participant", str(participant.pk))
    existing = dict(forum.statements.exclude(status=StatementStatus.REJECTED).values_list("pk", "text"))
    duplicate = similarity.most_similar(text, existing)
    status = (
        StatementStatus.APPROVED
        if forum.moderation == Moderation.POST and duplicate is None
        else StatementStatus.PENDING
    )
    with transaction.atomic():
        statement = Statement.objects.create(
            forum=forum, text=text, author=participant, status=status, near_duplicate_of_id=duplicate
        )
        activity.record(
            actor=participant.user,
            verb=verbs.STATEMENT_SUBMITTED,
            target=forum,
            changes={"statement": [None, statement.pk]},
            # Which statement a named participant wrote is their opinion, like a vote: only the fact is kept.
            private=("statement",),
        )
        if status == StatementStatus.PENDING:
            with translation.override(forum.facilitator.preferred_language or settings.LANGUAGE_CODE):
                message = gettext("A new statement awaits moderation in “%(title)s”") % {"title": forum.title}
            activity.notify(
                recipients=[forum.facilitator],
                message=message,
                url=reverse("dialogues:moderation", kwargs={"pk": forum.pk}),
            )
    return statement


@transaction.atomic
def assisted_participation_record(
    *,
    forum: Forum,
    actor: "User",
    stakeholder_type: str,
    votes: Mapping[int, int],
    statement: str = "",
    key: str,
) -> Participant:
    """Staff enter a citizen's votes and statement on their behalf (assisted participation, seed 004 spor 4).

    The citizen becomes a participant of their own, marked ``assisted``; the helper is kept apart in
    ``Assistance`` and in the audit trail (which records how many votes, never how they went). Opinion maps can
    then be read with and without assisted input. The same form sent twice (the same ``key``) changes nothing.
    """
    existing = Assistance.objects.filter(helper=actor, key=key).select_related("participant").first()
    if existing is not None:
        return existing.participant
    if forum.status != ForumStatus.OPEN:
        raise ValidationError(gettext("The forum is not open for answers."))
    if stakeholder_type not in StakeholderType.values:
        raise ValidationError({"stakeholder_type": gettext("Choose what the citizen takes part as.")})
    statement = statement.strip()
    if statement and not forum.participants_may_submit:
        raise ValidationError({"statement": gettext("Participants cannot submit statements in this forum.")})
    open_statements = {
        s.pk: s for s in forum.statements.filter(status=StatementStatus.APPROVED, pk__in=list(votes))
    }
    chosen = {pk: value for pk, value in votes.items() if pk in open_statements}
    if not chosen and not statement:
        raise ValidationError(gettext("Enter at least one vote or a statement."))
    participant = Participant.objects.create(forum=forum, stakeholder_type=stakeholder_type, assisted=True)
    Assistance.objects.create(participant=participant, helper=actor, key=key)
    for pk, value in sorted(chosen.items()):
        vote_cast(
            participant=participant, statement=open_statements[pk], value=value, key=f"assisted-{key}-{pk}"
        )
    if statement:
        statement_submit(participant=participant, text=statement)
    activity.record(
        actor=actor,
        verb=verbs.ASSISTED_ENTRY,
        target=forum,
        changes={"votes": [None, len(chosen)], "statement": [None, bool(statement)]},
    )
    versions.bump("dialogues")
    return participant


@transaction.atomic
def statement_moderate(*, statement: Statement, approve: bool, actor: "User") -> Statement:
    statement = Statement.objects.select_for_update().get(pk=statement.pk)
    new = StatementStatus.APPROVED if approve else StatementStatus.REJECTED
    if statement.status != new:
        before = statement.status
        statement.status = new
        statement.save(update_fields=["status"])
        activity.record(
            actor=actor,
            verb=verbs.STATEMENT_MODERATED,
            target=statement.forum,
            changes={f"statement {statement.pk}": [before, new]},
        )
        transaction.on_commit(lambda: map_request(forum=statement.forum))
    return statement


@transaction.atomic
def standpoint_take(
    *, participant: Participant, standpoint: Standpoint, round_number: int
) -> StandpointChoice:
    choice, _created = StandpointChoice.objects.update_or_create(
        participant=participant, round=round_number, defaults={"standpoint": standpoint}
    )
    return choice


@transaction.atomic
def outcome_record(*, forum: Forum, outcome: str, goals: Iterable[Any], actor: "User") -> Forum:
    forum = Forum.objects.select_for_update().get(pk=forum.pk)
    before = forum.outcome
    forum.outcome = outcome
    forum.outcome_recorded_at = timezone.now()
    forum.save(update_fields=["outcome", "outcome_recorded_at", "updated_at"])
    forum.outcome_goals.set(goals)
    versions.bump("content")
    activity.record(
        actor=actor, verb=verbs.FORUM_OUTCOME_RECORDED, target=forum, changes={"outcome": [before, outcome]}
    )
    return forum


def map_request(*, forum: Forum, force: bool = False) -> OpinionMap | None:
    """Ask for a new opinion map. Debounced: while one was asked for in the last seconds, nothing new is queued."""
    return _map_request(forum.pk, force=force)


# Per process, on Redis: until when (``time.monotonic()``) each forum's debounce key is known to be there, read
# from the key's own expiry, so the other votes of a window cost no round trip at all. (Another cache is asked
# on every vote.) Half a second short of the expiry, so a vote never skips a window that has ended.
_map_due_until: dict[int, float] = {}
_MAP_DUE_MARGIN = 0.5


def _map_due(forum_id: int) -> None:
    """After a vote: the forum's map is due. At most once per ``MAP_DEBOUNCE_SECONDS`` a computation is queued
    to run at the end of that window, so it holds every vote of the window; the other votes cost one cache
    ``add`` and no SQL, or on Redis, once the process knows the window, nothing."""
    if _map_due_until.get(forum_id, 0.0) > time.monotonic() and _redis_cache() is not None:
        return
    _map_request(forum_id, force=False, delay=MAP_DEBOUNCE_SECONDS)


def _redis_cache() -> Any:
    from django.core.cache import caches
    from django.core.cache.backends.redis import RedisCache

    backend = caches["default"]
    return backend if isinstance(backend, RedisCache) else None


def _remember_window(forum_id: int, key: str, opened: bool) -> None:
    """Note until when this forum's window lasts (on Redis): the whole window when this call opened it, else
    what its key has left."""
    backend = _redis_cache()
    if backend is None:
        return
    if opened:
        left = float(MAP_DEBOUNCE_SECONDS)
    else:
        name = backend.make_and_validate_key(key)
        left = backend._cache.get_client(name).pttl(name) / 1000  # negative: gone, or without an expiry
    if left > _MAP_DUE_MARGIN:
        _map_due_until[forum_id] = time.monotonic() + left - _MAP_DUE_MARGIN


def _map_request(forum_id: int, *, force: bool, delay: int = 0) -> OpinionMap | None:
    from .tasks import compute_opinion_map

    if not force:
        debounce = f"kompas:map-debounce:{forum_id}"
        opened = cache.add(debounce, 1, MAP_DEBOUNCE_SECONDS)
        _remember_window(forum_id, debounce, opened)
        if not opened:
            return None
    recent = timezone.now() - dt.timedelta(seconds=MAP_DEBOUNCE_SECONDS)
    if (
        not force
        and OpinionMap.objects.filter(
            forum_id=forum_id, state=MapState.COMPUTING, requested_at__gte=recent
        ).exists()
    ):
        return None
    opinion_map = OpinionMap.objects.create(forum_id=forum_id)
    versions.bump(MAP_VERSION.format(pk=forum_id))  # the map page says a new map is being computed

    def enqueue() -> None:
        try:
            compute_opinion_map.apply_async((opinion_map.pk,), countdown=delay or None)
        except Exception:  # a vote must never fail because the queue is away; the next vote asks again
            logger.exception("could not queue the opinion map of forum %s", forum_id)
            OpinionMap.objects.filter(pk=opinion_map.pk).update(state=MapState.FAILED)
            versions.bump(MAP_VERSION.format(pk=forum_id))

    transaction.on_commit(enqueue)
    return opinion_map


def votes_for_map(forum: Forum) -> list[tuple[int, int, int]]:
    return list(
        Vote.objects.filter(statement__forum=forum, statement__status=StatementStatus.APPROVED)
        .order_by("updated_at", "id")
        .values_list("participant_id", "statement_id", "value")
    )


def map_compute(*, map_id: int) -> OpinionMap:
    from . import opinion

    opinion_map = OpinionMap.objects.select_related("forum").get(pk=map_id)
    if opinion_map.state == MapState.READY:
        return opinion_map  # the task ran twice (a worker lost after finishing): the map is there already
    try:
        votes = votes_for_map(opinion_map.forum)
        result = opinion.compute_map(votes, seed=0)
        opinion_map.result = result_as_json(result)
        # The same map without assisted participants, so it can be read with and without assisted input.
        assisted = set(
            Participant.objects.filter(forum_id=opinion_map.forum_id, assisted=True).values_list(
                "pk", flat=True
            )
        )
        assisted &= {p for p, _s, _v in votes}
        rest = [vote for vote in votes if vote[0] not in assisted]
        opinion_map.assisted_participants = len(assisted)
        opinion_map.result_without_assisted = (
            result_as_json(opinion.compute_map(rest, seed=0)) if assisted and rest else {}
        )
        opinion_map.params = dict(result.params)
        opinion_map.input_hash = result.input_hash
        opinion_map.participants = len({p for p, _s, _v in votes})
        opinion_map.votes = len(votes)
        opinion_map.state = MapState.READY
        opinion_map.computed_at = timezone.now()
        opinion_map.save()
    except Exception:
        OpinionMap.objects.filter(pk=map_id).update(state=MapState.FAILED)
        versions.bump(MAP_VERSION.format(pk=opinion_map.forum_id))
        raise
    versions.bump("content")
    versions.bump(MAP_VERSION.format(pk=opinion_map.forum_id))
    return opinion_map


def result_as_json(result: "opinion.OpinionMap") -> dict[str, Any]:
    """The parts of an opinion map the pages show, with JSON-safe keys."""
    return {
        "groups": {str(p): int(g) for p, g in result.groups.items()},
        "coordinates": {
            str(p): [round(float(x), 4), round(float(y), 4)] for p, (x, y) in result.coordinates.items()
        },
        # The statement ids are the statements' primary keys (``votes_for_map``).
        "representative": {
            str(g): [int(cast(int, s)) for s in ids] for g, ids in result.representative.items()
        },
        "consensus": [int(cast(int, s)) for s in result.consensus],
        "bridging": [int(cast(int, s)) for s in result.bridging],
        "group_stats": {
            str(g): {str(s): [int(n) for n in counts] for s, counts in stats.items()}
            for g, stats in result.group_stats.items()
        },
    }


# --- Pol.is import and export ---------------------------------------------------------------------------


@transaction.atomic
def polis_import(
    *, title: str, comments_csv: str, votes_csv: str, actor: "User", attribution: str = ""
) -> Forum:
    """Import a conversation in Pol.is' export format as a closed forum.

    The files are checked whole first (``polis_data.parse_export``: columns, ids, votes, the CPR guard on every
    text cell); a ``PolisFormatError`` naming the files and lines is raised before anything is saved.
    """
    export = polis_data.parse_export(comments_csv, votes_csv)
    forum = Forum.objects.create(
        facilitator=actor,
        title=title,
        dilemma=attribution or title,
        values_in_tension="–",
        question=title,
        status=ForumStatus.CLOSED,
        imported_from="Pol.is",
    )
    Statement.objects.bulk_create(
        [
            Statement(
                forum=forum,
                text=statement.text,
                status=StatementStatus.REJECTED if statement.moderated == -1 else StatementStatus.APPROVED,
                external_id=statement.external_id,
                is_seed=True,
            )
            for statement in export.statements
        ],
        batch_size=2000,
    )
    by_external = {s.external_id: s.pk for s in forum.statements.all()}
    latest = export.votes
    voters = sorted({voter for voter, _c in latest}, key=int)
    Participant.objects.bulk_create(
        [
            Participant(
                forum=forum,
                external_id=v,
                token_hash=Participant.hash_token(f"polis:{forum.pk}:{v}"),
                stakeholder_type=StakeholderType.CITIZEN,
            )
            for v in voters
        ],
        batch_size=2000,
    )
    participants = dict(forum.participants.values_list("external_id", "pk"))
    Vote.objects.bulk_create(
        [
            Vote(participant_id=participants[v], statement_id=by_external[c], value=value)
            for (v, c), value in latest.items()
        ],
        batch_size=5000,
    )
    activity.record(
        actor=actor, verb=verbs.FORUM_IMPORTED, target=forum, changes={"votes": [None, len(latest)]}
    )
    transaction.on_commit(lambda: map_request(forum=forum, force=True))
    return forum


def polis_export(forum: Forum) -> bytes:
    """The forum in Pol.is' export format: a zip with comments.csv and votes.csv (no personal data)."""
    comment_rows = []
    for s in forum.statements.order_by("pk"):
        counts = dict.fromkeys((-1, 0, 1), 0)
        for value in s.votes.values_list("value", flat=True):
            counts[value] += 1
        moderated = {"approved": 1, "rejected": -1}.get(s.status, 0)
        comment_rows.append(
            [
                int(s.created_at.timestamp()),
                s.created_at.isoformat(),
                s.pk,
                s.author_id or "",
                counts[1],
                counts[-1],
                moderated,
                s.text,
            ]
        )
    vote_rows = (
        [int(v.updated_at.timestamp()), v.updated_at.isoformat(), v.statement_id, v.participant_id, v.value]
        for v in Vote.objects.filter(statement__forum=forum).order_by("updated_at", "pk")
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        # Pol.is' own format: commas, no byte-order mark; text cells still neutralised against formulas.
        archive.writestr(
            "comments.csv",
            csv_text(comment_rows, header=polis_data.COMMENT_COLUMNS, delimiter=",", bom=False),
        )
        archive.writestr(
            "votes.csv", csv_text(vote_rows, header=polis_data.VOTE_COLUMNS, delimiter=",", bom=False)
        )
    return buffer.getvalue()
