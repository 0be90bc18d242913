"""A hearing from opening to the published note: a leader opens it, a citizen answers without an account and
confirms by the e-mail link, staff at a service desk enter an assisted answer, the leader closes it, writes the
hearing note by theme and publishes it; everyone reads "Vi spurgte, I svarede, vi gjorde" – with and without the
assisted answer, and without the private respondent's name."""

import datetime as dt

from playwright.sync_api import expect

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
    page.goto(f"{live_server.url}/hearings/")
    assert_no_axe_violations(page)
    page.get_by_role("link", name="Opret en ny høring").click()
    assert_no_axe_violations(page)
    page.locator("input[name=title]").fill(TITLE)
    page.locator("textarea[name=summary]").fill(
        "Vi vil forny tre legepladser og spørger dem, der bruger dem."
    )
    page.locator("input[name=draft_kind][value=policy]").check()
    page.locator("textarea[name=draft_text]").fill(
        "Tre legepladser fornyes i 2027 med skygge, bænke og adgang for alle."
    )
    page.locator("input[name=deadline]").fill((dt.date.today() + dt.timedelta(days=14)).isoformat())
    page.locator("select[name=department]").select_option(label="Teknik og Miljø")
    page.locator("textarea[name=invited_councils]").fill("Handicaprådet")
    page.get_by_role("button", name="Gem høringen").click()
    expect(page.locator("[data-module=error-summary]")).to_be_visible()
    expect(page.locator("input[name=title]")).to_have_value(TITLE)
    assert_no_axe_violations(page)
    page.locator("textarea[name=questions]").fill("Hvad mangler legepladsen?\nHvem bruger den, og hvornår?")
    page.get_by_role("button", name="Gem høringen").click()
    expect(page.locator("h1")).to_have_text(TITLE)
    assert_no_axe_violations(page)
    page.get_by_role("button", name="Åbn høringen").click()
    expect(page.locator("main")).to_contain_text("Åben for svar")
    hearing_url = page.url

    # 2. A citizen answers without an account for an association, and confirms by the link in the e-mail.
    page.context.clear_cookies()
    page.goto(hearing_url)
    assert_no_axe_violations(page)
    page.get_by_role("link", name="Svar på høringen").click()
    assert_no_axe_violations(page)
    page.get_by_label("1. Hvad mangler legepladsen?").fill(ANSWER)
    page.locator("input[name=respondent_kind][value=organisation]").check()
    page.locator("input[name=organisation_name]").fill("Gellerup Boldklub")
    page.locator("input[name=name]").fill("Fatima Ali")
    page.locator("input[name=email]").fill("fatima@example.org")
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
    page.get_by_role("link", name="Indtast et svar for en borger").click()
    assert_no_axe_violations(page)
    page.get_by_label("1. Hvad mangler legepladsen?").fill(ASSISTED)
    page.locator("input[name=name]").fill("Ib Nielsen")
    page.locator("input[name=place]").fill("Borgerservice, Dokk1")
    page.get_by_role("button", name="Gem borgerens svar").click()
    expect(page.locator(".alert-success, [role=status]").first).to_contain_text(
        "markeret som givet med hjælp"
    )

    # 4. The leader closes the hearing, groups the answers under a theme and publishes the note.
    page.context.clear_cookies()
    login(page, live_server, DEMO_LOGINS["leader"])
    page.goto(hearing_url)
    page.get_by_role("button", name="Luk høringen").click()
    page.get_by_role("link", name="Skriv høringsnotatet").click()
    assert_no_axe_violations(page)
    page.locator("input[name=theme-title]").fill("Skygge, bænke og adgang")
    page.locator("textarea[name=theme-response]").fill(
        "Vi planter træer og sætter bænke op ved alle tre legepladser."
    )
    page.locator("textarea[name=theme-changed]").fill("Planen har fået adgang for kørestole som krav.")
    page.get_by_role("button", name="Tilføj temaet").click()
    page.get_by_role("link", name="Sortér svarene under temaerne").click()
    assert_no_axe_violations(page)
    hearing = Hearing.objects.get(title=TITLE)
    theme = hearing.themes.get()
    for select in page.locator("select[name^=theme_]").all():
        select.select_option(str(theme.pk))
    page.get_by_role("button", name="Gem sorteringen").click()
    page.goto(f"{hearing_url}note/edit/")
    page.locator("textarea[name=note-note_summary]").fill("To svar: mere skygge og plads til alle.")
    page.get_by_role("button", name="Offentliggør høringsnotatet").click()
    expect(page.locator("main")).to_contain_text("Vi spurgte, I svarede, vi gjorde")
    assert_no_axe_violations(page)

    # 5. Everyone reads the note; it names the association, not the private person nor the helper.
    page.context.clear_cookies()
    page.goto(f"{hearing_url}note/")
    main = page.locator("main")
    expect(main).to_contain_text("Gellerup Boldklub")
    expect(main).to_contain_text(ASSISTED)
    expect(main).to_contain_text("Planen har fået adgang for kørestole som krav.")
    expect(main).not_to_contain_text("Ib Nielsen")
    expect(main).not_to_contain_text("Mads Medarbejder")
    assert_no_axe_violations(page)
    page.get_by_role(
        "link", name="Læs notatet uden de svar, der blev givet med hjælp i en borgerservice"
    ).click()
    expect(main).not_to_contain_text(ASSISTED)
    expect(main).to_contain_text(ANSWER)
    assert_no_axe_violations(page)
    assert problems.take() == []
