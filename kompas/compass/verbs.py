"""The compass's audit verbs. The paths and pivots are public texts, and so is how they changed; a path tag is
recorded on the tagged object, whose own app decides who reads its history."""

from django.utils.translation import pgettext_lazy

from kompas.activity.verbs import Verb

PATH_UPDATED = Verb("path_updated", pgettext_lazy("audit", "Changed the text of the path"))
PIVOT_UPDATED = Verb("pivot_updated", pgettext_lazy("audit", "Changed the text of the pivot"))
PATHS_TAGGED = Verb("paths_tagged", pgettext_lazy("audit", "Changed the paths the item is on"))
