"""The whole API against its own OpenAPI schema, fuzzed with schemathesis in-process (Django's WSGI app).

Every operation runs as anonymous and with a citizen's, an employee's and a leader's personal token, with valid
and with invalid input. A few derandomized examples per operation keep the file short; it fails on any 500, a
status the operation does not document, a body that does not match the documented schema, or another content
type than documented.
"""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from kompas.accounts.services import api_token_create
from kompas.api.urls import api

ROLES = ("anonymous", "citizen", "employee", "leader")
CHECKS = [not_a_server_error, status_code_conformance, response_schema_conformance, content_type_conformance]
EXAMPLES = 5

SCHEMA = schemathesis.openapi.from_dict(api.get_openapi_schema())
SCHEMA.app = get_wsgi_application()
OPERATIONS = {result.ok().label: result.ok() for result in SCHEMA.get_all_operations()}


@pytest.fixture
def seeded(role_users):
    """A little of everything the lists show, so they are not all empty."""
    from kompas.collaborations.tests import factories as collaborations
    from kompas.dialogues.tests import factories as dialogues
    from kompas.goals.tests import factories as goals
    from kompas.library.tests import factories as library
    from kompas.trials.tests import factories as trials
    from kompas.valuemap.models import Snapshot
    from kompas.valuemap.services import snapshot_build

    goal = goals.goal(title="Trygge skoleveje")
    goals.indicator(goal=goal, points=3)
    snapshot_build(snapshot_id=Snapshot.objects.create(note="schemathesis").pk)
    trials.iteration(trial=trials.trial())
    collaborations.collaboration()
    library.item()
    dialogues.forum(allow_anonymous=True)
    return role_users


def test_the_schema_has_every_operation():
    assert (
        len(OPERATIONS) >= 20
        and "GET /api/trials" in OPERATIONS
        and "POST /api/dialogues/{forum_id}/votes" in OPERATIONS
    )


def _fuzz(operation, headers: dict[str, str]) -> None:
    @given(
        case=st.one_of(
            operation.as_strategy(GenerationMode.POSITIVE), operation.as_strategy(GenerationMode.NEGATIVE)
        )
    )
    @settings(
        max_examples=EXAMPLES,
        derandomize=True,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    def check(case):
        case.call_and_validate(headers=headers, checks=CHECKS)

    check()


@pytest.fixture
def connection_kept_open():
    """Like Django's test client: a request's end must not close the test's database connection.

    The WSGI handler sends request_started/request_finished, whose receiver closes the connection; on PostgreSQL
    that would end the test's transaction after the first call (SQLite's in-memory database hides it).
    """
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
def test_every_operation_keeps_to_its_schema(role, seeded, subtests, connection_kept_open):
    headers = {}
    if role != "anonymous":
        _token, raw = api_token_create(user=seeded[role], name="schemathesis", actor=seeded[role])
        headers["Authorization"] = f"Bearer {raw}"
    for label, operation in OPERATIONS.items():
        with subtests.test(msg=label):
            _fuzz(operation, headers)
