"""The staff survey's audit verbs. Instruments, populations and waves are the programme staff's alone."""

from django.utils.translation import pgettext_lazy

from kompas.activity.verbs import Verb

INSTRUMENT_CREATED = Verb("survey.instrument_created", pgettext_lazy("audit", "Created the questionnaire"))
INSTRUMENT_SUCCEEDED = Verb(
    "survey.instrument_succeeded", pgettext_lazy("audit", "Made a new version of the questionnaire")
)
ITEM_ADDED = Verb("survey.item_added", pgettext_lazy("audit", "Added a question"))
ITEM_REMOVED = Verb("survey.item_removed", pgettext_lazy("audit", "Removed a question"))
POPULATION_IMPORTED = Verb("survey.population_imported", pgettext_lazy("audit", "Imported the population"))
WAVE_CREATED = Verb("survey.wave_created", pgettext_lazy("audit", "Created the survey round"))
WAVE_THRESHOLDS_CHANGED = Verb(
    "survey.wave_thresholds_changed", pgettext_lazy("audit", "Changed the disclosure thresholds")
)
WAVE_OPENED = Verb(
    "survey.wave_opened", pgettext_lazy("audit", "Opened the survey round and sent invitations")
)
WAVE_REMINDED = Verb("survey.wave_reminded", pgettext_lazy("audit", "Sent reminders"))
WAVE_CLOSED = Verb("survey.wave_closed", pgettext_lazy("audit", "Closed the survey round"))
