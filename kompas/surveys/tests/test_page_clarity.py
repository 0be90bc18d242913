"""The survey pages say what they show: a clean page title, no technical names, an Answers column with the
answers, the signs in the tables explained, and no change judged on fewer answers than the stated minimum."""

import re
from pathlib import Path

import pytest
from django.urls import reverse

from kompas.organisations.models import Department
from kompas.surveys import disclosure, panel, selectors
from kompas.surveys.choices import WaveStatus
from kompas.surveys.models import Wave

from . import factories

pytestmark = pytest.mark.django_db


def _title(body: str) -> str:
    return re.search(r"<title>(.*?)</title>", body, re.DOTALL).group(1)


def _cell(values) -> disclosure.Cell:
    rows = [{"g": "a", "q": v} for v in values]
    return disclosure.summarise(rows, ["g"], "q", k=3).cell("a")


@pytest.fixture
def draft_panel_wave(monkeypatch):
    """A draft wave set to link answers across waves, on a server where the panel key is not set up."""
    monkeypatch.delenv(panel.ENV_NAME, raising=False)
    unit = factories.unit("Panelenheden")
    return Wave.objects.create(
        instrument=factories.instrument(),
        population=factories.population([(unit, "employee", 5)]),
        title="Måling med panel",
        year=2025,
        status=WaveStatus.DRAFT,
        panel=True,
    )


def test_the_wave_page_title_holds_only_the_wave_title(client_for, draft_panel_wave):
    body = client_for("programme").get(reverse("surveys:wave", kwargs={"pk": draft_panel_wave.pk})).content
    title = _title(body.decode())
    assert "Måling med panel" in title
    assert "<" not in title and "csrfmiddlewaretoken" not in title


def test_a_missing_panel_key_is_explained_without_its_technical_name(client_for, draft_panel_wave):
    client = client_for("programme")
    page = client.get(reverse("surveys:wave", kwargs={"pk": draft_panel_wave.pk})).content.decode()
    assert "alert-warning" in page
    refused = client.post(
        reverse("surveys:wave-create"),
        {
            "instrument": draft_panel_wave.instrument.pk,
            "population": draft_panel_wave.population.pk,
            "title": "Ny måling",
            "year": "2026",
            "min_group": "5",
            "min_text_group": "10",
            "panel": "on",
        },
    )
    assert refused.status_code == 200 and not Wave.objects.filter(title="Ny måling").exists()
    for body in (page, refused.content.decode()):
        assert panel.ENV_NAME not in body


def test_the_wave_page_has_no_panel_warning_when_the_key_is_set(client_for, draft_panel_wave, monkeypatch):
    monkeypatch.setenv(panel.ENV_NAME, "k" * 40)
    page = client_for("programme").get(reverse("surveys:wave", kwargs={"pk": draft_panel_wave.pk}))
    assert "alert-warning" not in page.content.decode()


def test_the_unit_page_shows_the_mean_and_the_answers_in_their_own_columns(client_for):
    unit = factories.unit("Søjleenheden")
    wave = factories.closed_wave(factories.population([(unit, "employee", 12)]), value=lambda p, i: 4)
    body = client_for("programme").get(
        reverse("surveys:unit-results", kwargs={"pk": wave.pk, "unit_pk": unit.pk})
    )
    rows = re.findall(r"<tr><td>[^<]*</td>(.*?)</tr>", body.content.decode(), re.DOTALL)
    assert rows
    for cells in rows:
        mean, answers = re.findall(r"<td[^>]*>(.*?)</td>", cells, re.DOTALL)
        assert answers.strip() == "12", cells
        assert mean.strip() and "n=" not in mean


def test_the_results_page_explains_the_dot_and_the_dash(client_for):
    first, second = Department.objects.order_by("order")[:2]
    employees, leaders = factories.unit("Kun medarbejdere", first), factories.unit("Også ledere", second)
    wave = factories.closed_wave(
        factories.population([(employees, "employee", 8), (leaders, "employee", 8), (leaders, "leader", 6)])
    )
    body = client_for("programme").get(reverse("surveys:results", kwargs={"pk": wave.pk})).content.decode()
    first_dot = body.index('aria-hidden="true">·</span>')  # no leaders in the first department
    dash, dot = body.find("– = "), body.find("· = ")
    assert -1 < dash < dot < first_dot  # the legend comes before the tables
    assert f" {wave.min_group} " in body[dash:dot]  # it names the threshold of this wave


def test_the_minimum_answers_for_judging_a_change_is_defined_once_and_applied():
    minimum = selectors.MIN_N_FOR_CHANGE
    assert minimum >= 20
    # Six answers that all agree: sd 0, so the interval is a single point and the change "looks" certain.
    six_before, six_after = _cell([3] * 6), _cell([4] * 6)
    change = selectors.change_between(six_after, six_before)
    assert change["diff"] == pytest.approx(1.0)
    assert change["judged"] is False and change["clear"] is False
    just_below = selectors.change_between(_cell([4, 5] * ((minimum - 1) // 2) + [4]), _cell([3] * minimum))
    assert just_below["judged"] is False and just_below["clear"] is False
    enough = selectors.change_between(_cell([4, 5] * (minimum // 2 + 1)), _cell([3] * (minimum + 2)))
    assert enough["judged"] is True and enough["clear"] is True


def test_the_trend_page_states_the_minimum_and_never_marks_a_six_answer_change(client_for):
    unit = factories.unit("Seksenheden")
    pop = factories.population([(unit, "employee", 6)])
    first = factories.closed_wave(pop, year=2024, value=lambda p, i: 2)
    factories.closed_wave(pop, year=2025, inst=first.instrument, value=lambda p, i: 5)
    series = selectors.trend(first.instrument.name)
    changes = [point["change"] for entry in series for point in entry["points"] if point["change"]]
    assert changes and not any(change["clear"] for change in changes)
    body = client_for("programme").get(reverse("surveys:trends")).content.decode()
    assert str(selectors.MIN_N_FOR_CHANGE) in body
    assert "<strong>" not in body.split("<table", 1)[1].split("</table>", 1)[0]  # nothing marked


def test_every_survey_table_scrolls_in_the_dkfds_container_on_a_phone():
    """At 390 px a wide table scrolls inside DKFDS' ``table--responsive-scroll`` box (focusable, so it can be
    scrolled by keyboard) instead of being cut off or widening the page."""
    templates = Path(__file__).resolve().parents[1] / "templates" / "surveys"
    unwrapped = []
    for path in templates.rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        for match in re.finditer(r"<table\b", text):
            before = text[: match.start()].rstrip()
            if not re.search(r'<div class="table--responsive-scroll" tabindex="0">$', before):
                unwrapped.append(f"{path.name}:{text.count(chr(10), 0, match.start()) + 1}")
    assert unwrapped == []
