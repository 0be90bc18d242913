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


# --- A reader's own hits decided by the app's rule for one row (Split.sees, the fund's is_applicant) ---------


def _proposals(role_users):
    """A draft of Børn og Unge (the employee's department), the leader's own draft of another department, and
    a proposal sent on (every member of staff reads it)."""
    from kompas.proposals import services as proposal_services
    from kompas.proposals.choices import ProposalStatus
    from kompas.proposals.tests import factories as proposal_factories

    proposal_factories.member_of(role_users["employee"].email)
    theirs = proposal_factories.proposal(
        title=f"Kladde i Børn og Unge om {WORD}", author_email=role_users["programme"].email
    )
    own = proposal_factories.proposal(
        title=f"Lederens egen kladde om {WORD}", department_slug="teknik-og-miljoe"
    )
    sent = proposal_factories.proposal(title=f"Sendt videre om {WORD}", department_slug="teknik-og-miljoe")
    proposal_services.proposal_transition(
        proposal=sent, actor=role_users["leader"], to_status=ProposalStatus.MAGISTRATE
    )
    return theirs, own, sent


@pytest.mark.django_db
@pytest.mark.parametrize("order", [("employee", "leader", "citizen"), ("leader", "citizen", "employee")])
def test_a_draft_stays_with_its_department_and_author_whoever_searched_first(client_for, role_users, order):
    theirs, own, sent = _proposals(role_users)
    sees = {"employee": {theirs, sent}, "leader": {own, sent}, "citizen": set()}
    for role in order:
        html = _fresh(client_for(role))
        for proposal in (theirs, own, sent):
            assert (proposal.title in html) == (proposal in sees[role]), (role, proposal.title)
    html = _fresh(client_for("programme"))
    assert all(proposal.title in html for proposal in (theirs, own, sent))


@pytest.mark.django_db
def test_a_new_draft_shows_for_its_department_right_after_it_is_written(client_for, role_users):
    from kompas.proposals.tests import factories as proposal_factories

    theirs, own, sent = _proposals(role_users)
    _fresh(client_for("leader"))  # the shared part and the matching drafts, kept
    new = proposal_factories.proposal(
        title=f"Ny kladde om {WORD}", author_email=role_users["programme"].email
    )
    assert new.title in _fresh(client_for("employee"))
    assert new.title not in _fresh(client_for("leader"))


@pytest.mark.django_db
def test_each_rule_for_one_row_agrees_with_the_apps_visible_rows(role_users):
    """A module's ``Split.sees`` gives exactly the rows outside the shared part that its ``visible(user)``
    gives, for every reader the split serves: the page shows the same whichever of the two decides."""
    _proposals(role_users)
    _forums(role_users)
    checked = 0
    for module in (dialogue_search, proposal_search):
        split, source = module.SEARCH.split, module.SEARCH.source
        if split is None or split.sees is None:
            continue
        for user in role_users.values():
            scope = split.scope(user)
            if scope is None:
                continue
            outside = source.model._default_manager.exclude(split.rows(scope))
            seen = {row.pk for row in outside if split.sees(user, row)}
            assert seen == set(source.visible(user).exclude(split.rows(scope)).values_list("pk", flat=True))
            checked += len(outside)
    assert checked > 0


@pytest.mark.django_db
@pytest.mark.parametrize("asked_one_by_one", [True, False])
def test_the_rule_for_one_row_and_the_query_of_keys_find_the_same(monkeypatch, role_users, asked_one_by_one):
    """Few matching rows outside the shared part: the app's rule for one row decides; many: one query of their
    keys. Both give the hits of one query of the app's rule, in its order."""
    from kompas.fund import search as fund_search
    from kompas.fund.tests import factories as fund_factories

    if not asked_one_by_one:
        monkeypatch.setattr("kompas.core.search.SEES_ROWS", 0)
        monkeypatch.setattr(fund_search, "SEES_ROWS", 0)
    _proposals(role_users)
    round_ = fund_factories.open_round()
    mine = fund_factories.application(
        applicant=role_users["employee"], round_=round_, title=f"Min ansøgning om {WORD}", submit=False
    )
    fund_factories.application(applicant=role_users["leader"], round_=round_, title=f"Lederens om {WORD}")
    provider, source = proposal_search.SEARCH.provider, proposal_search.SEARCH.source
    for user in (role_users["employee"], role_users["leader"]):
        hits = proposal_search.SEARCH.hits_for(user)
        for _twice in range(2):
            found = [(h.title, h.url) for h in provider.search(user, WORD, 10)]
            assert found == [(h.title, h.url) for h in hits.found(source, user, WORD, 10)]
    titles = [hit.title for hit in fund_search.search(role_users["employee"], WORD, 10)]
    assert titles == [mine.title]


@pytest.mark.django_db
def test_a_readers_own_matches_cost_no_query_of_their_own_table(role_users):
    """With the shared part kept, an applicant's own applications need no query at all, and a member of
    staff's drafts only the departments they work in (what the proposal's own rule reads)."""
    from kompas.fund import search as fund_search
    from kompas.fund.tests import factories as fund_factories
    from kompas.proposals.permissions import department_ids

    _proposals(role_users)
    round_ = fund_factories.open_round()
    fund_factories.application(applicant=role_users["employee"], round_=round_, title=f"Min om {WORD}")
    employee = role_users["employee"]
    proposal_search.SEARCH.provider.search(role_users["leader"], WORD, 10)  # the shared part, found once
    fund_search.search(role_users["leader"], WORD, 10)
    proposal_search.alike(employee)  # her roles, read once per request
    with CaptureQueriesContext(connection) as queries:
        assert len(fund_search.search(employee, WORD, 10)) == 1
    assert len(queries.captured_queries) == 0
    if hasattr(employee, "_proposal_department_ids"):
        del employee._proposal_department_ids
    with CaptureQueriesContext(connection) as queries:
        assert len(proposal_search.SEARCH.provider.search(employee, WORD, 10)) == 2
    assert len(queries.captured_queries) == 1
    assert "proposals_proposal" not in queries.captured_queries[0]["sql"]
    assert department_ids(employee)


@pytest.mark.django_db
def test_the_groups_read_in_the_language_of_each_request(role_users):
    """A module's hits kept for a scope keep their markup beside them, per language."""
    from django.utils import translation

    from kompas.collaborations.tests import factories as collaboration_factories

    collaboration_factories.collaboration(title=f"Samarbejde om {WORD}")
    for language, label in (("da", "Samarbejder"), ("en", "Collaborations"), ("da", "Samarbejder")):
        with translation.override(language):
            groups = search_all(role_users["employee"], WORD, limit=10)
            assert f">{label}</a>" in groups.nav_html
            assert f"{label} <span" in groups.sections_html


@pytest.mark.django_db
def test_a_hit_found_again_marks_the_words_of_each_query(role_users):
    """The hits as shown are kept by what they show: found again for another query, the same forum marks that
    query's words, and a changed dilemma shows at once."""
    forum = dialogue_factories.forum(title=f"Alles {WORD}", visibility=ForumVisibility.PUBLIC)
    forum.dilemma = f"Skal {WORD} have mere plads i parken?"
    forum.save()

    def section(query: str) -> str:
        groups = search_all(role_users["employee"], query, limit=10)
        return next(group.section_html for group in groups if group.provider.key == "dialogues")

    assert f"<mark>{WORD}</mark>" in section(WORD) and "<mark>parken</mark>" not in section(WORD)
    assert "<mark>parken</mark>" in section(f"{WORD} parken")
    assert f"<mark>{WORD}</mark>" in section(WORD)
    from kompas.core import versions

    forum.dilemma = f"Skal {WORD} flytte til skoven?"
    forum.save()
    versions.bump("content")
    assert "skoven" in section(WORD) and "parken" not in section(WORD)
