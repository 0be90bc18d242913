"""A leader follows a goal up with numbers and experience; a citizen opens the published value map."""

from playwright.sync_api import expect

from e2e.conftest import assert_no_axe_violations, login
from e2e.test_pages import DEMO_LOGINS


def fill_date(page, label: str, value: str) -> None:
    page.get_by_label(label, exact=True).fill(value)


def test_leader_creates_and_follows_up_a_goal_and_a_citizen_sees_it_published(
    page, live_server, demo, problems
):
    login(page, live_server, DEMO_LOGINS["leader"])

    # 1. A new goal, with a first submit that forgets the reason for the status.
    page.goto(f"{live_server.url}/goals/new/")
    assert_no_axe_violations(page)
    page.get_by_label("Titel").fill("Flere børn cykler i skole")
    page.get_by_label("Hvilken værdi skaber målet").fill(
        "Børn får motion og selvtillid, og skolevejen bliver tryggere."
    )
    page.get_by_label("For hvem").fill("Skolebørn og deres forældre")
    page.locator("input[name=city_goals]").first.check()
    fill_date(page, "Periode fra", "2026-01-01")
    fill_date(page, "Periode til", "2027-06-30")
    page.locator("input[name=visibility][value=public]").check()
    page.get_by_role("button", name="Gem").click()
    expect(page.locator("[data-module=error-summary]")).to_be_visible()
    expect(page.get_by_label("Titel")).to_have_value("Flere børn cykler i skole")
    assert_no_axe_violations(page)
    page.get_by_label("Begrundelse for status").fill("Vi er lige begyndt, og forældrene bakker op.")
    page.get_by_role("button", name="Gem").click()
    expect(page.locator("h1")).to_have_text("Flere børn cykler i skole")
    goal_url = page.url
    assert_no_axe_violations(page)

    # 2. An indicator with two values.
    page.get_by_role("link", name="Tilføj en indikator").click()
    page.get_by_label("Navn").fill("Andel der cykler")
    page.get_by_label("Enhed").fill("procent")
    page.locator("#id_baseline").fill("30")
    page.locator("#id_target").fill("50")
    assert_no_axe_violations(page)
    page.get_by_role("button", name="Gem").click()
    page.get_by_role("link", name="Værdier og opsætning").first.click()
    for day, value in (("2026-02-01", "31,5"), ("2026-05-01", "38")):
        page.get_by_role("link", name="Tilføj en værdi").click()
        fill_date(page, "Dato", day)
        page.get_by_label("Værdi").fill(value)
        assert_no_axe_violations(page)
        page.get_by_role("button", name="Gem").click()
    expect(page.locator("table")).to_contain_text("31,5")

    # 3. A story in a citizen's own words, with consent.
    page.goto(goal_url)
    page.get_by_role("link", name="Tilføj en erfaring").click()
    page.locator("input[name=kind][value=quote]").check()
    page.get_by_label("Overskrift").fill("Nu cykler vi sammen")
    page.get_by_label("Tekst").fill("Vi mødes ved kirken og cykler sammen hver morgen.")
    page.get_by_label("Kilde").fill("Elev i 5.b")
    page.locator("input[name=is_citizen_voice]").check()
    page.locator("input[name=consent_public]").check()
    assert_no_axe_violations(page)
    page.get_by_role("button", name="Gem").click()
    expect(page.locator("main")).to_contain_text("Nu cykler vi sammen")

    # 4. A follow-up: what did we learn?
    page.get_by_role("link", name="Skriv en opfølgning").first.click()
    page.get_by_label("Hvad skete der").fill("Cykeluge med forældre og politi.")
    page.get_by_label("Hvad lærte vi").fill("Fælles afgang gør forældrene trygge.")
    page.get_by_label("Begrundelse for status").fill("Tallet stiger, og børnene fortæller om mere lyst.")
    assert_no_axe_violations(page)
    page.get_by_role("button", name="Gem opfølgningen").click()
    expect(page.locator("main")).to_contain_text("Fælles afgang gør forældrene trygge.")
    assert_no_axe_violations(page)

    # 5. Programme staff publish; a citizen sees the goal on the value map.
    page.context.clear_cookies()
    login(page, live_server, DEMO_LOGINS["programme"])
    page.goto(f"{live_server.url}/value-map/publish/")
    page.get_by_role("button", name="Publicér nu").click()
    expect(page.locator("main")).to_contain_text("publiceret")
    page.context.clear_cookies()
    login(page, live_server, DEMO_LOGINS["citizen"])
    page.goto(f"{live_server.url}/value-map/")
    assert_no_axe_violations(page)
    page.locator("table a").first.click()
    page.get_by_role("link", name="Flere børn cykler i skole").first.click()
    expect(page.locator("main")).to_contain_text("Nu cykler vi sammen")
    expect(page.locator("main")).to_contain_text("Fælles afgang gør forældrene trygge.")
    assert_no_axe_violations(page)
    assert problems.take() == []
