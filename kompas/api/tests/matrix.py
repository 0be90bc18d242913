from kompas.core.access_matrix import PUBLIC, ROLES, SIGNED_IN, Expect, api


def _forum() -> dict:
    from kompas.dialogues.tests.matrix import _forum as forum

    return {"forum_id": forum()["pk"]}


def _vote() -> dict:
    from kompas.dialogues.models import Statement

    return {"statement": Statement.objects.order_by("pk").first().pk, "value": 1, "key": "matrix-key-1"}


ENTRIES = {
    "api:api-root": Expect(
        dict.fromkeys(PUBLIC, 404), note="ninja's root pattern only prefixes the endpoints; it is no page"
    ),
    "api:unknown-path": Expect(
        dict.fromkeys(PUBLIC, 404),
        kwargs=lambda: {"unknown": "no/such/endpoint"},
        note="any path under /api/ that no operation has: 404 in the API's error shape",
    ),
    "api:openapi-json": Expect(PUBLIC),
    "api:openapi-view": Expect(PUBLIC),
    "api:list_city_goals": Expect(PUBLIC),
    "api:get_city_goal": Expect(PUBLIC, kwargs=lambda: {"slug": "sunde-og-trives"}),
    "api:get_vision": Expect(PUBLIC),
    "api:list_departments": Expect(PUBLIC),
    "api:list_units": Expect(PUBLIC),
    "api:me": Expect(api(SIGNED_IN)),
    "api:open_goals": Expect(PUBLIC),
    "api:open_indicators": Expect(PUBLIC),
    "api:join_forum": Expect(
        {"anonymous": 401, **dict.fromkeys(ROLES[1:], 200)},
        method="post",
        kwargs=_forum,
        data=lambda: {"stakeholder_type": "citizen"},
        extra={"json": True},
        note="the matrix forum asks participants to log in; everyone signed in may join",
    ),
    "api:cast_vote": Expect(
        {"anonymous": 401, **dict.fromkeys(ROLES[1:], 409)},
        method="post",
        kwargs=_forum,
        data=_vote,
        extra={"json": True},
        note="signed in but not joined: 409; joining is the first step",
    ),
}
