"""Udviklingspuljen end to end: an association applies with a department, the department confirms, an
assessor declares no conflict and scores, the decision is recorded and committed in the ledger, and an
effect report is filed. axe-core on every page on the way."""

from playwright.sync_api import expect

from e2e import conftest as steps
from e2e.conftest import assert_no_axe_violations, login

ASSOCIATION = "forening@demo.kompas.dk"
LEADER = "leder@demo.kompas.dk"  # leader at Skåde Skole (Børn og Unge)
ASSESSOR = "bedoemmer@demo.kompas.dk"
PROGRAMME = "programstab@demo.kompas.dk"
DIRECTOR = "direktoer@demo.kompas.dk"  # a member of the directors' group
TITLE = "Lektiecafé med seniorer i Skåde"


def test_association_applies_and_the_grant_is_followed_up(page, live_server, demo, problems):
    from django.utils import timezone

    from kompas.fund.models import Application, LedgerEntry

    year = str(timezone.localdate().year)

    # 1. The association starts an application in the open round.
    login(page, live_server, ASSOCIATION)
    page.goto(f"{live_server.url}/fund/")
    assert_no_axe_violations(page)
    steps.follow(page, "Udviklingspuljen – åben runde")
    steps.follow(page, "Søg", exact=True)
    page.get_by_label("Projektets titel").fill(TITLE)
    page.locator("select[name=organisation]").select_option(label="Frivilligcenter Aarhus")
    page.get_by_role("button", name="Begynd ansøgningen").click()
    expect(page.locator("h1")).to_have_text(TITLE)
    assert_no_axe_violations(page)

    # 2. The seed's questions – but no business case yet; and a department as co-applicant.
    texts = {
        "summary": "Seniorer hjælper børn med lektier to eftermiddage om ugen.",
        "new_and_original": "Frivillige seniorer og skolen planlægger sammen.",
        "value": "Børnene får hjælp, seniorerne et fællesskab.",
        "risks": "Vi finder måske ikke frivillige nok.",
        "life_after": "Foreningen driver caféen videre.",
        "effect_documentation": "Vi måler fremmøde og spørger lærerne hvert halve år.",
        "partners": "Skåde Skole, Frivilligcenter Aarhus",
    }
    steps.fill_named(page, texts)
    expect(page.locator("#autosave-status")).to_contain_text(
        "Kladden er gemt kl."
    )  # saved as the user writes
    steps.fill_named(
        page,
        {
            "amount": "300.000",
            "first_year": year,
            "last_year": year,
            "budget-year_0": year,
            "budget-amount_0": "300.000",
        },
    )
    page.get_by_role("button", name="Gem kladden").click()
    steps.expect_main(page, "Kladden er gemt")
    page.locator("select[name=department]").select_option(label="Børn og Unge")
    page.get_by_role("button", name="Spørg afdelingen").click()
    expect(page.locator("#co-applicants + p + ul")).to_contain_text("Afventer bekræftelse")
    page.get_by_role("button", name="Indsend ansøgningen").click()
    steps.expect_main(page, "kan ikke indsendes uden en businesscase")
    expect(page.locator("[name=summary]")).to_have_value(texts["summary"])
    assert_no_axe_violations(page)
    edit_url = page.url

    # 3. The department's leader confirms.
    steps.login_afresh(page, live_server, LEADER)
    page.goto(f"{live_server.url}/fund/confirmations/")
    assert_no_axe_violations(page)
    steps.follow(page, TITLE)
    page.locator("input[name=answer][value=yes]").check()
    page.get_by_role("button", name="Send svaret").click()
    steps.expect_main(page, "Bekræftet")

    # 4. The association adds the business case and submits.
    steps.login_afresh(page, live_server, ASSOCIATION)
    page.goto(edit_url)
    page.locator("[name=business_case]").fill(
        "Færre børn får brug for støtteundervisning: ca. 150.000 kr. om året."
    )
    page.locator("[name=economic_gain_per_year]").fill("150.000")
    page.get_by_role("button", name="Indsend ansøgningen").click()
    steps.expect_main(page, "Ansøgningen er indsendt", "Indsendt")
    assert_no_axe_violations(page)
    application = Application.objects.get(title=TITLE)

    # 5. Programme staff screen it and assign an assessor.
    steps.login_afresh(page, live_server, PROGRAMME)
    page.goto(f"{live_server.url}/fund/manage/applications/{application.pk}/")
    assert_no_axe_violations(page)
    page.locator("input[name=screen-decision][value=accept]").check()
    page.get_by_role("button", name="Registrér screeningen").click()
    page.locator("select[name=assign-assessor]").select_option(label="Bodil Bedømmer")
    page.get_by_role("button", name="Tilknyt").click()
    steps.expect_main(page, "Bodil Bedømmer – ikke erklæret endnu")
    assert_no_axe_violations(page)

    # 6. The assessor declares no conflict of interest, then scores.
    steps.login_afresh(page, live_server, ASSESSOR)
    page.goto(f"{live_server.url}/fund/assess/")
    assert_no_axe_violations(page)
    page.get_by_role("link", name=TITLE).click()
    steps.expect_main(page, hidden=(texts["summary"],))
    assert_no_axe_violations(page)
    page.locator("input[name=conflict][value=none]").check()
    page.get_by_role("button", name="Afgiv erklæring").click()
    steps.expect_main(page, texts["summary"])
    assert_no_axe_violations(page)
    selects = page.locator("select[name^=score_]")
    for index in range(selects.count()):
        selects.nth(index).select_option("na" if index == 3 else "4")
    page.locator("textarea[name^=comment_]").first.fill("Realistisk businesscase.")
    page.get_by_role("button", name="Afslut bedømmelsen").click()
    steps.expect_main(page, "Afsluttet")
    assert_no_axe_violations(page)

    # 7. The directors' group recommends (seed 004: a body of its own, not programme staff doubling for it).
    steps.login_afresh(page, live_server, DIRECTOR)
    page.goto(f"{live_server.url}/fund/directors/{application.pk}/")
    expect(page.get_by_test_id("main-criterion")).to_contain_text("opfyldt")
    page.get_by_label("Indstil til bevilling").check()
    page.get_by_role("button", name="Registrér indstillingen").click()
    steps.expect_main(page, "Direktørgruppens indstilling er registreret")
    assert_no_axe_violations(page)

    # 8. Borgmesterens Afdeling (programme staff) records the decision; the grant is committed in the ledger.
    steps.login_afresh(page, live_server, PROGRAMME)
    page.goto(f"{live_server.url}/fund/manage/applications/{application.pk}/")
    steps.expect_main(page, "4,0")
    page.locator("input[name=dec-outcome][value=grant]").check()
    page.locator("select[name=dec-reason_code]").select_option("strong_case")
    page.get_by_role("button", name="Registrér afgørelsen").click()
    steps.expect_main(page, "Afgørelsen er registreret")
    assert_no_axe_violations(page)
    assert LedgerEntry.objects.filter(application=application, kind="commitment").get().amount == 300000
    page.goto(f"{live_server.url}/fund/manage/ledger/")
    steps.expect_main(page, "Disponeret")
    assert_no_axe_violations(page)

    # 9. The association sees the grant (without names or scores) and files an effect report.
    steps.login_afresh(page, live_server, ASSOCIATION)
    page.goto(f"{live_server.url}/fund/applications/{application.pk}/")
    steps.expect_main(page, "Bevilget", hidden=("Bodil", "Realistisk businesscase"))
    assert_no_axe_violations(page)
    steps.follow(page, "Gå til projektet")
    page.get_by_role("link", name="Skriv en effektrapport").click()
    steps.fill_named(
        page,
        {
            "period_start": f"{year}-01-01",
            "period_end": f"{year}-06-30",
            "what_was_done": "32 børn kom fast i caféen.",
            "effects_numbers": "Fremmøde 85 %; 6 færre henvisninger til støtte.",
            "economic_gain_realised": "40.000",
        },
    )
    assert_no_axe_violations(page)
    page.get_by_role("button", name="Gem").click()
    steps.expect_main(page, "32 børn kom fast i caféen.")
    assert_no_axe_violations(page)
    assert not problems.take()
