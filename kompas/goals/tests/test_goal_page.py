"""The goal page: a fixed number of queries however many city goals, co-creators and partners a goal has; its
facts (city goals, co-creators) come from a fragment cached on the content version and change right after the
service that changes them; a co-creator from another unit may contribute, someone else may not."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kompas.goals import services
from kompas.goals.tests import factories

pytestmark = pytest.mark.django_db

WRITE_FOLLOW_UP = "Skriv en opfølgning"


def _warm(client, goal) -> tuple[str, int]:
    url = reverse("goals:detail", args=[goal.pk])
    client.get(url)
    with CaptureQueriesContext(connection) as captured:  # rendered afresh, not the reader's copy (ADR 0025)
        response = client.get(url, HTTP_CACHE_CONTROL="no-cache")
    assert response.status_code == 200
    return response.content.decode(), len(captured.captured_queries)


def test_the_goal_page_asks_the_same_queries_however_many_co_creators(client_for, role_users):
    from kompas.citygoals.models import CityGoal
    from kompas.organisations.models import PartnerOrganisation

    goal = factories.goal()
    client = client_for("employee")
    _html, few = _warm(client, goal)
    partners = [
        PartnerOrganisation.objects.create(name=f"Foreningen nr. {i}", kind="association") for i in range(4)
    ]
    services.goal_update(
        goal=goal,
        actor=role_users["leader"],
        city_goals=list(CityGoal.objects.all()),
        co_creators_staff=[role_users["programme"], role_users["admin"]],
        co_creators_partners=partners,
    )
    html, many = _warm(client, goal)
    assert "Foreningen nr. 3" in html and role_users["programme"].full_name in html
    assert many == few


def test_a_new_co_creator_shows_at_once_and_may_contribute(client_for, role_users):
    goal = factories.goal()
    url = reverse("goals:detail", args=[goal.pk])
    employee = role_users["employee"]
    before, _n = _warm(client_for("programme"), goal)  # the facts are now cached
    assert employee.full_name not in before
    mine, _n = _warm(client_for("employee"), goal)
    assert WRITE_FOLLOW_UP not in mine  # not in the owner unit, not a co-creator
    services.goal_update(goal=goal, actor=role_users["leader"], co_creators_staff=[employee])
    assert WRITE_FOLLOW_UP in client_for("employee").get(url).content.decode()
    assert employee.full_name in client_for("programme").get(url).content.decode()


def test_joining_or_leaving_the_owner_unit_changes_what_a_reader_may_do_at_once(client_for, role_users):
    """The goal, its co-creators and its unit's memberships are cached per content version for every reader;
    what one reader may do is still decided for that reader, and a change of membership shows on the next view."""
    from kompas.organisations.choices import MembershipRole
    from kompas.organisations.models import Membership

    goal = factories.goal()  # owned by the leader, who leads its unit
    edit = "Redigér målet"
    owner_html, _n = _warm(client_for("leader"), goal)
    assert edit in owner_html and WRITE_FOLLOW_UP in owner_html
    html, _n = _warm(client_for("employee"), goal)  # the same cached goal, another reader
    assert edit not in html and WRITE_FOLLOW_UP not in html

    membership = Membership.objects.create(
        user=role_users["employee"], unit=goal.owner_unit, role=MembershipRole.MEMBER
    )
    html, _n = _warm(client_for("employee"), goal)
    assert WRITE_FOLLOW_UP in html and edit not in html

    membership.role = MembershipRole.LEADER
    membership.save()
    html, _n = _warm(client_for("employee"), goal)
    assert WRITE_FOLLOW_UP in html and edit in html

    membership.delete()
    html, _n = _warm(client_for("employee"), goal)
    assert edit not in html and WRITE_FOLLOW_UP not in html


def test_a_renamed_goal_shows_at_once(client_for, role_users):
    goal = factories.goal()
    _warm(client_for("employee"), goal)
    services.goal_update(goal=goal, actor=role_users["leader"], title="Alle børn læser hver dag")
    html = client_for("employee").get(reverse("goals:detail", args=[goal.pk])).content.decode()
    assert "<h1>Alle børn læser hver dag</h1>" in html
