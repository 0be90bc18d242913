"""The council proposals' audit verbs. Whoever may read a proposal may read its versions, so its history too."""

from django.utils.translation import pgettext_lazy

from kompas.activity.verbs import Verb

TEMPLATE_CREATED = Verb("proposal_template_created", pgettext_lazy("audit", "Created the template"))
TEMPLATE_REVISED = Verb(
    "proposal_template_revised", pgettext_lazy("audit", "Published a new version of the template")
)
PROPOSAL_CREATED = Verb("proposal_created", pgettext_lazy("audit", "Created the proposal"))
PROPOSAL_CREATED_FROM_FUND = Verb(
    "proposal_created_from_fund", pgettext_lazy("audit", "Created the proposal from a fund application")
)
PROPOSAL_SAVED = Verb("proposal_saved", pgettext_lazy("audit", "Saved the proposal"))
PROPOSAL_STATUS_CHANGED = Verb(
    "proposal_status_changed", pgettext_lazy("audit", "Changed the proposal's status")
)
PROPOSAL_PUBLISHED = Verb("proposal_published", pgettext_lazy("audit", "Published the proposal"))
PROPOSAL_UNPUBLISHED = Verb(
    "proposal_unpublished", pgettext_lazy("audit", "Withdrew the proposal from publication")
)
PROPOSAL_COMMENTED = Verb("proposal_commented", pgettext_lazy("audit", "Commented on the proposal"))
