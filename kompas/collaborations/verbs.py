"""The collaborations' audit verbs. Who was invited to a reflection round and who has answered is shown on the
round's page only to those who manage the collaboration, so those entries are theirs too (ADR 0012)."""

import rules
from django.utils.translation import pgettext_lazy

from kompas.activity.verbs import Verb

from .permissions import can_manage_collaboration


@rules.predicate
def manages_round(user, reflection_round) -> bool:
    return can_manage_collaboration.test(user, reflection_round.collaboration)


COLLABORATION_CREATED = Verb("collaboration_created", pgettext_lazy("audit", "Created the collaboration"))
COLLABORATION_UPDATED = Verb("collaboration_updated", pgettext_lazy("audit", "Changed the collaboration"))
ROUND_STARTED = Verb("reflection_round_started", pgettext_lazy("audit", "Started a reflection round"))
ROUND_STATUS = Verb(
    "reflection_round_status", pgettext_lazy("audit", "Changed the reflection round's status")
)
PARTICIPANT_INVITED = Verb(
    "reflection_participant_invited", pgettext_lazy("audit", "Invited a participant"), readers=manages_round
)
EXTERNAL_INVITED = Verb(
    "reflection_external_invited",
    pgettext_lazy("audit", "Invited an external participant"),
    readers=manages_round,
)
ANSWERED = Verb(
    "reflection_answered", pgettext_lazy("audit", "Answered the reflection"), readers=manages_round
)
ANSWER_CHANGED = Verb(
    "reflection_answer_changed",
    pgettext_lazy("audit", "Changed an answer to the reflection"),
    readers=manages_round,
)
PRINCIPLES_PUBLISHED = Verb(
    "principles_published", pgettext_lazy("audit", "Published a new version of the principles")
)
