"""The Content-Security-Policy holds in a real browser: key pages (the value map, htmx voting, the proposal
editor's live LIX help) run without a single violation, and an injected inline script is refused."""

from playwright.sync_api import expect

from e2e.conftest import login
from e2e.test_pages import DEMO_LOGINS


def assert_policies(response) -> None:
    headers = response.all_headers()
    assert "script-src 'self'" in headers["content-security-policy"]
    assert "camera=()" in headers["permissions-policy"]


def test_key_pages_run_under_the_csp_without_violations(page, live_server, demo, problems):
    from kompas.dialogues.models import Forum

    assert_policies(page.goto(f"{live_server.url}/value-map/"))
    expect(page.locator("h1")).to_be_visible()

    # An inline script is refused (and reported), so the check below can see a violation when there is one.
    ran = page.evaluate(
        """() => { const s = document.createElement('script'); s.textContent = 'window.__inline = 1';
                   document.body.appendChild(s); return window.__inline === 1; }"""
    )
    assert ran is False
    page.wait_for_timeout(200)
    assert any(error.startswith("CSP violation") for error in problems.take())

    # htmx voting: the vote card is swapped in place.
    forum = Forum.objects.get(title="Skal de små skoler bevares?")
    login(page, live_server, DEMO_LOGINS["citizen"])
    assert_policies(page.goto(f"{live_server.url}/dialogues/{forum.pk}/join/"))
    page.locator("input[name=stakeholder_type][value=citizen]").check()
    page.get_by_role("button", name="Begynd at stemme").click()
    expect(page.locator("#vote-card")).to_contain_text("Du har stemt om 0 af")
    page.get_by_role("button", name="Enig", exact=True).click()
    expect(page.locator("#vote-card")).to_contain_text("Du har stemt om 1 af")
    page.goto(f"{live_server.url}/dialogues/{forum.pk}/map/")

    # The proposal editor's live writing help (LIX), fetched by htmx as one types.
    page.context.clear_cookies()
    login(page, live_server, DEMO_LOGINS["employee"])
    page.goto(f"{live_server.url}/proposals/new/")
    page.get_by_label("Titel").fill("Lektiecafé på biblioteket")
    page.get_by_role("button", name="Opret udkastet").click()
    expect(page.locator("h1")).to_have_text("Skriv indstillingen")
    page.get_by_label("1. Resume").fill(
        "Vi vil åbne en lektiecafé. Borgeren 010190-1234 har spurgt efter den."
    )
    expect(page.locator("#help-summary")).to_contain_text("CPR-nummer")
    page.wait_for_timeout(200)
    assert problems.take() == []
