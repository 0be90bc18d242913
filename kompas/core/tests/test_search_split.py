"""Modules whose hits are a reader's own only in part (kompas.core.search.Split): the part every reader of a
scope sees is found once for them all, the rest is what the app's own rule gives each reader."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kompas.core import search_index
from kompas.core.search import search_all
from kompas.dialogues import search as dialogue_search
from kompas.dialogues.choices import ForumStatus, ForumVisibility
from kompas.dialogues.tests import factories as dialogue_factories
from kompas.proposals import search as proposal_search

WORD = "zebrafinker"


def _fresh(client) -> str:
    response = client.get(reverse("core:search"), {"q": WORD}, HTTP_CACHE_CONTROL="no-cache")
    assert response.status_code == 200
    return response.content.decode()


def _forums(role_users):
    staff = dialogue_factories.forum(title=f"Personalets {WORD}", visibility=ForumVisibility.STAFF)
    public = dialogue_factories.forum(title=f"Alles {WORD}")
    invited = dialogue_factories.forum(title=f"Lukket kreds om {WORD}", visibility=ForumVisibility.INVITED)
    invited.invited.set([role_users["employee"], role_users["citizen"]])
    draft = dialogue_factories.forum(title=f"Kladde om {WORD}", status=ForumStatus.DRAFT)
    return staff, public, invited, draft


@pytest.mark.django_db
@pytest.mark.parametrize(
    "order",
    [("employee", "leader", "citizen", "anonymous"), ("anonymous", "leader", "citizen", "employee")],
)
def test_an_invitation_stays_with_the_invited_whoever_searched_first(client_for, role_users, order):
    staff, public, invited, draft = _forums(role_users)
    sees = {
        "employee": {staff, public, invited},
        "leader": {staff, public},
        "citizen": {public, invited},
        "anonymous": {public},
    }
    for role in order:
        html = _fresh(client_for(role))
        for forum in (staff, public, invited, draft):
            assert (forum.title in html) == (forum in sees[role]), (role, forum.title)
    # The facilitator (programme staff) sees every forum, her draft too.
    html = _fresh(client_for("programme"))
    assert all(forum.title in html for forum in (staff, public, invited, draft))


@pytest.mark.django_db
def test_the_split_search_finds_what_one_query_finds_in_its_order(role_users):
    """The shared part and the reader's own, merged, are the hits, order and count of one query of the app's
    rule: for every reader, with and without a reader's own hits among the best, and past the limit."""
    for i in range(4):
        dialogue_factories.forum(title=f"Personalets {WORD} {i}", visibility=ForumVisibility.STAFF)
        dialogue_factories.forum(title=f"{WORD.title()} og {WORD} i parken {i}")
        closed = dialogue_factories.forum(title=f"Lukket {WORD} {i}", visibility=ForumVisibility.INVITED)
        closed.invited.set([role_users["employee"], role_users["leader"]][: i % 3])
    from kompas.proposals.tests import factories as proposal_factories

    for i in range(3):
        proposal_factories.proposal(title=f"Kladde om {WORD} {i}", author_email="leder@test.kompas.dk")
    compared = 0
    for module in (dialogue_search, proposal_search):
        provider, source = module.SEARCH.provider, module.SEARCH.source
        for user in role_users.values():
            if provider.rule is not None and not provider.rule.test(user):
                continue
            hits = module.SEARCH.hits_for(user)
            for limit in (1, 3, 6, 20):
                for _twice in range(2):  # the second time from the shared part as kept
                    found = [(h.title, h.url) for h in provider.search(user, WORD, limit)]
                    one_query = [(h.title, h.url) for h in hits.found(source, user, WORD, limit)]
                    assert found == one_query, (provider.key, user.email, limit)
                    compared += 1
    assert compared > 30


@pytest.mark.django_db
def test_a_reader_without_own_forums_among_the_matches_costs_no_dialogue_query(role_users):
    dialogue_factories.forum(title=f"Personalets {WORD}", visibility=ForumVisibility.STAFF)
    dialogue_factories.forum(title=f"Alles {WORD}")
    provider = dialogue_search.SEARCH.provider
    provider.search(role_users["employee"], WORD, 10)  # the shared part, found once
    dialogue_search.alike(role_users["leader"])  # her roles, read once per request
    with CaptureQueriesContext(connection) as queries:
        hits = provider.search(role_users["leader"], WORD, 10)
    assert len(hits) == 2 and len(queries.captured_queries) == 0
    closed = dialogue_factories.forum(title=f"Lukket {WORD}", visibility=ForumVisibility.INVITED)
    closed.invited.set([role_users["leader"]])
    provider.search(role_users["employee"], WORD, 10)  # the new forum moved the content version on
    with CaptureQueriesContext(connection) as queries:
        hits = provider.search(role_users["leader"], WORD, 10)
    assert closed.title in [hit.title for hit in hits]
    assert len(queries.captured_queries) == 1  # which of the matching forums outside the shared part she sees
    assert closed.title not in [hit.title for hit in provider.search(role_users["employee"], WORD, 10)]


@pytest.mark.django_db
def test_the_typo_pass_is_split_too(role_users):
    if not search_index.enabled():
        pytest.skip("titles like the query: PostgreSQL only")
    closed = dialogue_factories.forum(title="Lukket kreds om zebrafinker", visibility=ForumVisibility.INVITED)
    closed.invited.set([role_users["employee"]])
    for role, finds in (("employee", True), ("leader", False)):
        groups = search_all(role_users[role], "zebrafinkr")
        titles = [shown.hit.title for group in groups for shown in group.hits]
        assert (closed.title in titles) == finds, role


@pytest.mark.django_db
def test_an_application_is_found_by_its_applicant_and_programme_staff_only(client, client_for, role_users):
    """The applications that match are found once for everyone; the fund's own rule decides whose they are."""
    from kompas.fund.tests import factories as fund_factories

    round_ = fund_factories.open_round()
    anna = fund_factories.user("ansoeger@test.kompas.dk", name="Anna Ansøger")
    bent = fund_factories.user("bent@test.kompas.dk", name="Bent Ansøger")
    draft = fund_factories.application(applicant=anna, round_=round_, title=f"Kladde om {WORD}", submit=False)
    sent = fund_factories.application(applicant=bent, round_=round_, title=f"Indsendt om {WORD}")
    for who, sees in ((bent, {sent}), (anna, {draft}), (role_users["employee"], set())):
        client.force_login(who)
        html = _fresh(client)
        for application in (draft, sent):
            assert (application.title in html) == (application in sees), (who.email, application.title)
    html = _fresh(client_for("programme"))
    assert sent.title in html and draft.title not in html
    assert reverse("fund:manage-application", kwargs={"pk": sent.pk}) in html
