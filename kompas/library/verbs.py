"""The library's audit verbs."""

from django.utils.translation import pgettext_lazy

from kompas.activity.verbs import Verb

ITEM_CREATED = Verb("library_item_created", pgettext_lazy("audit", "Created the library item"))
ITEM_UPDATED = Verb("library_item_updated", pgettext_lazy("audit", "Changed the library item"))
