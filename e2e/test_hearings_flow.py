"""A hearing from opening to the published note: a leader opens it, a citizen answers without an account and
confirms by the e-mail link, staff at a service desk enter an assisted answer, the leader closes it, writes the
hearing note by theme and publishes it; everyone reads "Vi spurgte, I svarede, vi gjorde" – with and without the
assisted answer, and without the private respondent's name."""

import datetime as dt

from playwright.sync_api import expect

from e2e import conftest as steps
from e2e.conftest import assert_no_axe_violations, login
from e2e.test_pages import DEMO_LOGINS

TITLE = "Ny plan for legepladser i Gellerup"
ANSWER = "Legepladsen ved Dortheavej mangler skygge og bænke til bedsteforældre."
ASSISTED = "Jeg vil gerne have en legeplads, hvor min kørestol kan komme ind."


def test_a_hearing_from_opening_to_the_published_note(page, live_server, demo, problems):
    from kompas.hearings import tokens
    from kompas.hearings.models import Answer, Hearing

    # 1. The leader opens a new hearing; the first try forgets the questions.
    login(page, live_server, DEMO_LOGINS["leader"])
    steps.open_from_list(page, live_server, "/hearings/", "Opret en ny høring")
    steps.fill_named(
        page,
        {
            "title": TITLE,
            "summary": "Vi vil forny tre legepladser og spørger dem, der bruger dem.",
            "draft_text": "Tre legepladser fornyes i 2027 med skygge, bænke og adgang for alle.",
            "deadline": (dt.date.today() + dt.timedelta(days=14)).isoformat(),
            "invited_councils": "Handicaprådet",
        },
    )
    page.locator("input[name=draft_kind][value=policy]").check()
    page.locator("select[name=department]").select_option(label="Teknik og Miljø")
    steps.submit_refused(page, "Gem høringen", page.locator("input[name=title]"), TITLE)
    page.locator("textarea[name=questions]").fill("Hvad mangler legepladsen?\nHvem bruger den, og hvornår?")
    steps.submit_to_page(page, "Gem høringen", TITLE)
    page.get_by_role("button", name="Åbn høringen").click()
    steps.expect_main(page, "Åben for svar")
    hearing_url = page.url

    # 2. A citizen answers without an account for an association, and confirms by the link in the e-mail.
    page.context.clear_cookies()
    page.goto(hearing_url)
    assert_no_axe_violations(page)
    steps.follow(page, "Svar på høringen")
    page.get_by_label("1. Hvad mangler legepladsen?").fill(ANSWER)
    page.locator("input[name=respondent_kind][value=organisation]").check()
    steps.fill_named(
        page, {"organisation_name": "Gellerup Boldklub", "name": "Fatima Ali", "email": "fatima@example.org"}
    )
    page.get_by_role("button", name="Send svaret").click()
    expect(page.locator("h1")).to_have_text("Bekræft dit svar")
    answer = Answer.objects.get(hearing__title=TITLE)
    page.goto(f"{live_server.url}/hearings/confirm/{tokens.confirm_token(answer.pk)}/")
    assert_no_axe_violations(page)
    page.get_by_role("button", name="Bekræft mit svar").click()
    expect(page.locator("h1")).to_have_text("Dit svar er bekræftet")

    # 3. At the service desk, an employee enters a citizen's answer, marked as given with help.
    login(page, live_server, DEMO_LOGINS["employee"])
    page.goto(hearing_url)
    steps.follow(page, "Indtast et svar for en borger")
    page.get_by_label("1. Hvad mangler legepladsen?").fill(ASSISTED)
    steps.fill_named(page, {"name": "Ib Nielsen", "place": "Borgerservice, Dokk1"})
    page.get_by_role("button", name="Gem borgerens svar").click()
    expect(page.locator(".alert-success, [role=status]").first).to_contain_text(
        "markeret som givet med hjælp"
    )

    # 4. The leader closes the hearing, groups the answers under a theme and publishes the note.
    steps.login_afresh(page, live_server, DEMO_LOGINS["leader"])
    page.goto(hearing_url)
    page.get_by_role("button", name="Luk høringen").click()
    steps.follow(page, "Skriv høringsnotatet")
    steps.fill_named(
        page,
        {
            "theme-title": "Skygge, bænke og adgang",
            "theme-response": "Vi planter træer og sætter bænke op ved alle tre legepladser.",
            "theme-changed": "Planen har fået adgang for kørestole som krav.",
        },
    )
    page.get_by_role("button", name="Tilføj temaet").click()
    steps.follow(page, "Sortér svarene under temaerne")
    hearing = Hearing.objects.get(title=TITLE)
    theme = hearing.themes.get()
    for select in page.locator("select[name^=theme_]").all():
        select.select_option(str(theme.pk))
    page.get_by_role("button", name="Gem sorteringen").click()
    page.goto(f"{hearing_url}note/edit/")
    page.locator("textarea[name=note-note_summary]").fill("To svar: mere skygge og plads til alle.")
    page.get_by_role("button", name="Offentliggør høringsnotatet").click()
    steps.expect_main(page, "Vi spurgte, I svarede, vi gjorde")
    assert_no_axe_violations(page)

    # 5. Everyone reads the note; it names the association, not the private person nor the helper.
    page.context.clear_cookies()
    page.goto(f"{hearing_url}note/")
    steps.expect_main(
        page,
        "Gellerup Boldklub",
        ASSISTED,
        "Planen har fået adgang for kørestole som krav.",
        hidden=("Ib Nielsen", "Mads Medarbejder"),
    )
    assert_no_axe_violations(page)
    page.get_by_role(
        "link", name="Læs notatet uden de svar, der blev givet med hjælp i en borgerservice"
    ).click()
    steps.expect_main(page, ANSWER, hidden=(ASSISTED,))
    assert_no_axe_violations(page)
    assert problems.take() == []
