"""The value map's charts are the shared charts (ADR 0021): an SVG people can read and screen readers can name,
Danish numbers on the axes, the target drawn as a line, and on the public pages only what was published."""

import datetime as dt
import re
from decimal import Decimal

import pytest
from django.urls import reverse

from kompas.citygoals.models import CityGoal
from kompas.goals import services as goal_services
from kompas.goals.tests import factories
from kompas.valuemap.models import Snapshot
from kompas.valuemap.services import snapshot_build

UNPUBLISHED_VALUE = Decimal("9876.5")  # entered after publishing: live data, not public yet


@pytest.fixture
def published(role_users):
    goal = factories.goal(title="Flere cykler i Gellerup")
    indicator = goal_services.indicator_save(
        goal=goal,
        actor=goal.owner,
        name="Cykelture om ugen",
        unit="ture",
        direction="higher",
        baseline=Decimal(1000),
        baseline_date=dt.date(2025, 1, 1),
        target=Decimal(2500),
        target_date=dt.date(2027, 12, 31),
        description="",
    )
    for on, value in ((dt.date(2025, 1, 1), "1200"), (dt.date(2025, 6, 1), "1850.5")):
        goal_services.data_point_save(indicator=indicator, on=on, value=Decimal(value), actor=goal.owner)
    snapshot_build(snapshot_id=Snapshot.objects.create(note="diagrammer").pk)
    goal_services.data_point_save(
        indicator=indicator, on=dt.date(2025, 9, 1), value=UNPUBLISHED_VALUE, actor=goal.owner
    )
    return {"goal": goal, "indicator": indicator}


def svg_named(body: str, chart_id: str) -> str:
    """The one SVG whose title has the given id; it must be an image with an accessible name."""
    found = re.findall(r"<svg\b[^>]*>.*?</svg>", body, flags=re.S)
    charts = [svg for svg in found if f'id="{chart_id}-title"' in svg]
    assert len(charts) == 1, f"no single chart {chart_id}"
    svg = charts[0]
    opening = svg[: svg.index(">") + 1]
    assert 'role="img"' in opening and f'aria-labelledby="{chart_id}-title' in opening
    title = re.search(rf'<title id="{chart_id}-title">([^<]+)</title>', svg)
    assert title and title.group(1).strip()
    return svg


def texts(svg: str) -> list[str]:
    return [" ".join(t.split()) for t in re.findall(r"<text\b[^>]*>([^<]*)</text>", svg)]


def page(client, name: str, *args) -> str:
    response = client.get(reverse(name, args=args))
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.django_db
def test_the_published_goal_page_draws_the_indicator_with_danish_axes_and_the_target(published, client):
    body = page(client, "valuemap:goal", published["goal"].pk)
    svg = svg_named(body, f"valuemap-indicator-{published['indicator'].pk}")
    labels = texts(svg)
    assert "1.000" in labels and "2.500" in labels  # value axis, Danish thousands
    assert "1.1.2025" in labels and "1.6.2025" in labels  # the time axis, first and last date
    assert "Mål 2.500" in labels and "Udgangspunkt 1.000" in labels  # target and baseline lines
    assert "1.850,5" in labels  # the last published value, written beside its point
    assert 'stroke-dasharray="8 4"' in svg  # the target line itself
    assert "Seneste værdi 1.850,5" in svg  # the description a screen reader reads
    # The table stays beside the chart on the goal page.
    assert "<td>1.850,5</td>" in body


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["anonymous", "citizen"])
def test_the_public_charts_show_only_what_was_published(published, client_for, role):
    client = client_for(role)
    city_goal = CityGoal.objects.order_by("order").first()
    for body in (
        page(client, "valuemap:goal", published["goal"].pk),
        page(client, "valuemap:citygoal", city_goal.pk),
    ):
        svg = svg_named(body, f"valuemap-indicator-{published['indicator'].pk}")
        assert "9.876,5" not in body and "1.9.2025" not in svg
        assert "10.000" not in texts(svg)  # the axis is not stretched to the unpublished value


@pytest.mark.django_db
def test_staff_see_the_live_value_in_the_chart_and_a_table_beside_it(published, client_for):
    city_goal = CityGoal.objects.order_by("order").first()
    body = page(client_for("employee"), "valuemap:citygoal", city_goal.pk)
    svg = svg_named(body, f"valuemap-indicator-{published['indicator'].pk}")
    assert "9.876,5" in texts(svg) and "1.9.2025" in texts(svg)
    assert "Mål 2.500" in texts(svg)
    assert "<details" in body and "<td>9.876,5</td>" in body  # the values as a table, folded


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["anonymous", "employee"])
def test_the_department_charts_are_the_shared_bars(published, client_for, role):
    client = client_for(role)
    city_goal = CityGoal.objects.order_by("order").first()
    department = published["goal"].owner_unit.department.name
    for body, chart_id in (
        (page(client, "valuemap:overview"), "overview-departments"),
        (page(client, "valuemap:citygoal", city_goal.pk), "citygoal-departments"),
    ):
        svg = svg_named(body, chart_id)
        assert "antal mål" in svg.lower()
        labels = texts(svg)
        assert department[:20] in labels[0] and labels[1] == "1"
        assert re.search(r'<rect x="0" y="[\d.]+" width="[\d.]+"', svg)
        assert 'class="mb-4 chart-fit"' in svg
