"""Goals, forums and trials cited in a proposal link back to it (kompas/core/backlinks.py)."""

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kompas.core.backlinks import backlinks_for, providers
from kompas.proposals.choices import Decision, ProposalStatus
from kompas.proposals.models import Proposal
from kompas.proposals.tests import factories

pytestmark = pytest.mark.django_db


def user(email: str):
    return get_user_model().objects.get(email=email)


def publish(proposal: Proposal) -> None:
    Proposal.objects.filter(pk=proposal.pk).update(
        status=ProposalStatus.DECIDED,
        decision=Decision.ADOPTED,
        decided_on="2026-10-01",
        published_at="2026-10-02T10:00:00Z",
    )


def titles(groups) -> list[str]:
    return [link.label for group in groups for link in group.links]


def test_the_proposals_register_a_provider_for_goals_forums_and_trials():
    provider = providers()["proposals"]
    assert provider.models == {"goals.goal", "dialogues.forum", "trials.trial"}
    assert str(provider.heading)


def test_a_cited_draft_shows_on_the_goal_page_for_its_department_and_programme_staff_only(
    client_for, role_users
):
    from kompas.goals.tests import factories as goal_factories

    goal = goal_factories.goal(title="Alle børn læser med glæde")
    draft = factories.proposal(title="Kladde: læsebånd i indskolingen")
    draft.cited_goals.add(goal)
    factories.member_of(
        "medarbejder@test.kompas.dk", department_slug="teknik-og-miljoe", unit_name="Mobilitet"
    )

    html = client_for("programme").get(goal.get_absolute_url()).content.decode()
    assert draft.title in html and f'href="/proposals/{draft.pk}/"' in html
    assert 'data-testid="backlinks"' in html

    html = client_for("employee").get(goal.get_absolute_url()).content.decode()
    assert draft.title not in html and 'data-testid="backlinks"' not in html
    assert titles(backlinks_for(user=user("borger@test.kompas.dk"), obj=goal)) == []
    assert titles(backlinks_for(user=None, label="goals.goal", pk=goal.pk)) == []

    # An employee of the proposal's own department sees the draft too.
    factories.member_of("medarbejder@test.kompas.dk")
    assert titles(backlinks_for(user=user("medarbejder@test.kompas.dk"), obj=goal)) == [draft.title]

    # Once sent on to the magistrate it is a case every member of staff may read.
    Proposal.objects.filter(pk=draft.pk).update(status=ProposalStatus.MAGISTRATE)
    factories.member_of("leder@test.kompas.dk", department_slug="teknik-og-miljoe", unit_name="Mobilitet")
    other = user("medarbejder@test.kompas.dk")
    assert titles(backlinks_for(user=other, label="goals.goal", pk=goal.pk)) == [draft.title]


def test_a_published_proposal_shows_on_a_public_forum_for_anonymous_visitors(client_for, role_users):
    from kompas.dialogues.tests import factories as forum_factories

    forum = forum_factories.forum(title="Skal den lille skole lukke?")
    published = factories.proposal(title="Indstilling om skolestrukturen")
    draft = factories.proposal(title="Kladde om skolestrukturen")
    for proposal in (published, draft):
        proposal.cited_forums.add(forum)
    publish(published)

    for role in ("anonymous", "citizen"):
        response = client_for(role).get(forum.get_absolute_url())
        assert response.status_code == 200
        html = response.content.decode()
        assert "Omtalt i indstillinger" in html
        assert published.title in html and f'href="/proposals/published/{published.pk}/"' in html
        assert draft.title not in html

    html = client_for("programme").get(forum.get_absolute_url()).content.decode()
    assert published.title in html and draft.title in html
    assert f'href="/proposals/{published.pk}/"' in html


def test_a_cited_trial_links_back_on_its_page(client_for, role_users):
    from kompas.trials.tests import factories as trial_factories

    trial = trial_factories.trial(title="Lektiecafé i klubben")
    proposal = factories.proposal(title="Indstilling om lektiecaféer")
    proposal.cited_trials.add(trial)
    html = client_for("programme").get(trial.get_absolute_url()).content.decode()
    assert proposal.title in html and f'href="/proposals/{proposal.pk}/"' in html


@pytest.mark.parametrize("role_email", ["programstab@test.kompas.dk", "medarbejder@test.kompas.dk", None])
def test_one_provider_call_runs_a_fixed_number_of_queries(role_users, role_email):
    from kompas.goals.tests import factories as goal_factories

    goal = goal_factories.goal()
    factories.member_of(
        "medarbejder@test.kompas.dk", department_slug="teknik-og-miljoe", unit_name="Mobilitet"
    )

    queries_log: list = []

    def counted(n: int) -> tuple[int, int]:
        while Proposal.objects.filter(cited_goals=goal).count() < n:
            proposal = factories.proposal(title=f"Indstilling {Proposal.objects.count() + 1}")
            proposal.cited_goals.add(goal)
            publish(proposal)
        viewer = user(role_email) if role_email else None
        with CaptureQueriesContext(connection) as queries:
            found = titles(backlinks_for(user=viewer, obj=goal))
        queries_log[:] = queries.captured_queries
        return len(found), len(queries)

    one, queries_one = counted(1)
    ten, queries_ten = counted(10)
    assert (one, ten) == (1, 10)
    # One query for the roles, then one per backlink provider (proposals, dialogues, hearings), whatever the count.
    assert queries_one == queries_ten <= 4, [q["sql"][:300] for q in queries_log]
