"""The proposals citing a goal are read once per content version for every reader and kept per reader by the
proposals' own rule: a draft never reaches a reader outside its department through the shared copy, and a
proposal sent on shows on the goal's next view."""

import pytest
from django.urls import reverse

from kompas.proposals import services
from kompas.proposals.choices import ProposalStatus
from kompas.proposals.tests import factories

pytestmark = pytest.mark.django_db

DRAFT = "Kladde: læsebånd i indskolingen"


def test_a_cited_draft_stays_in_its_department_until_it_is_sent_on(client_for, role_users):
    from kompas.goals.tests import factories as goal_factories

    goal = goal_factories.goal(title="Alle børn læser med glæde")
    draft = factories.proposal(title=DRAFT)  # Børn og Unge, by the leader
    draft.cited_goals.add(goal)
    factories.member_of(
        "medarbejder@test.kompas.dk", department_slug="teknik-og-miljoe", unit_name="Mobilitet"
    )
    url = reverse("goals:detail", args=[goal.pk])

    # Programme staff see the draft first: the shared copy now holds it.
    assert DRAFT in client_for("programme").get(url, HTTP_CACHE_CONTROL="no-cache").content.decode()
    # Its author sees it; an employee of another department does not.
    assert DRAFT in client_for("leader").get(url, HTTP_CACHE_CONTROL="no-cache").content.decode()
    assert DRAFT not in client_for("employee").get(url, HTTP_CACHE_CONTROL="no-cache").content.decode()

    services.proposal_transition(
        proposal=draft, actor=role_users["leader"], to_status=ProposalStatus.MAGISTRATE
    )
    html = client_for("employee").get(url).content.decode()
    assert DRAFT in html and f'href="/proposals/{draft.pk}/"' in html
