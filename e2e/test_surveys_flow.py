"""An employee answers Aarhuskompas-målingen through an invitation link, stops and resumes; programme staff
and a leader open the results. Every page on the way is checked with axe."""

import re

from django.core import mail
from playwright.sync_api import expect

from e2e.conftest import assert_no_axe_violations, login
from e2e.test_pages import DEMO_LOGINS


def _open_wave(live_server) -> str:
    from kompas.organisations.models import Unit
    from kompas.surveys import services
    from kompas.surveys.models import Instrument, Person, Population

    unit = Unit.objects.get(name="Skåde Skole")
    population = Population.objects.create(name="Browsertest")
    Person.objects.create(
        population=population,
        employee_id="B1",
        email="b1@demo.kompas.dk",
        role="employee",
        department_id=unit.department_id,
        unit=unit,
    )
    instrument = Instrument.objects.filter(predecessor__isnull=False).order_by("-version").first()
    wave = services.wave_create(
        instrument=instrument,
        population=population,
        title="Aarhuskompas-målingen 2026",
        year=2026,
        actor=None,
    )
    mail.outbox = []
    services.wave_open(wave=wave, base_url=live_server.url, actor=None)
    link = re.search(r"https?://\S+/surveys/svar/\S+/", mail.outbox[-1].body).group(0)
    return link


def test_employee_answers_through_the_link_and_resumes(page, live_server, demo, problems):
    link = _open_wave(live_server)

    page.goto(link)
    expect(page.locator("h1")).to_have_text("Værdier i dit arbejde")
    expect(page.get_by_text("Del 1 af 4")).to_be_visible()
    assert_no_axe_violations(page)
    page.get_by_role("group", name="Borgerens eller brugerens ønsker og behov").get_by_label(
        "7 – Meget vigtigt"
    ).check()
    page.get_by_role("button", name="Gem og gør færdig senere").click()
    expect(page.get_by_text("Dine svar er gemt")).to_be_visible()

    # Later, from the same link: the answer is still there.
    page.goto("about:blank")
    page.goto(link)
    group = page.get_by_role("group", name="Borgerens eller brugerens ønsker og behov")
    expect(group.get_by_label("7 – Meget vigtigt")).to_be_checked()
    page.get_by_role("button", name="Gem og fortsæt").click()
    expect(page.locator("h1")).to_have_text("Samarbejdspartnere")
    expect(page.get_by_text("Del 2 af 4")).to_be_visible()
    assert_no_axe_violations(page)
    page.locator("input[name=partner-citizens][value='5']").check()
    page.get_by_role("button", name="Gem og fortsæt").click()
    expect(page.locator("h1")).to_have_text("Aarhuskompassets tre omdrejningspunkter")
    assert_no_axe_violations(page)
    page.get_by_role("button", name="Gem og fortsæt").click()
    expect(page.locator("h1")).to_have_text("Prioriteter og erfaringer")
    page.get_by_label("Er der noget, du vil fortælle os").fill("Vi samarbejder mere med foreningerne nu.")
    assert_no_axe_violations(page)
    page.get_by_role("button", name="Gem og fortsæt").click()
    expect(page.locator("h1")).to_have_text("Send dine svar")
    assert_no_axe_violations(page)
    page.get_by_role("button", name="Send mine svar").click()
    expect(page.locator("h1")).to_have_text("Tak for dine svar")
    assert_no_axe_violations(page)

    # The link is single-use.
    page.goto(link)
    expect(page.get_by_text("Du har allerede svaret")).to_be_visible()
    assert not problems.take()

    from kompas.surveys.models import Response

    response = Response.objects.get(wave__title="Aarhuskompas-målingen 2026")
    assert response.answers["value-user"] == 7


def test_programme_staff_and_a_leader_open_the_results(page, live_server, demo, problems):
    from kompas.organisations.models import Unit
    from kompas.surveys.models import Wave

    wave = Wave.objects.filter(status="closed").order_by("-year").first()
    login(page, live_server, DEMO_LOGINS["programme"])
    page.goto(f"{live_server.url}/surveys/")
    expect(page.locator("h1")).to_have_text("Aarhuskompas-målingen")
    assert_no_axe_violations(page)
    page.get_by_role("link", name=f"Resultater af {wave.title}").click()
    expect(
        page.get_by_role("heading", name="Hvilke værdier medarbejderne orienterer sig imod")
    ).to_be_visible()
    expect(page.locator("svg[role=img]").first).to_be_visible()
    assert_no_axe_violations(page)
    page.get_by_role("link", name="Udvikling på tværs af runder").click()
    expect(page.locator("h1")).to_have_text("Udvikling på tværs af runder")
    assert_no_axe_violations(page)
    # The change by role and department, one table per question behind a disclosure widget.
    expect(page.get_by_role("heading", name="Ændring fordelt på rolle og afdeling")).to_be_visible()
    page.locator("details summary").first.click()
    expect(page.locator("details table").first).to_be_visible()
    assert_no_axe_violations(page)
    page.goto(f"{live_server.url}/surveys/runde/{wave.pk}/")
    assert_no_axe_violations(page)

    page.context.clear_cookies()
    login(page, live_server, DEMO_LOGINS["leader"])
    unit = Unit.objects.get(name="Skåde Skole")
    page.goto(f"{live_server.url}/surveys/runde/{wave.pk}/resultater/enhed/{unit.pk}/")
    expect(page.locator("h1")).to_have_text("Skåde Skole")
    expect(page.locator("table")).to_be_visible()
    assert_no_axe_violations(page)
    assert not problems.take()
