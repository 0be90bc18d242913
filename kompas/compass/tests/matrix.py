from kompas.core.access_matrix import PROGRAMME, PUBLIC, Expect, _profile

# Tagging a public library item: anyone signed in may ask, but only who may change the item (programme staff
# and administrators, the library's own rule) gets the form; the others are told no (403).
TAG_PUBLIC_ITEM = _profile(
    anonymous=302,
    citizen=403,
    employee=403,
    leader=403,
    programme=200,
    admin=200,
    partner=403,
    assessor=403,
    advisory=403,
    politician=403,
)


def _path() -> dict:
    from kompas.compass.models import Path

    return {"pk": Path.objects.order_by("order").first().pk}


def _pivot() -> dict:
    from kompas.compass.models import Pivot

    return {"pk": Pivot.objects.order_by("order").first().pk}


def _library_item() -> dict:
    from kompas.library.tests import factories

    return {"label": "library.libraryitem", "pk": factories.item(title="Matrix-værktøj").pk}


ENTRIES = {
    "compass:index": Expect(PUBLIC),
    "compass:path": Expect(PUBLIC, kwargs=lambda: {"slug": "lytte"}),
    "compass:manage": Expect(PROGRAMME),
    "compass:path-edit": Expect(PROGRAMME, kwargs=_path),
    "compass:pivot-edit": Expect(PROGRAMME, kwargs=_pivot),
    "compass:tag": Expect(TAG_PUBLIC_ITEM, kwargs=_library_item),
}
