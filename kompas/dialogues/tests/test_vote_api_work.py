"""What the vote API does per vote besides the vote itself: the forum's rule decided once (``forum_get_for_user``
has decided ``can_see_forum``; only ``is_open`` is left of ``can_take_part``), and the answer made of values,
not of model instances."""

import json

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from kompas.dialogues import services
from kompas.dialogues.choices import ForumStatus, ForumVisibility
from kompas.dialogues.models import Forum, Vote
from kompas.dialogues.permissions import can_see_forum, can_take_part, is_open
from kompas.dialogues.tests import factories


def test_taking_part_is_seeing_the_forum_while_it_is_open():
    """``vote_cast_as`` asks only ``is_open`` after ``forum_get_for_user``: that holds while ``can_take_part``
    is ``can_see_forum & is_open``."""
    assert can_take_part.name == f"({can_see_forum.name} & {is_open.name})"


@pytest.mark.django_db
def test_taking_part_agrees_with_seeing_and_open_for_every_kind_of_forum_and_user(role_users):
    invited = role_users["citizen"]
    users = [AnonymousUser(), *role_users.values()]
    for visibility in ForumVisibility.values:
        forum = factories.forum(title=f"Forum {visibility}", visibility=visibility)
        forum.invited.add(invited)
        for status in ForumStatus.values:
            Forum.objects.filter(pk=forum.pk).update(status=status)
            forum.refresh_from_db()
            for user in users:
                expected = can_see_forum.test(user, forum) and is_open.test(user, forum)
                assert can_take_part.test(user, forum) == expected, (visibility, status, user)


def _vote(client: Client, forum: Forum, statement_id: int, value: int, key: str):
    return client.post(
        f"/api/dialogues/{forum.pk}/votes",
        json.dumps({"statement": statement_id, "value": value, "key": key}),
        content_type="application/json",
    )


@pytest.mark.django_db
def test_a_vote_in_an_invited_forum_asks_once_whether_the_voter_is_invited(role_users):
    citizen = role_users["citizen"]
    forum = factories.forum(visibility=ForumVisibility.INVITED)
    forum.invited.add(citizen)
    services.participant_join(forum=forum, user=citizen, raw_token="", stakeholder_type="citizen")
    first, second = list(forum.statements.order_by("pk")[:2])
    client = Client()
    client.force_login(citizen)
    assert _vote(client, forum, first.pk, 1, "invited-key-1").status_code == 200  # reads the forum's row
    invited_table = Forum.invited.through._meta.db_table
    with CaptureQueriesContext(connection) as captured:
        response = _vote(client, forum, second.pk, -1, "invited-key-2")
    assert response.status_code == 200 and response.json() == {"statement": second.pk, "value": -1}
    asked = [q["sql"] for q in captured.captured_queries if invited_table in q["sql"]]
    assert len(asked) == 1, asked
    outsider = Client()
    outsider.force_login(role_users["employee"])
    assert _vote(outsider, forum, second.pk, 1, "outsider-key-1").status_code == 404


@pytest.mark.django_db
def test_the_service_answers_with_the_statement_and_the_value_recorded(role_users):
    forum = factories.forum(allow_anonymous=True)
    statement = forum.statements.first()
    services.participant_join(forum=forum, raw_token="values-token", stakeholder_type="citizen")

    def cast(value: int, key: str) -> services.VoteCast:
        return services.vote_cast_as(
            forum_id=forum.pk,
            user=AnonymousUser(),
            raw_token="values-token",
            statement_id=statement.pk,
            value=value,
            key=key,
        )

    assert cast(1, "values-key-1") == services.VoteCast(statement_id=statement.pk, value=1)
    assert cast(-1, "values-key-2") == (statement.pk, -1)
    # the first key again: the same vote changes nothing, and the answer is the vote as it is now
    assert cast(1, "values-key-1") == (statement.pk, -1)
    with pytest.raises(services.KeyReused):
        cast(0, "values-key-1")
    assert Vote.objects.get(statement=statement).value == -1


@pytest.mark.django_db
def test_an_anonymous_vote_reads_its_token_without_building_the_header_map(role_users, monkeypatch):
    """The participant's token and the absent bearer token are read from the request's environment: building
    ``request.headers`` for every vote cost as much as a tenth of the API's own work. A bearer token, when
    sent, still goes through ninja's own parsing (the API token tests)."""
    from django.http.request import HttpHeaders

    forum = factories.forum(allow_anonymous=True)
    services.participant_join(
        forum=forum, user=AnonymousUser(), raw_token="header-token-1", stakeholder_type="citizen"
    )
    statement = forum.statements.order_by("pk").first()
    built = []
    real = HttpHeaders.__init__
    monkeypatch.setattr(HttpHeaders, "__init__", lambda self, meta: built.append(1) or real(self, meta))
    response = Client().post(
        f"/api/dialogues/{forum.pk}/votes",
        json.dumps({"statement": statement.pk, "value": 1, "key": "header-key-1"}),
        content_type="application/json",
        HTTP_X_PARTICIPANT_TOKEN="header-token-1",
    )
    assert response.status_code == 200, response.content
    assert Vote.objects.get(statement=statement).value == 1
    assert built == []
