"""Personal data in Vidensbanken (GDPR registry entry)."""

from django.utils.translation import gettext_lazy as _

from kompas.core.personal_data import Provider


def export(user) -> dict:
    from .models import LibraryItem

    return {
        "library_items_written": [
            {"id": item.pk, "title": item.title, "kind": item.kind, "date": item.dated.isoformat()}
            for item in LibraryItem.objects.filter(created_by=user)
        ]
    }


def erase(user) -> int:
    from .models import LibraryItem

    # The items are the municipality's shared knowledge and stay; who wrote them is removed. Shared learnings
    # hold no person: they point back to their source, whose own provider covers its author.
    return LibraryItem.objects.filter(created_by=user).update(created_by=None)


PROVIDER = Provider(
    key="library",
    description=_("Cases, tools and portraits the person wrote in the knowledge library."),
    export=export,
    erase=erase,
    kept=_(
        "The items are kept as the municipality's shared knowledge, without the writer's name. A portrait "
        "names the person portrayed only with their consent and is removed on request by programme staff."
    ),
    order=290,
)
