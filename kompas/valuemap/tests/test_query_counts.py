"""The four main pages run a number of queries that does not grow with the data."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kompas.citygoals.models import CityGoal
from kompas.core import versions
from kompas.goals import services
from kompas.goals.tests import factories
from kompas.valuemap.models import Snapshot
from kompas.valuemap.services import snapshot_build


def make_goals(n: int, role_users) -> None:
    unit = factories.unit_with_leader()
    for i in range(n):
        goal = factories.goal(title=f"Mål {i}", unit=unit)
        factories.indicator(goal=goal, points=3)
        services.evidence_add(
            goal=goal,
            actor=role_users["leader"],
            kind="story",
            title=f"Historie {i}",
            text="Tekst",
            occurred_on=goal.period_start,
            source="Borger",
            is_citizen_voice=False,
            consent_public=False,
        )
        services.follow_up_write(
            goal=goal,
            actor=role_users["leader"],
            what_happened="x",
            learned="y",
            status="on_track",
            status_reason="z",
        )
    Snapshot.objects.filter(is_current=True).update(is_current=False)
    snapshot_build(snapshot_id=Snapshot.objects.create().pk)


def count_queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(context.captured_queries)


PAGES = [
    ("employee", lambda: reverse("goals:list")),
    ("employee", lambda: reverse("goals:detail", args=[_first_goal()])),
    ("employee", lambda: reverse("valuemap:overview")),
    ("employee", lambda: reverse("valuemap:citygoal", args=[CityGoal.objects.order_by("order").first().pk])),
    ("anonymous", lambda: reverse("valuemap:overview")),
    ("anonymous", lambda: reverse("valuemap:citygoal", args=[CityGoal.objects.order_by("order").first().pk])),
    ("anonymous", lambda: reverse("valuemap:goal", args=[_first_goal()])),
]


def _first_goal() -> int:
    from kompas.goals.models import Goal

    return Goal.objects.order_by("pk").first().pk


@pytest.mark.django_db
@pytest.mark.parametrize(("role", "url"), PAGES)
def test_queries_do_not_grow_with_ten_times_the_data(
    role, url, role_users, client_for, django_assert_max_num_queries
):
    make_goals(3, role_users)
    client = client_for(role)
    address = url()
    small = count_queries(client, address)
    make_goals(27, role_users)
    with django_assert_max_num_queries(small):
        client.get(address)


def count_rebuild(client, url: str) -> tuple[int, int]:
    """Queries and goal cards drawn by a staff reader's forced reload right after a write elsewhere (the content
    version advanced): the page is built again, from the cards already drawn."""
    versions.bump("content")
    with CaptureQueriesContext(connection) as context:
        response = client.get(url, HTTP_CACHE_CONTROL="no-cache")
    assert response.status_code == 200, url
    drawn = sum(1 for t in response.templates if t.name == "valuemap/partials/goal_card.html")
    return len(context.captured_queries), drawn


@pytest.mark.django_db
@pytest.mark.parametrize("page", ["", "?page=2", "?view=published"])
def test_the_city_goal_page_built_again_after_a_write_asks_as_much_at_ten_times_the_data(
    page, role_users, client_for
):
    make_goals(12, role_users)
    client = client_for("employee")
    url = reverse("valuemap:citygoal", args=[CityGoal.objects.order_by("order").first().pk]) + page
    client.get(url, HTTP_CACHE_CONTROL="no-cache")
    live = "view=published" not in page  # the published cards come from the snapshot, drawn with the page
    small, drawn = count_rebuild(client, url)
    assert drawn == 0 or not live
    make_goals(108, role_users)
    client.get(url, HTTP_CACHE_CONTROL="no-cache")
    large, drawn = count_rebuild(client, url)
    assert large <= small and (drawn == 0 or not live)
