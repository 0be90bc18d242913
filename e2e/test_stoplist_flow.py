"""An employee proposes something for the farewell list, the owner unit's leader decides, and the public page
shows what was said goodbye to – without the proposer's name or the internal note."""

from playwright.sync_api import expect

from e2e import conftest as steps
from e2e.conftest import assert_no_axe_violations, login
from e2e.test_pages import DEMO_LOGINS

TITLE = "Papirskema til udflugter med tre underskrifter"
NOTE = "Intern note: aftalt med skolebestyrelsen"


def test_employee_proposes_a_farewell_and_the_owner_decides(page, live_server, demo, problems):
    from kompas.organisations.models import Unit

    unit = Unit.objects.get(name="Skåde Skole")  # the demo leader leads it

    # 1. The employee proposes; the first try forgets the hours.
    login(page, live_server, DEMO_LOGINS["employee"])
    steps.open_from_list(page, live_server, "/farewell/", "Foreslå noget, vi kan stoppe")
    steps.fill_labelled(
        page,
        {
            "Hvad skal vi stoppe eller forenkle": TITLE,
            "Beskriv det, og hvorfor det kan undværes": (
                "Hver udflugt kræver et papirskema med tre underskrifter, selv om forældrene allerede har "
                "givet samtykke i Aula."
            ),
            "Hvem det belaster": "lærere og forældre i indskolingen",
        },
    )
    page.locator("input[name=kind][value=form]").check()
    page.get_by_label("Hvem ejer det").select_option(str(unit.pk))
    steps.submit_refused(
        page, "Send forslaget", page.get_by_label("Hvad skal vi stoppe eller forenkle"), TITLE
    )
    page.get_by_label("Timer om året, det koster").fill("62,5")
    steps.submit_to_page(page, "Send forslaget", TITLE)
    steps.expect_main(page, "62,5")
    proposal_url = page.url

    # 2. The leader of the owner unit finds it among the proposals to decide, and stops it.
    steps.login_afresh(page, live_server, DEMO_LOGINS["leader"])
    page.goto(f"{live_server.url}/farewell/?to_decide=on")
    assert_no_axe_violations(page)
    page.get_by_role("link", name=TITLE).click()
    steps.follow(page, "Beslut")
    page.locator("input[name=status][value=stopped]").check()
    page.get_by_role("button", name="Gem beslutningen").click()
    expect(page.locator("[data-module=error-summary]")).to_be_visible()  # a reason is required
    assert_no_axe_violations(page)
    page.locator("#id_decision_reason").fill("Samtykket i Aula er nok. Vi siger farvel til papirskemaet nu.")
    page.get_by_label("Intern note").fill(NOTE)
    page.get_by_role("button", name="Gem beslutningen").click()
    steps.expect_main(page, "Samtykket i Aula er nok.", NOTE)
    assert_no_axe_violations(page)

    # 3. The proposer sees the decision and its reason, not the internal note.
    steps.login_afresh(page, live_server, DEMO_LOGINS["employee"])
    page.goto(proposal_url)
    steps.expect_main(page, "Samtykket i Aula er nok.", hidden=(NOTE,))

    # 4. Anyone sees it on the public list, with the hours freed – and no names.
    page.context.clear_cookies()
    page.goto(f"{live_server.url}/farewell/goodbye/")
    steps.expect_main(page, TITLE, "Børn og Unge", hidden=("Mads Medarbejder", NOTE))
    assert_no_axe_violations(page)
    assert problems.take() == []
