"""What one vote costs the database: the receipt and the vote in one statement on PostgreSQL (two in one
transaction on SQLite), a key sent again one more read, and no per-vote work for the opinion map beyond a
debounced flag in the cache. Counts, never timings (timings are in bench/)."""

import json

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from kompas.dialogues import services
from kompas.dialogues.models import OpinionMap, Participant, Vote, VoteReceipt
from kompas.dialogues.tests import factories

POSTGRES = connection.vendor == "postgresql"
# PostgreSQL: the one INSERT ... ON CONFLICT with the receipt in a CTE. SQLite: the receipt and the upsert,
# inside a savepoint in the test's transaction (BEGIN IMMEDIATE ... COMMIT outside a test).
VOTE_STATEMENTS = 1 if POSTGRES else 4
# The API adds the forum, the participant (by token) and the statement to the vote.
API_STATEMENTS = VOTE_STATEMENTS + 3


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
