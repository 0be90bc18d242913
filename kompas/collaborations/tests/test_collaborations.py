import pytest
from django.core import mail
from django.urls import reverse

from kompas.activity.models import ActivityEntry, Notification
from kompas.collaborations import services
from kompas.collaborations.models import Collaboration, Participant, Principle, PrincipleSet, Rating
from kompas.collaborations.tests import factories

MARKER = "HEMMELIG-KOMMENTAR-7f3a"


@pytest.fixture
def collaboration(role_users):
    return factories.collaboration()


@pytest.fixture
def reflection_round(collaboration):
    return factories.reflection_round(collaboration=collaboration)


def form_data(collaboration_unit, **overrides):
    from kompas.citygoals.models import CityGoal

    data = {
        "title": "Fællesskab i Bispehaven",
        "purpose": "Beboere og foreninger skaber flere fællesskaber for børn.",
        "city_goals": [CityGoal.objects.order_by("order").first().pk],
        "owner_unit": collaboration_unit.pk,
        "citizen_partners": "Forældre i Bispehaven",
        "visibility": "internal",
    }
    data.update(overrides)
    return data


@pytest.mark.django_db
def test_default_principles_are_installed_as_version_one():
    current = PrincipleSet.objects.get(is_current=True)
    assert current.version == 1
    assert current.principles.count() == 7


@pytest.mark.django_db
def test_leader_creates_a_collaboration_and_a_bad_form_keeps_the_input(client_for, role_users):
    from kompas.goals.tests.factories import unit_with_leader

    unit = unit_with_leader()
    client = client_for("leader")
    response = client.post(reverse("collaborations:create"), form_data(unit, city_goals=[]))
    assert response.status_code == 200
    assert "Vælg mindst ét Aarhusmål." in response.content.decode()
    assert "Fællesskab i Bispehaven" in response.content.decode()
    response = client.post(reverse("collaborations:create"), form_data(unit))
    collaboration = Collaboration.objects.get(title="Fællesskab i Bispehaven")
    assert response["Location"] == reverse("collaborations:detail", args=[collaboration.pk])
    assert collaboration.owner == role_users["leader"]
    assert ActivityEntry.objects.filter(verb="collaboration_created").exists()


@pytest.mark.django_db
def test_external_invitation_sends_a_link_that_shows_only_that_round(
    client, client_for, reflection_round, django_capture_on_commit_callbacks
):
    other = factories.reflection_round(
        collaboration=factories.collaboration(title="Andet samarbejde"), title="ANDEN-RUNDE-MARKØR"
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for("leader").post(
            reverse("collaborations:invite-external", args=[reflection_round.pk]),
            {
                "external-name": "Karen Frivillig",
                "external-email": "Karen@Forening.dk",
                "external-perspective": "partner",
            },
        )
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    body = mail.outbox[0].body
    link = next(line for line in body.splitlines() if "/collaborations/answer/" in line).strip()
    participant = Participant.objects.get(email="karen@forening.dk")
    assert participant.token_hash and link.rsplit("/", 2)[-2] not in participant.token_hash  # only the hash
    client.logout()
    path = link.split("testserver", 1)[1]
    page = client.get(path)
    assert page.status_code == 200
    html = page.content.decode()
    assert reflection_round.collaboration.title in html
    assert "ANDEN-RUNDE-MARKØR" not in html and "Andet samarbejde" not in html
    assert page["Referrer-Policy"] == "same-origin"
    # The link opens nothing else: not the round's staff page, not another token.
    assert client.get(reverse("collaborations:round", args=[reflection_round.pk])).status_code == 302
    assert client.get(reverse("collaborations:answer-external", args=["x" * 43])).status_code == 404
    assert client.get(reverse("collaborations:answer", args=[other.pk])).status_code == 302


@pytest.mark.django_db
def test_a_new_invitation_replaces_the_old_link(
    client, client_for, reflection_round, django_capture_on_commit_callbacks
):
    url = reverse("collaborations:invite-external", args=[reflection_round.pk])
    data = {"external-name": "Ole", "external-email": "ole@eksempel.dk", "external-perspective": "citizen"}
    leader = client_for("leader")
    with django_capture_on_commit_callbacks(execute=True):
        leader.post(url, data)
    with django_capture_on_commit_callbacks(execute=True):
        leader.post(url, data)
    assert Participant.objects.filter(email="ole@eksempel.dk").count() == 1
    first, second = (m.body for m in mail.outbox)
    old = next(line for line in first.splitlines() if "/answer/" in line).split("testserver", 1)[1]
    new = next(line for line in second.splitlines() if "/answer/" in line).split("testserver", 1)[1]
    client.logout()
    assert client.get(old).status_code == 404
    assert client.get(new).status_code == 200


@pytest.mark.django_db
def test_external_participant_answers_by_link_and_sees_only_their_own_ratings(client, reflection_round):
    participant = factories.external(
        reflection_round=reflection_round, name="Karen", perspective="partner", token="t" * 43
    )
    principles = list(Principle.objects.filter(principle_set=reflection_round.principle_set))
    url = reverse("collaborations:answer-external", args=["t" * 43])
    incomplete = {f"score_{principles[0].pk}": "4", f"comment_{principles[0].pk}": "Godt begyndt"}
    response = client.post(url, incomplete)
    assert response.status_code == 200 and not Rating.objects.exists()
    assert "Godt begyndt" in response.content.decode()  # what was typed is kept
    data = {f"score_{p.pk}": "3" for p in principles} | {f"comment_{principles[0].pk}": MARKER}
    response = client.post(url, data)
    assert response.status_code == 200
    assert MARKER in response.content.decode()  # the author sees their own comment
    participant.refresh_from_db()
    assert participant.submitted_at is not None
    assert Rating.objects.filter(participant=participant).count() == 7
    entry = ActivityEntry.objects.get(verb="reflection_answered")
    assert MARKER not in str(entry.changes) and entry.actor is None


@pytest.mark.django_db
def test_individual_ratings_never_appear_to_others(client_for, role_users, reflection_round):
    """Marker strings: one person's comment and a lone perspective's score must not leak anywhere."""
    for i in range(3):
        p = factories.external(
            reflection_round=reflection_round,
            name=f"Kommune {i}",
            perspective="municipality",
            token=f"{i}" * 40,
        )
        factories.answer_all(participant=p, score=4, comment=f"{MARKER}-person{i}")
    lone = factories.external(
        reflection_round=reflection_round, name="Borger", perspective="citizen", token="c" * 40
    )
    factories.answer_all(participant=lone, score=1, comment=f"{MARKER}-borger")
    pages = [
        reverse("collaborations:round", args=[reflection_round.pk]),
        reverse("collaborations:detail", args=[reflection_round.collaboration_id]),
        reverse("collaborations:list"),
        reverse("api:list_collaborations"),
    ]
    for role in ("employee", "leader", "programme", "admin"):
        client = client_for(role)
        for url in pages:
            html = client.get(url).content.decode()
            assert MARKER not in html, (role, url)
    leader_html = client_for("leader").get(pages[0]).content.decode()
    assert "4,0" in leader_html  # the municipality perspective (three answers) is shown
    assert "For få svar til at vise" in leader_html  # the citizen alone is not
    assert "1,0" not in leader_html
    # Another participant's link shows only their own answer.
    own = (
        client_for("anonymous")
        .get(reverse("collaborations:answer-external", args=["0" * 40]))
        .content.decode()
    )
    assert f"{MARKER}-person0" in own
    assert f"{MARKER}-person1" not in own and f"{MARKER}-borger" not in own


@pytest.mark.django_db
def test_staff_participant_answers_and_is_notified(
    client_for, role_users, reflection_round, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.participant_invite_account(
            reflection_round=reflection_round,
            user=role_users["employee"],
            perspective="municipality",
            actor=reflection_round.collaboration.owner,
        )
    assert Notification.objects.filter(recipient=role_users["employee"]).exists()
    client = client_for("employee")
    url = reverse("collaborations:answer", args=[reflection_round.pk])
    principles = Principle.objects.filter(principle_set=reflection_round.principle_set)
    assert client.post(url, {f"score_{p.pk}": "5" for p in principles}).status_code == 200
    assert Rating.objects.filter(participant__user=role_users["employee"], score=5).count() == 7
    assert client_for("citizen").get(url).status_code == 404


@pytest.mark.django_db
def test_a_closed_round_takes_no_answers(client, reflection_round):
    factories.external(reflection_round=reflection_round, name="Sen", perspective="citizen", token="s" * 40)
    services.round_set_status(reflection_round=reflection_round, status="closed", actor=None)
    principles = Principle.objects.filter(principle_set=reflection_round.principle_set)
    url = reverse("collaborations:answer-external", args=["s" * 40])
    response = client.post(url, {f"score_{p.pk}": "2" for p in principles})
    assert "lukket" in response.content.decode()
    assert not Rating.objects.exists()


@pytest.mark.django_db
def test_change_from_round_to_round_and_new_principle_versions(client_for, collaboration):
    first = factories.reflection_round(collaboration=collaboration, title="Opstart")
    for i in range(3):
        p = factories.external(
            reflection_round=first, name=f"A{i}", perspective="partner", token=f"a{i}" * 20
        )
        factories.answer_all(participant=p, score=2)
    services.principles_publish(
        principles=[(p.title, p.text) for p in Principle.objects.filter(principle_set__is_current=True)],
        note="Ny version",
        actor=None,
    )
    second = factories.reflection_round(collaboration=collaboration, title="Efter et halvt år")
    assert second.principle_set.version == 2 and first.principle_set.version == 1
    for i in range(3):
        p = factories.external(
            reflection_round=second, name=f"B{i}", perspective="partner", token=f"b{i}" * 20
        )
        factories.answer_all(participant=p, score=4)
    html = client_for("leader").get(reverse("collaborations:round", args=[second.pk])).content.decode()
    assert "(+2,0)" in html
    assert "<svg" in html and "polygon" in html


@pytest.mark.django_db
def test_programme_staff_publish_a_new_version_of_the_principles(client_for):
    response = client_for("programme").post(
        reverse("collaborations:principles"),
        {"principles": "Lyt først | Forstå\nFælles formål\nLigeværd", "note": "Kortere"},
    )
    assert response.status_code == 302
    current = PrincipleSet.objects.get(is_current=True)
    assert current.version == 2 and [p.title for p in current.principles.all()][0] == "Lyt først"
    too_few = client_for("programme").post(
        reverse("collaborations:principles"), {"principles": "En", "note": "x"}
    )
    assert too_few.status_code == 200 and PrincipleSet.objects.count() == 2


@pytest.mark.django_db
def test_cpr_numbers_are_refused_in_comments(client, reflection_round):
    factories.external(reflection_round=reflection_round, name="Cpr", perspective="citizen", token="k" * 40)
    principles = list(Principle.objects.filter(principle_set=reflection_round.principle_set))
    data = {f"score_{p.pk}": "3" for p in principles} | {
        f"comment_{principles[0].pk}": "Mit nr er 010203-1234"
    }
    response = client.post(reverse("collaborations:answer-external", args=["k" * 40]), data)
    assert response.status_code == 200 and not Rating.objects.exists()
    assert "CPR-nummer" in response.content.decode()  # the Danish message beside the field; nothing stored


@pytest.mark.django_db
def test_round_page_query_count_does_not_grow_with_answers(
    client_for, reflection_round, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def add(n: int, start: int) -> None:
        for i in range(start, start + n):
            p = factories.external(
                reflection_round=reflection_round, name=f"P{i}", perspective="partner", token=f"q{i:03d}" * 10
            )
            factories.answer_all(participant=p, score=3)

    client = client_for("leader")
    url = reverse("collaborations:round", args=[reflection_round.pk])
    add(3, 0)
    client.get(url)
    with CaptureQueriesContext(connection) as one:
        client.get(url)
    add(27, 3)
    with CaptureQueriesContext(connection) as ten:
        client.get(url)
    assert len(ten) == len(one)


@pytest.mark.django_db
def test_gdpr_export_and_erase(role_users, reflection_round):
    from kompas.collaborations import personal

    participant, _ = services.participant_invite_account(
        reflection_round=reflection_round, user=role_users["employee"], perspective="municipality", actor=None
    )
    factories.answer_all(participant=participant, score=4, comment=MARKER)
    exported = personal.export(role_users["employee"])
    assert exported["reflection_answers"][0]["ratings"][0]["comment"] == MARKER
    assert personal.erase(role_users["employee"]) == 1
    assert Rating.objects.filter(participant=participant).count() == 7
    assert not Rating.objects.filter(comment=MARKER).exists()


@pytest.mark.django_db
def test_list_query_count_does_not_grow(client_for, collaboration):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = client_for("employee")
    url = reverse("collaborations:list")
    factories.reflection_round(collaboration=collaboration)
    client.get(url)
    with CaptureQueriesContext(connection) as one:
        client.get(url)
    for i in range(9):
        factories.reflection_round(collaboration=factories.collaboration(title=f"Samarbejde {i}"))
    with CaptureQueriesContext(connection) as ten:
        client.get(url)
    assert len(ten) == len(one)


@pytest.mark.django_db
def test_a_closed_round_invites_no_one(client_for, reflection_round):
    services.round_set_status(reflection_round=reflection_round, status="closed", actor=None)
    response = client_for("leader").post(
        reverse("collaborations:invite-external", args=[reflection_round.pk]),
        {"external-name": "Sen", "external-email": "sen@eksempel.dk", "external-perspective": "citizen"},
    )
    assert response.status_code == 302 and not Participant.objects.exists()


@pytest.mark.django_db
def test_the_list_filters_by_search_city_goal_and_owner(client_for, role_users):
    from kompas.citygoals.models import CityGoal

    first, second = CityGoal.objects.filter(is_active=True).order_by("order")[:2]
    factories.collaboration(title="Sammen om Gellerup Park")
    factories.collaboration(title="Grønne gårde i Viby").city_goals.set([second])

    def titles(role: str, query: dict) -> set[str]:
        page = client_for(role).get(reverse("collaborations:list"), query).content.decode()
        return {t for t in ("Sammen om Gellerup Park", "Grønne gårde i Viby") if t in page}

    assert titles("employee", {}) == {"Sammen om Gellerup Park", "Grønne gårde i Viby"}
    assert titles("employee", {"city_goal": second.pk}) == {"Grønne gårde i Viby"}
    assert titles("employee", {"city_goal": first.pk}) == {"Sammen om Gellerup Park"}
    assert titles("employee", {"q": "grønne"}) == {"Grønne gårde i Viby"}
    assert titles("leader", {"mine": "1"}) == {"Sammen om Gellerup Park", "Grønne gårde i Viby"}
    assert titles("employee", {"mine": "1"}) == set()
    page = (
        client_for("employee").get(reverse("collaborations:list"), {"city_goal": second.pk}).content.decode()
    )
    assert f'<option value="{second.pk}" selected>' in page


@pytest.mark.django_db
def test_an_invitation_with_errors_shows_the_round_again_and_invites_no_one(client_for, reflection_round):
    response = client_for("leader").post(
        reverse("collaborations:invite-external", args=[reflection_round.pk]),
        {"external-name": "Karen", "external-email": "ikke-en-adresse", "external-perspective": "citizen"},
    )
    assert response.status_code == 400 and not Participant.objects.exists()
    page = response.content.decode()
    assert 'value="Karen"' in page  # what was typed is kept
    assert "Refleksionsrunde 1" in page
