"""The fund's audit verbs: what each entry in an application's or project's history means, and who may read it.

Anyone who may read the application (the applicant, its co-applicant departments' leaders, programme staff,
an assessor cleared to assess, the advisory board on the shortlist) reads the default verbs; in a round that
anonymises applicants, the applicant's own entries are not for the assessors and the advisory board. What
belongs to the assessment itself - conflict declarations, scores, who assesses, advisory comments, the
recommendation, a look into a sealed round - is for programme staff (and, for the advisory board's own
comments, the advisory board).
"""

import rules
from django.utils.translation import pgettext_lazy

from kompas.activity.verbs import Verb
from kompas.core.roles import is_programme_staff

from .permissions import is_advisory, is_applicant, is_co_applicant_leader


@rules.predicate
def sees_applicant(user, application) -> bool:
    """In a round that anonymises applicants the assessors and the advisory board do not see who applied, so
    the entries the applicant's side made (they carry the applicant's name) are not theirs."""
    return (
        not application.round.anonymise_applicants
        or is_programme_staff.test(user)
        or is_applicant(user, application)
        or is_co_applicant_leader(user, application)
    )


APPLICATION_CREATED = Verb(
    "fund_application_created", pgettext_lazy("audit", "Started an application"), readers=sees_applicant
)
DRAFT_SAVED = Verb("fund_draft_saved", pgettext_lazy("audit", "Saved the draft"), readers=sees_applicant)
APPLICATION_SUBMITTED = Verb(
    "fund_application_submitted", pgettext_lazy("audit", "Submitted the application"), readers=sees_applicant
)
APPLICATION_WITHDRAWN = Verb(
    "fund_application_withdrawn", pgettext_lazy("audit", "Withdrew the application"), readers=sees_applicant
)
CO_APPLICANT_ADDED = Verb(
    "fund_co_applicant_added", pgettext_lazy("audit", "Added a co-applicant"), readers=sees_applicant
)
CO_APPLICANT_REMOVED = Verb(
    "fund_co_applicant_removed", pgettext_lazy("audit", "Removed a co-applicant"), readers=sees_applicant
)
CO_APPLICANT_CONFIRMED = Verb(
    "fund_co_applicant_confirmed",
    pgettext_lazy("audit", "Confirmed taking part as co-applicant"),
    readers=sees_applicant,
)
CO_APPLICANT_DECLINED = Verb(
    "fund_co_applicant_declined",
    pgettext_lazy("audit", "Declined taking part as co-applicant"),
    readers=sees_applicant,
)
ATTACHMENT_ADDED = Verb(
    "fund_attachment_added", pgettext_lazy("audit", "Added an attachment"), readers=sees_applicant
)
ATTACHMENT_REMOVED = Verb(
    "fund_attachment_removed", pgettext_lazy("audit", "Removed an attachment"), readers=sees_applicant
)
SEALED_PEEK = Verb(
    "fund_sealed_peek",
    pgettext_lazy("audit", "Opened the application before the sealed round closed"),
    readers=is_programme_staff,
)
APPLICATION_SCREENED = Verb("fund_application_screened", pgettext_lazy("audit", "Screened the application"))
ASSESSOR_ASSIGNED = Verb(
    "fund_assessor_assigned", pgettext_lazy("audit", "Assigned an assessor"), readers=is_programme_staff
)
CONFLICT_DECLARED = Verb(
    "fund_conflict_declared",
    pgettext_lazy("audit", "Declared a conflict of interest"),
    readers=is_programme_staff,
)
NO_CONFLICT_DECLARED = Verb(
    "fund_no_conflict_declared",
    pgettext_lazy("audit", "Declared no conflict of interest"),
    readers=is_programme_staff,
)
SCORES_SAVED = Verb("fund_scores_saved", pgettext_lazy("audit", "Saved scores"), readers=is_programme_staff)
SHORTLIST = Verb(
    "fund_shortlist", pgettext_lazy("audit", "Changed the shortlist"), readers=is_programme_staff
)
ADVISORY_COMMENT = Verb(
    "fund_advisory_comment", pgettext_lazy("audit", "Commented as the advisory board"), readers=is_advisory
)
RECOMMENDATION = Verb(
    "fund_recommendation", pgettext_lazy("audit", "Recorded a recommendation"), readers=is_programme_staff
)
DECISION = Verb("fund_decision", pgettext_lazy("audit", "Decided on the application"))
SENT_TO_COUNCIL = Verb(
    "fund_sent_to_council", pgettext_lazy("audit", "Sent the application to the city council")
)
COUNCIL_DECISION = Verb(
    "fund_council_decision", pgettext_lazy("audit", "Recorded the city council's decision")
)
COUNCIL_PROPOSAL_LINKED = Verb(
    "fund_council_proposal_linked", pgettext_lazy("audit", "Drafted the council proposal for the case")
)
GRANT_COMMITTED = Verb("fund_grant_committed", pgettext_lazy("audit", "Committed the grant"))
DISBURSEMENT = Verb("fund_disbursement", pgettext_lazy("audit", "Paid out money"), readers=is_programme_staff)
MILESTONE_ADDED = Verb("fund_milestone_added", pgettext_lazy("audit", "Added a milestone"))
MILESTONE_REACHED = Verb("fund_milestone_reached", pgettext_lazy("audit", "Reached a milestone"))
EFFECT_REPORT = Verb("fund_effect_report", pgettext_lazy("audit", "Reported on the effect"))
PROJECT_STOPPED = Verb("fund_project_stopped", pgettext_lazy("audit", "Stopped the project early"))
PROJECT_STOP_PROPOSED = Verb(
    "fund_project_stop_proposed", pgettext_lazy("audit", "Proposed to stop the project")
)
PROJECT_STOP_COUNCIL_PROPOSAL = Verb(
    "fund_project_stop_council_proposal",
    pgettext_lazy("audit", "Drafted the council proposal to stop the project"),
)
PROJECT_STOP_COUNCIL_REJECTED = Verb(
    "fund_project_stop_council_rejected",
    pgettext_lazy("audit", "The city council decided that the project continues"),
)
PROJECT_COMPLETED = Verb("fund_project_completed", pgettext_lazy("audit", "Completed the project"))
PROJECT_SPREAD = Verb("fund_project_spread", pgettext_lazy("audit", "Recorded how the project spreads"))
LOCAL_ALLOCATION = Verb(
    "fund_local_allocation", pgettext_lazy("audit", "Split the local pool between departments")
)
LOCAL_PROJECT_SAVED = Verb("fund_local_project_saved", pgettext_lazy("audit", "Saved the local project"))
CONFIG_SAVED = Verb("fund_config_saved", pgettext_lazy("audit", "Changed the fund's settings"))
ACCOUNT_ASSESSED = Verb(
    "fund_account_assessed",
    pgettext_lazy("audit", "Wrote the director's assessment in the innovation account"),
)
