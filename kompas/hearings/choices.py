from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class HearingStatus(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("hearing status", "Draft")
    OPEN = "open", _("Open for answers")
    CLOSED = "closed", _("Closed – the hearing note is being written")
    PUBLISHED = "published", _("Hearing note published")


# The owner opens and closes a hearing; the hearing note's publication is the last step (services.note_publish).
TRANSITIONS: dict[str, frozenset[str]] = {
    HearingStatus.DRAFT: frozenset({HearingStatus.OPEN}),
    HearingStatus.OPEN: frozenset({HearingStatus.CLOSED}),
    HearingStatus.CLOSED: frozenset({HearingStatus.OPEN}),
    HearingStatus.PUBLISHED: frozenset(),
}

STATUS_BADGES: dict[str, str] = {
    HearingStatus.DRAFT: "",
    HearingStatus.OPEN: "badge-info",
    HearingStatus.CLOSED: "badge-warning",
    HearingStatus.PUBLISHED: "badge-success",
}


class DraftKind(models.TextChoices):
    """What is sent to hearing."""

    PROPOSAL = "proposal", _("A council proposal")
    GOAL = "goal", _("A goal")
    POLICY = "policy", _("A policy text")


class PartyKind(models.TextChoices):
    """Who a hearing invites by name, and who an organisation answering is."""

    ASSOCIATION = "association", _("Association")
    TRADE_UNION = "trade_union", _("Professional organisation")
    COUNCIL = "council", _("Council (e.g. Ældrerådet)")
    BUSINESS = "business", _("Business")
    OTHER = "other", _("Other organisation")


class RespondentKind(models.TextChoices):
    PERSON = "person", _("As a private person")
    ORGANISATION = "organisation", _("On behalf of an organisation")


class AnswerStatus(models.TextChoices):
    UNCONFIRMED = "unconfirmed", _("Awaiting confirmation by e-mail")
    CONFIRMED = "confirmed", _("Received")


class ForetraedeStatus(models.TextChoices):
    REQUESTED = "requested", _("Received – awaiting the committee")
    GRANTED = "granted", _("Granted – a meeting is set")
    DECLINED = "declined", _("Declined, with a reason")
    HELD = "held", _("The meeting has been held")


FORETRAEDE_TRANSITIONS: dict[str, frozenset[str]] = {
    ForetraedeStatus.REQUESTED: frozenset({ForetraedeStatus.GRANTED, ForetraedeStatus.DECLINED}),
    ForetraedeStatus.GRANTED: frozenset({ForetraedeStatus.HELD, ForetraedeStatus.DECLINED}),
    ForetraedeStatus.DECLINED: frozenset(),
    ForetraedeStatus.HELD: frozenset(),
}

FORETRAEDE_BADGES: dict[str, str] = {
    ForetraedeStatus.REQUESTED: "badge-info",
    ForetraedeStatus.GRANTED: "badge-success",
    ForetraedeStatus.DECLINED: "",
    ForetraedeStatus.HELD: "badge-success",
}
