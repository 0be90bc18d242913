"""The hearings' audit verbs. Who answered, who helped and how the owner sorted the answers are for those who run
the hearing; the opening, closing and publication are for everyone who may read the hearing."""

from django.utils.translation import pgettext_lazy

from kompas.activity.verbs import Verb

from .permissions import can_manage_hearing, can_see_foretraede

HEARING_CREATED = Verb(
    "hearing_created", pgettext_lazy("audit", "Created the hearing"), readers=can_manage_hearing
)
HEARING_UPDATED = Verb(
    "hearing_updated", pgettext_lazy("audit", "Changed the hearing"), readers=can_manage_hearing
)
HEARING_STATUS = Verb("hearing_status_changed", pgettext_lazy("audit", "Changed the hearing's status"))
HEARING_INVITED = Verb(
    "hearing_invited", pgettext_lazy("audit", "Invited parties to the hearing"), readers=can_manage_hearing
)
ANSWER_RECEIVED = Verb(
    "hearing_answer_received", pgettext_lazy("audit", "Received a hearing answer"), readers=can_manage_hearing
)
ANSWER_CONFIRMED = Verb(
    "hearing_answer_confirmed",
    pgettext_lazy("audit", "A hearing answer was confirmed by e-mail"),
    readers=can_manage_hearing,
)
ANSWER_ASSISTED = Verb(
    "hearing_answer_assisted",
    pgettext_lazy("audit", "Entered a hearing answer on a citizen's behalf"),
    readers=can_manage_hearing,
)
THEMES_CHANGED = Verb(
    "hearing_themes_changed",
    pgettext_lazy("audit", "Changed the hearing note's themes"),
    readers=can_manage_hearing,
)
STATEMENT_ROUND = Verb("hearing_statement_round", pgettext_lazy("audit", "Started a statement round"))
NOTE_PUBLISHED = Verb("hearing_note_published", pgettext_lazy("audit", "Published the hearing note"))
PACKAGE_EXPORTED = Verb(
    "hearing_package_exported",
    pgettext_lazy("audit", "Exported the hearing for the records system"),
    readers=can_manage_hearing,
)
FORETRAEDE_REQUESTED = Verb(
    "foretraede_requested", pgettext_lazy("audit", "Asked to meet the committee"), readers=can_see_foretraede
)
FORETRAEDE_ANSWERED = Verb(
    "foretraede_answered",
    pgettext_lazy("audit", "Answered the request to meet the committee"),
    readers=can_see_foretraede,
)
