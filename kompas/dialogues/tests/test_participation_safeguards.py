"""Safeguards around taking part: idempotency keys are the participant's own, anonymous joins are limited per
client address and forum, and the embedded SQLite database takes parallel votes (WAL, busy timeout)."""

import json
import sqlite3
import threading
from contextlib import closing

import pytest
from django.db import connection, connections
from django.test import Client
from django.urls import reverse
from django.utils import translation

from kompas.dialogues import services
from kompas.dialogues.models import Participant, Vote, VoteReceipt
from kompas.dialogues.tests import factories


def _anonymous_participant(forum, token: str) -> Participant:
    return services.participant_join(forum=forum, raw_token=token, stakeholder_type="citizen")


def _joined_client(forum, address: str = "198.51.100.7") -> Client:
    client = Client(REMOTE_ADDR=address)
    response = client.post(reverse("dialogues:join", args=[forum.pk]), {"stakeholder_type": "citizen"})
    assert response.status_code == 302, response.status_code
    return client


# --- Idempotency keys scoped to the participant -----------------------------------------------------------


@pytest.mark.django_db
def test_another_participant_reusing_a_key_gets_their_own_vote_stored(role_users):
    forum = factories.forum(allow_anonymous=True)
    statement = forum.statements.first()
    first = _anonymous_participant(forum, "token-first")
    second = _anonymous_participant(forum, "token-second")
    services.vote_cast(participant=first, statement=statement, value=1, key="shared-key")
    vote = services.vote_cast(participant=second, statement=statement, value=-1, key="shared-key")
    assert (vote.participant_id, vote.value) == (second.pk, -1)
    assert dict(Vote.objects.values_list("participant_id", "value")) == {first.pk: 1, second.pk: -1}
    assert VoteReceipt.objects.filter(key="shared-key").count() == 2


@pytest.mark.django_db
def test_the_same_participant_retrying_a_key_still_changes_nothing(role_users):
    forum = factories.forum(allow_anonymous=True)
    statement = forum.statements.first()
    first = _anonymous_participant(forum, "token-first")
    second = _anonymous_participant(forum, "token-second")
    services.vote_cast(participant=first, statement=statement, value=1, key="shared-key")
    services.vote_cast(participant=second, statement=statement, value=-1, key="shared-key")
    services.vote_cast(participant=second, statement=statement, value=-1, key="shared-key")  # a retry
    assert Vote.objects.get(participant=second).value == -1
    assert VoteReceipt.objects.filter(participant=second).count() == 1


@pytest.mark.django_db
def test_a_key_sent_again_with_another_vote_is_refused_not_silently_dropped(role_users, client):
    """A replayed old page (same key, another answer) or a client reusing a key for the next statement gets a
    clear refusal; before, it got 200 with the earlier vote and the new one was lost without a word."""
    forum = factories.forum(allow_anonymous=True)
    first_statement, second_statement = list(forum.statements.all()[:2])
    participant = _anonymous_participant(forum, "token-reuse")
    services.vote_cast(participant=participant, statement=first_statement, value=1, key="reused-key")
    with pytest.raises(services.KeyReused):
        services.vote_cast(participant=participant, statement=first_statement, value=0, key="reused-key")
    body = json.dumps({"statement": second_statement.pk, "value": -1, "key": "reused-key"})
    response = client.post(
        f"/api/dialogues/{forum.pk}/votes",
        body,
        content_type="application/json",
        HTTP_X_PARTICIPANT_TOKEN="token-reuse",
    )
    assert response.status_code == 409
    assert dict(Vote.objects.filter(participant=participant).values_list("statement_id", "value")) == {
        first_statement.pk: 1
    }


@pytest.mark.django_db
@pytest.mark.parametrize("htmx", [False, True])
def test_the_vote_form_stores_each_participants_vote_under_the_same_key(role_users, htmx):
    forum = factories.forum(allow_anonymous=True)
    statement = forum.statements.first()
    headers = {"HTTP_HX_REQUEST": "true"} if htmx else {}
    for n, value in enumerate((1, -1)):
        client = _joined_client(forum, address=f"198.51.100.{n + 1}")
        response = client.post(
            reverse("dialogues:vote", args=[forum.pk]),
            {"statement": statement.pk, "value": value, "key": "form-key-1"},
            **headers,
        )
        assert response.status_code == (200 if htmx else 302)
    assert sorted(Vote.objects.filter(statement=statement).values_list("value", flat=True)) == [-1, 1]


@pytest.mark.django_db
def test_the_vote_api_stores_each_participants_vote_under_the_same_key(role_users, client):
    forum = factories.forum(allow_anonymous=True)
    statement = forum.statements.first()
    url = f"/api/dialogues/{forum.pk}/votes"
    answers = []
    for token, value in (("api-token-a", 1), ("api-token-b", -1)):
        _anonymous_participant(forum, token)
        body = json.dumps({"statement": statement.pk, "value": value, "key": "api-shared-01"})
        response = client.post(url, body, content_type="application/json", HTTP_X_PARTICIPANT_TOKEN=token)
        answers.append((response.status_code, response.json()))
    assert answers == [
        (200, {"statement": statement.pk, "value": 1}),
        (200, {"statement": statement.pk, "value": -1}),
    ]
    assert Vote.objects.count() == 2


# --- Anonymous joins limited per client address and forum --------------------------------------------------


def _limit(settings, scope: str, limit: int, window: int = 3600) -> None:
    settings.KOMPAS_RATE_LIMITS = {**settings.KOMPAS_RATE_LIMITS, scope: (limit, window)}


def _join(client: Client, forum, kind: str = "business"):
    return client.post(reverse("dialogues:join", args=[forum.pk]), {"stakeholder_type": kind})


def _limited_message() -> str:
    from django.utils import translation

    from kompas.dialogues.forms import JoinForm

    with translation.override("da"):
        return str(JoinForm.limited_message)


@pytest.mark.django_db
def test_one_client_cannot_join_a_forum_as_new_participants_without_end(role_users, settings):
    _limit(settings, "forum_join_client", 3)
    forum = factories.forum(allow_anonymous=True)
    other_forum = factories.forum(title="Et andet forum", allow_anonymous=True)
    for _n in range(3):
        assert _join(Client(REMOTE_ADDR="203.0.113.5"), forum).status_code == 302
    refused = _join(Client(REMOTE_ADDR="203.0.113.5"), forum)
    assert refused.status_code == 429 and int(refused["Retry-After"]) > 0
    body = refused.content.decode()
    assert _limited_message() in body
    assert refused.context["form"].data["stakeholder_type"] == "business"  # the choice is kept
    assert Participant.objects.filter(forum=forum).count() == 3
    assert _join(Client(REMOTE_ADDR="203.0.113.5"), other_forum).status_code == 302  # another forum
    assert _join(Client(REMOTE_ADDR="203.0.113.6"), forum).status_code == 302  # another client
    assert Participant.objects.filter(forum=forum).count() == 4


@pytest.mark.django_db
def test_a_participant_who_joined_may_join_again_when_the_address_is_limited(role_users, settings):
    _limit(settings, "forum_join_client", 1)
    forum = factories.forum(allow_anonymous=True)
    returning = Client(REMOTE_ADDR="203.0.113.5")
    assert _join(returning, forum, "citizen").status_code == 302
    assert _join(Client(REMOTE_ADDR="203.0.113.5"), forum).status_code == 429
    assert _join(returning, forum, "employee").status_code == 302  # changes the type, no new participant
    assert list(Participant.objects.values_list("stakeholder_type", flat=True)) == ["employee"]


@pytest.mark.django_db
def test_signed_in_participants_are_not_counted_against_the_address(role_users, client_for, settings):
    _limit(settings, "forum_join_client", 1)
    forum = factories.forum(allow_anonymous=True)
    assert _join(Client(REMOTE_ADDR="127.0.0.1"), forum).status_code == 302
    assert _join(client_for("citizen"), forum).status_code == 302  # the test client's address is 127.0.0.1
    assert Participant.objects.filter(forum=forum).count() == 2


@pytest.mark.django_db
def test_the_join_api_gives_429_with_retry_after_and_a_danish_detail(role_users, settings):
    _limit(settings, "forum_join_client", 2)
    forum = factories.forum(allow_anonymous=True)
    other_forum = factories.forum(title="Et andet forum", allow_anonymous=True)

    def api_join(forum, address="203.0.113.9", **headers):
        return Client(REMOTE_ADDR=address).post(
            f"/api/dialogues/{forum.pk}/participants",
            json.dumps({"stakeholder_type": "citizen"}),
            content_type="application/json",
            **headers,
        )

    tokens = [api_join(forum).json()["token"] for _n in range(2)]
    assert len(set(tokens)) == 2 and all(len(t) >= 24 for t in tokens)
    refused = api_join(forum)
    assert refused.status_code == 429 and int(refused["Retry-After"]) > 0
    assert refused.json() == {"detail": _limited_message(), "code": "rate_limited"}
    assert api_join(forum, HTTP_X_PARTICIPANT_TOKEN=tokens[0]).status_code == 200  # a participant returns
    assert api_join(other_forum).status_code == 200
    assert api_join(forum, address="203.0.113.10").status_code == 200
    assert Participant.objects.filter(forum=forum).count() == 3
    # The token works for voting.
    statement = forum.statements.first()
    vote = Client(REMOTE_ADDR="203.0.113.9").post(
        f"/api/dialogues/{forum.pk}/votes",
        json.dumps({"statement": statement.pk, "value": 1, "key": "after-join-01"}),
        content_type="application/json",
        HTTP_X_PARTICIPANT_TOKEN=tokens[1],
    )
    assert vote.status_code == 200


@pytest.mark.django_db
def test_the_join_api_keeps_forums_that_ask_for_login_closed_to_anonymous(role_users):
    forum = factories.forum(allow_anonymous=False)
    response = Client().post(
        f"/api/dialogues/{forum.pk}/participants",
        json.dumps({"stakeholder_type": "citizen"}),
        content_type="application/json",
    )
    assert response.status_code == 401 and not Participant.objects.exists()


# --- The votes' and statements' own limits run on the same limiter ----------------------------------------


@pytest.mark.django_db
def test_the_vote_api_answers_too_fast_votes_with_429_and_retry_after(role_users, settings):
    _limit(settings, "vote_participant", 2, 60)
    forum = factories.forum(allow_anonymous=True)
    _anonymous_participant(forum, "fast-token")
    statements = list(forum.statements.all()[:3])
    answers = [
        Client().post(
            f"/api/dialogues/{forum.pk}/votes",
            json.dumps({"statement": s.pk, "value": 1, "key": f"fast-key-{n:04d}"}),
            content_type="application/json",
            HTTP_X_PARTICIPANT_TOKEN="fast-token",
        )
        for n, s in enumerate(statements)
    ]
    assert [a.status_code for a in answers] == [200, 200, 429]
    assert 0 < int(answers[2]["Retry-After"]) <= 60
    with translation.override("da"):
        detail = translation.gettext("Too many votes in a minute; retry later with the same key.")
    assert answers[2].json() == {"detail": detail, "code": "rate_limited"}


@pytest.mark.django_db
def test_the_vote_api_and_a_service_vote_count_against_one_limit_per_participant(role_users, settings):
    """The API counts a vote before it reads the participant, by the forum and the token; a vote through the
    service (the vote page, assisted entry) counts under the same key, so neither way in doubles the limit.
    Another participant in the same forum has a limit of their own."""
    _limit(settings, "vote_participant", 2, 60)
    forum = factories.forum(allow_anonymous=True)
    participant = _anonymous_participant(forum, "shared-limit-token")
    _anonymous_participant(forum, "other-limit-token")
    first, second, third = list(forum.statements.all()[:3])
    services.vote_cast(participant=participant, statement=first, value=1, key="limit-service-1")

    def api_vote(statement, token, key):
        return Client().post(
            f"/api/dialogues/{forum.pk}/votes",
            json.dumps({"statement": statement.pk, "value": -1, "key": key}),
            content_type="application/json",
            HTTP_X_PARTICIPANT_TOKEN=token,
        )

    assert api_vote(second, "shared-limit-token", "limit-api-0001").status_code == 200
    assert api_vote(third, "shared-limit-token", "limit-api-0002").status_code == 429
    with pytest.raises(services.RateLimited):
        services.vote_cast(participant=participant, statement=third, value=1, key="limit-service-2")
    assert api_vote(third, "other-limit-token", "limit-api-0003").status_code == 200
    assert not Vote.objects.filter(participant=participant, statement=third).exists()


@pytest.mark.django_db
def test_submitting_many_statements_gets_a_clear_message(role_users, settings):
    _limit(settings, "statement_participant", 2)
    forum = factories.forum(allow_anonymous=True)
    client = _joined_client(forum)
    url = reverse("dialogues:submit", args=[forum.pk])
    answers = [client.post(url, {"text": f"Et nyt udsagn nummer {n} om skolens fremtid"}) for n in range(3)]
    assert [a.status_code for a in answers[:2]] == [302, 302]
    assert answers[2].status_code == 200 and "mange udsagn på kort tid" in answers[2].content.decode()
    assert forum.statements.filter(author__isnull=False).count() == 2


# --- SQLite: WAL and a busy timeout, so the embedded default takes parallel votes ---------------------------

sqlite_only = pytest.mark.skipif(
    connection.vendor != "sqlite", reason="the WAL settings are for the embedded SQLite database"
)


def _file_database_settings(path) -> dict:
    """The default database's settings (with their OPTIONS) on a file instead of the in-memory test database."""
    return {**connections.settings["default"], "NAME": str(path)}


@sqlite_only
@pytest.mark.django_db
def test_sqlite_connections_run_in_wal_mode_with_a_busy_timeout(tmp_path):
    from django.db.backends.sqlite3.base import DatabaseWrapper

    wrapper = DatabaseWrapper(_file_database_settings(tmp_path / "wal.sqlite3"), alias="wal-check")
    try:
        with wrapper.cursor() as cursor:
            cursor.execute("PRAGMA journal_mode")
            journal_mode = cursor.fetchone()[0]
            cursor.execute("PRAGMA busy_timeout")
            busy_timeout_ms = cursor.fetchone()[0]
            cursor.execute("PRAGMA synchronous")
            synchronous = cursor.fetchone()[0]
    finally:
        wrapper.close()
    assert journal_mode == "wal"
    assert busy_timeout_ms >= 10_000
    assert synchronous == 1  # NORMAL: safe with WAL
    assert wrapper.transaction_mode == "IMMEDIATE"  # writers queue at BEGIN instead of failing on upgrade


@sqlite_only
@pytest.mark.django_db(transaction=True)
def test_parallel_votes_on_a_file_based_sqlite_database_all_succeed(role_users, tmp_path, monkeypatch):
    voters = 24
    forum = factories.forum(allow_anonymous=True)
    statement = forum.statements.first()
    participants = [_anonymous_participant(forum, f"parallel-{n}") for n in range(voters)]
    # The committed test data, copied to a file that every thread opens with the project's SQLite settings.
    path = tmp_path / "votes.sqlite3"
    connection.ensure_connection()
    target = sqlite3.connect(path)
    connection.connection.backup(target)
    # WAL is persistent: the embedded database is switched on its first connection (``migrate``), long before
    # voters arrive. Switching here too keeps 24 first connections from racing to switch it at once.
    target.execute("PRAGMA journal_mode=WAL")
    target.close()
    monkeypatch.setitem(connections.settings, "default", _file_database_settings(path))
    barrier = threading.Barrier(voters)
    errors = []

    def vote(n: int) -> None:
        try:
            barrier.wait(timeout=30)
            services.vote_cast(participant=participants[n], statement=statement, value=1, key=f"parallel-{n}")
        except Exception as exc:  # noqa: BLE001 - collected and asserted below
            errors.append(repr(exc))
        finally:
            connections.close_all()  # this thread's connection to the file

    threads = [threading.Thread(target=vote, args=(n,)) for n in range(voters)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert errors == []
    with closing(sqlite3.connect(path)) as check:
        stored = check.execute("SELECT count(*) FROM dialogues_vote WHERE value = 1").fetchone()[0]
        journal_mode = check.execute("PRAGMA journal_mode").fetchone()[0]
    assert (stored, journal_mode) == (voters, "wal")
