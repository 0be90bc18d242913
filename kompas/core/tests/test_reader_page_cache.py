"""A signed-in reader's own cached page: served again only to the same reader in the same browser, and never
after anything it may show has changed (ADR 0025).

The first tests drive the decorator with a view that counts its calls; the last ones go through the front page
as a person would: a notification, a changed role or a new publication shows on the very next view.
"""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.contrib.messages.storage.fallback import FallbackStorage
from django.contrib.sessions.backends.cache import SessionStore
from django.db import connection
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kompas.core import versions
from kompas.core.page_cache import HEADER, cache_reader_page, personal_changed

pytestmark = pytest.mark.django_db

CSRF = "a" * 32


class Counting:
    """A view that says who it rendered for, with a form whose token is made from the browser's cookie."""

    def __init__(self):
        self.calls = 0

    def render(self, request):
        self.calls += 1
        token = get_token(request)
        name = getattr(request.user, "get_full_name", lambda: "")()
        return HttpResponse(f"{name} #{self.calls} <input value='{token}'>")


def _request(user, *, csrf=CSRF, **headers):
    request = RequestFactory().get("/page/?a=1", **headers)
    if csrf:
        request.COOKIES["csrftoken"] = csrf
    request.user = user
    request.session = SessionStore()
    request._messages = FallbackStorage(request)
    return request


@pytest.fixture
def view():
    counting = Counting()
    return counting, cache_reader_page(lambda request: str(versions.current("content")))(counting.render)


def test_the_same_reader_gets_the_stored_page_marked_private(view, role_users):
    counting, cached = view
    first = cached(_request(role_users["employee"]))
    second = cached(_request(role_users["employee"]))
    assert (first[HEADER], second[HEADER]) == ("miss", "hit")
    assert second.content == first.content and counting.calls == 1
    assert "private" in second["Cache-Control"] and "Cookie" in second["Vary"]


def test_another_reader_never_gets_it(view, role_users):
    counting, cached = view
    cached(_request(role_users["employee"]))
    other = cached(_request(role_users["leader"]))
    assert other[HEADER] == "miss" and role_users["leader"].get_full_name().encode() in other.content
    assert role_users["employee"].get_full_name().encode() not in other.content


def test_the_same_reader_in_another_browser_gets_a_page_with_that_browsers_token(view, role_users):
    counting, cached = view
    cached(_request(role_users["employee"]))
    assert cached(_request(role_users["employee"], csrf="b" * 32))[HEADER] == "miss"
    assert counting.calls == 2


def test_without_a_csrf_cookie_the_page_is_rendered_every_time(view, role_users):
    counting, cached = view
    cached(_request(role_users["employee"], csrf=""))
    response = cached(_request(role_users["employee"], csrf=""))
    assert HEADER not in response and counting.calls == 2


def test_anonymous_visitors_and_htmx_requests_are_left_to_the_view(view, role_users):
    counting, cached = view
    cached(_request(AnonymousUser()))
    htmx = _request(role_users["employee"])
    htmx.htmx = True
    cached(htmx)
    cached(htmx)
    assert counting.calls == 3


def test_a_forced_reload_renders_afresh_and_stores_that(view, role_users):
    counting, cached = view
    cached(_request(role_users["employee"]))
    reload = cached(_request(role_users["employee"], HTTP_CACHE_CONTROL="no-cache"))
    assert reload[HEADER] == "miss" and b"#2" in reload.content
    assert b"#2" in cached(_request(role_users["employee"])).content


@pytest.mark.parametrize(
    "change",
    [
        lambda user: versions.bump("content"),
        lambda user: personal_changed(),
        lambda user: user.roles.clear(),
    ],
    ids=["an audited write", "a personal change", "the reader's roles"],
)
def test_any_change_it_may_show_gives_a_fresh_page(view, role_users, change):
    counting, cached = view
    user = role_users["leader"]
    cached(_request(user))
    change(user)
    user.refresh_from_db()  # as the next request reads the user row
    assert cached(_request(user))[HEADER] == "miss" and counting.calls == 2


def test_a_request_with_a_flash_message_is_not_served_from_the_cache(view, role_users):
    counting, cached = view
    cached(_request(role_users["employee"]))
    request = _request(role_users["employee"])
    request._messages.add(20, "Gemt.")
    assert HEADER not in cached(request) and counting.calls == 2


# --- Through the front page, as a person sees it ------------------------------------------------------------


def _front_page(client):
    response = client.get("/")
    assert response.status_code == 200
    return response


def test_the_front_page_is_kept_per_reader_and_never_shown_to_another(client_for, role_users):
    client = client_for("employee")
    _front_page(client)  # sets the CSRF cookie
    assert _front_page(client)[HEADER] == "miss"
    with CaptureQueriesContext(connection) as captured:
        assert _front_page(client)[HEADER] == "hit"
    # what every signed-in request reads (its session and user), nothing of the page's own
    assert all("django_session" in q["sql"] or "accounts_user" in q["sql"] for q in captured.captured_queries)
    leader = client_for("leader")
    page = _front_page(leader)
    assert role_users["employee"].get_full_name() not in page.content.decode()


def test_a_new_notification_shows_on_the_next_view(
    client_for, role_users, django_capture_on_commit_callbacks
):
    from kompas import activity

    client = client_for("employee")
    _front_page(client)
    _front_page(client)
    assert _front_page(client)[HEADER] == "hit"
    with django_capture_on_commit_callbacks(execute=True):
        activity.notify(recipients=[role_users["employee"]], message="Din ansøgning er modtaget", url="/")
    page = _front_page(client)
    assert page[HEADER] == "miss" and "Din ansøgning er modtaget" in page.content.decode()


def test_a_new_role_shows_its_menu_on_the_next_view(client_for, role_users):
    from kompas.accounts.models import Role

    client = client_for("citizen")
    _front_page(client)
    before = _front_page(client).content.decode()
    role_users["citizen"].roles.add(*Role.objects.filter(code="programme"))
    after = _front_page(client)
    publish = reverse("valuemap:publish")  # a menu entry only programme staff have
    assert publish not in before
    assert after[HEADER] != "hit" and publish in after.content.decode()


def test_a_membership_changed_outside_the_services_gives_a_fresh_page(view, role_users):
    from kompas.organisations.models import Department, Membership, Unit

    counting, cached = view
    user = role_users["employee"]
    unit = Unit.objects.create(name="Skolen på bakken", department=Department.objects.order_by("pk").first())
    cached(_request(user))
    Membership.objects.create(user=user, unit=unit)  # as an import or the shell would
    assert cached(_request(user))[HEADER] == "miss"


def test_a_change_made_in_the_admin_gives_a_fresh_page(view, role_users):
    from django.contrib.admin.models import CHANGE, LogEntry
    from django.contrib.contenttypes.models import ContentType

    counting, cached = view
    user = role_users["employee"]
    cached(_request(user))
    # what the admin writes after every change it saves
    LogEntry.objects.create(
        user=role_users["admin"],
        content_type=ContentType.objects.get_for_model(user),
        object_id=str(user.pk),
        object_repr=str(user),
        action_flag=CHANGE,
        change_message="[]",
    )
    assert cached(_request(user))[HEADER] == "miss"
