"""Open data goes out through the one CSV writer: formula text neutralised, values still numbers."""

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse

from kompas.goals import services as goal_services
from kompas.goals.tests import factories
from kompas.valuemap.models import Snapshot
from kompas.valuemap.services import snapshot_build

pytestmark = pytest.mark.django_db


def test_open_data_csv_is_formula_safe_and_keeps_negative_values(role_users, client):
    goal = factories.goal(title='=HYPERLINK("http://evil.example";"Klik")')
    indicator = factories.indicator(goal=goal, points=1)
    goal_services.data_point_save(
        indicator=indicator,
        on=dt.date(2025, 6, 1),
        value=Decimal("-2.5"),
        source="",
        note="",
        actor=goal.owner,
    )
    snapshot_build(snapshot_id=Snapshot.objects.create(note="test").pk)

    goals = client.get(reverse("valuemap:download", args=["goals", "csv"]))
    text = b"".join(goals.streaming_content).decode("utf-8")
    assert text.startswith("\ufeffgoal_id;title;")
    assert ";\"'=HYPERLINK(" in text and ';"=HYPERLINK(' not in text

    points = client.get(reverse("valuemap:download", args=["data-points", "csv"]))
    lines = b"".join(points.streaming_content).decode("utf-8-sig").splitlines()
    assert lines[-1] == f"{indicator.pk};2025-06-01;-2.5000"  # a number, not text with an apostrophe
