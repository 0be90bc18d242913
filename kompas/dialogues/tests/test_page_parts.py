"""The vote page and the opinion map are rendered from parts shared by every reader (the map's parts, the
forum's row under the content version, templates rendered once per variant and filled in per request). What a
reader sees must still be theirs: the next statement and their progress right after each vote, a statement's text
exactly as written, the facilitator's button only for those the forum's own rule lets facilitate, a changed forum
at once. And the reads stay few."""

import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.html import escape

from kompas.dialogues import services
from kompas.dialogues.choices import StatementStatus
from kompas.dialogues.models import Statement
from kompas.dialogues.permissions import can_facilitate
from kompas.dialogues.tests import factories
from kompas.dialogues.tests.test_map_cache import compute, forum_with_a_map, voters
from kompas.dialogues.views import TOKEN_COOKIE

RECOMPUTE = "Beregn kortet igen"  # "Compute the map again", the facilitator's button


def vote_url(forum) -> str:
    return reverse("dialogues:vote", args=[forum.pk])


def map_url(forum) -> str:
    return reverse("dialogues:map", args=[forum.pk])


def card(html: str) -> tuple[int | None, str]:
    """The statement the card asks about (its id in the form, or None when all are voted on) and the progress."""
    found = re.search(r'name="statement" value="(\d+)"', html)
    progress = re.search(r"Du har stemt om [^<]*", html)
    assert progress, html
    return (int(found.group(1)) if found else None), progress.group(0)


def counted_get(client, url: str, **headers):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, **headers)
    assert response.status_code == 200
    return response.content.decode(), [q["sql"] for q in captured.captured_queries]


@pytest.fixture
def taking_part(role_users):
    forum = factories.forum(allow_anonymous=True)
    participant = services.participant_join(forum=forum, raw_token="my-token", stakeholder_type="citizen")
    client = Client()
    client.cookies[TOKEN_COOKIE.format(pk=forum.pk)] = "my-token"
    return forum, participant, client


@pytest.mark.django_db
def test_each_vote_shows_the_next_statement_and_the_progress_at_once(taking_part):
    forum, _participant, client = taking_part
    statements = list(forum.statements.filter(status=StatementStatus.APPROVED).order_by("pk"))
    total = len(statements)

    html, queries = counted_get(client, vote_url(forum))
    assert card(html) == (statements[0].pk, f"Du har stemt om 0 af {total} udsagn.")
    assert len(queries) == 1, (
        queries
    )  # the participant, the forum, the next statement and the counts together
    for n, statement in enumerate(statements, 1):
        answer = client.post(
            vote_url(forum), {"statement": statement.pk, "value": 1, "key": f"k-{n}"}, HTTP_HX_REQUEST="true"
        )
        after = answer.content.decode()
        assert answer.status_code == 200 and "<html" not in after  # the card alone
        following = statements[n].pk if n < total else None
        assert card(after) == (following, f"Du har stemt om {n} af {total} udsagn.")
        assert card(counted_get(client, vote_url(forum))[0]) == card(after)  # the page says the same
    assert "Du har stemt om alle udsagn indtil videre" in after


@pytest.mark.django_db
def test_two_participants_each_see_their_own_card(taking_part):
    forum, participant, client = taking_part
    other = Client()
    other.cookies[TOKEN_COOKIE.format(pk=forum.pk)] = "another-token"
    services.participant_join(forum=forum, raw_token="another-token", stakeholder_type="citizen")
    first, second = forum.statements.order_by("pk")[:2]
    services.vote_cast(participant=participant, statement=first, value=1, key="mine")

    mine, theirs = (card(counted_get(c, vote_url(forum))[0]) for c in (client, other))
    assert mine[0] == second.pk and mine[1].startswith("Du har stemt om 1 af")
    assert theirs[0] == first.pk and theirs[1].startswith("Du har stemt om 0 af")


@pytest.mark.django_db
def test_a_statement_is_shown_exactly_as_written_whatever_it_holds(taking_part):
    forum, _participant, client = taking_part
    forum.statements.update(status=StatementStatus.REJECTED)
    text = (
        '<b>Fisk & "chips"</b> \ue000csrf\ue000 \ue000statement\ue000'  # markup, and the page's own markers
    )
    statement = Statement.objects.create(forum=forum, text=text, status=StatementStatus.APPROVED)

    for html in (
        counted_get(client, vote_url(forum))[0],
        client.post(
            vote_url(forum), {"statement": 0, "value": 1, "key": "x"}, HTTP_HX_REQUEST="true"
        ).content.decode(),
    ):
        assert f'id="statement-text">{escape(text)}</h2>' in html
        assert f'name="statement" value="{statement.pk}"' in html
        assert "<b>Fisk" not in html


@pytest.mark.django_db
def test_a_changed_forum_shows_at_once_on_the_vote_page_and_the_map(taking_part, role_users):
    forum, _participant, client = taking_part
    voters(forum, 0, 4)
    voters(forum, 1, 4)
    compute(forum)
    staff = Client()
    staff.force_login(role_users["employee"])
    for page in (counted_get(client, vote_url(forum))[0], counted_get(staff, map_url(forum))[0]):
        assert escape(forum.title) in page
    services.forum_update(forum=forum, actor=role_users["programme"], title="Skal skolen & hallen lukke?")
    for page in (
        counted_get(client, vote_url(forum))[0],
        counted_get(staff, map_url(forum), HTTP_CACHE_CONTROL="no-cache")[0],
    ):
        assert "Skal skolen &amp; hallen lukke?" in page


@pytest.mark.django_db
def test_a_fresh_staff_map_reads_the_forum_once_per_content_version(role_users):
    forum = forum_with_a_map()
    staff = Client()
    staff.force_login(role_users["employee"])
    counted_get(staff, map_url(forum))  # fills the shared parts
    _html, again = counted_get(staff, map_url(forum), HTTP_CACHE_CONTROL="no-cache")
    # the session (a database session in the tests) and whether the reader takes part in the forum
    read_forum = [q for q in again if q.split(" FROM ")[1].startswith('"dialogues_forum"')]
    assert len(again) <= 2 and not read_forum, again

    services.forum_update(forum=forum, actor=role_users["programme"], title="Et nyt navn")
    html, after_write = counted_get(staff, map_url(forum), HTTP_CACHE_CONTROL="no-cache")
    assert "Et nyt navn" in html and len(after_write) == len(again) + 1, after_write  # the forum, read again
    assert len(counted_get(staff, map_url(forum), HTTP_CACHE_CONTROL="no-cache")[1]) == len(again)


@pytest.mark.django_db
@pytest.mark.parametrize("first", ["programme", "employee", "citizen"])
def test_only_those_who_may_facilitate_see_the_recompute_button(role_users, first):
    """Whoever comes first fills the shared parts; the button follows each reader's own right."""
    forum = forum_with_a_map()
    order = [first, *(role for role in ("programme", "employee", "citizen") if role != first)]
    for role in order * 2:
        client = Client()
        client.force_login(role_users[role])
        html = client.get(map_url(forum), HTTP_CACHE_CONTROL="no-cache").content.decode()
        may = can_facilitate.test(role_users[role], forum)
        assert (RECOMPUTE in html) == may, role
        assert ('action="' + reverse("dialogues:map-recompute", args=[forum.pk]) + '"' in html) == may, role
        assert may == (role == "programme")  # the programme user facilitates this forum
