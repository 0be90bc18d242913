"""The value map's audit verbs."""

from django.utils.translation import pgettext_lazy

from kompas.activity.verbs import Verb

PUBLISH_REQUESTED = Verb(
    "value_map_publish_requested", pgettext_lazy("audit", "Asked to publish the value map")
)
PUBLISHED = Verb("value_map_published", pgettext_lazy("audit", "Published the value map"))
