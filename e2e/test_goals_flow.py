"""A leader follows a goal up with numbers and experience; a citizen opens the published value map."""

from playwright.sync_api import expect

from e2e import conftest as steps
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
    steps.fill_labelled(
        page,
        {
            "Titel": "Flere børn cykler i skole",
            "Hvilken værdi skaber målet": "Børn får motion og selvtillid, og skolevejen bliver tryggere.",
            "For hvem": "Skolebørn og deres forældre",
        },
    )
    page.locator("input[name=city_goals]").first.check()
    fill_date(page, "Periode fra", "2026-01-01")
    fill_date(page, "Periode til", "2027-06-30")
    page.locator("input[name=visibility][value=public]").check()
    steps.submit_refused(page, "Gem", page.get_by_label("Titel"), "Flere børn cykler i skole")
    page.get_by_label("Begrundelse for status").fill("Vi er lige begyndt, og forældrene bakker op.")
    steps.submit_to_page(page, "Gem", "Flere børn cykler i skole")
    goal_url = page.url

    # 2. An indicator with two values.
    page.get_by_role("link", name="Tilføj en indikator").click()
    steps.fill_labelled(page, {"Navn": "Andel der cykler", "Enhed": "procent"})
    steps.fill_named(page, {"baseline": "30", "target": "50"})
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
    steps.fill_labelled(
        page,
        {
            "Overskrift": "Nu cykler vi sammen",
            "Tekst": "Vi mødes ved kirken og cykler sammen hver morgen.",
            "Kilde": "Elev i 5.b",
        },
    )
    page.locator("input[name=is_citizen_voice]").check()
    page.locator("input[name=consent_public]").check()
    assert_no_axe_violations(page)
    page.get_by_role("button", name="Gem").click()
    steps.expect_main(page, "Nu cykler vi sammen")

    # 4. A follow-up: what did we learn?
    page.get_by_role("link", name="Skriv en opfølgning").first.click()
    steps.fill_labelled(
        page,
        {
            "Hvad skete der": "Cykeluge med forældre og politi.",
            "Hvad lærte vi": "Fælles afgang gør forældrene trygge.",
            "Begrundelse for status": "Tallet stiger, og børnene fortæller om mere lyst.",
        },
    )
    assert_no_axe_violations(page)
    page.get_by_role("button", name="Gem opfølgningen").click()
    steps.expect_main(page, "Fælles afgang gør forældrene trygge.")
    assert_no_axe_violations(page)

    # 5. Programme staff publish; a citizen sees the goal on the value map.
    steps.login_afresh(page, live_server, DEMO_LOGINS["programme"])
    page.goto(f"{live_server.url}/value-map/publish/")
    page.get_by_role("button", name="Publicér nu").click()
    steps.expect_main(page, "publiceret")
    steps.login_afresh(page, live_server, DEMO_LOGINS["citizen"])
    page.goto(f"{live_server.url}/value-map/")
    assert_no_axe_violations(page)
    page.locator("table a").first.click()
    page.get_by_role("link", name="Flere børn cykler i skole").first.click()
    steps.expect_main(page, "Nu cykler vi sammen", "Fælles afgang gør forældrene trygge.")
    assert_no_axe_violations(page)
    assert problems.take() == []
