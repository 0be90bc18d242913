import dataclasses
import datetime as dt
import html
import re

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kompas.citygoals.models import CityGoal
from kompas.core import learnings
from kompas.core.models import PublicationStatus
from kompas.goals import services as goal_services
from kompas.goals.tests import factories as goal_factories
from kompas.library import selectors, services
from kompas.library.choices import Audience, ItemKind
from kompas.library.models import LibraryItem
from kompas.library.tests import factories
from kompas.organisations.models import Department

pytestmark = pytest.mark.django_db

STAFF_MARKER = "INTERN-LÆRING-MARKØR"
# An entry's title on the search page: its heading's link.
TITLE = re.compile(r'<h3 class="h4 mb-2"><a href="[^"]*">(.*?)</a></h3>')


def _search(client, **params):
    """The titles of the items found, in the order the page lists them."""
    response = client.get(reverse("library:search"), params)
    assert response.status_code == 200
    return [html.unescape(title) for r in response.context["results"] for title in TITLE.findall(r["html"])]


def _follow_up(goal, actor, *, shareable=True, learned="Forældrene vil inddrages tidligt i samarbejdet."):
    return goal_services.follow_up_write(
        goal=goal,
        actor=actor,
        status="on_track",
        status_reason="Godt på vej",
        what_happened="Vi holdt tre cafémøder",
        learned=learned,
        will_change="Vi inviterer før vi planlægger",
        shareable=shareable,
    )


def test_a_shared_follow_up_flows_in_and_out_through_the_signal(
    role_users, django_capture_on_commit_callbacks
):
    goal = goal_factories.goal()
    with django_capture_on_commit_callbacks(execute=True):
        follow_up = _follow_up(goal, role_users["leader"])
    item = LibraryItem.objects.get(key=f"goals.follow_up:{follow_up.pk}")
    assert item.kind == ItemKind.LEARNING and item.audience == Audience.STAFF
    assert item.source_url == reverse("goals:learning-log", kwargs={"pk": goal.pk})
    assert item.department_id == goal.owner_unit.department_id
    assert list(item.city_goals.all()) == list(goal.city_goals.all())
    assert item.paths == ["learn"]
    # Withdrawn: the library removes it.
    with django_capture_on_commit_callbacks(execute=True):
        learnings.announce(dataclasses.replace(goal_services.follow_up_learning(follow_up), shared=False))
    assert not LibraryItem.objects.filter(key=f"goals.follow_up:{follow_up.pk}").exists()


def test_a_follow_up_not_shared_stays_out(role_users, django_capture_on_commit_callbacks):
    goal = goal_factories.goal()
    with django_capture_on_commit_callbacks(execute=True):
        _follow_up(goal, role_users["leader"], shareable=False)
    assert not LibraryItem.objects.filter(kind=ItemKind.LEARNING).exists()


def test_upsert_keeps_one_row_per_key_and_refuses_cpr(role_users):
    first = factories.learning(key="trials.iteration:7")
    services.learning_apply(learning=factories.shared_learning(key="trials.iteration:7", title="Ny titel"))
    assert LibraryItem.objects.filter(key="trials.iteration:7").count() == 1
    assert LibraryItem.objects.get(pk=first.pk).title == "Ny titel"
    services.learning_apply(
        learning=factories.shared_learning(key="trials.iteration:7", body="Borgeren 010203-1234 deltog.")
    )
    assert not LibraryItem.objects.filter(key="trials.iteration:7").exists()


def test_rebuild_pulls_every_source_and_is_idempotent(role_users, monkeypatch):
    goal = goal_factories.goal()
    shared = _follow_up(goal, role_users["leader"])
    _follow_up(goal, role_users["leader"], shareable=False)
    trial_learnings = [factories.shared_learning(key="trials.iteration:1")]
    monkeypatch.setattr(
        learnings, "_sources", {**learnings.sources(), "trial": lambda: iter(trial_learnings)}
    )
    LibraryItem.objects.filter(kind=ItemKind.LEARNING).delete()
    stale = factories.learning(key="trials.iteration:99")
    own = factories.item()

    result = services.library_rebuild()
    keys = set(LibraryItem.objects.filter(kind=ItemKind.LEARNING).values_list("key", flat=True))
    assert keys == {f"goals.follow_up:{shared.pk}", "trials.iteration:1"}
    assert result.created == 2 and result.removed == 1
    assert not LibraryItem.objects.filter(pk=stale.pk).exists()
    assert LibraryItem.objects.filter(pk=own.pk).exists()  # the library's own items are not touched
    pks = dict(LibraryItem.objects.values_list("key", "pk"))
    again = services.library_rebuild()
    assert again.created == 0 and again.removed == 0
    assert dict(LibraryItem.objects.values_list("key", "pk")) == pks
    call_command("library_reindex", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert LibraryItem.objects.filter(kind=ItemKind.LEARNING).count() == 2


def test_who_sees_what(client_for, role_users):
    factories.item(title="Samarbejdskompasset", kind=ItemKind.TOOL)
    factories.item(title="Udkast-markør", status=PublicationStatus.DRAFT)
    factories.learning(title=STAFF_MARKER)
    anonymous = set(_search(client_for("anonymous")))
    assert anonymous == {"Samarbejdskompasset"}
    citizen = set(_search(client_for("citizen")))
    assert citizen == {"Samarbejdskompasset"}
    employee = set(_search(client_for("employee")))
    assert employee == {"Samarbejdskompasset", STAFF_MARKER}
    programme = set(_search(client_for("programme")))
    assert programme == {"Samarbejdskompasset", STAFF_MARKER, "Udkast-markør"}
    learning = LibraryItem.objects.get(title=STAFF_MARKER)
    url = reverse("library:detail", kwargs={"pk": learning.pk})
    for role, status in (("anonymous", 404), ("citizen", 404), ("employee", 200), ("admin", 200)):
        assert client_for(role).get(url).status_code == status, role
    assert STAFF_MARKER not in client_for("anonymous").get(reverse("library:search")).content.decode()
    assert STAFF_MARKER not in str(client_for("anonymous").get(reverse("api:search_library")).json())


def test_fallback_search_finds_inflected_danish_words_and_filters(client_for, role_users):
    city_goals = list(CityGoal.objects.order_by("order")[:2])
    departments = list(Department.objects.order_by("order")[:2])
    a = factories.item(
        title="Samarbejde med foreningerne",
        body="Et godt samarbejde begynder hos den anden.",
        paths=("listen", "solve"),
        department=departments[0],
    )
    a.city_goals.set([city_goals[0]])
    b = factories.item(
        title="Læring fra hjemmeplejen",
        body="Vi samarbejder med de pårørende om aftenbesøg.",
        paths=("learn",),
        department=departments[1],
    )
    b.city_goals.set([city_goals[1]])
    factories.item(title="Noget helt andet", body="Affald og genbrug.")
    client = client_for("anonymous")
    assert _search(client, q="samarbejder") == [a.title, b.title]  # the title ranks first
    assert _search(client, q="samarbejde", path="learn") == [b.title]
    assert _search(client, city_goal=city_goals[0].pk) == [a.title]
    assert _search(client, department=departments[1].pk) == [b.title]
    assert _search(client, q="kvantefysik") == []
    body = client.get(reverse("library:search"), {"q": "samarbejder"}).content.decode()
    assert "<mark>samarbejde</mark>" in body


def _make_items(n: int, start: int) -> None:
    goals = list(CityGoal.objects.all()[:3])
    department = Department.objects.order_by("order").first()
    for i in range(n):
        item = factories.item(
            title=f"Erfaring om samarbejde nr. {start + i}",
            body="Samarbejde med borgerne om læring.",
            kind=ItemKind.CASE,
            department=department,
        )
        item.city_goals.set(goals)
        factories.learning(key=f"trials.iteration:{start + i}", title=f"Læring om samarbejde {start + i}")


@pytest.mark.parametrize("params", [{}, {"q": "samarbejde"}, {"q": "samarbejde", "path": "listen"}])
@pytest.mark.parametrize("role", ["anonymous", "employee"])
def test_search_runs_a_constant_number_of_queries(client_for, role_users, params, role):
    client = client_for(role)
    _make_items(1, 0)
    client.get(reverse("library:search"), params)
    cache.clear()  # measure the page as rendered, not the anonymous page cache (the factories bump no version)
    with CaptureQueriesContext(connection) as small:
        client.get(reverse("library:search"), params)
    _make_items(10, 100)
    cache.clear()
    with CaptureQueriesContext(connection) as large:
        response = client.get(reverse("library:search"), params)
    assert response.status_code == 200 and response.context["results"]
    assert len(large) == len(small)


def test_programme_staff_write_and_publish_an_item_with_danish_errors(client_for, role_users):
    client = client_for("programme")
    url = reverse("library:create")
    response = client.post(url, {"kind": "case", "title": "Lektiecafé i Gellerup", "body": ""})
    assert response.status_code == 200 and "body" in response.context["form"].errors
    assert "Lektiecafé i Gellerup" in response.content.decode()
    response = client.post(
        url,
        {
            "kind": "case",
            "title": "Lektiecafé i Gellerup",
            "summary": "Frivillige og skolen sammen.",
            "body": "Frivillige fra foreningerne hjælper med lektier to dage om ugen.",
            "paths": ["solve", "listen"],
            "city_goals": [CityGoal.objects.order_by("order").first().pk],
            "audience": "public",
            "dated": "2026-04-01",
            "publication_status": "published",
        },
    )
    assert response.status_code == 302
    item = LibraryItem.objects.get(title="Lektiecafé i Gellerup")
    assert item.paths == ["listen", "solve"] and item.published_at is not None and item.created_by is not None
    assert item.title in set(_search(client_for("anonymous"), q="lektier"))
    response = client_for("programme").post(
        reverse("library:edit", kwargs={"pk": item.pk}),
        {
            "kind": "case",
            "title": "Lektiecafé",
            "body": "Borgeren 010203-1234 deltog.",
            "audience": "public",
            "dated": "2026-04-01",
            "publication_status": "published",
        },
    )
    assert response.status_code == 200 and "body" in response.context["form"].errors
    learning = factories.learning()
    assert client_for("programme").get(reverse("library:edit", kwargs={"pk": learning.pk})).status_code == 404


def test_api_search_returns_public_items(client, role_users):
    factories.item(title="Målkompasset", body="Syv spørgsmål til et mål, der giver mening.")
    factories.learning(title=STAFF_MARKER)
    data = client.get(reverse("api:search_library"), {"q": "spørgsmål"}).json()
    assert data["count"] == 1 and data["items"][0]["title"] == "Målkompasset"


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's danish text search")
def test_postgres_danish_stemming_finds_inflections(role_users):
    factories.item(title="Et godt samarbejde", body="Vi mødes hos borgerne.")
    factories.item(title="Affald", body="Genbrugspladsen udvider åbningstiden.")
    found = selectors.library_search(
        user=role_users["employee"], filters=selectors.LibraryFilters(query="samarbejder")
    )
    assert [i.title for i in found] == ["Et godt samarbejde"]
    found = selectors.library_search(
        user=role_users["employee"], filters=selectors.LibraryFilters(query="borger")
    )
    assert [i.title for i in found] == ["Et godt samarbejde"]
    assert LibraryItem.objects.exclude(search_vector=None).count() == 2


def test_rebuild_updates_only_what_changed(role_users, monkeypatch):
    current = [
        factories.shared_learning(key="trials.iteration:1"),
        factories.shared_learning(key="trials.iteration:2"),
    ]
    monkeypatch.setattr(learnings, "_sources", {"trial": lambda: iter(current)})
    first = services.library_rebuild()
    assert (first.created, first.updated, first.unchanged) == (2, 0, 0)
    current[1] = factories.shared_learning(key="trials.iteration:2", title="Ændret titel", city_goal_ids=())
    second = services.library_rebuild()
    assert (second.created, second.updated, second.unchanged, second.removed) == (0, 1, 1, 0)
    changed = LibraryItem.objects.get(key="trials.iteration:2")
    assert changed.title == "Ændret titel" and not changed.city_goals.exists()
    assert LibraryItem.objects.get(key="trials.iteration:1").city_goals.count() == 1


def test_personal_data_export_and_erasure(role_users):
    from kompas.library.personal import PROVIDER

    item = factories.item(created_by=role_users["programme"])
    assert PROVIDER.export(role_users["programme"])["library_items_written"][0]["id"] == item.pk
    assert PROVIDER.erase(role_users["programme"]) == 1
    item.refresh_from_db()
    assert item.created_by is None


def test_the_search_form_shows_what_was_asked_each_time(client_for):
    """The form's HTML is kept per content version and what was asked: never another search's words or errors."""
    client = client_for("employee")
    url = reverse("library:search")
    first = client.get(url, {"q": "samarbejde"}).content.decode()
    second = client.get(url, {"q": "genbrug"}).content.decode()
    wrong = client.get(url, {"q": "genbrug", "kind": "ukendt"}).content.decode()
    again = client.get(url, {"q": "genbrug"}).content.decode()
    assert (
        'value="samarbejde"' in first and 'value="genbrug"' in second and 'value="samarbejde"' not in second
    )
    assert 'aria-invalid="true"' in wrong
    assert 'aria-invalid="true"' not in second and 'aria-invalid="true"' not in again


# --- A page of results, shared by the readers the library shows the same items ------------------------------


def _fresh(client, **params):
    """The titles on the search page as rendered now (not the reader's own cached copy of the page)."""
    response = client.get(reverse("library:search"), params, HTTP_CACHE_CONTROL="no-cache")
    assert response.status_code == 200
    return [html.unescape(title) for r in response.context["results"] for title in TITLE.findall(r["html"])]


def test_results_kept_for_staff_never_reach_citizens_and_back(client_for):
    factories.item(title="Samarbejde om lektier")
    factories.item(title="Intern samarbejde-læring", audience=Audience.STAFF)
    factories.item(title="Samarbejde i udkast", status=PublicationStatus.DRAFT)
    everyone = ["Samarbejde om lektier"]
    assert set(_fresh(client_for("programme"), q="samarbejde")) == {
        *everyone,
        "Intern samarbejde-læring",
        "Samarbejde i udkast",
    }
    assert set(_fresh(client_for("employee"), q="samarbejde")) == {*everyone, "Intern samarbejde-læring"}
    assert _fresh(client_for("citizen"), q="samarbejde") == everyone
    assert _fresh(client_for("anonymous"), q="samarbejde") == everyone
    # Asked again, in the other order: each still gets their own.
    assert set(_fresh(client_for("employee"), q="samarbejde")) == {*everyone, "Intern samarbejde-læring"}
    assert set(_fresh(client_for("leader"), q="samarbejde")) == {*everyone, "Intern samarbejde-læring"}


def test_a_saved_item_shows_in_the_next_search(client_for, role_users):
    factories.item(title="Samarbejde om lektier")
    client = client_for("employee")
    assert _fresh(client, q="samarbejde") == ["Samarbejde om lektier"]
    services.item_save(
        actor=role_users["programme"],
        kind=ItemKind.CASE,
        title="Samarbejde med foreningerne",
        body="Sådan gjorde vi.",
        dated=dt.date(2026, 3, 1),
        publication_status=PublicationStatus.PUBLISHED,
        audience=Audience.PUBLIC,
    )
    assert set(_fresh(client, q="samarbejde")) == {"Samarbejde om lektier", "Samarbejde med foreningerne"}
    assert "Samarbejde med foreningerne" in _fresh(client_for("citizen"), q="samarbejde")
