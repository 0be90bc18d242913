"""The anonymous page cache never serves a stale or a private page, and a signed-in page has a small fixed cost.
(A signed-in reader's own cached copy is tested in ``test_reader_page_cache.py``.)

Each public page is cached for anonymous visitors (the second view is a hit), and changes right after each
service that should change it runs: every recorded write bumps the content version. Signed-in users, pages
with a CSRF token or a cookie, and anonymous sessions holding anything are never cached. Query counts are
asserted, never timings.
"""

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser
from django.contrib.sessions.backends.cache import SessionStore
from django.db import connection
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

from kompas.core import versions
from kompas.core.page_cache import HEADER, cache_anonymous_page

pytestmark = pytest.mark.django_db


# --- Each public page changes right after each service that should change it --------------------------------


def _city_goal():
    from kompas.citygoals.models import CityGoal

    return CityGoal.objects.order_by("order").first()


def _rename_city_goal(users, state) -> str:
    from kompas.citygoals.tests.factories import rename

    rename(_city_goal(), title="Omdøbt bymål", actor=users["programme"])
    return "Omdøbt bymål"


def _describe_city_goal(users, state) -> str:
    from kompas.citygoals import services

    goal = _city_goal()
    services.city_goal_update(
        goal=goal,
        title=goal.title,
        description="En helt ny beskrivelse.",
        is_active=True,
        actor=users["programme"],
    )
    return "En helt ny beskrivelse."


def _new_city_goal(users, state) -> str:
    from kompas.citygoals import services

    services.city_goal_create(title="Et nyt bymål", description="Nyt.", actor=users["programme"])
    return "Et nyt bymål"


def _new_vision(users, state) -> str:
    from kompas.citygoals import selectors, services

    services.vision_update(
        vision=selectors.vision(), title="En ny vision", text="Byen for alle.", actor=users["programme"]
    )
    return "En ny vision"


def _fund_ready(users) -> dict:
    from kompas.fund.tests import factories

    factories.fund()
    return {}


def _new_round(users, state) -> str:
    from kompas.fund import services
    from kompas.fund.models import Round
    from kompas.fund.tests import factories

    now = timezone.now()
    services.round_save(
        round=Round(fund=factories.fund()),
        actor=users["programme"],
        title="Forårsrunden",
        pool=factories.cross_pool(),
        description="",
        opens_at=now - dt.timedelta(days=1),
        closes_at=now + dt.timedelta(days=30),
        sealed=False,
        anonymise_applicants=False,
    )
    return "Forårsrunden"


def _rename_fund(users, state) -> str:
    from kompas.fund import services
    from kompas.fund.tests import factories

    fund = factories.fund()
    services.fund_save(
        fund=fund, actor=users["programme"], name="Puljen for ny velfærd", description="", is_active=True
    )
    return "Puljen for ny velfærd"


def _farewell_proposed(users) -> dict:
    from kompas.stoplist.tests import factories

    return {"proposal": factories.proposal(title="Det ugentlige skemamøde")}


def _farewell_stopped(users, state) -> str:
    from kompas.stoplist import services
    from kompas.stoplist.choices import FarewellStatus

    services.proposal_decide(
        proposal=state["proposal"],
        actor=users["leader"],
        status=FarewellStatus.STOPPED,
        decision_reason="Alle kan se skemaet i systemet.",
        hours_freed=Decimal("120"),
    )
    return "Det ugentlige skemamøde"


def _library_item_published(users, state) -> str:
    from kompas.core.models import PublicationStatus
    from kompas.library import services
    from kompas.library.choices import Audience, ItemKind

    services.item_save(
        actor=users["programme"],
        kind=ItemKind.TOOL,
        title="Samtalekort om nærhed",
        body="Kort til at tale om nærhed og faglighed.",
        dated=dt.date(2026, 3, 1),
        audience=Audience.PUBLIC,
        publication_status=PublicationStatus.PUBLISHED,
        paths=["listen"],
    )
    return "Samtalekort om nærhed"


def _forum_opened(users, state) -> str:
    from kompas.dialogues.tests import factories

    factories.forum(title="Skal parken blive til boliger?")
    return "Skal parken blive til boliger?"


def _forum_exists(users) -> dict:
    from kompas.dialogues.tests import factories

    return {"forum": factories.forum(title="Skal biblioteket åbne om søndagen?", allow_anonymous=True)}


def _someone_joins(users, state) -> str:
    from kompas.dialogues import services

    services.participant_join(forum=state["forum"], raw_token="a-new-participant", stakeholder_type="citizen")
    return ""  # only a count changes: the page must differ


def _decided_proposal(users) -> dict:
    from kompas.proposals import services
    from kompas.proposals.choices import Decision, ProposalStatus
    from kompas.proposals.tests import factories

    proposal = factories.proposal(title="Flere børn cykler i skole")
    for status in (ProposalStatus.MAGISTRATE, ProposalStatus.COUNCIL_FIRST, ProposalStatus.DECIDED):
        proposal = services.proposal_transition(
            proposal=proposal,
            actor=proposal.author,
            to_status=status,
            decision=Decision.ADOPTED,
            decided_on=proposal.dated,
        )
    return {"proposal": proposal}


def _published_proposal(users) -> dict:
    from kompas.proposals import services

    state = _decided_proposal(users)
    services.proposal_publish(proposal=state["proposal"], actor=state["proposal"].author)
    return state


def _proposal_published(users, state) -> str:
    from kompas.proposals import services

    services.proposal_publish(proposal=state["proposal"], actor=state["proposal"].author)
    return "Flere børn cykler i skole"


def _proposal_unpublished(users, state) -> str:
    from kompas.proposals import services

    services.proposal_publish(proposal=state["proposal"], actor=state["proposal"].author, publish=False)
    return ""


@dataclass(frozen=True)
class Case:
    url: Any  # str, or state -> str
    change: Any  # (users, state) -> the text that must show afterwards ("" = the page must differ)
    prepare: Any = None  # users -> state, before the first view

    def address(self, state) -> str:
        return self.url(state) if callable(self.url) else self.url


CASES = {
    "front page / city goal renamed": Case("/", _rename_city_goal),
    "front page / new city goal": Case("/", _new_city_goal),
    "city goals / city goal renamed": Case("/city-goals/", _rename_city_goal),
    "city goals / new vision": Case("/city-goals/", _new_vision),
    "city goal / description changed": Case(
        lambda s: f"/city-goals/{_city_goal().slug}/", _describe_city_goal
    ),
    "fund / new round": Case("/fund/", _new_round, _fund_ready),
    "fund / fund renamed": Case("/fund/", _rename_fund, _fund_ready),
    "farewell list / stopped": Case("/farewell/goodbye/", _farewell_stopped, _farewell_proposed),
    "library / item published": Case("/library/", _library_item_published),
    "library filtered / item published": Case("/library/?kind=tool", _library_item_published),
    "library search / item published": Case("/library/?q=samtalekort", _library_item_published),
    "site search / item published": Case("/search/?q=samtalekort", _library_item_published),
    "site search / stopped": Case("/search/?q=skemamøde", _farewell_stopped, _farewell_proposed),
    "site search / forum opened": Case("/search/?q=boliger", _forum_opened),
    "dialogues / forum opened": Case("/dialogues/", _forum_opened),
    "dialogues / someone joins": Case("/dialogues/", _someone_joins, _forum_exists),
    "proposals / published": Case("/proposals/published/", _proposal_published, _decided_proposal),
    "proposal / unpublished": Case(
        lambda s: f"/proposals/published/{s['proposal'].pk}/", _proposal_unpublished, _published_proposal
    ),
}


@pytest.mark.parametrize("case", CASES.values(), ids=CASES.keys())
def test_a_public_page_changes_right_after_the_service_that_changes_it(client, role_users, case):
    state = case.prepare(role_users) if case.prepare else {}
    url = case.address(state)
    first = client.get(url)
    second = client.get(url)
    assert (first[HEADER], second[HEADER]) == ("miss", "hit")  # cached: it would be stale without the version
    assert second.content == first.content
    expected = case.change(role_users, state)
    after = client.get(url)
    assert after.get(HEADER) != "hit"  # "miss", or none when the page is gone (a 404 raised in the view)
    assert after.content != second.content
    if expected:
        assert expected in after.content.decode()


def test_a_round_opening_shows_at_once_without_any_write(client, role_users, monkeypatch):
    from kompas.fund.models import Round
    from kompas.fund.tests import factories

    now = timezone.now()
    Round.objects.create(
        fund=factories.fund(),
        pool=factories.cross_pool(),
        title="Sommerrunden",
        opens_at=now + dt.timedelta(hours=1),
        closes_at=now + dt.timedelta(days=30),
    )
    versions.bump("content")  # the factory wrote without a service
    with translation.override("da"):
        open_label = translation.gettext("Open for applications")
    before = client.get("/fund/")
    assert client.get("/fund/")[HEADER] == "hit" and open_label not in before.content.decode()
    monkeypatch.setattr(timezone, "now", lambda: now + dt.timedelta(hours=2))
    after = client.get("/fund/")
    assert after[HEADER] == "miss" and open_label in after.content.decode()


# --- Never cached: signed-in users, private responses, anonymous sessions with data --------------------------

PUBLIC_PAGES = ["/", "/city-goals/", "/fund/", "/farewell/goodbye/", "/library/", "/dialogues/"]


@pytest.mark.parametrize("url", PUBLIC_PAGES)
def test_signed_in_users_never_get_the_anonymous_copy(client_for, role_users, url):
    client_for("anonymous").get(url)
    assert client_for("anonymous").get(url)[HEADER] == "hit"
    page = client_for("employee").get(url)
    assert page.get(HEADER) != "hit" and role_users["employee"].get_full_name() in page.content.decode()


@pytest.mark.parametrize("url", PUBLIC_PAGES)
def test_a_cached_public_page_is_served_without_a_query(client, role_users, url):
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response[HEADER] == "hit"
    assert captured.captured_queries == []


@pytest.mark.parametrize("url", ["/library/?q=samarbejde", "/search/?q=samarbejde"])
def test_a_signed_in_search_is_the_readers_own_never_the_anonymous_one(client_for, role_users, url):
    client_for("anonymous").get(url)
    assert client_for("anonymous").get(url)[HEADER] == "hit"
    client = client_for("employee")
    pages = [client.get(url) for _ in range(3)]
    assert [page.get(HEADER) for page in pages] == [None, "miss", "hit"]  # the first sets the CSRF cookie
    assert all(role_users["employee"].get_full_name() in page.content.decode() for page in pages)
    assert client_for("programme").get(url).get(HEADER) != "hit"


@pytest.mark.parametrize("url", ["/library/?q=samarbejde", "/search/?q=samarbejde"])
def test_an_anonymous_search_is_served_from_the_cache_without_a_query(client, role_users, url):
    assert client.get(url)[HEADER] == "miss"
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url)[HEADER] == "hit"
    assert captured.captured_queries == []
    assert client.get(url.replace("samarbejde", "samarbejdet"))[HEADER] == "miss"  # each query its own page


def test_an_anonymous_session_with_data_is_not_cached(client, role_users):
    session = client.session
    session["something"] = "of this browser"
    session.save()
    assert HEADER not in client.get("/city-goals/")


def _request():
    request = RequestFactory().get("/page/")
    request.user = AnonymousUser()
    request.session = SessionStore()
    return request


def test_a_page_holding_a_csrf_token_is_never_stored():
    @cache_anonymous_page(lambda request: "v")
    def with_form(request):
        return HttpResponse(f'<input name="csrfmiddlewaretoken" value="{get_token(request)}">')

    first, second = with_form(_request()), with_form(_request())
    assert (first[HEADER], second[HEADER]) == ("skip", "skip")
    assert first.content != second.content


def test_a_page_setting_a_cookie_or_marked_private_is_never_stored():
    @cache_anonymous_page(lambda request: "v")
    def with_cookie(request):
        response = HttpResponse("hello")
        response.set_cookie("mine", "1")
        return response

    @cache_anonymous_page(lambda request: "v")
    def private(request):
        response = HttpResponse("hello")
        response["Cache-Control"] = "private"
        return response

    assert [with_cookie(_request())[HEADER] for _ in range(2)] == ["skip", "skip"]
    assert [private(_request())[HEADER] for _ in range(2)] == ["skip", "skip"]


# --- Content versions ------------------------------------------------------------------------------------


def test_every_recorded_write_bumps_the_content_version(role_users):
    from kompas import activity

    before = versions.current("content")
    activity.record(actor=role_users["programme"], verb="citygoals.updated", target=None)
    assert versions.current("content") > before


def test_a_lost_version_never_comes_back_to_an_old_value():
    from django.core.cache import cache

    seen = {versions.current("content")}
    for _ in range(5):
        versions.bump("content")
        seen.add(versions.current("content"))
    cache.clear()  # evicted or flushed: a fresh random start, not 0 or 1 again
    assert versions.current("content") not in seen


def test_the_version_is_bumped_again_when_the_transaction_commits(django_capture_on_commit_callbacks):
    before = versions.current("content")
    with django_capture_on_commit_callbacks(execute=True):
        versions.bump("content")
        during = versions.current("content")
    assert before < during < versions.current("content")


# --- The signed-in fixed cost ----------------------------------------------------------------------------


def test_a_signed_in_page_reads_no_roles_and_no_version_from_the_database(client_for):
    client = client_for("employee")
    client.get("/goals/")  # the first request puts the roles in the session and fills the caches
    with CaptureQueriesContext(connection) as captured:
        response = client.get("/goals/")
    assert response.status_code == 200
    tables = " ".join(q["sql"] for q in captured.captured_queries)
    assert "accounts_role" not in tables and "core_contentversion" not in tables
    assert "accounts_user" not in tables  # the user's row comes from the user cache (ADR 0027)
    # the session only (in the tests' database; Redis holds it in production); the goal list is a cached fragment
    assert len(captured.captured_queries) == 1, [q["sql"][:80] for q in captured.captured_queries]


def test_changed_roles_take_effect_on_the_next_request(client_for, role_users):
    from kompas.accounts.services import user_set_roles
    from kompas.core.roles import RoleCode

    client = client_for("employee")
    assert client.get("/goals/").status_code == 200
    assert "/city-goals/manage/" not in client.get("/").content.decode()
    user_set_roles(
        user=role_users["employee"], roles=[RoleCode.EMPLOYEE, RoleCode.PROGRAMME], actor=role_users["admin"]
    )
    assert "/city-goals/manage/" in client.get("/").content.decode()
    user_set_roles(user=role_users["employee"], roles=[RoleCode.CITIZEN], actor=role_users["admin"])
    assert client.get("/goals/").status_code == 403


def test_roles_changed_from_the_role_side_take_effect_too(client_for, role_users):
    from kompas.accounts.models import Role
    from kompas.core.roles import RoleCode

    client = client_for("employee")
    assert client.get("/goals/").status_code == 200
    Role.objects.get(code=RoleCode.EMPLOYEE).users.remove(role_users["employee"])
    assert client.get("/goals/").status_code == 403
