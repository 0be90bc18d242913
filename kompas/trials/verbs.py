"""The trials' audit verbs. Staff may read every trial and everything its page shows."""

from django.utils.translation import pgettext_lazy

from kompas.activity.verbs import Verb

TRIAL_CREATED = Verb("trial_created", pgettext_lazy("audit", "Created the trial"))
TRIAL_UPDATED = Verb("trial_updated", pgettext_lazy("audit", "Changed the trial"))
ITERATION_STARTED = Verb("trial_iteration_started", pgettext_lazy("audit", "Started an iteration"))
ITERATION_UPDATED = Verb("trial_iteration_updated", pgettext_lazy("audit", "Changed an iteration"))
TRIAL_DECIDED = Verb("trial_decided", pgettext_lazy("audit", "Decided how the trial goes on"))
