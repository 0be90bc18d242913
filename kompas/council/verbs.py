"""The council's audit verbs."""

from django.utils.translation import pgettext_lazy

from kompas.activity.verbs import Verb

MEMBER_ADDED = Verb("council_member_added", pgettext_lazy("audit", "Added a politician to the committee"))
MEMBER_REMOVED = Verb(
    "council_member_removed", pgettext_lazy("audit", "Removed a politician from the committee")
)
DIGEST_SENT = Verb("council_digest_sent", pgettext_lazy("audit", "Sent the committee's digest"))
