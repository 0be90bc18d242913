import io
import re
import threading
import zipfile

import pytest
from django.db import connection, connections
from django.urls import reverse
from django.utils.html import escape

from kompas.dialogues import services
from kompas.dialogues.choices import ForumStatus, ForumVisibility, Moderation, StatementStatus
from kompas.dialogues.models import Forum, Participant, Statement, Vote, VoteReceipt
from kompas.dialogues.tests import factories


@pytest.fixture
def forum(role_users):
    return factories.forum()


def join(client, forum, kind="citizen"):
    return client.post(reverse("dialogues:join", args=[forum.pk]), {"stakeholder_type": kind})


def shown_statement(page) -> Statement:
    """The statement the vote page asks about: its text as the heading of the card, its id in the form."""
    html = page.content.decode()
    statement = Statement.objects.get(pk=re.search(r'name="statement" value="(\d+)"', html).group(1))
    assert f'id="statement-text">{escape(statement.text)}</h2>' in html
    return statement


@pytest.mark.django_db
def test_a_citizen_joins_votes_one_at_a_time_and_can_change_a_vote(forum, client_for, role_users):
    client = client_for("citizen")
    assert join(client, forum)["Location"] == reverse("dialogues:vote", args=[forum.pk])
    first = shown_statement(client.get(reverse("dialogues:vote", args=[forum.pk])))
    assert first.text == factories.STATEMENTS[0]
    client.post(reverse("dialogues:vote", args=[forum.pk]), {"statement": first.pk, "value": 1, "key": "k1"})
    assert (
        shown_statement(client.get(reverse("dialogues:vote", args=[forum.pk]))).text
        == factories.STATEMENTS[1]
    )
    client.post(reverse("dialogues:vote", args=[forum.pk]), {"statement": first.pk, "value": -1, "key": "k2"})
    vote = Vote.objects.get()
    assert (vote.statement, vote.value) == (first, -1)


@pytest.mark.django_db
def test_the_same_submission_twice_changes_nothing(forum, role_users):
    participant = services.participant_join(
        forum=forum, user=role_users["citizen"], stakeholder_type="citizen"
    )
    statement = forum.statements.first()
    services.vote_cast(participant=participant, statement=statement, value=1, key="same")
    services.vote_cast(participant=participant, statement=statement, value=1, key="same")  # a replayed form
    with pytest.raises(services.KeyReused):  # the same key with another answer: refused, never merged
        services.vote_cast(participant=participant, statement=statement, value=-1, key="same")
    assert Vote.objects.get().value == 1
    assert VoteReceipt.objects.count() == 1


@pytest.mark.django_db
def test_votes_work_with_htmx_and_return_the_next_card(forum, client_for):
    client = client_for("citizen")
    join(client, forum)
    statement = forum.statements.first()
    response = client.post(
        reverse("dialogues:vote", args=[forum.pk]),
        {"statement": statement.pk, "value": 0, "key": "h"},
        HTTP_HX_REQUEST="true",
    )
    body = response.content.decode()
    assert response.status_code == 200 and "<html" not in body
    assert factories.STATEMENTS[1] in body


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="concurrency is tested against PostgreSQL")
@pytest.mark.parametrize("same_key", [True, False])
def test_fifty_parallel_submissions_of_the_same_vote_make_one_row(role_users, same_key):
    forum = factories.forum()
    participant = services.participant_join(
        forum=forum, user=role_users["citizen"], stakeholder_type="citizen"
    )
    statement = forum.statements.first()
    barrier = threading.Barrier(50)
    errors = []

    def submit(n: int) -> None:
        try:
            barrier.wait(timeout=10)
            services.vote_cast(
                participant=participant,
                statement=statement,
                value=1,
                key="parallel" if same_key else f"key-{n}",
            )
        except Exception as exc:  # noqa: BLE001 - collected and asserted below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=submit, args=(n,)) for n in range(50)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert errors == []
    assert Vote.objects.filter(participant=participant, statement=statement).count() == 1


@pytest.mark.django_db
def test_anonymous_participation_uses_a_token_in_the_browser(role_users, client):
    forum = factories.forum(allow_anonymous=True)
    response = join(client, forum)
    token = response.cookies[f"kompas_forum_{forum.pk}"].value
    assert token and Participant.objects.get().token_hash == Participant.hash_token(token)
    assert token not in Participant.objects.get().token_hash
    statement = forum.statements.first()
    client.post(
        reverse("dialogues:vote", args=[forum.pk]), {"statement": statement.pk, "value": 1, "key": "a"}
    )
    assert Vote.objects.get().participant.user is None


@pytest.mark.django_db
def test_anonymous_must_log_in_when_the_forum_asks_for_it(forum, client):
    assert reverse("accounts:login") in client.get(reverse("dialogues:join", args=[forum.pk]))["Location"]


@pytest.mark.django_db
def test_submitted_statements_wait_for_moderation_and_near_duplicates_are_flagged(
    forum, client_for, role_users
):
    client = client_for("citizen")
    join(client, forum)
    client.post(reverse("dialogues:submit", args=[forum.pk]), {"text": "Vi skal bygge en ny skole i byen."})
    client.post(
        reverse("dialogues:submit", args=[forum.pk]),
        {"text": "Skolen skal lukke, hvis der er under 100 elever!"},
    )
    new, duplicate = Statement.objects.filter(is_seed=False).order_by("id")
    assert new.status == duplicate.status == StatementStatus.PENDING
    assert duplicate.near_duplicate_of.text == factories.STATEMENTS[0]
    moderation = (
        client_for("programme").get(reverse("dialogues:moderation", args=[forum.pk])).content.decode()
    )
    assert "Vi skal bygge en ny skole" in moderation
    client_for("programme").post(
        reverse("dialogues:moderation", args=[forum.pk]), {"statement": new.pk, "decision": "approve"}
    )
    new.refresh_from_db()
    assert new.status == StatementStatus.APPROVED


@pytest.mark.django_db
def test_post_moderation_publishes_at_once(role_users, client_for):
    forum = factories.forum(moderation=Moderation.POST)
    client = client_for("citizen")
    join(client, forum)
    client.post(reverse("dialogues:submit", args=[forum.pk]), {"text": "Byrådet skal lytte til børnene."})
    assert Statement.objects.get(is_seed=False).status == StatementStatus.APPROVED


@pytest.mark.django_db
def test_statements_are_at_most_280_characters_and_pass_the_cpr_guard(forum, client_for):
    client = client_for("citizen")
    join(client, forum)
    too_long = client.post(reverse("dialogues:submit", args=[forum.pk]), {"text": "x" * 281}).content.decode()
    assert "280" in too_long
    cpr = client.post(reverse("dialogues:submit", args=[forum.pk]), {"text": "Mit barn 010190-1234 går der"})
    assert "CPR-nummer" in cpr.content.decode()
    assert not Statement.objects.filter(is_seed=False).exists()


@pytest.mark.django_db
def test_a_staff_only_forum_is_invisible_to_citizens_and_the_public(role_users, client_for):
    forum = factories.forum(title="Internt dilemma", visibility=ForumVisibility.STAFF)
    for role in ("anonymous", "citizen"):
        client = client_for(role)
        assert client.get(reverse("dialogues:detail", args=[forum.pk])).status_code == 404
        assert "Internt dilemma" not in client.get(reverse("dialogues:list")).content.decode()
    assert client_for("employee").get(reverse("dialogues:detail", args=[forum.pk])).status_code == 200


@pytest.mark.django_db
def test_a_draft_is_only_for_its_facilitator(role_users, client_for):
    forum = factories.forum(title="Kladde-forum", status=ForumStatus.DRAFT)
    assert client_for("citizen").get(reverse("dialogues:detail", args=[forum.pk])).status_code == 404
    assert client_for("programme").get(reverse("dialogues:detail", args=[forum.pk])).status_code == 200


@pytest.mark.django_db
def test_lifecycle_follows_the_transitions_table(forum, role_users):
    programme = role_users["programme"]
    with pytest.raises(services.TransitionNotAllowed):
        services.forum_transition(forum=forum, to=ForumStatus.DRAFT, actor=programme)
    services.forum_transition(forum=forum, to=ForumStatus.CLOSED, actor=programme)
    services.forum_transition(forum=forum, to=ForumStatus.REPORTED, actor=programme)
    assert Forum.objects.get(pk=forum.pk).status == ForumStatus.REPORTED


@pytest.mark.django_db
def test_standpoints_in_rounds_show_how_positions_move(forum, client_for, role_users):
    client = client_for("citizen")
    join(client, forum)
    first, second = forum.standpoints.all()[:2]
    client.post(reverse("dialogues:standpoint", args=[forum.pk]), {"standpoint": first.pk})
    client.post(reverse("dialogues:standpoint", args=[forum.pk]), {"standpoint": second.pk})
    choices = list(Participant.objects.get().standpoints.order_by("round").values_list("round", "standpoint"))
    assert choices == [(1, first.pk), (2, second.pk)]


@pytest.mark.django_db
def test_outcome_links_goals_and_the_report_shows_it(forum, client_for, role_users):
    from kompas.goals.tests import factories as goal_factories

    goal = goal_factories.goal()
    client_for("programme").post(
        reverse("dialogues:outcome", args=[forum.pk]),
        {"outcome": "Vi afprøver et samarbejde mellem skolerne.", "goals": [goal.pk]},
    )
    body = client_for("anonymous").get(reverse("dialogues:report", args=[forum.pk])).content.decode()
    assert "Vi afprøver et samarbejde" in body and goal.title in body


@pytest.mark.django_db
def test_polis_export_and_import_round_trip(forum, role_users):
    participants = [
        services.participant_join(forum=forum, user=role_users[r], stakeholder_type="citizen")
        for r in ("citizen", "employee", "leader")
    ]
    for i, statement in enumerate(forum.statements.all()):
        for j, participant in enumerate(participants):
            services.vote_cast(
                participant=participant, statement=statement, value=[1, -1, 0][(i + j) % 3], key=""
            )
    archive = zipfile.ZipFile(io.BytesIO(services.polis_export(forum)))
    comments, votes = archive.read("comments.csv").decode(), archive.read("votes.csv").decode()
    assert comments.splitlines()[0].startswith("timestamp,datetime,comment-id")
    imported = services.polis_import(
        title="Genimport", comments_csv=comments, votes_csv=votes, actor=role_users["programme"]
    )
    assert imported.status == ForumStatus.CLOSED
    assert imported.statements.count() == forum.statements.count()
    assert (
        Vote.objects.filter(statement__forum=imported).count()
        == Vote.objects.filter(statement__forum=forum).count()
    )


@pytest.mark.django_db
def test_the_vote_api_is_idempotent_per_key_and_needs_a_participant(role_users, client):
    import json

    forum = factories.forum(allow_anonymous=True)
    statement = forum.statements.first()
    url = f"/api/dialogues/{forum.pk}/votes"
    body = json.dumps({"statement": statement.pk, "value": 1, "key": "api-key-0001"})
    headers = {"HTTP_X_PARTICIPANT_TOKEN": "browser-token-1"}
    assert client.post(url, body, content_type="application/json", **headers).status_code == 409  # not joined
    services.participant_join(forum=forum, raw_token="browser-token-1", stakeholder_type="citizen")
    first = client.post(url, body, content_type="application/json", **headers)
    again = client.post(url, body, content_type="application/json", **headers)
    assert first.status_code == again.status_code == 200
    assert first.json() == {"statement": statement.pk, "value": 1}
    assert Vote.objects.count() == 1 and VoteReceipt.objects.count() == 1
    bad = client.post(
        url,
        json.dumps({"statement": statement.pk, "value": 5, "key": "api-key-0002"}),
        content_type="application/json",
        **headers,
    )
    assert bad.status_code == 422


@pytest.mark.django_db
def test_a_database_outage_gives_503_with_retry_after(forum, client_for, monkeypatch):
    from django.db import OperationalError

    from kompas.dialogues import selectors

    def broken(**kwargs):
        raise OperationalError("server closed the connection unexpectedly")

    monkeypatch.setattr(selectors, "forums_for", broken)
    client = client_for("anonymous")
    client.raise_request_exception = False
    response = client.get(reverse("dialogues:list"))
    assert response.status_code == 503 and response["Retry-After"] == "5"


@pytest.mark.django_db
def test_map_coordinates_are_written_with_a_decimal_point_in_danish_too(client):
    from django.template.loader import render_to_string
    from django.utils import translation

    with translation.override("da"):
        html = render_to_string(
            "dialogues/partials/map_points.html",
            {"points": [{"x": 12.5, "y": 7.25, "group": 0, "type": "citizen"}], "overlay": "groups"},
        )
    assert 'cx="12.5"' in html and 'cy="7.25"' in html


@pytest.mark.django_db
def test_erasing_a_person_keeps_their_votes_without_them(forum, role_users):
    from kompas.accounts.services import person_erase, person_export

    participant = services.participant_join(
        forum=forum, user=role_users["citizen"], stakeholder_type="citizen"
    )
    services.vote_cast(participant=participant, statement=forum.statements.first(), value=1, key="gdpr-1")
    exported = person_export(person=role_users["citizen"], actor=role_users["admin"])
    assert exported["sections"]["dialogues"][0]["votes"][0]["vote"] == 1
    person_erase(person=role_users["citizen"], actor=role_users["admin"])
    participant.refresh_from_db()
    assert participant.user is None and participant.votes.count() == 1


@pytest.mark.django_db
def test_voting_too_fast_gets_a_clear_message(forum, role_users, client_for, settings):
    client = client_for("citizen")
    join(client, forum)
    participant = Participant.objects.get()
    statements = list(forum.statements.all())
    settings.KOMPAS_RATE_LIMITS = {**settings.KOMPAS_RATE_LIMITS, "vote_participant": (3, 60)}
    for n, statement in enumerate(statements[:3]):
        services.vote_cast(participant=participant, statement=statement, value=1, key=f"fast-{n}")
    response = client.post(
        reverse("dialogues:vote", args=[forum.pk]),
        {"statement": statements[3].pk, "value": 1, "key": "fast-3"},
    )
    assert response.status_code == 400 and "stemmer meget hurtigt" in response.content.decode()


@pytest.mark.django_db
def test_an_invited_forum_is_visible_to_the_invited_only(role_users, client_for):
    forum = factories.forum(title="Kun for inviterede", visibility=ForumVisibility.INVITED)
    saved = client_for("programme").post(
        reverse("dialogues:edit", args=[forum.pk]),
        {
            "title": forum.title,
            "dilemma": forum.dilemma,
            "values_in_tension": forum.values_in_tension,
            "question": forum.question,
            "visibility": "invited",
            "moderation": "pre",
            "invited_emails": "borger@test.kompas.dk",
            "participants_may_submit": "on",
        },
    )
    assert list(forum.invited.values_list("email", flat=True)) == ["borger@test.kompas.dk"], (
        saved.content.decode()[-3000:]
    )
    assert client_for("citizen").get(reverse("dialogues:detail", args=[forum.pk])).status_code == 200
    assert client_for("employee").get(reverse("dialogues:detail", args=[forum.pk])).status_code == 404
    unknown = client_for("programme").post(
        reverse("dialogues:edit", args=[forum.pk]),
        {
            "title": forum.title,
            "dilemma": forum.dilemma,
            "values_in_tension": forum.values_in_tension,
            "question": forum.question,
            "visibility": "invited",
            "moderation": "pre",
            "invited_emails": "ukendt@x.dk",
        },
    )
    assert "ukendt@x.dk" in unknown.content.decode()


@pytest.mark.django_db
def test_the_facilitator_is_notified_in_their_language(
    forum, client_for, role_users, django_capture_on_commit_callbacks
):
    from kompas.activity.models import Notification

    client = client_for("citizen")
    join(client, forum)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("dialogues:submit", args=[forum.pk]), {"text": "Et helt nyt synspunkt om skolen."}
        )
    note = Notification.objects.get(recipient=role_users["programme"])
    assert note.message.startswith("Et nyt udsagn venter på moderation")
    assert note.url == reverse("dialogues:moderation", args=[forum.pk])
