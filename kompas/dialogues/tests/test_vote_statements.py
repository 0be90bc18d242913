"""What one vote costs the database: the receipt and the vote in one statement on PostgreSQL (two in one
transaction on SQLite), a key sent again one more read, and no per-vote work for the opinion map beyond a
debounced flag in the cache. Counts, never timings (timings are in bench/)."""

import json
import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kompas.dialogues import services
from kompas.dialogues.models import OpinionMap, Participant, Vote, VoteReceipt
from kompas.dialogues.tests import factories
from kompas.dialogues.views import TOKEN_COOKIE

POSTGRES = connection.vendor == "postgresql"
# PostgreSQL: the one INSERT ... ON CONFLICT with the receipt in a CTE. SQLite: the receipt and the upsert,
# inside a savepoint in the test's transaction (BEGIN IMMEDIATE ... COMMIT outside a test).
VOTE_STATEMENTS = 1 if POSTGRES else 4
# PostgreSQL: the API finds the participant (by token) and checks the statement in the vote's own statement; the
# forum's row is kept per content version, so only the first vote under a version reads it. SQLite: the
# participant's read, then the vote's statements.
API_STATEMENTS = 1 if POSTGRES else VOTE_STATEMENTS + 1


def _statements(captured) -> list[str]:
    return [q["sql"] for q in captured.captured_queries]


@pytest.fixture
def setting(role_users):
    forum = factories.forum(allow_anonymous=True)
    participant = services.participant_join(
        forum=forum, raw_token="counted-token", stakeholder_type="citizen"
    )
    statements = list(forum.statements.order_by("pk"))
    services.vote_cast(participant=participant, statement=statements[0], value=1, key="warm-up-key")
    return forum, participant, statements


@pytest.mark.django_db
def test_a_new_vote_is_one_statement_on_postgresql(setting):
    _forum, participant, statements = setting
    with CaptureQueriesContext(connection) as captured:
        vote = services.vote_cast(
            participant=participant, statement=statements[1], value=-1, key="a-new-key-1"
        )
    assert len(captured.captured_queries) <= VOTE_STATEMENTS, _statements(captured)
    assert (vote.statement_id, vote.value) == (statements[1].pk, -1)
    assert Vote.objects.get(participant=participant, statement=statements[1]).value == -1
    assert VoteReceipt.objects.filter(participant=participant, key="a-new-key-1").count() == 1


@pytest.mark.django_db
def test_changing_a_vote_is_one_statement_and_keeps_one_row(setting):
    _forum, participant, statements = setting
    with CaptureQueriesContext(connection) as captured:
        vote = services.vote_cast(
            participant=participant, statement=statements[0], value=0, key="change-key-1"
        )
    assert len(captured.captured_queries) <= VOTE_STATEMENTS, _statements(captured)
    assert vote.value == 0
    assert list(Vote.objects.filter(participant=participant).values_list("statement_id", "value")) == [
        (statements[0].pk, 0)
    ]


@pytest.mark.django_db
def test_an_unchanged_vote_keeps_the_time_it_was_last_changed(setting):
    _forum, participant, statements = setting
    before = Vote.objects.get(participant=participant, statement=statements[0]).updated_at
    services.vote_cast(participant=participant, statement=statements[0], value=1, key="same-again-1")
    assert Vote.objects.get(participant=participant, statement=statements[0]).updated_at == before


@pytest.mark.django_db
def test_a_key_sent_again_costs_one_more_read_and_changes_nothing(setting):
    _forum, participant, statements = setting
    services.vote_cast(participant=participant, statement=statements[0], value=-1, key="later-key-1")
    with CaptureQueriesContext(connection) as captured:
        vote = services.vote_cast(
            participant=participant, statement=statements[0], value=1, key="warm-up-key"
        )
    assert len(captured.captured_queries) <= VOTE_STATEMENTS + 2, _statements(captured)
    assert vote.value == -1  # the retried key changed nothing: the later vote stands
    with pytest.raises(services.KeyReused):
        services.vote_cast(participant=participant, statement=statements[1], value=1, key="warm-up-key")
    assert not Vote.objects.filter(participant=participant, statement=statements[1]).exists()


@pytest.mark.django_db
def test_a_vote_through_the_api_costs_a_fixed_number_of_statements(setting):
    forum, _participant, statements = setting
    first = _api_vote(forum.pk, statements[1].pk, "counted-token", "api-counted-0")  # reads the forum's row
    assert first.status_code == 200
    with CaptureQueriesContext(connection) as captured:
        response = Client().post(
            f"/api/dialogues/{forum.pk}/votes",
            json.dumps({"statement": statements[2].pk, "value": 1, "key": "api-counted-1"}),
            content_type="application/json",
            HTTP_X_PARTICIPANT_TOKEN="counted-token",
        )
    assert response.status_code == 200 and response.json() == {"statement": statements[2].pk, "value": 1}
    assert len(captured.captured_queries) <= API_STATEMENTS, _statements(captured)


@pytest.mark.django_db
def test_votes_ask_for_the_map_at_most_once_per_window(setting, django_capture_on_commit_callbacks):
    forum, participant, statements = setting
    others = [
        services.participant_join(forum=forum, raw_token=f"other-token-{n}", stakeholder_type="citizen")
        for n in range(3)
    ]
    with django_capture_on_commit_callbacks(execute=True):
        for n, voter in enumerate([participant, *others]):
            for statement in statements[1:4]:
                services.vote_cast(
                    participant=voter, statement=statement, value=1, key=f"window-{n}-{statement.pk}"
                )
    assert OpinionMap.objects.filter(forum=forum).count() == 1  # twelve votes, one computation
    assert Participant.objects.filter(forum=forum).count() == 4


def _redis_reachable() -> bool:
    import socket

    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=0.5):
            return True
    except OSError:
        return False


@pytest.mark.django_db
@pytest.mark.skipif(not _redis_reachable(), reason="no Redis on 127.0.0.1:6379")
def test_on_redis_the_votes_of_a_window_after_the_first_ask_redis_nothing(
    setting, django_capture_on_commit_callbacks, monkeypatch
):
    """A process that knows the window (from the debounce key's expiry) asks no more for it until it ends; then
    the next vote asks for the map again."""
    import os

    from django.core.cache import caches
    from django.test import override_settings

    location = os.environ.get("KOMPAS_TEST_REDIS_URL", "redis://127.0.0.1:6379/15")
    redis_cache = {"default": {"BACKEND": "kompas.core.cache_backends.RedisCache", "LOCATION": location}}
    forum, participant, statements = setting
    with override_settings(CACHES=redis_cache):
        backend = caches["default"]
        backend.delete(f"kompas:map-debounce:{forum.pk}")
        adds: list[tuple] = []

        def debounced(calls):
            return [call for call in calls if call[0].startswith("kompas:map-debounce:")]

        original_add = type(backend).add
        monkeypatch.setattr(
            type(backend), "add", lambda self, *a, **kw: adds.append(a) or original_add(self, *a, **kw)
        )
        try:
            with django_capture_on_commit_callbacks(execute=True):
                for n, statement in enumerate(statements[1:5]):
                    services.vote_cast(participant=participant, statement=statement, value=1, key=f"memo-{n}")
            assert len(debounced(adds)) == 1 and OpinionMap.objects.filter(forum=forum).count() == 1
            services._map_due_until[forum.pk] = 0.0  # the window has ended for this process
            backend.delete(f"kompas:map-debounce:{forum.pk}")  # and in Redis
            OpinionMap.objects.filter(forum=forum).update(state="ready")
            with django_capture_on_commit_callbacks(execute=True):
                services.vote_cast(participant=participant, statement=statements[1], value=0, key="memo-next")
            assert len(debounced(adds)) == 2 and OpinionMap.objects.filter(forum=forum).count() == 2
        finally:
            backend.delete(f"kompas:map-debounce:{forum.pk}")
            services._map_due_until.clear()


def _api_vote(forum_id: int, statement_id: int, token: str, key: str):
    return Client().post(
        f"/api/dialogues/{forum_id}/votes",
        json.dumps({"statement": statement_id, "value": 1, "key": key}),
        content_type="application/json",
        HTTP_X_PARTICIPANT_TOKEN=token,
    )


@pytest.mark.django_db
def test_the_api_writes_the_vote_in_one_statement_and_still_says_why_it_refuses(setting):
    """The participant, the open statement, the receipt and the vote in one statement; the refusals are those
    of reading them one by one: no forum 404, not joined 409, a statement not open 404, a forum closed a
    moment ago (through its service) 404, and nothing written for any of them."""
    forum, participant, statements = setting
    other = factories.forum(title="Et andet forum", allow_anonymous=True)
    elsewhere = other.statements.first()
    pending = forum.statements.create(text="Venter på moderation", status="pending")

    assert (
        _api_vote(forum.pk + other.pk + 1000, statements[1].pk, "counted-token", "no-forum-1").status_code
        == 404
    )
    not_joined = _api_vote(forum.pk, statements[1].pk, "unknown-token", "not-joined-1")
    assert not_joined.status_code == 409 and not_joined.json()["code"] == "join_first"
    assert _api_vote(forum.pk, elsewhere.pk, "counted-token", "elsewhere-1").status_code == 404
    assert _api_vote(forum.pk, pending.pk, "counted-token", "pending-1").status_code == 404
    services.forum_transition(forum=forum, to="closed", actor=forum.facilitator)
    assert _api_vote(forum.pk, statements[1].pk, "counted-token", "closed-1").status_code == 404
    assert not Vote.objects.filter(participant=participant).exclude(statement=statements[0]).exists()


def _vote_page(client, forum):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(reverse("dialogues:vote", args=[forum.pk]))
    assert response.status_code == 200
    return response.content.decode(), len(captured.captured_queries)


@pytest.mark.django_db
def test_the_vote_page_shows_the_next_statement_and_progress_for_the_same_reads(setting):
    """The participant, the next statement and both counts come from one query, at the start, half-way and at the
    end (when there is no next statement)."""
    forum, participant, statements = setting
    client = Client()
    client.cookies[TOKEN_COOKIE.format(pk=forum.pk)] = "counted-token"

    html, at_start = _vote_page(client, forum)
    total = len(statements)
    assert re.search(rf"\b1\D+{total}\b", html) and f'value="{statements[1].pk}"' in html
    for n, statement in enumerate(statements[1:-1], 1):
        services.vote_cast(participant=participant, statement=statement, value=1, key=f"page-{n}")
    html, half_way = _vote_page(client, forum)
    assert re.search(rf"\b{total - 1}\D+{total}\b", html) and f'value="{statements[-1].pk}"' in html
    services.vote_cast(participant=participant, statement=statements[-1], value=0, key="page-last")
    html, at_the_end = _vote_page(client, forum)
    assert re.search(rf"\b{total}\D+{total}\b", html) and 'name="statement"' not in html

    # the participant with the forum, the next statement (or none, at the end) and both counts: one query
    assert at_start == half_way == at_the_end == 1, (at_start, half_way, at_the_end)


@pytest.mark.django_db
def test_a_vote_through_the_page_reads_once_and_refuses_a_statement_not_open(setting):
    forum, participant, statements = setting
    pending = forum.statements.create(text="Venter på moderation", status="pending")
    client = Client()
    client.cookies[TOKEN_COOKIE.format(pk=forum.pk)] = "counted-token"
    url = reverse("dialogues:vote", args=[forum.pk])

    refused = client.post(
        url, {"statement": pending.pk, "value": 1, "key": "page-pending-1"}, HTTP_HX_REQUEST="true"
    )
    assert (
        refused.status_code == 400
        and "Det udsagn er ikke længere åbent for stemmer." in refused.content.decode()
    )
    assert not Vote.objects.filter(statement=pending).exists()
    with CaptureQueriesContext(connection) as captured:
        voted = client.post(
            url, {"statement": statements[1].pk, "value": -1, "key": "page-vote-1"}, HTTP_HX_REQUEST="true"
        )
    assert voted.status_code == 200 and f'value="{statements[2].pk}"' in voted.content.decode()
    assert Vote.objects.get(participant=participant, statement=statements[1]).value == -1
    # the participant with the forum and the statement, the vote, the next card
    assert len(captured.captured_queries) <= 1 + VOTE_STATEMENTS + 1, _statements(captured)


def _indexes(model) -> dict[str, tuple[str, ...]]:
    """The model's indexes as its migrations create them: the foreign keys' own, ``Meta.indexes`` and the unique
    constraints (``makemigrations --check`` in ``make test`` keeps the database the same)."""
    meta = model._meta
    found = {f"{field.name} (own index)": (field.column,) for field in meta.concrete_fields if field.db_index}
    found |= {index.name: tuple(meta.get_field(f).column for f in index.fields) for index in meta.indexes}
    found |= {
        constraint.name: tuple(meta.get_field(f).column for f in constraint.fields)
        for constraint in meta.constraints
        if getattr(constraint, "fields", ())
    }
    return found


@pytest.mark.parametrize("model", [Vote, VoteReceipt])
def test_a_vote_writes_no_index_that_another_index_already_covers(model):
    """Every index is written by every new vote; one whose columns lead another index (or a unique constraint)
    only costs the write. The participant's and the statement's lookups use the composite ones."""
    indexed = _indexes(model)
    covered = [
        (name, columns)
        for name, columns in indexed.items()
        if any(len(wider) > len(columns) and wider[: len(columns)] == columns for wider in indexed.values())
    ]
    assert covered == [], f"{model.__name__}: indexes another one covers: {covered}"
    assert len(indexed) == 2, indexed
