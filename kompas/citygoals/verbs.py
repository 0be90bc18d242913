"""The city goals' audit verbs. The vision and the city goals are public, and so is how they changed."""

from django.utils.translation import pgettext_lazy

from kompas.activity.verbs import Verb

CITY_GOAL_CREATED = Verb("city_goal_created", pgettext_lazy("audit", "Created the city goal"))
CITY_GOAL_UPDATED = Verb("city_goal_updated", pgettext_lazy("audit", "Changed the city goal"))
CITY_GOAL_MOVED = Verb("city_goal_moved", pgettext_lazy("audit", "Moved the city goal in the order"))
VISION_UPDATED = Verb("vision_updated", pgettext_lazy("audit", "Changed the vision"))
