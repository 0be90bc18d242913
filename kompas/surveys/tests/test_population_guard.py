"""The population import passes the CPR guard on every cell, and the survey export is formula-safe."""

import pytest
from django.urls import reverse

from kompas.organisations.models import Department
from kompas.surveys import population_csv, services
from kompas.surveys.models import Item, Population

from . import factories

pytestmark = pytest.mark.django_db


def test_a_cpr_like_employee_number_is_refused_on_its_line_and_nothing_is_saved():
    department = Department.objects.order_by("order").first()
    factories.unit("Importenheden", department)
    text = (
        "medarbejdernr;rolle;afdeling;enhed;email\n"
        f"1;medarbejder;{department.name};Importenheden;a@x.dk\n"
        f"010190-1234;leder;{department.name};Importenheden;b@x.dk\n"
        f"3;leder;{department.name};Importenheden;c@x.dk\n"
        f"０１０１９０１２３４;leder;{department.name};Importenheden;d@x.dk\n"
    )
    population, errors = services.population_import(name="Med CPR", text=text, actor=None)
    assert population is None
    assert [(e.line, e.code, e.detail) for e in errors] == [(3, "cpr", ""), (5, "cpr", "")]
    assert not Population.objects.filter(name="Med CPR").exists()


def test_the_parser_refuses_cpr_in_any_cell_and_in_the_header():
    rows, errors = population_csv.parse(
        "medarbejdernr;rolle;afdeling;enhed\n7;leder;Afd;Enhed 010190\u20111234\n"
    )
    assert rows == [] and [(e.line, e.code) for e in errors] == [(2, "cpr")]
    rows, errors = population_csv.parse("Anna 0101901234;rolle;afdeling;enhed\n7;leder;Afd;Enhed\n")
    assert rows == [] and [(e.line, e.code) for e in errors] == [(1, "cpr")]


def test_the_import_page_names_the_line_without_echoing_the_number(client_for):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client = client_for("programme")
    client.cookies["kompas_language"] = "en"
    upload = SimpleUploadedFile(
        "p.csv", b"medarbejdernr;rolle;afdeling;enhed\n0101901234;leder;X;Y\n", content_type="text/csv"
    )
    response = client.post(reverse("surveys:population-import"), {"name": "Test", "file": upload})
    body = response.content.decode()
    assert response.status_code == 200
    assert "<td>2</td>" in body and "appears to contain a CPR number" in body
    assert "0101901234" not in body


def test_the_survey_export_neutralises_formula_text(client_for):
    unit = factories.unit("Eksportenheden")
    pop = factories.population([(unit, "employee", 12)])
    instrument = factories.instrument()
    # The question's wording as the wave is asked (and its results are released) with it.
    item = Item.objects.filter(instrument=instrument, kind__in=["likert5", "likert7"]).first()
    Item.objects.filter(pk=item.pk).update(text='=HYPERLINK("http://evil.example";"Klik")')
    wave = factories.closed_wave(pop, inst=instrument)
    response = client_for("programme").get(reverse("surveys:export", kwargs={"pk": wave.pk}))
    body = response.content.decode("utf-8")
    assert body.startswith("\ufeff") and ";" in body.splitlines()[0]
    questions = [line.split(";")[1] for line in body.splitlines()[1:]]
    assert any(q.startswith("\"'=HYPERLINK(") for q in questions), questions
    assert not any(q.startswith(("=", '"=')) for q in questions)
