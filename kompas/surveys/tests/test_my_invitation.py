"""The signed-in employee sees their own open survey invitation and can answer from it (issue 14)."""

import pytest
from django.urls import reverse

from kompas.surveys import services
from kompas.surveys.models import Person, Response, Wave
from kompas.surveys.tests import factories


@pytest.fixture
def open_wave(role_users):
    return _open_a_wave(role_users)


def _open_a_wave(role_users) -> Wave:
    """A wave opened by the service, with the employee in its population."""
    unit = factories.unit("Invitationsenhed")
    population = factories.population([(unit, "employee", 6)], name="Invitationspopulation")
    Person.objects.create(
        population=population,
        employee_id="INV-1",
        email=role_users["employee"].email.upper(),  # the population's list need not match the case
        role="employee",
        department=unit.department,
        unit=unit,
    )
    wave = services.wave_create(
        instrument=factories.instrument(),
        population=population,
        title="Aarhuskompas-målingen 2026",
        year=2026,
        actor=role_users["programme"],
    )
    services.wave_open(wave=wave, base_url="http://testserver", actor=role_users["programme"])
    return Wave.objects.get(pk=wave.pk)


@pytest.mark.django_db
def test_the_invited_employee_sees_the_invitation_and_answers_with_a_fresh_link(open_wave, client_for):
    client = client_for("employee")
    front = client.get("/").content.decode()
    assert "Aarhuskompas-målingen 2026" in front and reverse("surveys:my-invitation") in front
    page = client.get(reverse("surveys:my-invitation")).content.decode()
    assert "Aarhuskompas-målingen 2026" in page and "Dine svar er anonyme" in page
    response = client.post(reverse("surveys:my-invitation"))
    assert response.status_code == 302 and "/svar/" in response.url
    answer_page = client.get(response.url).content.decode()
    assert "Aarhuskompas-målingen 2026" in answer_page
    assert "Standardformulering" in answer_page  # the questions are Kompas' own words, and say so
    assert Response.objects.filter(wave=open_wave).count() == 0  # nothing is answered by asking for the link


@pytest.mark.django_db
def test_someone_without_an_invitation_is_told_so_and_gets_no_link(open_wave, client_for):
    client = client_for("leader")
    assert "Aarhuskompas-målingen 2026" not in client.get("/").content.decode()
    page = client.get(reverse("surveys:my-invitation")).content.decode()
    assert "Du har ingen åben invitation lige nu." in page
    response = client.post(reverse("surveys:my-invitation"))
    assert response.status_code == 200


@pytest.mark.django_db
def test_the_invitation_leaves_the_front_page_once_the_wave_closes(open_wave, client_for, role_users):
    services.wave_close(wave=open_wave, actor=role_users["programme"])
    client = client_for("employee")
    assert "Aarhuskompas-målingen 2026" not in client.get("/").content.decode()


@pytest.mark.django_db
def test_the_invitation_leaves_the_front_page_right_after_the_answer_is_sent(open_wave, client_for):
    client = client_for("employee")
    client.get("/")
    for _ in range(2):  # the reader's own copy of the front page is kept (ADR 0025)
        assert "Aarhuskompas-målingen 2026" in client.get("/").content.decode()
    link = client.post(reverse("surveys:my-invitation")).url
    services.response_submit(token=link.rstrip("/").rsplit("/", 1)[-1])
    assert "Aarhuskompas-målingen 2026" not in client.get("/").content.decode()


@pytest.mark.django_db
def test_while_no_wave_is_open_the_front_page_asks_no_ones_invitation_and_shows_one_as_soon_as_a_wave_opens(
    role_users, client_for
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = client_for("employee")
    client.get("/")
    for _ in range(2):  # the second time the process has kept that no wave is open
        with CaptureQueriesContext(connection) as captured:
            client.get("/", HTTP_CACHE_CONTROL="no-cache")
    assert not [q["sql"] for q in captured.captured_queries if "surveys_" in q["sql"]]
    wave = _open_a_wave(role_users)  # opened by the service: an audited write
    with CaptureQueriesContext(connection) as captured:
        front = client.get("/", HTTP_CACHE_CONTROL="no-cache").content.decode()
    assert wave.title in front and reverse("surveys:my-invitation") in front
    assert [q["sql"] for q in captured.captured_queries if "surveys_invitation" in q["sql"]]
