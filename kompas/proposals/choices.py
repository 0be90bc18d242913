from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class ProposalStatus(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("proposal status", "Draft")
    MAGISTRATE = "magistrate", _("In the magistrate (Magistraten)")
    COMMITTEE = "committee", _("In committee")
    COUNCIL_FIRST = "council_first", _("City council, 1st reading")
    COUNCIL_SECOND = "council_second", _("City council, 2nd reading")
    DECIDED = "decided", _("Decided")


# The state machine as data: from each status, where a proposal may go next.
TRANSITIONS: dict[str, tuple[str, ...]] = {
    ProposalStatus.DRAFT: (ProposalStatus.MAGISTRATE,),
    ProposalStatus.MAGISTRATE: (ProposalStatus.COMMITTEE, ProposalStatus.COUNCIL_FIRST, ProposalStatus.DRAFT),
    ProposalStatus.COMMITTEE: (ProposalStatus.COUNCIL_FIRST, ProposalStatus.MAGISTRATE),
    ProposalStatus.COUNCIL_FIRST: (ProposalStatus.COUNCIL_SECOND, ProposalStatus.DECIDED),
    ProposalStatus.COUNCIL_SECOND: (ProposalStatus.DECIDED,),
    ProposalStatus.DECIDED: (),
}


class Decision(models.TextChoices):
    ADOPTED = "adopted", _("Adopted")
    ADOPTED_AMENDED = "adopted_amended", _("Adopted with amendments")
    REJECTED = "rejected", pgettext_lazy("council decision", "Rejected")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class SectionKind(models.TextChoices):
    TEXT = "text", _("Text")
    DECISIONS = "decisions", _("Decision points")
    VALUE = "value", _("Value for citizens and society")


# Danish LIX bands (readability.BANDS) as labels and DKFDS badges.
BAND_LABELS = {
    "very_easy": _("very easy"),
    "easy": _("easy"),
    "medium": _("medium"),
    "difficult": _("difficult"),
    "very_difficult": _("very difficult"),
}
BAND_BADGES = {
    "very_easy": "badge-success",
    "easy": "badge-success",
    "medium": "badge-info",
    "difficult": "badge-warning",
    "very_difficult": "badge-error",
}
STATUS_BADGES: dict[str, str] = {
    ProposalStatus.DRAFT: "",
    ProposalStatus.MAGISTRATE: "badge-info",
    ProposalStatus.COMMITTEE: "badge-info",
    ProposalStatus.COUNCIL_FIRST: "badge-info",
    ProposalStatus.COUNCIL_SECOND: "badge-info",
    ProposalStatus.DECIDED: "badge-success",
}
