"""The value map: what the public sees is the published snapshot, and nothing private leaks into it."""

import datetime as dt
import json

import pytest
from django.urls import reverse

from kompas.citygoals.models import CityGoal
from kompas.core.choices import Visibility
from kompas.goals import services as goal_services
from kompas.goals.tests import factories
from kompas.valuemap.models import Snapshot
from kompas.valuemap.services import snapshot_build, snapshot_request

SECRET_GOAL = "HEMMELIGT-INTERNT-MAAL-7731"
SECRET_QUOTE = "UDEN-SAMTYKKE-CITAT-4410"
DRAFT_TITLE = "UPUBLICERET-KLADDE-9902"


def publish() -> Snapshot:
    return snapshot_build(snapshot_id=Snapshot.objects.create(note="test").pk)


@pytest.fixture
def world(role_users):
    """A public goal with consented and unconsented words, an internal goal, and a change after publishing."""
    leader = role_users["leader"]
    public = factories.goal(title="Trygge skoleveje i Tilst")
    factories.indicator(goal=public, points=4)
    goal_services.evidence_add(
        goal=public,
        actor=leader,
        kind="quote",
        title="Tryg",
        text="Nu cykler jeg selv",
        occurred_on=dt.date(2026, 2, 1),
        source="Elev",
        is_citizen_voice=True,
        consent_public=True,
    )
    goal_services.evidence_add(
        goal=public,
        actor=leader,
        kind="quote",
        title="Privat",
        text=SECRET_QUOTE,
        occurred_on=dt.date(2026, 2, 2),
        source="Borger",
        is_citizen_voice=True,
        consent_public=False,
    )
    internal = factories.goal(title=SECRET_GOAL, visibility=Visibility.INTERNAL)
    factories.indicator(goal=internal, points=2)
    snapshot = publish()
    # After publishing: a new public goal is a draft for the public until the next publication.
    factories.goal(title=DRAFT_TITLE)
    return {"public": public, "internal": internal, "snapshot": snapshot}


def public_pages(client, world) -> list[str]:
    city_goal = CityGoal.objects.order_by("order").first()
    urls = [
        reverse("valuemap:overview"),
        reverse("valuemap:citygoal", args=[city_goal.pk]),
        reverse("valuemap:goal", args=[world["public"].pk]),
        "/api/open/goals",
        "/api/open/indicators",
        "/api/openapi.json",
    ]
    for dataset in ("goals", "indicators", "data-points"):
        for fmt in ("csv", "json"):
            urls.append(reverse("valuemap:download", args=[dataset, fmt]))
    bodies = []
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        content = b"".join(response.streaming_content) if response.streaming else response.content
        bodies.append(content.decode("utf-8-sig"))
    return bodies


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["anonymous", "citizen"])
def test_no_internal_goal_unconsented_words_or_draft_reaches_the_public(world, client_for, role):
    for body in public_pages(client_for(role), world):
        assert SECRET_GOAL not in body
        assert SECRET_QUOTE not in body
        assert DRAFT_TITLE not in body
    assert "Trygge skoleveje i Tilst" in "".join(public_pages(client_for(role), world))


@pytest.mark.django_db
def test_internal_and_unpublished_goals_are_not_reachable_by_address(world, client):
    assert client.get(reverse("valuemap:goal", args=[world["internal"].pk])).status_code == 404
    assert client.get(reverse("goals:detail", args=[world["internal"].pk])).status_code == 302  # to login


@pytest.mark.django_db
def test_staff_see_live_data_and_can_preview_the_published_version(world, client_for):
    city_goal = CityGoal.objects.order_by("order").first()
    client = client_for("employee")
    live = client.get(reverse("valuemap:citygoal", args=[city_goal.pk])).content.decode()
    assert SECRET_GOAL in live and DRAFT_TITLE in live
    published = client.get(
        reverse("valuemap:citygoal", args=[city_goal.pk]) + "?view=published"
    ).content.decode()
    assert SECRET_GOAL not in published and DRAFT_TITLE not in published


@pytest.mark.django_db
def test_before_the_first_publication_the_public_is_told_so(client, db):
    body = client.get(reverse("valuemap:overview")).content.decode()
    assert "ikke publiceret" in body
    assert client.get(reverse("valuemap:download", args=["goals", "csv"])).status_code == 404


@pytest.mark.django_db
def test_programme_staff_publish_and_the_new_version_becomes_current(
    world, client_for, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for("programme").post(reverse("valuemap:publish"), {"note": "Q1"})
    assert response.status_code == 302
    current = Snapshot.objects.get(is_current=True)
    assert current.note == "Q1" and current.counts["goals"] == 2  # the draft is now published
    city_goal = CityGoal.objects.order_by("order").first()
    assert (
        DRAFT_TITLE
        in client_for("anonymous").get(reverse("valuemap:citygoal", args=[city_goal.pk])).content.decode()
    )


@pytest.mark.django_db
def test_open_data_has_goals_indicators_and_points(world, client):
    goals = json.loads(client.get(reverse("valuemap:download", args=["goals", "json"])).content)
    assert [row["title"] for row in goals["rows"]] == ["Trygge skoleveje i Tilst"]
    points = client.get(reverse("valuemap:download", args=["data-points", "csv"]))
    lines = b"".join(points.streaming_content).decode("utf-8-sig").splitlines()
    assert lines[0] == "indicator_id;date;value" and len(lines) == 5
    api = client.get("/api/open/indicators").json()
    assert api["count"] == 1 and len(api["items"][0]["points"]) == 4


@pytest.mark.django_db
def test_publishing_through_the_service_runs_in_the_background_task(
    role_users, django_capture_on_commit_callbacks
):
    factories.goal(title="Et offentligt mål")
    with django_capture_on_commit_callbacks(execute=True):
        snapshot = snapshot_request(actor=role_users["programme"], note="baggrund")
    snapshot.refresh_from_db()
    assert snapshot.state == "ready" and snapshot.is_current


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["anonymous", "employee"])
def test_a_city_goal_renamed_or_retired_shows_at_once_on_the_value_map(world, client_for, role_users, role):
    from kompas.citygoals import services as city_goal_services
    from kompas.citygoals.tests.factories import rename

    city_goal = CityGoal.objects.order_by("order").first()
    client = client_for(role)
    url = reverse("valuemap:citygoal", args=[city_goal.pk])
    assert client.get(url).status_code == 200
    assert "Omdøbt bymål om skoleveje" not in client.get(reverse("valuemap:overview")).content.decode()

    rename(city_goal, title="Omdøbt bymål om skoleveje", actor=role_users["programme"])
    assert "Omdøbt bymål om skoleveje" in client.get(url).content.decode()

    city_goal.refresh_from_db()
    city_goal_services.city_goal_update(
        goal=city_goal,
        title=city_goal.title,
        description=city_goal.description,
        is_active=False,
        actor=role_users["programme"],
    )
    assert client.get(url).status_code == 404


@pytest.mark.django_db
def test_a_city_goal_page_shows_a_new_text_at_once_and_each_reader_their_own_view_switch(
    world, client_for, role_users
):
    """The heading, the text and the view switch come from the fragment cached per content version and view."""
    from kompas.citygoals import services as city_goal_services

    city_goal = CityGoal.objects.order_by("order").first()
    url = reverse("valuemap:citygoal", args=[city_goal.pk])
    staff_html = client_for("employee").get(url, HTTP_CACHE_CONTROL="no-cache").content.decode()
    citizen_html = client_for("citizen").get(url).content.decode()
    switch = 'aria-label="Hvilken version"'  # the live and published tabs, for staff only
    assert switch in staff_html and switch not in citizen_html

    city_goal_services.city_goal_update(
        goal=city_goal,
        title=city_goal.title,
        description="En ny tekst om bymålet, skrevet i dag.",
        is_active=True,
        actor=role_users["programme"],
    )
    for role in ("employee", "citizen", "anonymous"):
        html = client_for(role).get(url).content.decode()
        assert "En ny tekst om bymålet, skrevet i dag." in html, role
