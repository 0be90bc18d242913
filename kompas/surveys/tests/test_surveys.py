"""Aarhuskompas-målingen: instruments, population import, answering by link, anonymity and disclosure control
on every page, export and API response."""

import re

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kompas.organisations.choices import MembershipRole
from kompas.organisations.models import Department, Membership
from kompas.surveys import disclosure, panel, selectors, services
from kompas.surveys.choices import WaveStatus
from kompas.surveys.models import Draft, Invitation, Item, Population, Response, Wave

from . import factories

pytestmark = pytest.mark.django_db

MARKER = "MARKER-LILLE-ENHED-7Q"


# --- Instruments ------------------------------------------------------------------------------------------


def test_default_instrument_covers_values_partners_and_pivots():
    instrument = factories.instrument()
    codes = set(instrument.items.values_list("code", flat=True))
    assert {
        "value-user",
        "value-budget",
        "partner-citizens",
        "partner-researchers",
        "pivot-cocreation",
    } <= codes
    assert instrument.items.filter(kind="text").exists() and instrument.items.filter(kind="multiple").exists()


def test_instrument_in_use_cannot_change_only_be_succeeded():
    unit = factories.unit("Versionsenheden")
    pop = factories.population([(unit, "employee", 3)])
    wave = factories.closed_wave(pop)
    instrument = wave.instrument
    with pytest.raises(services.SurveyError) as error:
        services.item_add(
            instrument=instrument,
            section=instrument.sections.first(),
            code="ny",
            kind="likert5",
            text="Nyt spørgsmål",
            dimension="other",
            actor=None,
        )
    assert error.value.code == "instrument_in_use"
    successor = services.instrument_succeed(instrument=instrument, actor=None)
    assert successor.version == 2 and successor.predecessor == instrument
    assert sorted(successor.items.values_list("code", flat=True)) == sorted(
        instrument.items.values_list("code", flat=True)
    )
    services.item_add(
        instrument=successor,
        section=successor.sections.first(),
        code="ny",
        kind="likert5",
        text="Nyt spørgsmål",
        dimension="other",
        actor=None,
    )
    assert not instrument.items.filter(code="ny").exists()


# --- Population -------------------------------------------------------------------------------------------


def test_population_import_reports_bad_rows_with_line_numbers_and_saves_nothing():
    department = Department.objects.order_by("order").first()
    factories.unit("Importenheden", department)
    text = (
        "medarbejdernr;rolle;afdeling;enhed;email\n"
        f"1;medarbejder;{department.name};Importenheden;a@x.dk\n"
        f"2;chef;{department.name};Importenheden;b@x.dk\n"
        f"1;leder;{department.name};Importenheden;c@x.dk\n"
        "3;leder;Ukendt afdeling;Importenheden;d@x.dk\n"
        f"4;leder;{department.name};Findes ikke;e@x.dk\n"
        f"5;leder;{department.name};;e@x.dk\n"
    )
    population, errors = services.population_import(name="Fejl", text=text, actor=None)
    assert population is None
    assert [(e.line, e.code) for e in errors] == [
        (3, "bad_role"),
        (4, "duplicate"),
        (5, "unknown_department"),
        (6, "unknown_unit"),
        (7, "missing_field"),
    ]
    assert not Population.objects.filter(name="Fejl").exists()
    good = f"medarbejdernr,rolle,afdeling,enhed,email\n1,medarbejder,{department.short_name},Importenheden,a@x.dk\n"
    population, errors = services.population_import(name="God", text=good, actor=None)
    assert errors == [] and population.people.count() == 1


def test_population_import_page_shows_line_numbers(client_for):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client = client_for("programme")
    upload = SimpleUploadedFile(
        "p.csv", b"medarbejdernr;rolle;afdeling;enhed\n1;chef;X;Y\n", content_type="text/csv"
    )
    response = client.post(reverse("surveys:population-import"), {"name": "Test", "file": upload})
    assert response.status_code == 200
    body = response.content.decode()
    assert "<td>2</td>" in body and "Test" in body  # the line, and the name the user typed is kept


# --- Answering ----------------------------------------------------------------------------------------------


def _open_wave(people=6):
    unit = factories.unit("Svarenheden")
    pop = factories.population([(unit, "employee", people)])
    wave = services.wave_create(
        instrument=factories.instrument(), population=pop, title="Måling 2026", year=2026, actor=None
    )
    services.wave_open(wave=wave, base_url="http://testserver", actor=None)
    return wave


def _token_from(message) -> str:
    return re.search(r"/surveys/svar/([^/\s]+)/", message.body).group(1)


def test_answer_through_the_link_save_resume_submit_and_the_link_stops_working(
    client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        wave = _open_wave()
    assert len(mail.outbox) == 6
    token = _token_from(mail.outbox[0])
    url = reverse("surveys:answer", kwargs={"token": token})
    page = client.get(url)
    assert page.status_code == 200 and re.search(r"(Del|Part) 1 (af|of) 4", page.content.decode())
    first_items = list(wave.instrument.sections.order_by("order").first().items.all())
    data = {item.code: "6" for item in first_items}
    data["go"] = "later"
    response = client.post(url, data)
    assert response.status_code == 302
    # Resume from the link: the answers are there.
    resumed = client.get(url)
    assert re.search(r'<input[^>]*value="6"[^>]*checked', resumed.content.decode())
    response = client.post(url, {**data, "go": "next"})
    assert response["Location"].endswith("?del=1")
    review = client.get(url + "?del=4")
    assert review.status_code == 200
    done = client.post(url + "?del=4", {"go": "submit"})
    assert done["Location"] == reverse("surveys:answer-done")
    stored = Response.objects.get(wave=wave)
    assert stored.answers[first_items[0].code] == 6
    assert not Draft.objects.exists()
    assert Invitation.objects.filter(wave=wave, answered=True).count() == 1
    again = client.get(url)
    assert "Du har allerede svaret. Tak." in again.content.decode()
    with pytest.raises(services.SurveyError):
        services.response_submit(token=token)


def test_cpr_number_in_free_text_is_refused_beside_the_field(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        wave = _open_wave()
    url = reverse("surveys:answer", kwargs={"token": _token_from(mail.outbox[0])})
    last = wave.instrument.sections.order_by("order").last()
    response = client.post(url + "?del=3", {"comment": "Mit nummer er 010190-1234", "go": "next"})
    assert response.status_code == 200
    assert "CPR" in response.content.decode()
    assert "010190-1234" in response.content.decode()  # kept in the field for the user to fix
    assert not Draft.objects.filter(data__comment__isnull=False).exists()
    assert last.items.filter(code="comment").exists()


def test_answers_hold_no_person_invitation_or_time_of_day():
    fields = {f.name: f for f in Response._meta.get_fields()}
    assert not any(
        getattr(f, "related_model", None) and f.related_model.__name__ in {"Person", "Invitation", "User"}
        for f in fields.values()
    )
    assert fields["submitted_on"].get_internal_type() == "DateField"
    assert not [f for f in Response._meta.concrete_fields if f.get_internal_type() == "DateTimeField"]
    names = {f.name for f in Response._meta.concrete_fields}
    assert names == {"id", "wave", "submitted_on", "role", "department", "unit", "panel_pseudonym", "answers"}


def test_no_live_counts_while_open(client_for, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        wave = _open_wave()
    assert selectors.wave_results(wave) is None and selectors.response_rate(wave) is None
    client = client_for("programme")
    body = client.get(reverse("surveys:wave", kwargs={"pk": wave.pk})).content.decode()
    assert "af 6" not in body and "of 6" not in body
    body = client.get(reverse("surveys:results", kwargs={"pk": wave.pk})).content.decode()
    assert "(n=" not in body and "<table" not in body
    assert client.get(reverse("surveys:export", kwargs={"pk": wave.pk})).status_code == 404


def test_reminders_go_only_to_those_who_have_not_answered(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        wave = _open_wave(people=3)
    services.response_submit(token=_token_from(mail.outbox[0]))
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.wave_remind(wave=wave, base_url="http://testserver", actor=None)
    assert len(mail.outbox) == 2
    # The new link works, and so does the old one.
    assert services.token_invitation(_token_from(mail.outbox[0])) is not None


def test_threshold_is_never_below_three():
    unit = factories.unit("Tærskelenheden")
    pop = factories.population([(unit, "employee", 3)])
    with pytest.raises(services.SurveyError):
        services.wave_create(
            instrument=factories.instrument(), population=pop, title="x", year=2025, min_group=2, actor=None
        )


def test_panel_pseudonym_needs_the_key_from_the_environment(monkeypatch, django_capture_on_commit_callbacks):
    monkeypatch.delenv(panel.ENV_NAME, raising=False)
    unit = factories.unit("Panelenheden")
    pop = factories.population([(unit, "employee", 3)])
    with pytest.raises(services.SurveyError):
        services.wave_create(
            instrument=factories.instrument(),
            population=pop,
            title="p",
            year=2025,
            panel_linkage=True,
            actor=None,
        )
    monkeypatch.setenv(panel.ENV_NAME, "k" * 40)
    wave = services.wave_create(
        instrument=factories.instrument(),
        population=pop,
        title="p",
        year=2025,
        panel_linkage=True,
        actor=None,
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.wave_open(wave=wave, base_url="http://testserver", actor=None)
    services.response_submit(token=_token_from(mail.outbox[0]))
    pseudonym = Response.objects.get(wave=wave).panel_pseudonym
    assert len(pseudonym) == 64
    assert pseudonym not in {p.employee_id for p in pop.people.all()}
    monkeypatch.setenv(panel.ENV_NAME, "z" * 40)
    assert (
        panel.pseudonym(instrument_name=wave.instrument.name, employee_id=pop.people.first().employee_id)
        != pseudonym
    )


# --- Disclosure on every page, export and API ---------------------------------------------------------------


@pytest.fixture
def two_units():
    department = Department.objects.order_by("order").first()
    other = Department.objects.order_by("order")[1]
    big = factories.unit("Store Enhed", department)
    small = factories.unit("Lille Enhed", department)
    third = factories.unit("Tredje Enhed", other)
    pop = factories.population(
        [(big, "employee", 14), (big, "leader", 2), (small, "employee", 4), (third, "employee", 20)]
    )
    wave = factories.closed_wave(
        pop,
        value=lambda person, item: 5 if person.unit_id == small.pk else 3,
        text=lambda person: (
            f"{MARKER} fra den lille enhed" if person.unit_id == small.pk else "Godt samarbejde i den store"
        ),
    )
    return {"wave": wave, "big": big, "small": small, "third": third}


def _pages(client, wave, units):
    urls = [
        reverse("surveys:index"),
        reverse("surveys:results", kwargs={"pk": wave.pk}),
        reverse("surveys:trends"),
        reverse("surveys:export", kwargs={"pk": wave.pk}),
        f"/api/surveys/waves/{wave.pk}/results",
        "/api/surveys/waves",
    ]
    urls += [reverse("surveys:unit-results", kwargs={"pk": wave.pk, "unit_pk": u.pk}) for u in units]
    bodies = []
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        bodies.append(response.content.decode())
    return bodies


def test_marker_text_of_a_small_unit_never_appears(client_for, two_units):
    client = client_for("programme")
    bodies = _pages(client, two_units["wave"], [two_units["big"], two_units["small"], two_units["third"]])
    assert all(MARKER not in body for body in bodies)
    big_page = client.get(
        reverse("surveys:unit-results", kwargs={"pk": two_units["wave"].pk, "unit_pk": two_units["big"].pk})
    )
    assert "Godt samarbejde i den store" in big_page.content.decode()


def test_small_unit_figures_are_hidden_and_cannot_be_subtracted(client_for, two_units):
    wave = two_units["wave"]
    found = selectors.wave_results(wave)
    for result in found["results"]:
        if result.row.kind != "scale":
            continue
        for cell in result.cells:
            assert cell.suppressed or cell.n >= 5
    small = selectors.unit_results(wave, two_units["small"])
    assert all(cell.suppressed for _row, cell in small)
    big = selectors.unit_results(wave, two_units["big"])
    # The department shows 20 answers; the big unit alone would give the small one away by subtraction.
    assert all(cell.suppressed for _row, cell in big)
    third = selectors.unit_results(wave, two_units["third"])
    assert any(not cell.suppressed for _row, cell in third)
    csv_text = client_for("programme").get(reverse("surveys:export", kwargs={"pk": wave.pk})).content.decode()
    assert ";4;" not in csv_text and ";5,000;" not in csv_text


def test_leader_sees_own_unit_only(client_for, two_units, role_users):
    Membership.objects.create(user=role_users["leader"], unit=two_units["third"], role=MembershipRole.LEADER)
    client = client_for("leader")
    wave = two_units["wave"]
    own = client.get(
        reverse("surveys:unit-results", kwargs={"pk": wave.pk, "unit_pk": two_units["third"].pk})
    )
    assert own.status_code == 200 and "<td>20</td>" in own.content.decode()  # the Answers column
    other = client.get(
        reverse("surveys:unit-results", kwargs={"pk": wave.pk, "unit_pk": two_units["big"].pk})
    )
    assert other.status_code == 404


def test_results_page_query_count_does_not_grow_with_data(client_for):
    client = client_for("programme")
    counts = []
    for size in (6, 60):
        unit = factories.unit(f"Enhed {size}")
        wave = factories.closed_wave(factories.population([(unit, "employee", size)], name=f"P{size}"))
        selectors._RESULTS.clear()
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse("surveys:results", kwargs={"pk": wave.pk})).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]


def test_trend_compares_items_by_code_across_versions_with_an_interval():
    unit = factories.unit("Trendenheden")
    pop = factories.population([(unit, "employee", 30), (unit, "leader", 6)])
    first = factories.closed_wave(pop, year=2024, value=lambda p, i: 3 if p.pk % 2 else 2)
    successor = services.instrument_succeed(instrument=first.instrument, actor=None)
    factories.closed_wave(pop, year=2025, inst=successor, value=lambda p, i: 4 if p.pk % 2 else 3)
    series = {s["row"].code: s for s in selectors.trend(first.instrument.name)}
    point = series["value-user"]["points"][1]
    assert point["change"]["diff"] == pytest.approx(1.0)
    assert point["change"]["low"] < 1.0 < point["change"]["high"] and point["change"]["clear"]


def test_results_page_shows_rankings_and_charts(client_for, two_units):
    body = (
        client_for("leader")
        .get(reverse("surveys:results", kwargs={"pk": two_units["wave"].pk}))
        .content.decode()
    )
    assert "<svg" in body and "<table" in body
    assert Item.objects.filter(dimension="value").exists()
    assert Wave.objects.get(pk=two_units["wave"].pk).status == WaveStatus.CLOSED


def test_threshold_can_be_raised_but_never_below_three(client_for, two_units):
    client = client_for("programme")
    wave = two_units["wave"]
    url = reverse("surveys:wave", kwargs={"pk": wave.pk})
    refused = client.post(url, {"min_group": "2", "min_text_group": "10"})
    assert refused.status_code == 200 and 'value="2"' in refused.content.decode()
    assert Wave.objects.get(pk=wave.pk).min_group == 5
    assert client.post(url, {"min_group": "25", "min_text_group": "12"}).status_code == 302
    found = selectors.wave_results(Wave.objects.get(pk=wave.pk))
    assert all(cell.suppressed for result in found["results"] for cell in result.cells)  # no cell has 25


# --- Change between waves by role and department ------------------------------------------------------------


def test_change_interval_on_a_hand_computed_example():
    """Wave 1: 1, 2, 3, 4, 5 (mean 3, sd² 2.5); wave 2: 3, 4, 5, 5, 3 (mean 4, sd² 1).
    se = √(2.5/5 + 1/5) = √0.7 ≈ 0.83666; 1.96 · se ≈ 1.63982; interval 1 ± 1.63982."""
    first = disclosure.summarise([{"g": "a", "q": v} for v in (1, 2, 3, 4, 5)], ["g"], "q", k=5).cell("a")
    second = disclosure.summarise([{"g": "a", "q": v} for v in (3, 4, 5, 5, 3)], ["g"], "q", k=5).cell("a")
    change = selectors.change_between(second, first)
    assert change["diff"] == pytest.approx(1.0)
    assert change["low"] == pytest.approx(-0.639815, abs=1e-5)
    assert change["high"] == pytest.approx(2.639815, abs=1e-5)
    assert change["clear"] is False
    hidden = disclosure.Cell(key=("a",), n=None, mean=None, suppressed=True, reason="small")
    assert selectors.change_between(hidden, first) is None
    assert selectors.change_between(second, hidden) is None
    assert selectors.change_between(second, None) is None


@pytest.fixture
def small_department_waves():
    d1, d2, d3 = Department.objects.order_by("order")[:3]
    units = [factories.unit("Stor", d1), factories.unit("Mellem", d2), factories.unit("Lille", d3)]
    pop = factories.population(
        [(units[0], "employee", 20), (units[1], "employee", 15), (units[2], "employee", 3)]
    )
    small = units[2].pk
    factories.closed_wave(pop, year=2024, value=lambda p, i: 1 if p.unit_id == small else 3)
    wave = factories.closed_wave(pop, year=2025, value=lambda p, i: 5 if p.unit_id == small else 3)
    return {"wave": wave, "big": d1, "small": d3}


def test_group_change_only_when_shown_in_both_waves(small_department_waves):
    series = selectors.trend(small_department_waves["wave"].instrument.name)
    assert series
    seen_change = False
    for entry in series:
        labels = {g["label"] for g in entry["groups"]}
        assert small_department_waves["big"].name in labels
        for group in entry["groups"]:
            previous = None
            for point in group["points"]:
                both = previous is not None and not previous.suppressed and not point["cell"].suppressed
                assert (point["change"] is not None) == both
                seen_change |= point["change"] is not None
                previous = point["cell"]
            if group["label"] == small_department_waves["small"].name:
                assert all(p["cell"].suppressed and p["change"] is None for p in group["points"])
    assert seen_change


def test_below_threshold_group_change_never_appears_on_the_page(client_for, small_department_waves):
    body = client_for("leader").get(reverse("surveys:trends")).content.decode()
    assert "<details" in body and small_department_waves["big"].name in body
    # The small department moved from 1 to 5: a change of 4, and means of 1 and 5, must never be shown.
    assert "4,00" not in body and "5,00" not in body and "1,00" not in body
    # The large department's (unchanged) mean and change are shown.
    assert "3,00" in body and "0,00" in body
