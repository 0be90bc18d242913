"""Afprøvninger in the browser: a trial goes through two iterations and is stopped with a learning."""

from playwright.sync_api import expect

from e2e.conftest import assert_no_axe_violations, login
from e2e.test_pages import DEMO_LOGINS

LEARNING = "Børnene vil hellere have hjælp derhjemme end i klubben."


def test_a_trial_runs_two_iterations_and_stops_with_a_shared_learning(page, live_server, demo, problems):
    login(page, live_server, DEMO_LOGINS["leader"])
    page.goto(f"{live_server.url}/trials/")
    assert_no_axe_violations(page)
    page.get_by_role("link", name="Ny afprøvning").click()
    assert_no_axe_violations(page)

    # 1. The trial; the first submit links it to nothing and keeps what was typed.
    page.get_by_label("Titel").fill("Lektiehjælp i Skåde Klub")
    page.get_by_label("Hvad vil vi finde ud af").fill("Kommer flere børn, når lektiehjælpen er i klubben?")
    page.get_by_label("Hvilken værdi søger vi, og for hvem").fill("Børn får hjælp og lyst til skolen.")
    page.get_by_label("Hvor", exact=True).fill("Skåde Klub")
    page.get_by_label("Med hvem").fill("Klubpædagoger og frivillige")
    page.get_by_label("Hvordan ved vi det – i tal og i erfaringer").fill("Antal børn og hvad de fortæller.")
    page.locator("input[name=visibility][value=public]").check()
    page.get_by_role("button", name="Gem").click()
    expect(page.locator("[data-module=error-summary]")).to_be_visible()
    expect(page.get_by_label("Titel")).to_have_value("Lektiehjælp i Skåde Klub")
    assert_no_axe_violations(page)
    page.locator("input[name=city_goals]").first.check()
    page.get_by_role("button", name="Gem").click()
    expect(page.locator("h1")).to_have_text("Lektiehjælp i Skåde Klub")
    assert_no_axe_violations(page)

    # 2. Iteration 1: plan, then what happened, then the decision to adjust.
    page.get_by_role("link", name="Planlæg første iteration").click()
    assert_no_axe_violations(page)
    page.get_by_label("Plan: hvad vil vi prøve").fill("Tirsdag og torsdag i fire uger.")
    page.get_by_role("button", name="Gem iterationen").click()
    page.locator("input[name=decision][value=adjust]").check()
    page.get_by_label("Begrundelse for beslutningen").fill("Vi flytter tiden.")
    page.get_by_role("button", name="Gem beslutningen").click()
    expect(page.locator("main")).to_contain_text("Skriv, hvad I lærte, før I beslutter.")  # no learning yet
    assert_no_axe_violations(page)
    page.get_by_role("link", name="Skriv, hvad der skete").click()
    page.get_by_label("Hvad så vi – tal").fill("8 børn i snit")
    page.get_by_label("Hvad lærte vi").fill("Tidspunktet passer dårligt med bussen.")
    assert_no_axe_violations(page)
    page.get_by_role("button", name="Gem iterationen").click()
    page.locator("input[name=decision][value=adjust]").check()
    page.get_by_label("Begrundelse for beslutningen").fill("Vi flytter tiden, så den passer med bussen.")
    page.get_by_role("button", name="Gem beslutningen").click()
    expect(page.locator("#iteration-1")).to_contain_text("Justér og prøv igen")

    # 3. Iteration 2, with a shareable learning, ends with the decision to stop.
    page.get_by_role("link", name="Planlæg næste iteration").click()
    page.get_by_label("Plan: hvad vil vi prøve").fill("Tidligere tid i fire uger.")
    page.get_by_label("Hvad så vi – fortællinger og observationer").fill(
        "Forældrene spørger efter hjælp hjemme."
    )
    page.get_by_label("Hvad lærte vi").fill(LEARNING)
    page.get_by_label("Læringen må deles").check()
    page.get_by_role("button", name="Gem iterationen").click()
    page.locator("input[name=decision][value=stop]").check()
    page.get_by_label("Begrundelse for beslutningen").fill(
        "Behovet er et andet sted; vi prøver lektiehjælp i hjemmet."
    )
    assert_no_axe_violations(page)
    page.get_by_role("button", name="Gem beslutningen").click()

    # 4. Stopping is a result with its learning.
    result = page.locator("[data-testid=result]")
    expect(result).to_contain_text("Behovet er et andet sted")
    expect(result).to_contain_text(LEARNING)
    expect(page.locator("#iteration-2")).to_contain_text("Delt i Vidensbanken")
    expect(page.get_by_role("link", name="Planlæg næste iteration")).to_have_count(0)
    assert_no_axe_violations(page)
    assert problems.take() == []
