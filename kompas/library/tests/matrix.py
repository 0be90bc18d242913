from kompas.core.access_matrix import PROGRAMME, PUBLIC, Expect, everyone

# A learning shared from internal work: staff read it; citizens and anonymous visitors get the same 404 as for
# an item that does not exist.
STAFF_ITEM = {**everyone(404), "employee": 200, "leader": 200, "programme": 200, "admin": 200}


def _public_item() -> dict:
    from kompas.library.tests import factories

    return {"pk": factories.item(title="Matrix-værktøj").pk}


def _staff_learning() -> dict:
    from kompas.library.tests import factories

    return {"pk": factories.learning(key="matrix.learning:1").pk}


ENTRIES = {
    "library:search": Expect(PUBLIC),
    "library:create": Expect(PROGRAMME),
    "library:detail": Expect(PUBLIC, kwargs=_public_item),
    "library:edit": Expect(PROGRAMME, kwargs=_public_item),
    "api:search_library": Expect(PUBLIC),
}
# The staff-only learning's detail page has the STAFF_ITEM profile; tests/test_library.py walks it.
