"""Assisted participation (seed 004, spor 4): staff enter a citizen's votes and statement on their behalf."""

import pytest
from django.urls import reverse

from kompas.activity.models import ActivityEntry
from kompas.dialogues import services
from kompas.dialogues.choices import ForumVisibility
from kompas.dialogues.models import Assistance, OpinionMap, Participant, Vote
from kompas.dialogues.tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def forum(role_users):
    return factories.forum()


def _form(forum, **extra):
    data = {"stakeholder_type": "trade_union", "key": "k-1", "confirmed": "on", "statement": ""}
    for n, statement in enumerate(forum.statements.filter(status="approved").order_by("id")):
        data[f"vote_{statement.pk}"] = str((n % 3) - 1)
    data.update(extra)
    return data


def test_an_employee_enters_a_citizens_answers_marked_assisted_with_the_helper_apart(
    forum, client_for, role_users
):
    client = client_for("employee")
    page = client.get(reverse("dialogues:assist", args=[forum.pk])).content.decode()
    assert "Indtast en borgers svar" in page and "Faglig organisation" in page
    response = client.post(reverse("dialogues:assist", args=[forum.pk]), _form(forum))
    assert response.status_code == 302
    participant = Participant.objects.get(forum=forum, assisted=True)
    assert participant.user is None and participant.stakeholder_type == "trade_union"
    assert Assistance.objects.get(participant=participant).helper == role_users["employee"]
    assert (
        Vote.objects.filter(participant=participant).count()
        == forum.statements.filter(status="approved").count()
    )
    entry = ActivityEntry.objects.get(verb="forum_assisted_entry")
    assert entry.actor == role_users["employee"] and entry.target_id == str(forum.pk)
    assert "votes" in entry.changes and "1" not in str(entry.changes.get("statement"))
    # The same form again (a double submit) changes nothing.
    client.post(reverse("dialogues:assist", args=[forum.pk]), _form(forum))
    assert Participant.objects.filter(forum=forum, assisted=True).count() == 1


def test_the_citizen_must_have_given_the_answers_and_at_least_one(forum, client_for):
    client = client_for("employee")
    response = client.post(reverse("dialogues:assist", args=[forum.pk]), _form(forum, confirmed=""))
    assert "Bekræft, at svarene er borgerens egne." in response.content.decode()
    empty = {k: ("" if k.startswith("vote_") else v) for k, v in _form(forum).items()}
    response = client.post(reverse("dialogues:assist", args=[forum.pk]), empty)
    assert "Indtast mindst én stemme eller et udsagn." in response.content.decode()
    assert not Participant.objects.filter(assisted=True).exists()


def test_citizens_and_staff_forums_are_out_of_reach(role_users, client_for):
    staff_forum = factories.forum(title="Internt forum", visibility=ForumVisibility.STAFF)
    public_forum = factories.forum(title="Åbent forum")
    assert client_for("citizen").get(reverse("dialogues:assist", args=[public_forum.pk])).status_code == 403
    assert client_for("employee").get(reverse("dialogues:assist", args=[staff_forum.pk])).status_code == 404


def test_the_opinion_map_can_be_read_with_and_without_assisted_input(forum, role_users, client_for):
    statements = list(forum.statements.filter(status="approved").order_by("id"))
    for n in range(8):
        p = services.participant_join(forum=forum, stakeholder_type="citizen", raw_token=f"t{n}")
        for i, s in enumerate(statements):
            services.vote_cast(participant=p, statement=s, value=1 if (n + i) % 2 else -1, key=f"{n}-{i}")
    for n in range(3):
        services.assisted_participation_record(
            forum=forum,
            actor=role_users["employee"],
            stakeholder_type="citizen",
            votes={s.pk: -1 for s in statements},
            key=f"assist-{n}",
        )
    opinion_map = services.map_compute(map_id=OpinionMap.objects.create(forum=forum).pk)
    assert opinion_map.assisted_participants == 3
    assisted_ids = {str(p) for p in Participant.objects.filter(assisted=True).values_list("pk", flat=True)}
    assert assisted_ids <= set(opinion_map.result["coordinates"])
    assert not assisted_ids & set(opinion_map.result_without_assisted["coordinates"])
    client = client_for("citizen")
    page = client.get(reverse("dialogues:map", args=[forum.pk])).content.decode()
    assert "Uden assisterede svar" in page and "3 deltageres svar er indtastet" in page
    without = client.get(reverse("dialogues:map", args=[forum.pk]), {"assisted": "exclude"}).content.decode()
    assert 'aria-current="true"><span>Uden assisterede svar' in without


def test_the_helper_is_named_only_to_the_facilitator(forum, role_users, client_for):
    from django.contrib.contenttypes.models import ContentType

    services.assisted_participation_record(
        forum=forum,
        actor=role_users["leader"],
        stakeholder_type="citizen",
        votes={forum.statements.filter(status="approved").first().pk: 1},
        key="apart",
    )
    type_id = ContentType.objects.get_for_model(forum).pk
    history = reverse("activity:history", kwargs={"type_id": type_id, "object_id": forum.pk})
    for role in ("citizen", "employee"):
        client = client_for(role)
        for url in (forum.get_absolute_url(), reverse("dialogues:map", args=[forum.pk]), history):
            assert "Lars Leder" not in client.get(url).content.decode(), (role, url)
    assert "Lars Leder" in client_for("programme").get(history).content.decode()  # the facilitator
