from kompas.core.access_matrix import PUBLIC, SIGNED_IN, Expect, api

ENTRIES = {
    "api:api-root": Expect(
        dict.fromkeys(PUBLIC, 404), note="ninja's root pattern only prefixes the endpoints; it is no page"
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
}
