"""A goal's page links to the hearings opened on it; the links are the same for every reader and cached under
the content version, so opening or closing a hearing shows on the goal's next view."""

import pytest
from django.urls import reverse
from django.utils import translation

from kompas.core.backlinks import backlinks_for
from kompas.goals.tests import factories as goal_factories
from kompas.hearings.choices import HearingStatus
from kompas.hearings.tests import factories

pytestmark = pytest.mark.django_db


def hearing_links(user, goal) -> list[tuple[str, str]]:
    return [
        (link.label, link.status_label)
        for group in backlinks_for(user=user, obj=goal)
        for link in group.links
        if link.url.startswith("/hearings/")
    ]


def test_opening_and_closing_a_hearing_on_a_goal_shows_on_the_goals_next_view(client_for, role_users):
    goal = goal_factories.goal()
    url = reverse("goals:detail", args=[goal.pk])
    hearing = factories.hearing(title="Høring om læsebånd", goal=goal, open_it=False)
    client = client_for("employee")
    html = client.get(url, HTTP_CACHE_CONTROL="no-cache").content.decode()
    assert "Høring om læsebånd" not in html  # a draft
    assert hearing_links(role_users["employee"], goal) == []

    factories.open_for_answers(hearing)
    html = client.get(url, HTTP_CACHE_CONTROL="no-cache").content.decode()
    assert "Høring om læsebånd" in html and hearing.get_absolute_url() in html
    with translation.override("da"):
        opened = str(HearingStatus.OPEN.label)
        assert hearing_links(role_users["employee"], goal) == [("Høring om læsebånd", opened)]
        assert hearing_links(None, goal) == [("Høring om læsebånd", opened)]  # the same for everyone

        factories.close(hearing)
        closed = str(HearingStatus.CLOSED.label)
        assert hearing_links(role_users["programme"], goal) == [("Høring om læsebånd", closed)]
    assert closed in client.get(url).content.decode()
