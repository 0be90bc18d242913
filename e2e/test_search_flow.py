"""The site search: from the search field in the header, as an anonymous visitor and as staff.

Anonymous visitors find what is public (the library's tools, city goals) but never an internal goal; staff
find the internal goal and go on to it. Every page on the way is checked with axe."""

from playwright.sync_api import expect

from e2e.conftest import assert_no_axe_violations, login
from e2e.test_pages import DEMO_LOGINS


def _internal_goal():
    from kompas.core.choices import Visibility
    from kompas.goals.models import Goal

    return (
        Goal.objects.filter(visibility=Visibility.INTERNAL, archived_at__isnull=True).order_by("pk").first()
    )


def _search_from_header(page, words: str) -> None:
    field = page.get_by_role("searchbox", name="Søg i hele Kompas")
    field.fill(words)
    with page.expect_navigation():
        page.locator(".navigation-menu .button-search").click()
    expect(page.locator("h1")).to_have_text("Søg")


def test_anonymous_visitors_find_public_things_only(page, live_server, demo, problems):
    goal = _internal_goal()
    assert goal is not None, "the demo data has an internal goal"
    page.goto(f"{live_server.url}/")
    assert_no_axe_violations(page)
    _search_from_header(page, "samarbejder")
    expect(page.locator("main h2#search-results")).to_contain_text("samarbejder")
    library = page.locator("section", has=page.locator("h2#search-library"))
    expect(library.locator("h2")).to_contain_text("Vidensbanken")
    expect(library.locator("mark").first).to_be_visible()
    expect(page.locator("h2#search-goals")).to_have_count(0)
    assert_no_axe_violations(page)

    # The internal goal's title finds nothing of it.
    _search_from_header(page, goal.title)
    expect(page.locator("main").get_by_role("link", name=goal.title)).to_have_count(0)
    expect(page.locator("h2#search-goals")).to_have_count(0)
    assert_no_axe_violations(page)

    # "See all" leads to the library's own search with the same words.
    _search_from_header(page, "samarbejder")
    page.get_by_role("link", name="Se alle i Vidensbanken").click()
    expect(page.locator("#id_q")).to_have_value("samarbejder")
    assert_no_axe_violations(page)
    assert problems.take() == []


def test_staff_find_an_internal_goal(page, live_server, demo, problems):
    goal = _internal_goal()
    login(page, live_server, DEMO_LOGINS["employee"])
    _search_from_header(page, goal.title)
    goals = page.locator("section", has=page.locator("h2#search-goals"))
    expect(goals.get_by_role("link", name=goal.title).first).to_be_visible()
    assert_no_axe_violations(page)
    goals.get_by_role("link", name=goal.title).first.click()
    expect(page.locator("h1")).to_contain_text(goal.title)
    assert_no_axe_violations(page)
    assert problems.take() == []


def test_search_from_the_menu_on_a_small_screen(page, live_server, demo, problems):
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{live_server.url}/")
    page.get_by_role("button", name="Menu").click()
    drawer = page.get_by_role("dialog", name="Menu")
    expect(drawer).to_be_visible()
    assert_no_axe_violations(page)
    drawer.get_by_role("searchbox", name="Søg i hele Kompas").fill("samarbejder")
    with page.expect_navigation():
        drawer.locator(".button-search").click()
    expect(page.locator("main h2#search-results")).to_contain_text("samarbejder")
    expect(page.locator("h2#search-library")).to_be_visible()
    assert_no_axe_violations(page)
    assert problems.take() == []
