"""Attacks on everything the survey releases – results page, unit pages, trend, API, CSV – that try to work out a
group below the threshold by subtraction across pages, tables and waves, and must find nothing."""

import pytest
from django.db import transaction
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kompas.organisations.models import Department, Unit
from kompas.surveys import selectors
from kompas.surveys.models import Wave

from . import factories
from .attack import attack

pytestmark = pytest.mark.django_db


def _describe(report) -> str:
    return (
        f"{report.waves} waves, {report.tables} released tables, {report.equations} figures, "
        f"{report.differencings} subtractions and {report.sets_tried} small sets tried: "
        f"{len(report.leaks)} derivable statistics of groups below the threshold "
        f"({report.alike} where everyone answered alike)"
    )


def test_demo_department_minus_its_shown_unit_gives_nothing_away(client_for):
    """Issue 12: on the demo data, wave 2025, ``value-public``: Teknik og Miljø showed n=14 and one of its units
    n=10 on its unit page, leaving a group of 4 by subtraction. Nothing like it may remain anywhere."""
    from kompas.demo.builders import build

    build(scale="small", seed=2021)
    # The four closed waves; the open one (2026) releases nothing while it is open.
    waves = list(Wave.objects.filter(population__name__contains="demo", status="closed").order_by("year"))
    assert len(waves) == 4
    wave = waves[3]
    client = client_for("programme")
    department = Department.objects.get(name="Teknik og Miljø")
    # The department's figure as the API gives it (the results page and the CSV show the same) ...
    rows = client.get(f"/api/surveys/waves/{wave.pk}/results").json()["rows"]
    cells = next(r for r in rows if r["code"] == "value-public")["cells"]
    dept_cell = next(c for c in cells if c["department"] == department.name and c["role"] is None)
    # ... and its units' figures as their unit pages show them.
    shown = {}
    for unit in Unit.objects.filter(department=department):
        page = client.get(reverse("surveys:unit-results", kwargs={"pk": wave.pk, "unit_pk": unit.pk}))
        cell = next((c for row, c in page.context["figures"] if row.code == "value-public"), None)
        if cell is not None and not cell.suppressed:
            shown[unit.pk] = cell.n
    if not dept_cell["suppressed"] and shown:
        rest = dept_cell["n"] - sum(shown.values())
        assert not 0 < rest < wave.min_group, (
            f"{department.name} n={dept_cell['n']} minus units {shown} = {rest}"
        )
    # And across every page, table and wave of the demo:
    report = attack(client, waves)
    print("\nDemo data (small):", _describe(report))
    assert report.tables and report.sets_tried
    assert report.leaks == [], report.leaks[:5]


ROLES = ("leader", "employee")
population = st.lists(
    st.tuples(
        st.integers(0, 2), st.integers(0, 3), st.sampled_from(ROLES), st.integers(0, 9), st.integers(1, 5)
    ),
    min_size=2,
    max_size=10,
)


@settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(first=population, second=population, k=st.integers(3, 6))
def test_no_page_unit_page_trend_api_or_csv_combination_reveals_a_small_group(client_for, first, second, k):
    """Random small organisations (up to three departments with up to four units each, groups of 0–9 who
    answer alike), two waves; the attacker collects every page and tries every subtraction."""
    client = client_for("programme")
    departments = list(Department.objects.order_by("order")[:3])
    with transaction.atomic():
        units = {
            (d, u): factories.unit(f"Angrebsenhed {d}-{u}", departments[d])
            for d in range(3)
            for u in range(4)
        }
        waves = []
        for year, spec in ((2024, first), (2025, second)):
            groups = {}
            for d, u, role, size, value in spec:
                groups.setdefault((units[(d, u)], role), (size, value))
            people = [(unit, role, size) for (unit, role), (size, _v) in groups.items() if size]
            if not people:
                continue
            answer = {(unit.pk, role): value for (unit, role), (_size, value) in groups.items()}
            pop = factories.population(people, name=f"Angreb {year}")
            wave = factories.closed_wave(
                pop, year=year, value=lambda p, item, answer=answer: answer[(p.unit_id, p.role)]
            )
            wave.min_group = k
            wave.save(update_fields=["min_group"])
            waves.append(wave)
        selectors._RESULTS.clear()
        report = attack(client, waves)
        transaction.set_rollback(True)
    assert report.leaks == [], report.leaks[:5]
