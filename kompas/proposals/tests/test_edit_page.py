"""The proposal editor at scale: goals and trials are cited through a search (never a list of every goal), the
unchanged draft's editor is a cached fragment that shows every change at once and never another viewer's
token, and the page runs the same queries for 1 or 30 goals and trials."""

import re

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from kompas.goals import services as goal_services
from kompas.goals.tests import factories as goal_factories
from kompas.proposals.models import Proposal
from kompas.proposals.selectors import CITATION_SEARCH_LIMIT
from kompas.proposals.tests import factories
from kompas.proposals.tests.test_proposals import edit_data
from kompas.trials.tests import factories as trial_factories

pytestmark = pytest.mark.django_db


def _edit(client, proposal: Proposal) -> str:
    response = client.get(f"/proposals/{proposal.pk}/edit/")
    assert response.status_code == 200
    return response.content.decode()


def _search(client, proposal: Proposal, field: str, query: str, ticked=()) -> str:
    response = client.get(
        f"/proposals/{proposal.pk}/citable/{field}/", {f"{field}_q": query, field: [str(pk) for pk in ticked]}
    )
    assert response.status_code == 200
    return response.content.decode()


def _cite(client, proposal: Proposal, **citations) -> None:
    response = client.post(f"/proposals/{proposal.pk}/edit/", edit_data(proposal, **citations))
    assert response.status_code == 302


def test_the_editor_shows_only_the_cited_goals_and_finds_the_others_by_a_word(client_for, role_users):
    cited = goal_factories.goal(title="Alle børn læser med glæde")
    for n in range(CITATION_SEARCH_LIMIT + 5):
        goal_factories.goal(title=f"Skolevej nummer {n}")
    bike = goal_factories.goal(title="Flere cykler til skole")
    proposal = factories.proposal()
    client = client_for("leader")
    _cite(client, proposal, cited_goals=[cited.pk])

    html = _edit(client, proposal)
    assert re.search(rf'value="{cited.pk}"[^>]*checked', html)  # the cited goal, ticked
    assert "Skolevej nummer" not in html and "Flere cykler til skole" not in html  # no list of every goal
    assert 'id="id_cited_goals_q"' in html and "Find et mål" in html

    found = _search(client, proposal, "cited_goals", "cykler", ticked=[cited.pk])
    assert re.search(rf'value="{bike.pk}" id="id_cited_goals-{bike.pk}">', found)  # a match, not ticked
    assert re.search(rf'value="{cited.pk}"[^>]*checked', found)  # the ticked goal stays ticked
    assert "1 mål med »cykler« i titlen." in found

    many = _search(client, proposal, "cited_goals", "skolevej")
    assert many.count('name="cited_goals"') == CITATION_SEARCH_LIMIT
    assert f"De første {CITATION_SEARCH_LIMIT} mål med »skolevej« i titlen vises." in many
    assert "Ingen mål har »zebra« i titlen." in _search(client, proposal, "cited_goals", "zebra")


def test_the_search_offers_neither_archived_goals_nor_unknown_fields(client_for, role_users):
    goal = goal_factories.goal(title="Lukket mål om svømning")
    goal_services.goal_archive(goal=goal, actor=role_users["leader"])
    trial = trial_factories.trial(title="Svømning for alle")
    proposal = factories.proposal()
    client = client_for("leader")
    assert "Lukket mål om svømning" not in _search(client, proposal, "cited_goals", "svømning")
    found = _search(client, proposal, "cited_trials", "svømning")
    assert f'value="{trial.pk}"' in found and "1 afprøvning med »svømning« i titlen." in found
    assert (
        client.get(f"/proposals/{proposal.pk}/citable/city_goals/", {"city_goals_q": "by"}).status_code == 404
    )


@pytest.mark.parametrize("role", ["citizen", "employee", "anonymous"])
def test_only_those_who_may_edit_the_draft_can_search_from_it(client_for, role_users, role):
    goal_factories.goal(title="Alle børn læser med glæde")
    proposal = factories.proposal()  # a draft of Børn og Unge, written by the leader
    response = client_for(role).get(
        f"/proposals/{proposal.pk}/citable/cited_goals/", {"cited_goals_q": "børn"}
    )
    assert response.status_code in (302, 403, 404)
    assert "Alle børn læser med glæde" not in response.content.decode()


def test_a_search_without_javascript_keeps_what_was_typed_and_saves_nothing(client_for, role_users):
    goal = goal_factories.goal(title="Flere cykler til skole")
    proposal = factories.proposal(title="Cykelparkering ved skolen")
    versions_before = proposal.versions.count()
    client = client_for("leader")
    # A new title and an empty date (which saving would refuse), then "Search" under the goals.
    data = edit_data(
        proposal, title="Cykler og parkering", dated="", find="cited_goals", cited_goals_q="cykler"
    )
    response = client.post(f"/proposals/{proposal.pk}/edit/", data)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'value="Cykler og parkering"' in html  # what was typed comes back ...
    assert "error-summary" not in html  # ... without errors: nothing was submitted
    assert re.search(rf'value="{goal.pk}" id="id_cited_goals-{goal.pk}">', html)
    assert 'value="cykler"' in html and "1 mål med »cykler« i titlen." in html
    proposal.refresh_from_db()
    assert proposal.title == "Cykelparkering ved skolen" and proposal.versions.count() == versions_before

    # Ticking the match and saving cites it.
    _cite(client, proposal, cited_goals=[goal.pk])
    assert list(proposal.cited_goals.values_list("pk", flat=True)) == [goal.pk]


def test_the_cached_editor_shows_every_change_at_once(client_for, role_users):
    goal = goal_factories.goal(title="Alle børn læser med glæde")
    proposal = factories.proposal(title="Lektiecafé på biblioteket")
    client = client_for("leader")
    _cite(client, proposal, cited_goals=[goal.pk])
    assert 'value="Lektiecafé på biblioteket"' in _edit(client, proposal)
    assert _edit(client, proposal)  # now from the cache

    # The draft saved: the new title and the new text, for the next viewer as well.
    _cite(client, proposal, cited_goals=[goal.pk], title="Lektiecafé i klubben")
    assert 'value="Lektiecafé i klubben"' in _edit(client_for("programme"), proposal)

    # A cited goal renamed elsewhere: the editor shows its new name.
    goal_services.goal_update(goal=goal, actor=role_users["leader"], title="Alle børn læser hver dag")
    html = _edit(client_for("leader"), proposal)
    assert "Alle børn læser hver dag" in html and "Alle børn læser med glæde" not in html


def _token(html: str) -> str:
    match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)" form="proposal-form"', html)
    assert match, "the form's CSRF token"
    return match.group(1)


def test_each_viewer_of_the_cached_editor_saves_with_their_own_token(role_users):
    proposal = factories.proposal(title="Lektiecafé på biblioteket")
    for role, title in (("leader", "Første titel"), ("programme", "Anden titel")):
        client = Client(enforce_csrf_checks=True)
        client.force_login(role_users[role])
        token = _token(_edit(client, proposal))  # the second viewer gets the editor from the cache
        data = {**edit_data(proposal, title=title), "csrfmiddlewaretoken": token}
        assert client.post(f"/proposals/{proposal.pk}/edit/", data).status_code == 302
        proposal.refresh_from_db()
        assert proposal.title == title
    stranger = Client(enforce_csrf_checks=True)
    stranger.force_login(role_users["programme"])
    data = {**edit_data(proposal, title="Uden nøgle"), "csrfmiddlewaretoken": "x" * 64}
    assert stranger.post(f"/proposals/{proposal.pk}/edit/", data).status_code == 403


def _queries(client, proposal: Proposal) -> int:
    with CaptureQueriesContext(connection) as queries:
        _edit(client, proposal)
    return len(queries)


def test_the_edit_page_runs_the_same_queries_for_1_and_30_goals_and_trials(client_for, role_users):
    first_goal = goal_factories.goal(title="Mål 0")
    first_trial = trial_factories.trial(title="Afprøvning 0")
    proposal = factories.proposal()
    client = client_for("leader")
    _cite(client, proposal, cited_goals=[first_goal.pk], cited_trials=[first_trial.pk])
    cache.clear()
    small_miss = _queries(client, proposal)
    small_hit = _queries(client, proposal)

    goals = [goal_factories.goal(title=f"Mål {n}") for n in range(1, 30)]
    trials = [trial_factories.trial(title=f"Afprøvning {n}") for n in range(1, 30)]
    _cite(
        client,
        proposal,
        cited_goals=[first_goal.pk, *[g.pk for g in goals[:5]]],
        cited_trials=[first_trial.pk, *[t.pk for t in trials[:5]]],
    )
    cache.clear()
    assert _queries(client, proposal) == small_miss
    assert _queries(client, proposal) == small_hit
    assert small_hit < small_miss  # the cached editor skips the document and the form's choices
