"""Querysets compiled once per process (kompas.core.statements): the same rows and objects as the queryset they
were built from, for every value they are run with, and one query per run."""

import datetime as dt

import pytest
from django.db import connection
from django.db.models import Count, DateField, IntegerField, Window
from django.test.utils import CaptureQueriesContext

from kompas.core.statements import Param, Statement, id_values, ids_in

pytestmark = pytest.mark.django_db


def test_a_statement_gives_each_readers_own_rows_and_is_built_once(role_users):
    from kompas.activity.models import Notification

    for role, user in role_users.items():
        Notification.objects.bulk_create(
            Notification(recipient=user, message=f"{role} {i}") for i in range(3)
        )
    builds = []

    def build():
        builds.append(1)
        return (
            Notification.objects.filter(recipient_id=Param("user", IntegerField()), read_at__isnull=True)
            .order_by("-id")
            .annotate(unread=Window(Count("pk")))[:2]
        )

    newest = Statement(build)
    for role, user in role_users.items():
        with CaptureQueriesContext(connection) as captured:
            found = newest.objects(user=user.pk)
        expected = list(
            Notification.objects.filter(recipient=user, read_at__isnull=True)
            .order_by("-id")
            .annotate(unread=Window(Count("pk")))[:2]
        )
        assert [(n.pk, n.message, n.unread) for n in found] == [(n.pk, n.message, n.unread) for n in expected]
        assert [n.message for n in found] == [f"{role} 2", f"{role} 1"] and found[0].unread == 3
        assert len(captured.captured_queries) == 1
    assert len(builds) == 1


def test_dates_and_related_rows_come_back_as_the_orm_gives_them(role_users):
    from kompas.goals.models import Goal
    from kompas.goals.tests import factories as goals

    goal = goals.goal(title="Alle børn læser med glæde")
    Goal.objects.filter(pk=goal.pk).update(next_follow_up_on=dt.date(2026, 3, 1))
    due = Statement(
        lambda: Goal.objects.filter(
            owner_id=Param("user", IntegerField()), next_follow_up_on__lte=Param("until", DateField())
        ).select_related("owner_unit")
    )
    assert due.objects(user=goal.owner_id, until=dt.date(2026, 2, 28)) == []
    [found] = due.objects(user=goal.owner_id, until=dt.date(2026, 3, 1))
    assert found.next_follow_up_on == dt.date(2026, 3, 1)
    with CaptureQueriesContext(connection) as captured:
        assert found.owner_unit.name == goal.owner_unit.name  # came with the row
    assert not captured.captured_queries


def test_an_id_list_is_one_statement_per_length(role_users):
    from kompas.goals.tests.factories import unit_with_leader

    units = [unit_with_leader(name=name) for name in ("Skåde Skole", "Holme Skole", "Rosenvang Skole")]
    units.sort(key=lambda unit: unit.pk)
    shapes = []

    def build(count):
        shapes.append(count)
        return type(units[0]).objects.filter(ids_in("id", "unit", count)).order_by("pk").values_list("name")

    named = Statement(build)
    for chosen in (units[:1], units[:2], units[1:3], units[:1]):
        rows = named.rows(shape=(len(chosen),), **id_values("unit", [u.pk for u in chosen]))
        assert rows == [(u.name,) for u in chosen]
    assert shapes == [1, 2]
