"""DESIGN §3: the value map of a city goal shows its funded projects – to staff, on the live view only."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kompas.citygoals.models import CityGoal
from kompas.fund import selectors
from kompas.fund.choices import ApplicationStatus
from kompas.fund.models import Project
from kompas.fund.tests import factories

pytestmark = pytest.mark.django_db


def funded_project(*, title: str, city_goal: CityGoal, round_=None) -> Project:
    application = factories.application(title=title, round_=round_, status=ApplicationStatus.GRANTED)
    application.city_goals.set([city_goal])
    application.granted_amount = Decimal("450000.00")
    application.save(update_fields=["granted_amount"])
    lead = application.co_applicants.select_related("department").get().department
    return Project.objects.create(application=application, title=title, lead_department=lead)


def test_funded_projects_show_live_to_staff_and_publicly_once_the_value_map_is_published(
    client_for, role_users
):
    """Issue 14: the public value map shows the funded projects of a city goal, from the published snapshot."""
    from kompas.valuemap.models import Snapshot
    from kompas.valuemap.services import snapshot_build

    city_goal, other_goal = CityGoal.objects.filter(is_active=True).order_by("order")[:2]
    funded_project(title="PROJEKT-MARKØR", city_goal=city_goal)
    funded_project(title="ANDET-PROJEKT", city_goal=other_goal)
    snapshot = Snapshot.objects.create(published_by=role_users["programme"], note="test")
    snapshot_build(snapshot_id=snapshot.pk)
    funded_project(title="SENERE-PROJEKT", city_goal=city_goal)  # after publishing: live only
    url = reverse("valuemap:citygoal", args=[city_goal.pk])

    staff = client_for("employee").get(url).content.decode()
    assert 'data-testid="valuemap-fund-projects"' in staff
    assert "PROJEKT-MARKØR" in staff and "SENERE-PROJEKT" in staff and "ANDET-PROJEKT" not in staff
    assert "450.000 kr." in staff and "Støttede projekter" in staff
    published_for_staff = client_for("employee").get(url + "?view=published").content.decode()
    for role in ("anonymous", "citizen"):
        public = client_for(role).get(url).content.decode()
        assert "PROJEKT-MARKØR" in public and "PROJEKT-MARKØR" in published_for_staff
        assert "SENERE-PROJEKT" not in public and "ANDET-PROJEKT" not in public


def test_funded_projects_of_a_city_goal_in_a_fixed_number_of_queries(client_for, role_users):
    city_goal = CityGoal.objects.filter(is_active=True).order_by("order").first()
    round_ = factories.open_round()
    url = reverse("valuemap:citygoal", args=[city_goal.pk])
    client = client_for("employee")

    def measure(n: int) -> tuple[int, int, int]:
        while Project.objects.filter(application__city_goals=city_goal).count() < n:
            funded_project(title=f"Projekt {Project.objects.count() + 1}", city_goal=city_goal, round_=round_)
        with CaptureQueriesContext(connection) as selector_queries:
            cards, total = selectors.for_city_goal(city_goal_id=city_goal.pk, limit=5)
        assert total == n and len(cards) == min(n, 5)
        with CaptureQueriesContext(connection) as page_queries:
            assert client.get(url, {"n": n}).status_code == 200  # a new query string: not a cached fragment
        return len(selector_queries), len(page_queries), total

    one_selector, one_page, _ = measure(1)
    ten_selector, ten_page, _ = measure(10)
    assert one_selector == ten_selector == 2
    assert ten_page == one_page
