"""A learning forum: the host plans a session with one place, an employee takes it, a citizen signs up for the
waiting list, and when the employee cancels the citizen moves up – told by e-mail – and can add the session to
a calendar. axe-core on every page."""

from django.core import mail
from playwright.sync_api import expect

from e2e import conftest as steps
from e2e.conftest import assert_no_axe_violations, login
from e2e.test_pages import DEMO_LOGINS

FORUM = "Lyt først – samtaler, hvor borgeren taler"
SESSION = "Lytteværksted i Borgerservice"


def _session_page(page, live_server, email):
    steps.login_afresh(page, live_server, email)
    page.goto(f"{live_server.url}/learning/")
    page.get_by_role("link", name=FORUM).click()
    page.get_by_role("link", name=SESSION).click()
    expect(page.locator("h1")).to_have_text(SESSION)


def test_a_citizen_signs_up_waits_and_moves_up_when_someone_cancels(page, live_server, demo, problems):
    # 1. The host (programme staff host the demo forum) plans a session with one place.
    login(page, live_server, DEMO_LOGINS["programme"])
    steps.open_from_list(page, live_server, "/learning/", FORUM)
    page.get_by_role("link", name="Planlæg en mødegang").click()
    page.get_by_label("Titel").fill(SESSION)
    page.locator("input[name=starts_at]").fill("2031-05-06T14:00")
    page.locator("input[name=ends_at]").fill("2031-05-06T13:00")
    page.get_by_label("Pladser").fill("1")
    steps.submit_refused(page, "Gem", page.get_by_label("Titel"), SESSION)  # ends before it starts, no place
    page.locator("input[name=ends_at]").fill("2031-05-06T16:00")
    page.locator("input[name=place]").fill("Borgerservice Centrum, mødelokale 2")
    steps.submit_to_page(page, "Gem", SESSION)
    expect(page.get_by_test_id("places")).to_contain_text("1 plads")

    # 2. An employee takes the one place.
    _session_page(page, live_server, DEMO_LOGINS["employee"])
    page.get_by_role("button", name="Tilmeld mig").click()
    expect(page.get_by_test_id("my-place")).to_contain_text("Du har en plads")

    # 3. A citizen finds the session full and signs up for the waiting list.
    _session_page(page, live_server, DEMO_LOGINS["citizen"])
    assert_no_axe_violations(page)
    page.get_by_role("button", name="Skriv mig på ventelisten").click()
    steps.expect_main(page, "Mødegangen er fuld. Du er på ventelisten")
    expect(page.get_by_test_id("my-place")).to_contain_text("Du er nummer 1 på ventelisten")
    assert_no_axe_violations(page)

    # 4. The employee cancels; the place goes to the first on the waiting list, who gets an e-mail.
    mail.outbox.clear()
    _session_page(page, live_server, DEMO_LOGINS["employee"])
    page.get_by_role("button", name="Meld mig fra").click()
    steps.expect_main(page, "Din plads er afmeldt.")
    assert [m.to for m in mail.outbox] == [[DEMO_LOGINS["citizen"]]]
    assert SESSION in mail.outbox[0].subject

    # 5. The citizen now has the place and can add it to a calendar.
    _session_page(page, live_server, DEMO_LOGINS["citizen"])
    expect(page.get_by_test_id("my-place")).to_contain_text("Du har en plads")
    link = page.get_by_role("link", name="Føj til kalender (.ics)")
    response = page.request.get(link.get_attribute("href"))
    assert response.headers["content-type"].startswith("text/calendar")
    assert "BEGIN:VEVENT" in response.text() and "DTSTART:20310506T120000Z" in response.text()
    assert_no_axe_violations(page)
    assert not problems.take()
