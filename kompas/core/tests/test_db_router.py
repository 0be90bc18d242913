"""The read replica (kompas/core/db_router.py): a marked selector reads from it, everything else from the primary.

The replica tests run on PostgreSQL, where config/settings/test.py adds the alias ``replica`` as a test mirror of
the test database: a second connection that sees what the primary has committed, as a streaming replica does.
DATABASE_URL=postgres://postgres@127.0.0.1:5432/kompas_ops .venv/bin/pytest kompas/core/tests/test_db_router.py
"""

import pytest
from django.contrib.sessions.models import Session
from django.core.signals import request_started
from django.db import connection, connections, router, transaction
from django.test.utils import CaptureQueriesContext

from kompas.citygoals.models import CityGoal
from kompas.core.db_router import REPLICA, replica_allowed, start_of_request
from kompas.valuemap import selectors as valuemap_selectors


def needs_replica(test):
    """PostgreSQL only; committed transactions (a replica sees nothing else); both aliases allowed."""
    test = pytest.mark.django_db(transaction=True, databases=["default", REPLICA])(test)
    test = pytest.mark.usefixtures("replica_on")(test)
    return pytest.mark.skipif(connection.vendor != "postgresql", reason="the replica alias needs PostgreSQL")(
        test
    )


@pytest.fixture
def replica_on(settings):
    settings.KOMPAS_REPLICA_READS = True
    start_of_request()  # as a new request would: nothing written yet
    yield
    start_of_request()


def city_goal(slug: str = "replika") -> CityGoal:
    return CityGoal.objects.create(slug=slug, title=f"Målet {slug}", description="Til testen", order=99)


class Queries:
    """The queries each connection ran inside the block."""

    def __enter__(self):
        self.primary = CaptureQueriesContext(connections["default"])
        self.replica = CaptureQueriesContext(connections[REPLICA])
        self.primary.__enter__()
        self.replica.__enter__()
        return self

    def __exit__(self, *exc):
        self.replica.__exit__(*exc)
        self.primary.__exit__(*exc)


def titles(overview: dict) -> list[str]:
    return [row.city_goal.title for row in overview["rows"]]


@needs_replica
def test_a_marked_selector_reads_from_the_replica_and_sees_committed_rows():
    city_goal("replika")  # committed on the primary (autocommit)
    start_of_request()
    with Queries() as queries:
        overview = valuemap_selectors.overview_live()
    assert "Målet replika" in titles(overview)
    assert len(queries.replica) >= 1
    assert len(queries.primary) == 0


@needs_replica
def test_after_a_write_the_same_request_reads_from_the_primary():
    start_of_request()
    city_goal("skrevet")  # this request has written: what it shows next must include it
    with Queries() as queries:
        overview = valuemap_selectors.overview_live()
    assert "Målet skrevet" in titles(overview)
    assert len(queries.replica) == 0
    assert len(queries.primary) >= 1
    request_started.send(sender=None)  # the next request starts unpinned (CoreConfig.ready connects it)
    with Queries() as queries:
        valuemap_selectors.overview_live()
    assert len(queries.replica) >= 1
    assert len(queries.primary) == 0


@needs_replica
def test_inside_a_transaction_and_outside_marked_selectors_reads_stay_on_the_primary():
    city_goal("primaer")
    start_of_request()
    with Queries() as queries:
        with transaction.atomic():
            valuemap_selectors.overview_live()
        assert CityGoal.objects.filter(slug="primaer").exists()  # not marked
        with replica_allowed():
            assert not Session.objects.exists()  # sessions are never read from the replica
    assert len(queries.replica) == 0
    assert len(queries.primary) >= 1


@needs_replica
def test_an_object_read_from_the_replica_is_saved_to_the_primary():
    city_goal("gemmes")
    start_of_request()
    with replica_allowed():
        goal = CityGoal.objects.get(slug="gemmes")
    assert goal._state.db == REPLICA
    goal.title = "Nyt navn"
    with Queries() as queries:
        goal.save()
    # The row's UPDATE, and on PostgreSQL the UPDATE of its search vector (core/search_index.py): both on the primary.
    statements = [q["sql"].split()[0] for q in queries.primary.captured_queries]
    assert statements and set(statements) == {"UPDATE"}
    assert len(queries.replica) == 0


def test_the_replica_is_never_migrated_and_writes_go_to_the_primary():
    assert router.allow_migrate(REPLICA, "citygoals") is False
    assert router.allow_migrate("default", "citygoals") is True
    assert router.db_for_write(CityGoal) == "default"


@pytest.mark.django_db
def test_without_replica_reads_a_marked_selector_uses_the_primary(settings):
    settings.KOMPAS_REPLICA_READS = False  # the default when DATABASE_REPLICA_URL is unset
    start_of_request()
    with CaptureQueriesContext(connection) as primary:
        overview = valuemap_selectors.overview_live()
    assert len(primary) >= 1
    assert titles(overview)  # the default city goals from the migrations
