"""Afprøvninger in the browser: a trial goes through two iterations and is stopped with a learning."""

from playwright.sync_api import expect

from e2e import conftest as steps
from e2e.conftest import assert_no_axe_violations, login
from e2e.test_pages import DEMO_LOGINS

LEARNING = "Børnene vil hellere have hjælp derhjemme end i klubben."


def test_a_trial_runs_two_iterations_and_stops_with_a_shared_learning(page, live_server, demo, problems):
    login(page, live_server, DEMO_LOGINS["leader"])
    steps.open_from_list(page, live_server, "/trials/", "Ny afprøvning")

    # 1. The trial; the first submit links it to nothing and keeps what was typed.
    steps.fill_labelled(
        page,
        {
            "Titel": "Lektiehjælp i Skåde Klub",
            "Hvad vil vi finde ud af": "Kommer flere børn, når lektiehjælpen er i klubben?",
            "Hvilken værdi søger vi, og for hvem": "Børn får hjælp og lyst til skolen.",
            "Med hvem": "Klubpædagoger og frivillige",
            "Hvordan ved vi det – i tal og i erfaringer": "Antal børn og hvad de fortæller.",
        },
    )
    page.get_by_label("Hvor", exact=True).fill("Skåde Klub")
    page.locator("input[name=visibility][value=public]").check()
    steps.save_once_a_city_goal_is_chosen(page, "Lektiehjælp i Skåde Klub")

    # 2. Iteration 1: plan, then what happened, then the decision to adjust.
    steps.follow(page, "Planlæg første iteration")
    page.get_by_label("Plan: hvad vil vi prøve").fill("Tirsdag og torsdag i fire uger.")
    page.get_by_role("button", name="Gem iterationen").click()
    page.locator("input[name=decision][value=adjust]").check()
    page.get_by_label("Begrundelse for beslutningen").fill("Vi flytter tiden.")
    page.get_by_role("button", name="Gem beslutningen").click()
    expect(page.locator("main")).to_contain_text("Skriv, hvad I lærte, før I beslutter.")  # no learning yet
    assert_no_axe_violations(page)
    page.get_by_role("link", name="Skriv, hvad der skete").click()
    steps.fill_labelled(
        page, {"Hvad så vi – tal": "8 børn i snit", "Hvad lærte vi": "Tidspunktet passer dårligt med bussen."}
    )
    assert_no_axe_violations(page)
    page.get_by_role("button", name="Gem iterationen").click()
    page.locator("input[name=decision][value=adjust]").check()
    page.get_by_label("Begrundelse for beslutningen").fill("Vi flytter tiden, så den passer med bussen.")
    page.get_by_role("button", name="Gem beslutningen").click()
    expect(page.locator("#iteration-1")).to_contain_text("Justér og prøv igen")

    # 3. Iteration 2, with a shareable learning, ends with the decision to stop.
    page.get_by_role("link", name="Planlæg næste iteration").click()
    steps.fill_labelled(
        page,
        {
            "Plan: hvad vil vi prøve": "Tidligere tid i fire uger.",
            "Hvad så vi – fortællinger og observationer": "Forældrene spørger efter hjælp hjemme.",
            "Hvad lærte vi": LEARNING,
        },
    )
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
