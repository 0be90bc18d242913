"""One way the API answers: every error in one JSON shape with the proper status, every list in one envelope."""

import json

import pytest
from django.db import OperationalError
from django.test import Client
from django.urls import reverse
from django.utils import translation

from kompas.core.api_errors import STATUSES
from kompas.core.api_pages import MAX_LIMIT
from kompas.core.schema_types import MAX_ID

TOO_BIG = str(MAX_ID + 1)  # 2**63: one past the largest bigint


def _error(response, status: int, code: str | None = None) -> dict:
    assert response.status_code == status, (response.status_code, response.content[:300])
    assert response["Content-Type"].startswith("application/json")
    body = response.json()
    expected_code, message = STATUSES[status]
    assert body["code"] == (code or expected_code)
    assert isinstance(body["detail"], str) and body["detail"]
    assert set(body) <= {"detail", "code", "errors"}
    if code is None:
        with translation.override("da"):
            assert body["detail"] == str(message)  # the request's language: Danish by default
    return body


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/api/no-such-thing", "/api/open/nothing/here", "/api/city-goals/"])
def test_an_unknown_path_is_a_json_404(client, path):
    _error(client.get(path), 404)


@pytest.mark.django_db
def test_an_unknown_object_is_a_json_404(client):
    _error(client.get("/api/city-goals/findes-ikke"), 404)
    _error(client.get("/api/open/proposals/12345"), 404)


@pytest.mark.django_db
def test_a_method_the_path_does_not_take_is_a_json_405_with_allow(client):
    response = client.delete("/api/city-goals")
    _error(response, 405)
    assert response["Allow"] == "GET"
    response = client.get("/api/dialogues/1/votes")
    _error(response, 405)
    assert response["Allow"] == "POST"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("path", "where"),
    [
        (f"/api/farewells?department={TOO_BIG}", ["query", "department"]),
        (f"/api/trials?offset={TOO_BIG}", ["query", "offset"]),
        (f"/api/open/goals?city_goal={TOO_BIG}", ["query", "city_goal"]),
        (f"/api/open/proposals/{TOO_BIG}", ["path", "proposal_id"]),
        ("/api/open/proposals/0", ["path", "proposal_id"]),
        (f"/api/library/items?department={TOO_BIG}", ["query", "department"]),
        (f"/api/collaborations?limit={MAX_LIMIT + 1}", ["query", "limit"]),
        ("/api/collaborations?limit=0", ["query", "limit"]),
        ("/api/fund/projects?offset=-1", ["query", "offset"]),
        ("/api/units?limit=many", ["query", "limit"]),
    ],
)
def test_an_out_of_range_id_or_window_is_a_422_not_a_500(client, path, where):
    body = _error(client.get(path), 422)
    assert [error["loc"] for error in body["errors"]] == [where]
    assert all(error["msg"] and error["type"] for error in body["errors"])


@pytest.mark.django_db
def test_the_vote_rules_are_declared_on_the_schema(client, role_users):
    from kompas.dialogues.choices import StakeholderType
    from kompas.dialogues.tests import factories

    forum = factories.forum(allow_anonymous=True)
    statement = forum.statements.first()

    def vote(**payload):
        body = {"statement": statement.pk, "value": 1, "key": "declared-key-1", **payload}
        return client.post(
            f"/api/dialogues/{forum.pk}/votes",
            json.dumps(body),
            content_type="application/json",
            HTTP_X_PARTICIPANT_TOKEN="declared-token",
        )

    assert [e["loc"] for e in _error(vote(value=2), 422)["errors"]] == [["body", "payload", "value"]]
    assert [e["loc"] for e in _error(vote(key="short"), 422)["errors"]] == [["body", "payload", "key"]]
    assert [e["loc"] for e in _error(vote(statement=TOO_BIG), 422)["errors"]] == [
        ["body", "payload", "statement"]
    ]
    _error(vote(), 409, code="join_first")  # valid, but the token has not joined
    bad_json = client.post(
        f"/api/dialogues/{forum.pk}/votes",
        "{not json",
        content_type="application/json",
        HTTP_X_PARTICIPANT_TOKEN="x",
    )
    _error(bad_json, 400)

    schema = client.get("/api/openapi.json").json()["components"]["schemas"]
    assert schema["VoteIn"]["properties"]["value"]["enum"] == [-1, 0, 1]
    assert schema["StakeholderType"]["enum"] == list(StakeholderType.values)


@pytest.mark.django_db
def test_unauthenticated_and_forbidden_are_json(client, client_for):
    _error(client.get("/api/me"), 401)
    _error(client.get("/api/me", HTTP_AUTHORIZATION="Bearer kmp_nonsense"), 401)
    _error(client_for("citizen").get("/api/surveys/waves"), 403)


@pytest.mark.django_db
def test_too_many_votes_is_a_429_with_retry_after(settings, role_users):
    from kompas.dialogues import services
    from kompas.dialogues.tests import factories

    settings.KOMPAS_RATE_LIMITS = {**settings.KOMPAS_RATE_LIMITS, "vote_participant": (1, 60)}
    forum = factories.forum(allow_anonymous=True)
    services.participant_join(forum=forum, raw_token="fast-voter", stakeholder_type="citizen")
    first, second = forum.statements.all()[:2]
    answers = [
        Client().post(
            f"/api/dialogues/{forum.pk}/votes",
            json.dumps({"statement": statement.pk, "value": -1, "key": f"limit-key-{n:03d}"}),
            content_type="application/json",
            HTTP_X_PARTICIPANT_TOKEN="fast-voter",
        )
        for n, statement in enumerate((first, second))
    ]
    assert answers[0].status_code == 200
    _error(answers[1], 429, code="rate_limited")
    assert 1 <= int(answers[1]["Retry-After"]) <= 60


@pytest.mark.django_db
def test_a_database_outage_is_a_json_503_with_retry_after(client, monkeypatch):
    from kompas.citygoals import selectors

    def broken(**kwargs):
        raise OperationalError("server closed the connection unexpectedly")

    monkeypatch.setattr(selectors, "city_goals", broken)
    response = client.get("/api/city-goals")
    _error(response, 503)
    assert response["Retry-After"] == "5"


@pytest.mark.django_db
def test_a_too_large_body_is_a_json_413(client, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 100
    response = client.post(
        "/api/dialogues/1/votes", json.dumps({"key": "x" * 200}), content_type="application/json"
    )
    _error(response, 413)


@pytest.mark.django_db
def test_a_server_error_under_api_is_json(client, monkeypatch):
    from kompas.citygoals import selectors

    def broken(**kwargs):
        raise RuntimeError("a bug")

    monkeypatch.setattr(selectors, "city_goals", broken)
    client.raise_request_exception = False
    _error(client.get("/api/city-goals"), 500)


# --- search texts without usable words -------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("q", ["og", "!", "   ", "og i at"])
def test_a_search_without_usable_words_finds_nothing_instead_of_failing(client, role_users, q):
    from kompas.library.tests import factories

    factories.item(title="Dilemmakittet")
    response = client.get("/api/library/items", {"q": q})
    assert response.status_code == 200
    if q.strip():
        assert response.json() == {"count": 0, "next_offset": None, "items": []}
    page = client.get(reverse("library:search"), {"q": q})  # the HTML page searches the same way
    assert page.status_code == 200


# --- one envelope for every list -------------------------------------------------------------------------


def _page(client, path: str, **params) -> dict:
    response = client.get(path, params)
    assert response.status_code == 200, (path, response.content[:300])
    body = response.json()
    assert {"count", "next_offset", "items"} <= set(body)
    assert isinstance(body["count"], int) and isinstance(body["items"], list)
    return body


@pytest.mark.django_db
def test_every_list_operation_answers_the_envelope_and_takes_limit_and_offset(client):
    schema = client.get("/api/openapi.json").json()
    lists = []
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            ok = operation["responses"]["200"]["content"]["application/json"]["schema"]
            name = ok.get("$ref", "").split("/")[-1]
            properties = schema["components"]["schemas"].get(name, {}).get("properties", {})
            if "items" in properties:
                lists.append(path)
                assert {"count", "next_offset"} <= set(properties), path
                assert {"limit", "offset"} <= {p["name"] for p in operation.get("parameters", [])}, path
            else:
                assert ok.get("type") != "array", f"{method} {path} answers a bare list"
    assert len(lists) >= 15, lists
    token_free = [p for p in lists if not p.startswith("/api/surveys")]
    for path in token_free:
        _page(client, path)


@pytest.mark.django_db
def test_pages_walk_the_list_with_next_offset(client, role_users):
    from kompas.trials.tests import factories

    titles = [factories.trial(title=f"Afprøvning {n}").title for n in range(5)]
    first = _page(client, "/api/trials", limit=2)
    assert first["count"] == 5 and first["next_offset"] == 2 and len(first["items"]) == 2
    seen, body = [item["title"] for item in first["items"]], first
    while body["next_offset"] is not None:
        body = _page(client, "/api/trials", limit=2, offset=body["next_offset"])
        seen += [item["title"] for item in body["items"]]
    assert seen == titles and body["next_offset"] is None and len(body["items"]) == 1
    beyond = _page(client, "/api/trials", offset=50)
    assert beyond == {"count": 5, "next_offset": None, "items": []}


@pytest.mark.django_db
def test_lists_keep_their_context_beside_the_envelope(client, role_users):
    departments = _page(client, "/api/departments", limit=4)
    assert departments["count"] == 6 and departments["next_offset"] == 4
    assert _page(client, "/api/departments", offset=4)["next_offset"] is None
    goals = _page(client, "/api/open/goals")
    assert goals["published_at"] is None and goals["count"] == 0
    farewells = _page(client, "/api/farewells")
    assert farewells["total_count"] == 0 and farewells["departments"] == []
    assert _page(client, "/api/city-goals", limit=1)["next_offset"] == 1
