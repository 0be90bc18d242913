"""The learning forums' audit verbs. Who signed up for a session, joined a forum or moved up from the waiting
list names a person: those entries are for the forum's managers (the host and programme staff). A shared
material's title is for those who may see the materials."""

from django.utils.translation import pgettext_lazy

from kompas.activity.verbs import Verb

from .permissions import manages_forum_of, uses_materials_of

FORUM_CREATED = Verb("learning_forum_created", pgettext_lazy("audit", "Created the learning forum"))
FORUM_UPDATED = Verb("learning_forum_updated", pgettext_lazy("audit", "Changed the learning forum"))
MEMBER_JOINED = Verb(
    "learning_member_joined", pgettext_lazy("audit", "Joined the learning forum"), readers=manages_forum_of
)
MEMBER_LEFT = Verb(
    "learning_member_left", pgettext_lazy("audit", "Left the learning forum"), readers=manages_forum_of
)
SESSION_CREATED = Verb("learning_session_created", pgettext_lazy("audit", "Planned a session"))
SESSION_UPDATED = Verb("learning_session_updated", pgettext_lazy("audit", "Changed the session"))
SIGNED_UP = Verb(
    "learning_signed_up", pgettext_lazy("audit", "Signed up for the session"), readers=manages_forum_of
)
WAITLISTED = Verb(
    "learning_waitlisted",
    pgettext_lazy("audit", "Was put on the session's waiting list"),
    readers=manages_forum_of,
)
SIGNUP_CANCELLED = Verb(
    "learning_signup_cancelled",
    pgettext_lazy("audit", "Cancelled a place at the session"),
    readers=manages_forum_of,
)
PROMOTED = Verb(
    "learning_promoted",
    pgettext_lazy("audit", "Moved up from the waiting list"),
    readers=manages_forum_of,
)
MATERIAL_ADDED = Verb(
    "learning_material_added", pgettext_lazy("audit", "Shared a material"), readers=uses_materials_of
)
LOG_WRITTEN = Verb("learning_log_written", pgettext_lazy("audit", "Wrote the session log"))
