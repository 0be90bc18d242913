"""The dialogue forums' audit verbs. Statements show without their authors and the invitation list is the
facilitator's, so entries about statements and invitations are for the facilitator and programme staff."""

from django.utils.translation import pgettext_lazy

from kompas.activity.verbs import Verb

from .permissions import can_facilitate

FORUM_CREATED = Verb("forum_created", pgettext_lazy("audit", "Created the forum"))
FORUM_UPDATED = Verb("forum_updated", pgettext_lazy("audit", "Changed the forum"))
FORUM_STATUS_CHANGED = Verb("forum_status_changed", pgettext_lazy("audit", "Changed the forum's status"))
FORUM_INVITATIONS_CHANGED = Verb(
    "forum_invitations_changed", pgettext_lazy("audit", "Changed who is invited"), readers=can_facilitate
)
STATEMENT_SEEDED = Verb("statement_seeded", pgettext_lazy("audit", "Added a starting statement"))
STATEMENT_SUBMITTED = Verb(
    "statement_submitted", pgettext_lazy("audit", "Submitted a statement"), readers=can_facilitate
)
STATEMENT_MODERATED = Verb(
    "statement_moderated", pgettext_lazy("audit", "Moderated a statement"), readers=can_facilitate
)
FORUM_OUTCOME_RECORDED = Verb("forum_outcome_recorded", pgettext_lazy("audit", "Recorded the outcome"))
ASSISTED_ENTRY = Verb(
    "forum_assisted_entry",
    pgettext_lazy("audit", "Entered a citizen's answers on their behalf (assisted)"),
    readers=can_facilitate,
)
FORUM_IMPORTED = Verb("forum_imported", pgettext_lazy("audit", "Imported the forum"), readers=can_facilitate)
