"""The goals' audit verbs (Målkompasset). Staff may read every goal and everything its page shows."""

from django.utils.translation import pgettext_lazy

from kompas.activity.verbs import Verb

GOAL_CREATED = Verb("goal_created", pgettext_lazy("audit", "Created the goal"))
GOAL_UPDATED = Verb("goal_updated", pgettext_lazy("audit", "Changed the goal"))
GOAL_ARCHIVED = Verb("goal_archived", pgettext_lazy("audit", "Archived the goal"))
GOAL_REOPENED = Verb("goal_reopened", pgettext_lazy("audit", "Reopened the goal"))
INDICATOR_CREATED = Verb("indicator_created", pgettext_lazy("audit", "Added an indicator"))
INDICATOR_UPDATED = Verb("indicator_updated", pgettext_lazy("audit", "Changed an indicator"))
DATA_POINT_ADDED = Verb("data_point_added", pgettext_lazy("audit", "Added a data point"))
DATA_POINT_REPLACED = Verb("data_point_replaced", pgettext_lazy("audit", "Replaced a data point"))
DATA_POINTS_IMPORTED = Verb("data_points_imported", pgettext_lazy("audit", "Imported data points"))
EVIDENCE_ADDED = Verb("evidence_added", pgettext_lazy("audit", "Added an experience"))
FOLLOW_UP_WRITTEN = Verb("follow_up_written", pgettext_lazy("audit", "Wrote a follow-up"))
REFLECTION_ANSWERED = Verb("reflection_answered", pgettext_lazy("audit", "Answered the reflection questions"))
QUESTIONS_PUBLISHED = Verb(
    "questions_published", pgettext_lazy("audit", "Published a new version of the reflection questions")
)
POLICY_UPDATED = Verb("goal_policy_updated", pgettext_lazy("audit", "Changed the setting for goals"))
