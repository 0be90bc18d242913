"""Personal data in the compass (GDPR registry entry): who put an item on a further path."""

from django.utils.translation import gettext_lazy as _

from kompas.core.personal_data import Provider


def export(user) -> dict:
    from .models import PathTag

    return {
        "path_tags_added": [
            {
                "item": f"{tag.content_type.app_label}.{tag.content_type.model}:{tag.object_id}",
                "path": tag.path.name,
                "added": tag.created_at.isoformat(),
            }
            for tag in PathTag.objects.filter(tagged_by=user).select_related("content_type", "path")
        ]
    }


def erase(user) -> int:
    from .models import PathTag

    # The item stays on the path (the tag is about the item, not the person); who added it is removed.
    return PathTag.objects.filter(tagged_by=user).update(tagged_by=None)


PROVIDER = Provider(
    key="compass",
    description=_("Which items the person put on further paths of the compass."),
    export=export,
    erase=erase,
    kept=_("The items stay on the paths, without the name of the person who put them there."),
    order=295,
)
