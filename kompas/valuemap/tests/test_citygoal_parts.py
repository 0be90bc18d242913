"""The city goal page is put together from goal cards and a filter form drawn once for what they show
(kompas/valuemap/parts.py): a change shows right after the write (live) or the publication (published), a write
elsewhere draws nothing again, and what staff see live never reaches a reader without the right to it."""

import datetime as dt
import re
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kompas.citygoals.models import CityGoal
from kompas.citygoals.tests.factories import rename
from kompas.core import versions
from kompas.core.choices import Visibility
from kompas.goals import services as goal_services
from kompas.goals.tests import factories
from kompas.organisations.models import Department, Unit
from kompas.valuemap.models import Snapshot
from kompas.valuemap.services import snapshot_build

CARD = "valuemap/partials/goal_card.html"
SECRET_GOAL = "INTERNT-MAAL-5120"


@pytest.fixture
def world(role_users):
    public = factories.goal(title="Flere læser med glæde")
    indicator = factories.indicator(goal=public, points=3)  # 40, 43, 46 on 1.1, 1.2 and 1.3.2025
    internal = factories.goal(title=SECRET_GOAL, visibility=Visibility.INTERNAL)
    factories.indicator(goal=internal, points=2)
    snapshot_build(snapshot_id=Snapshot.objects.create(note="test").pk)
    city_goal = CityGoal.objects.order_by("order").first()
    return {
        "public": public,
        "indicator": indicator,
        "url": reverse("valuemap:citygoal", args=[city_goal.pk]),
    }


def fresh(client, url: str):
    response = client.get(url, HTTP_CACHE_CONTROL="no-cache")
    assert response.status_code == 200
    return response


def rename_city_goal(role_users) -> None:
    """A write the goal cards do not show: the page is built again, its cards are not."""
    rename(
        CityGoal.objects.order_by("order").first(),
        title="Et nyt navn til bymålet",
        actor=role_users["programme"],
    )


def cards_drawn(response) -> int:
    return sum(1 for template in response.templates if template.name == CARD)


@pytest.mark.django_db
def test_a_new_value_shows_on_the_live_page_right_after_it_is_saved(world, client_for):
    client = client_for("employee")
    assert "<td>46</td>" in fresh(client, world["url"]).content.decode()
    goal_services.data_point_save(
        indicator=world["indicator"],
        on=dt.date(2025, 4, 1),
        value=Decimal("51.5"),
        actor=world["public"].owner,
    )
    body = fresh(client, world["url"]).content.decode()
    assert "<td>51,5</td>" in body and "Seneste: 51,5" in body  # the table and the latest value, in Danish


@pytest.mark.django_db
def test_a_replaced_value_shows_on_the_live_page_right_after_it_is_saved(world, client_for):
    client = client_for("employee")
    fresh(client, world["url"])
    goal_services.data_point_save(
        indicator=world["indicator"], on=dt.date(2025, 3, 1), value=Decimal(47), actor=world["public"].owner
    )
    body = fresh(client, world["url"]).content.decode()
    assert "<td>47</td>" in body and "<td>46</td>" not in body


@pytest.mark.django_db
def test_a_renamed_goal_shows_on_the_live_page_right_after_it_is_saved(world, client_for):
    client = client_for("employee")
    fresh(client, world["url"])
    goal = world["public"]
    goal.title = "Flere børn læser hver dag"
    goal.save(update_fields=["title"])  # behind the services' back: the next write elsewhere shows it
    versions.bump("content")
    assert "Flere børn læser hver dag" in fresh(client, world["url"]).content.decode()


@pytest.mark.django_db
def test_after_a_write_elsewhere_the_cards_are_not_drawn_again(world, client_for, role_users):
    client = client_for("employee")
    assert cards_drawn(fresh(client, world["url"])) == 2
    rename_city_goal(role_users)  # a write elsewhere
    response = fresh(client, world["url"])
    body = response.content.decode()
    assert "Et nyt navn til bymålet" in body  # the page is built again ...
    assert cards_drawn(response) == 0  # ... from the cards already drawn
    assert "Flere læser med glæde" in body and SECRET_GOAL in body and "<td>46</td>" in body


@pytest.mark.django_db
def test_the_published_cards_are_drawn_once_per_snapshot_and_a_new_one_shows_the_new_values(
    world, client, role_users
):
    """The public page shows the snapshot: after a write elsewhere it is built again from the cards already
    drawn for that snapshot; a value saved since shows only once a new snapshot is published."""
    assert cards_drawn(fresh(client, world["url"])) == 1  # the public goal; never the internal one
    goal_services.data_point_save(
        indicator=world["indicator"],
        on=dt.date(2025, 4, 1),
        value=Decimal("51.5"),
        actor=world["public"].owner,
    )
    rename_city_goal(role_users)  # a write elsewhere
    response = fresh(client, world["url"])
    body = response.content.decode()
    assert "Et nyt navn til bymålet" in body  # the page is built again, from the card already drawn
    assert cards_drawn(response) == 0 and "<td>46</td>" in body and "51,5" not in body
    snapshot_build(snapshot_id=Snapshot.objects.create(note="igen").pk)
    response = fresh(client, world["url"])
    body = response.content.decode()
    assert cards_drawn(response) == 1 and "<td>51,5</td>" in body and SECRET_GOAL not in body


def published_goals_of_first_city_goal(client) -> tuple[int, bool]:
    city_goal = CityGoal.objects.order_by("order").first()
    with CaptureQueriesContext(connection) as captured:
        body = fresh(client, reverse("valuemap:overview")).content.decode()
    counted = any("valuemap_snapshotevidence" in query["sql"] for query in captured.captured_queries)
    link = f'href="{reverse("valuemap:citygoal", args=[city_goal.pk])}">'
    row = body[body.index(link) :]
    total = re.search(r"<td>(\d+)</td>", row)
    assert total is not None
    return int(total.group(1)), counted


@pytest.mark.django_db
def test_the_published_overview_counts_once_per_snapshot(world, client, role_users):
    """The public overview's counts come from the snapshot: counted once per snapshot, not again after a write
    elsewhere, and a new snapshot shows the new count."""
    assert published_goals_of_first_city_goal(client) == (1, True)
    factories.goal(title="Flere unge i foreningslivet")  # a write: the overview is built again ...
    assert published_goals_of_first_city_goal(client) == (1, False)  # ... with the counts of the snapshot
    snapshot_build(snapshot_id=Snapshot.objects.create(note="igen").pk)
    assert published_goals_of_first_city_goal(client) == (2, True)


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["anonymous", "citizen"])
def test_the_live_cards_kept_for_staff_never_reach_the_public(world, client_for, role):
    assert SECRET_GOAL in fresh(client_for("employee"), world["url"]).content.decode()
    body = client_for(role).get(world["url"]).content.decode()
    assert "Flere læser med glæde" in body
    assert SECRET_GOAL not in body and "Aktuelle data" not in body


@pytest.mark.django_db
def test_the_filter_form_offers_a_new_unit_right_after_it_is_created(world, client_for):
    client = client_for("employee")
    assert "Tilst Bibliotek" not in fresh(client, world["url"]).content.decode()
    Unit.objects.create(department=Department.objects.order_by("order").first(), name="Tilst Bibliotek")
    assert "Tilst Bibliotek" in fresh(client, world["url"]).content.decode()


@pytest.mark.django_db
def test_the_filter_form_keeps_what_the_reader_chose(world, client_for):
    unit = world["public"].owner_unit
    body = fresh(client_for("employee"), f"{world['url']}?unit={unit.pk}").content.decode()
    assert f'<option value="{unit.pk}" selected>' in body
    body = fresh(client_for("employee"), f"{world['url']}?page=1").content.decode()
    assert f'<option value="{unit.pk}" selected>' not in body and '<option value="" selected>' in body
