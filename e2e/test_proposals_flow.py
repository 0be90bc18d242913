"""A case officer writes a council proposal, fixes a CPR warning, sees LIX per section, exports DOCX and PDF,
and sends it to Magistraten."""

import io
from pathlib import Path

from docx import Document
from playwright.sync_api import expect
from pypdf import PdfReader

from e2e import conftest as steps
from e2e.conftest import assert_no_axe_violations, login
from e2e.test_pages import DEMO_LOGINS

TITLE = "Lektiecafé på Skåde Skole"


def test_case_officer_writes_checks_exports_and_sends_on_a_proposal(page, live_server, demo, problems):
    login(page, live_server, DEMO_LOGINS["employee"])

    # 1. A new draft in the compass template.
    steps.open_from_list(page, live_server, "/proposals/", "Skriv en ny indstilling")
    page.get_by_label("Titel").fill(TITLE)
    steps.submit_to_page(page, "Opret udkastet", "Skriv indstillingen")

    # 2. Writing, with a CPR number by mistake: the live help warns before anything is saved.
    page.get_by_label("1. Resume").fill(
        "Vi vil åbne en lektiecafé. Borgeren 010190-1234 har spurgt efter den."
    )
    expect(page.locator("#help-summary")).to_contain_text("CPR-nummer")
    page.get_by_label("4. Hvilken værdi skabes for borgere og samfund?").fill(
        "Eleverne får hjælp til lektierne og mere lyst til at lære. Forældrene får ro om aftenen."
    )
    page.locator("textarea[name=decision_points]").fill("Byrådet godkender en lektiecafé i et år")
    page.get_by_label("En by, hvor alle er sunde og trives").check()
    page.get_by_role("button", name="Gem").click()
    expect(page.locator("[data-module=error-summary]")).to_be_visible()
    expect(page.locator("[data-module=error-summary]")).to_contain_text("CPR-nummer")
    assert_no_axe_violations(page)

    # 3. The CPR number removed; the proposal saves and shows LIX for each section.
    page.get_by_label("1. Resume").fill("Vi vil åbne en lektiecafé. Mange forældre har spurgt efter den.")
    page.get_by_role("button", name="Gem").click()
    expect(page.locator("main")).to_contain_text("Indstillingen er gemt.")
    resume_help = page.locator(".proposal-help").first
    expect(resume_help).to_contain_text("LIX")
    expect(resume_help).to_contain_text("meget let")
    expect(page.locator("#help-summary table")).to_contain_text(
        "4. Hvilken værdi skabes for borgere og samfund?"
    )
    assert_no_axe_violations(page)

    # 4. Export to Word and PDF.
    page.get_by_role("link", name="Tilbage til indstillingen").click()
    expect(page.locator("h1")).to_have_text(TITLE)
    assert_no_axe_violations(page)
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Eksportér til Word (DOCX)").click()
    document = Document(io.BytesIO(Path(download_info.value.path()).read_bytes()))
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 2"]
    assert headings[0] == "1. Resume" and headings[7] == "8. Hvad er den videre proces og hvordan følges op?"
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Eksportér til PDF").click()
    pdf = PdfReader(io.BytesIO(Path(download_info.value.path()).read_bytes()))
    assert TITLE in "\n".join(p.extract_text() for p in pdf.pages)

    # 5. Sent on to Magistraten.
    page.get_by_label("I Magistraten").check()
    page.get_by_role("button", name="Flyt indstillingen").click()
    steps.expect_main(page, "Indstillingen er nu: I Magistraten.")
    assert_no_axe_violations(page)
    assert problems.take() == []


def test_programme_staff_revise_a_template_and_a_citizen_reads_a_published_proposal(
    page, live_server, demo, problems
):
    login(page, live_server, DEMO_LOGINS["programme"])
    steps.open_from_list(
        page, live_server, "/proposals/templates/", "Redigér Indstilling efter Aarhuskompasset"
    )
    page.locator("textarea[name=sections-0-guidance]").fill(
        "Skriv kort og til borgeren: hvad beslutter byrådet?"
    )
    page.get_by_label("Hvad er ændret").fill("Vejledningen til resuméet er skrevet om")
    page.get_by_role("button", name="Gem").click()
    steps.expect_main(page, "Skabelonen er gemt.", "Version 2", "Skriv kort og til borgeren")

    steps.login_afresh(page, live_server, DEMO_LOGINS["citizen"])
    page.goto(f"{live_server.url}/proposals/published/")
    assert_no_axe_violations(page)
    page.get_by_role("link", name="Aarhuskompasset – Aarhus Kommunes nye forståelsesramme").click()
    steps.expect_main(
        page,
        "4. Hvilken værdi skabes for borgere og samfund?",
        "At 3) Byrådet beslutter",
        "Sagsnummer: 21-030966",
    )
    assert_no_axe_violations(page)
    assert problems.take() == []
