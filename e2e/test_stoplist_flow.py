"""An employee proposes something for the farewell list, the owner unit's leader decides, and the public page
shows what was said goodbye to – without the proposer's name or the internal note."""

from playwright.sync_api import expect

from e2e.conftest import assert_no_axe_violations, login
from e2e.test_pages import DEMO_LOGINS

TITLE = "Papirskema til udflugter med tre underskrifter"
NOTE = "Intern note: aftalt med skolebestyrelsen"


def test_employee_proposes_a_farewell_and_the_owner_decides(page, live_server, demo, problems):
    from kompas.organisations.models import Unit

    unit = Unit.objects.get(name="Skåde Skole")  # the demo leader leads it

    # 1. The employee proposes; the first try forgets the hours.
    login(page, live_server, DEMO_LOGINS["employee"])
    page.goto(f"{live_server.url}/farewell/")
    assert_no_axe_violations(page)
    page.get_by_role("link", name="Foreslå noget, vi kan stoppe").click()
    assert_no_axe_violations(page)
    page.get_by_label("Hvad skal vi stoppe eller forenkle").fill(TITLE)
    page.locator("input[name=kind][value=form]").check()
    page.get_by_label("Beskriv det, og hvorfor det kan undværes").fill(
        "Hver udflugt kræver et papirskema med tre underskrifter, selv om forældrene allerede har givet "
        "samtykke i Aula."
    )
    page.get_by_label("Hvem det belaster").fill("lærere og forældre i indskolingen")
    page.get_by_label("Hvem ejer det").select_option(str(unit.pk))
    page.get_by_role("button", name="Send forslaget").click()
    expect(page.locator("[data-module=error-summary]")).to_be_visible()
    expect(page.get_by_label("Hvad skal vi stoppe eller forenkle")).to_have_value(TITLE)
    assert_no_axe_violations(page)
    page.get_by_label("Timer om året, det koster").fill("62,5")
    page.get_by_role("button", name="Send forslaget").click()
    expect(page.locator("h1")).to_have_text(TITLE)
    expect(page.locator("main")).to_contain_text("62,5")
    proposal_url = page.url
    assert_no_axe_violations(page)

    # 2. The leader of the owner unit finds it among the proposals to decide, and stops it.
    page.context.clear_cookies()
    login(page, live_server, DEMO_LOGINS["leader"])
    page.goto(f"{live_server.url}/farewell/?to_decide=on")
    assert_no_axe_violations(page)
    page.get_by_role("link", name=TITLE).click()
    page.get_by_role("link", name="Beslut").click()
    assert_no_axe_violations(page)
    page.locator("input[name=status][value=stopped]").check()
    page.get_by_role("button", name="Gem beslutningen").click()
    expect(page.locator("[data-module=error-summary]")).to_be_visible()  # a reason is required
    assert_no_axe_violations(page)
    page.locator("#id_decision_reason").fill("Samtykket i Aula er nok. Vi siger farvel til papirskemaet nu.")
    page.get_by_label("Intern note").fill(NOTE)
    page.get_by_role("button", name="Gem beslutningen").click()
    expect(page.locator("main")).to_contain_text("Samtykket i Aula er nok.")
    expect(page.locator("main")).to_contain_text(NOTE)
    assert_no_axe_violations(page)

    # 3. The proposer sees the decision and its reason, not the internal note.
    page.context.clear_cookies()
    login(page, live_server, DEMO_LOGINS["employee"])
    page.goto(proposal_url)
    expect(page.locator("main")).to_contain_text("Samtykket i Aula er nok.")
    expect(page.locator("main")).not_to_contain_text(NOTE)

    # 4. Anyone sees it on the public list, with the hours freed – and no names.
    page.context.clear_cookies()
    page.goto(f"{live_server.url}/farewell/goodbye/")
    expect(page.locator("main")).to_contain_text(TITLE)
    expect(page.locator("main")).to_contain_text("Børn og Unge")
    expect(page.locator("main")).not_to_contain_text("Mads Medarbejder")
    expect(page.locator("main")).not_to_contain_text(NOTE)
    assert_no_axe_violations(page)
    assert problems.take() == []
