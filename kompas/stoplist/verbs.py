"""The farewell list's audit verbs. Who proposed a farewell is shown only to the proposer, the owner unit's
leaders and programme staff, so the entry that names them is theirs too."""

from django.utils.translation import pgettext_lazy

from kompas.activity.verbs import Verb

from .permissions import can_see_proposer

FAREWELL_PROPOSED = Verb(
    "farewell_proposed", pgettext_lazy("audit", "Proposed the farewell"), readers=can_see_proposer
)
FAREWELL_DECIDED = Verb("farewell_decided", pgettext_lazy("audit", "Decided on the farewell proposal"))
