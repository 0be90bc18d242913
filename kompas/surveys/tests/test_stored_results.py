"""A closed wave's released results are calculated once and stored (``WaveResults``): every page, unit page, the
trend, the API and the CSV file read that one stored decision, never the answers; a new threshold or closing the
wave again replaces it; while it is being calculated the pages say so."""

import datetime as dt

import pytest
from celery import current_app
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kompas.core import versioned
from kompas.organisations.models import Department
from kompas.surveys import disclosure, selectors, services
from kompas.surveys.choices import ResultsState, WaveStatus
from kompas.surveys.models import Response, Wave, WaveResults

from . import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def calls(monkeypatch):
    """How often the disclosure engine decides an item (``summarise_tables``), wherever it is called from."""
    counted = {"n": 0}
    original = disclosure.summarise_tables

    def counting(*args, **kwargs):
        counted["n"] += 1
        return original(*args, **kwargs)

    monkeypatch.setattr(disclosure, "summarise_tables", counting)
    return counted


def _wave(year=2024, value=lambda person, item: 3, pop=None, inst=None):
    department = Department.objects.order_by("order").first()
    if pop is None:
        pop = factories.population(
            [
                (factories.unit("Gemt Enhed A", department), "employee", 14),
                (factories.unit("Gemt Enhed A", department), "leader", 2),
                (factories.unit("Gemt Enhed B", department), "employee", 4),
            ],
            name=f"Gemt {year}",
        )
    return factories.closed_wave(pop, year=year, value=value, inst=inst)


def _main(body: str) -> str:
    """What the page shows (the rest of the page holds a fresh CSRF token each time)."""
    return body[body.find("<main") : body.find("</main>")] if "<main" in body else body


def _pages(client, wave, unit_pks):
    urls = [
        reverse("surveys:results", kwargs={"pk": wave.pk}),
        reverse("surveys:trends"),
        reverse("surveys:export", kwargs={"pk": wave.pk}),
        f"/api/surveys/waves/{wave.pk}/results",
    ]
    urls += [reverse("surveys:unit-results", kwargs={"pk": wave.pk, "unit_pk": pk}) for pk in unit_pks]
    out = {}
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        out[url] = _main(response.content.decode("utf-8"))
    return out


def test_every_page_shows_the_stored_decision_and_none_recalculates(client_for, calls):
    wave = _wave()
    stored = WaveResults.objects.get(wave=wave)
    assert (
        stored.state == ResultsState.READY
        and stored.min_group == wave.min_group
        and stored.seconds is not None
    )
    client = client_for("programme")
    before = calls["n"]
    units = sorted(set(Response.objects.filter(wave=wave).values_list("unit_id", flat=True)))
    assert len(units) == 2
    first = _pages(client, wave, units)
    # No page decides anything again: they read what was stored when the wave closed.
    assert calls["n"] == before
    # Without the answers, in a fresh process with an empty cache, the pages still show the same figures.
    Response.objects.filter(wave=wave).delete()
    selectors._RESULTS.clear()
    cache.clear()
    assert _pages(client, wave, units) == first
    assert calls["n"] == before
    # And what they show is what is stored: a stored total is the figure the API gives.
    api = client.get(f"/api/surveys/waves/{wave.pk}/results").json()
    stored_rows = {row["row"][0]: row for row in WaveResults.objects.get(wave=wave).data["rows"]}
    for row in api["rows"]:
        total = stored_rows[row["code"]]["total"]
        assert row["cells"][0]["n"] == (total[0][1] if total else None)
    assert "20 personer svarede" in first[reverse("surveys:results", kwargs={"pk": wave.pk})]


def test_a_new_threshold_replaces_the_stored_results_and_the_pages_follow(client_for, role_users):
    wave = _wave()
    client = client_for("programme")
    results_url = reverse("surveys:results", kwargs={"pk": wave.pk})
    api_url = f"/api/surveys/waves/{wave.pk}/results"
    assert any(not c["suppressed"] for row in client.get(api_url).json()["rows"] for c in row["cells"])
    old_page = _main(client.get(results_url).content.decode())
    assert "20 personer svarede" in old_page
    services.wave_set_thresholds(wave=wave, min_group=25, min_text_group=10, actor=role_users["programme"])
    assert list(WaveResults.objects.filter(wave=wave).values_list("min_group", "state")) == [
        (25, ResultsState.READY)
    ]
    # Nobody is shown at 25: neither the API nor the (cached) page may keep the figures of the old threshold.
    assert all(c["suppressed"] for row in client.get(api_url).json()["rows"] for c in row["cells"])
    new_page = client.get(results_url).content.decode()
    assert "20 personer svarede" not in new_page and "færre end 25 svar" in new_page
    # And back at 5 the decision is calculated again, the same as before.
    services.wave_set_thresholds(wave=wave, min_group=5, min_text_group=10, actor=role_users["programme"])
    assert _main(client.get(results_url).content.decode()) == old_page


def test_closing_again_calculates_from_the_answers_at_the_close(client_for, role_users):
    wave = _wave()
    client = client_for("programme")
    api_url = f"/api/surveys/waves/{wave.pk}/results"

    def total(rows):
        return next(row for row in rows if row["code"] == "value-public")["cells"][0]["n"]

    before = total(client.get(api_url).json()["rows"])
    # The wave is opened again (by hand: no service does it) and more people answer.
    Wave.objects.filter(pk=wave.pk).update(status=WaveStatus.OPEN)
    wave.refresh_from_db()
    assert client.get(api_url).status_code == 404  # an open wave releases nothing
    page = client.get(reverse("surveys:results", kwargs={"pk": wave.pk})).content.decode()
    assert "Der vises ingen tal, mens den er åben" in page
    person = wave.population.people.first()
    Response.objects.bulk_create(
        Response(
            wave=wave,
            submitted_on=dt.date(2024, 3, 20),
            role="employee",
            department_id=person.department_id,
            unit_id=person.unit_id,
            answers={"value-public": 1},
        )
        for _ in range(6)
    )
    services.wave_close(wave=wave, actor=role_users["programme"])
    after = total(client.get(api_url).json()["rows"])
    assert after == before + 6
    assert WaveResults.objects.filter(wave=wave).count() == 1


@pytest.fixture
def worker(monkeypatch):
    """Celery with a worker (not eager): the queued calculations, without running them."""
    queued = []
    from kompas.surveys import tasks

    monkeypatch.setitem(current_app.conf, "task_always_eager", False)
    monkeypatch.setattr(tasks.compute_wave_results, "delay", lambda *args: queued.append(args))
    return queued


def test_while_the_results_are_being_calculated_the_pages_say_so(
    client_for, worker, django_capture_on_commit_callbacks
):
    first = _wave(year=2024)
    services.wave_results_compute(wave_id=first.pk, min_group=5)  # the worker has run this one
    with django_capture_on_commit_callbacks(execute=True):
        second = _wave(year=2025, pop=first.population, inst=first.instrument)
    assert worker == [(second.pk, 5)]  # queued when the wave closed, after the commit
    client = client_for("leader")
    results_url = reverse("surveys:results", kwargs={"pk": second.pk})
    with django_capture_on_commit_callbacks(execute=True):
        page = client.get(results_url)
    assert page.status_code == 200
    body = page.content.decode()
    assert "Resultaterne er ved at blive beregnet" in body and "personer svarede" not in body
    assert worker == [(second.pk, 5)]  # asking again queues nothing more
    trends = client.get(reverse("surveys:trends")).content.decode()
    assert f"Resultaterne af {second.title} er ved at blive beregnet" in trends
    assert '<th scope="col">2024</th>' in trends and '<th scope="col">2025</th>' not in trends
    api = client.get(f"/api/surveys/waves/{second.pk}/results")
    assert api.status_code == 503 and api.json()["code"] == "results_pending" and api["Retry-After"] == "60"
    export = client.get(reverse("surveys:export", kwargs={"pk": second.pk}))
    assert export.status_code == 302 and export["Location"] == results_url
    # The worker runs the task: the pages show the results.
    services.wave_results_compute(wave_id=second.pk, min_group=5)
    body = client.get(results_url).content.decode()
    assert "Det tager et par minutter" not in body and "20 personer svarede" in body
    trends = client.get(reverse("surveys:trends")).content.decode()
    assert "er ved at blive beregnet" not in trends and '<th scope="col">2025</th>' in trends


def test_a_failed_calculation_says_so_and_is_asked_for_again_later(client_for, worker):
    wave = _wave()
    WaveResults.objects.filter(wave=wave).update(
        state=ResultsState.FAILED, requested_at=dt.datetime(2024, 1, 1, tzinfo=dt.UTC)
    )
    client = client_for("leader")
    url = reverse("surveys:results", kwargs={"pk": wave.pk})
    body = client.get(url).content.decode()
    assert "Resultaterne er ved at blive beregnet" in body  # asked for again: it was long ago
    WaveResults.objects.filter(wave=wave).update(state=ResultsState.FAILED)
    body = client.get(url).content.decode()
    assert "Resultaterne kunne ikke beregnes" in body


def test_the_trend_page_decides_nothing_per_request_and_its_queries_stay_flat(client_for, calls):
    client = client_for("leader")
    pop = None
    waves = []
    counts = []
    for year in (2023, 2024, 2025):
        wave = _wave(year=year, pop=pop, inst=waves[0].instrument if waves else None)
        pop = wave.population
        waves.append(wave)
        before = calls["n"]
        for fresh in (True, False):
            if fresh:  # a new process with an empty cache
                selectors._RESULTS.clear()
                cache.clear()
            with CaptureQueriesContext(connection) as queries:
                page = client.get(reverse("surveys:trends"), HTTP_CACHE_CONTROL="no-cache")
            body = page.content.decode()
            assert page.status_code == 200 and f'<th scope="col">{year}</th>' in body
        counts.append(len(queries))
        assert calls["n"] == before  # the stored decisions are read, none is made again
    assert counts[0] == counts[1] == counts[2]


def _survey_queries(client, url: str, expected: str) -> list[str]:
    with CaptureQueriesContext(connection) as queries:  # a fresh render (not the reader's copy, ADR 0025)
        page = client.get(url, HTTP_CACHE_CONTROL="no-cache")
    assert _main(page.content.decode()) == expected
    return [q["sql"] for q in queries.captured_queries if '"surveys_' in q["sql"]]


def test_the_pages_of_ready_results_read_the_surveys_once_per_content_version(client_for):
    """The results page reads the wave with its ready results in one query, the development page all closed
    waves with the versions of their results in one, once per process for each content version: the figures
    come from the cached content."""
    first = _wave(year=2024)
    _wave(year=2025, pop=first.population, inst=first.instrument)
    client = client_for("leader")
    for url in (reverse("surveys:results", kwargs={"pk": first.pk}), reverse("surveys:trends")):
        expected = _main(client.get(url).content.decode())  # fills the caches
        versioned.forget()  # a process that has not read the surveys under this version yet
        once = _survey_queries(client, url, expected)
        assert len(once) == 1, once
        assert _survey_queries(client, url, expected) == []  # the same version: read already


def test_a_change_to_the_surveys_shows_on_the_next_fresh_render(client_for, role_users, worker):
    """What the pages read once per content version is read again after any write: a new threshold (results
    being calculated again) and a newly closed wave show at once."""
    first = _wave(year=2024)
    services.wave_results_compute(wave_id=first.pk, min_group=first.min_group)  # the worker has run it
    client = client_for("leader")
    results_url = reverse("surveys:results", kwargs={"pk": first.pk})
    assert "20 personer svarede" in client.get(results_url, HTTP_CACHE_CONTROL="no-cache").content.decode()
    trends = client.get(reverse("surveys:trends"), HTTP_CACHE_CONTROL="no-cache").content.decode()
    assert '<th scope="col">2025</th>' not in trends
    services.wave_set_thresholds(wave=first, min_group=6, min_text_group=10, actor=role_users["programme"])
    page = client.get(results_url, HTTP_CACHE_CONTROL="no-cache").content.decode()
    assert "Resultaterne er ved at blive beregnet" in page and "20 personer svarede" not in page
    services.wave_results_compute(wave_id=first.pk, min_group=6)
    second = _wave(year=2025, pop=first.population, inst=first.instrument)
    services.wave_results_compute(wave_id=second.pk, min_group=second.min_group)
    trends = client.get(reverse("surveys:trends"), HTTP_CACHE_CONTROL="no-cache").content.decode()
    assert '<th scope="col">2024</th>' in trends and '<th scope="col">2025</th>' in trends


def test_what_a_leader_had_read_is_not_shown_to_an_employee(client_for):
    """The ready wave kept per content version is the same for every leader; an employee is still refused."""
    wave = _wave()
    url = reverse("surveys:results", kwargs={"pk": wave.pk})
    assert (
        "20 personer svarede" in client_for("leader").get(url, HTTP_CACHE_CONTROL="no-cache").content.decode()
    )
    for page in (url, reverse("surveys:trends")):
        response = client_for("employee").get(page, HTTP_CACHE_CONTROL="no-cache")
        assert response.status_code in (403, 404) and "personer svarede" not in response.content.decode()
