"""Vidensbanken: searching with filters (anonymous and staff see different things), and the cross-module path
of a learning – a trial runs two iterations, is stopped, and its shared learning is found in the library."""

from playwright.sync_api import expect

from e2e import conftest as steps
from e2e.conftest import assert_no_axe_violations, login
from e2e.test_pages import DEMO_LOGINS


def test_search_the_library_with_filters(page, live_server, demo, problems):
    # Anyone: the tools and public cases, found in Danish with an inflected word.
    page.goto(f"{live_server.url}/library/")
    assert_no_axe_violations(page)
    expect(page.locator("main")).to_contain_text("Målkompasset")
    page.locator("#id_q").fill("samarbejder")
    page.locator("main").get_by_role("button", name="Søg").click()
    expect(page.locator("main h2#results")).to_contain_text("samarbejder")
    expect(
        page.get_by_role("link", name="Samarbejdskompasset – syv principper for bedre samarbejde")
    ).to_be_visible()
    expect(page.locator("main mark").first).to_be_visible()
    assert_no_axe_violations(page)

    # Filter by path: the dilemma kit is about listening and leading, not solving.
    page.locator("#id_q").fill("")
    page.locator("#id_path").select_option("lead")
    page.locator("#id_kind").select_option("tool")
    page.locator("main").get_by_role("button", name="Søg").click()
    expect(
        page.get_by_role("link", name="Dilemmakittet – tal om det svære, uden at nogen skal vinde")
    ).to_be_visible()
    expect(
        page.get_by_role("link", name="Samarbejdskompasset – syv principper for bedre samarbejde")
    ).to_have_count(0)
    assert_no_axe_violations(page)
    page.get_by_role("link", name="Dilemmakittet – tal om det svære, uden at nogen skal vinde").click()
    expect(page.locator("h1")).to_have_text("Dilemmakittet – tal om det svære, uden at nogen skal vinde")
    assert_no_axe_violations(page)

    # Anonymous visitors never see learnings from internal work; staff do, filtered by department.
    page.goto(f"{live_server.url}/library/?kind=learning")
    expect(page.locator("main")).to_contain_text("Intet passer til filteret.")
    login(page, live_server, DEMO_LOGINS["employee"])
    page.goto(f"{live_server.url}/library/")
    page.locator("#id_kind").select_option("learning")
    page.locator("#id_department").select_option(label="Børn og Unge")
    page.locator("main").get_by_role("button", name="Søg").click()
    expect(page.locator("main ul.nobullet-list li").first).to_contain_text("Børn og Unge")
    expect(page.locator("main ul.nobullet-list li").first).to_contain_text("Læring")
    assert_no_axe_violations(page)
    assert problems.take() == []


LEARNED_1 = "Forældrene kom, da vi mødtes i klubhuset; i skolen kom næsten ingen."
LEARNED_2 = "Morgenmøder i klubhuset kolliderer med forældrenes arbejde; kaffeaftener virker ikke for travle familier."


def _fill_iteration(page, *, plan: str, learned: str, shareable: bool) -> None:
    steps.fill_named(
        page,
        {
            "plan": plan,
            "tried": "Vi inviterede forældre i 0.–3. klasse.",
            "saw_numbers": "12 af 40 forældre kom.",
            "saw_stories": "En far sagde: Her kan jeg tale med lærerne uden at føle mig dum.",
            "learned": learned,
            "will_change": "Vi flytter mødet til eftermiddagen.",
        },
    )
    if shareable:
        page.locator("input[name=shareable]").check()
    assert_no_axe_violations(page)
    page.locator("main form button[type=submit]").first.click()


def _decide(page, *, decision: str, reason: str) -> None:
    form = page.locator("main form[action*='/decide/']").last
    form.locator(f"input[name=decision][value={decision}]").check()
    form.locator("textarea[name=reason]").fill(reason)
    assert_no_axe_violations(page)
    form.locator("button[type=submit]").click()


def test_a_stopped_trial_shares_its_learning_with_the_library(page, live_server, demo, problems):
    from kompas.organisations.models import Unit
    from kompas.trials.models import Trial

    unit = Unit.objects.get(name="Skåde Skole")
    login(page, live_server, DEMO_LOGINS["leader"])

    # A trial with its question, value, place and how we will know.
    page.goto(f"{live_server.url}/trials/new/")
    assert_no_axe_violations(page)
    steps.fill_named(
        page,
        {
            "title": "Forældremøder i klubhuset",
            "question": "Kommer flere forældre, hvis vi mødes i fodboldklubbens klubhus?",
            "value_sought": "Forældre, der sjældent kommer i skolen, bliver en del af fællesskabet.",
            "where": "Skåde Skole og Skåde IF's klubhus",
            "with_whom": "Skåde IF, forældrerådet og lærerne i indskolingen",
            "how_we_know": "Hvor mange forældre kommer, og hvad de fortæller bagefter.",
        },
    )
    page.locator("input[name=city_goals]").first.check()
    page.locator("select[name=owner_unit]").select_option(str(unit.pk))
    page.locator("main form button[type=submit]").first.click()
    expect(page.locator("h1")).to_have_text("Forældremøder i klubhuset")
    trial = Trial.objects.get(title="Forældremøder i klubhuset")
    assert_no_axe_violations(page)

    # Iteration 1: try, learn, adjust.
    page.goto(f"{live_server.url}/trials/{trial.pk}/iterations/new/")
    _fill_iteration(
        page, plan="Et forældremøde i klubhuset en tirsdag aften.", learned=LEARNED_1, shareable=False
    )
    expect(page.locator("main")).to_contain_text(LEARNED_1)
    assert_no_axe_violations(page)
    _decide(page, decision="adjust", reason="Klubhuset virker; vi prøver et andet tidspunkt.")
    expect(page.locator("main")).to_contain_text("Klubhuset virker; vi prøver et andet tidspunkt.")

    # Iteration 2: the adjusted plan does not work – stopping is a result, and the learning is shared.
    page.goto(f"{live_server.url}/trials/{trial.pk}/iterations/new/")
    _fill_iteration(page, plan="Morgenkaffe i klubhuset før arbejde.", learned=LEARNED_2, shareable=True)
    expect(page.locator("main")).to_contain_text(LEARNED_2)
    _decide(
        page,
        decision="stop",
        reason="Formen passer ikke til familiernes hverdag; vi bruger læringen i næste forsøg.",
    )
    expect(page.locator("main")).to_contain_text("Formen passer ikke til familiernes hverdag")
    assert_no_axe_violations(page)

    # The library finds the shared learning (and not the first iteration's, which was not shared).
    page.goto(f"{live_server.url}/library/")
    page.locator("#id_q").fill("kaffeaftener")
    page.locator("main").get_by_role("button", name="Søg").click()
    result = page.locator("main ul.nobullet-list li").first
    expect(result).to_contain_text("Forældremøder i klubhuset")
    expect(result).to_contain_text("Afprøvning")
    assert_no_axe_violations(page)
    page.locator("#id_q").fill("næsten ingen")
    page.locator("main").get_by_role("button", name="Søg").click()
    expect(page.locator("main")).not_to_contain_text("Forældremøder i klubhuset – 1. iteration")
    page.locator("#id_q").fill("kaffeaftener")
    page.locator("main").get_by_role("button", name="Søg").click()
    page.locator("main ul.nobullet-list li a").first.click()
    expect(page.locator("main")).to_contain_text(LEARNED_2)
    assert_no_axe_violations(page)
    page.get_by_role("link", name="Gå til kilden: Afprøvning").click()
    expect(page.locator("h1")).to_have_text("Forældremøder i klubhuset")

    # The public cannot see the internal learning.
    page.context.clear_cookies()
    page.goto(f"{live_server.url}/library/?q=kaffeaftener")
    expect(page.locator("main")).not_to_contain_text("Forældremøder i klubhuset")
    assert problems.take() == []
