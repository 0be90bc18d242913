"""Writes of the farewell list. Keyword-only, transactional, audited; notifications after commit."""

from collections.abc import Iterable
from decimal import Decimal
from typing import TYPE_CHECKING, cast

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext

from kompas import activity
from kompas.activity.services import changes_between, snapshot
from kompas.core import formats
from kompas.core.roles import RoleCode
from kompas.organisations.choices import MembershipRole

from . import verbs
from .choices import TRANSITIONS, FarewellLevel, FarewellStatus
from .models import FarewellProposal

if TYPE_CHECKING:
    from django.db.models import QuerySet

    from kompas.accounts.models import User
    from kompas.goals.models import FollowUp
    from kompas.organisations.models import Department, Unit

# Marked for translation here, translated in the recipient's language when sent.
NOTIFICATION_TEXTS = (
    translation.gettext_noop("A new proposal for the farewell list: “%(title)s”"),
    translation.gettext_noop("Your proposal “%(title)s” has been decided: %(status)s"),
)
PROPOSAL_FIELDS = (
    "title",
    "kind",
    "description",
    "hours_per_year",
    "kroner_per_year",
    "burdens",
    "level",
    "owner_unit",
    "owner_department",
)
DECISION_FIELDS = ("status", "decision_reason", "hours_freed", "kroner_freed", "internal_note")


def _notify(users: Iterable["User"], message: str, proposal: FarewellProposal) -> None:
    """Notify each user in their own language (the status is translated there too)."""
    for user in users:
        with translation.override(getattr(user, "preferred_language", "") or settings.LANGUAGE_CODE):
            text = gettext(message) % {"title": proposal.title, "status": str(proposal.get_status_display())}
        activity.notify(recipients=[user], message=text, url=proposal.get_absolute_url())


@transaction.atomic
def proposal_create(
    *,
    actor: "User",
    title: str,
    kind: str,
    description: str,
    hours_per_year: Decimal,
    burdens: str,
    owner_unit: "Unit | None" = None,
    level: str = FarewellLevel.UNIT,
    owner_department: "Department | None" = None,
    kroner_per_year: Decimal | None = None,
    follow_up: "FollowUp | None" = None,
) -> FarewellProposal:
    """An employee proposes something to stop or simplify; the owner's deciders are told: the unit's leaders,
    the leaders in the department, or programme staff for what the whole municipality owns."""
    if level == FarewellLevel.UNIT and owner_unit is None:
        raise ValidationError({"owner_unit": gettext("Choose the unit that owns it.")})
    if level == FarewellLevel.DEPARTMENT and owner_department is None:
        raise ValidationError({"owner_department": gettext("Choose the department that owns it.")})
    proposal = FarewellProposal(
        title=title,
        kind=kind,
        description=description,
        hours_per_year=hours_per_year,
        kroner_per_year=kroner_per_year,
        burdens=burdens,
        level=level,
        owner_unit=owner_unit if level == FarewellLevel.UNIT else None,
        owner_department=owner_department if level == FarewellLevel.DEPARTMENT else None,
        proposer=actor,
        follow_up=follow_up,
    )
    proposal.full_clean()
    proposal.save()
    activity.record(
        actor=actor,
        verb=verbs.FAREWELL_PROPOSED,
        target=proposal,
        changes=changes_between({}, snapshot(proposal, PROPOSAL_FIELDS)),
    )
    _notify(_deciders(proposal).exclude(pk=actor.pk), NOTIFICATION_TEXTS[0], proposal)
    return proposal


def _deciders(proposal: FarewellProposal) -> "QuerySet[User]":
    users = get_user_model().objects.filter(is_active=True)
    if proposal.level == FarewellLevel.UNIT:
        return users.filter(
            memberships__unit_id=cast(int, proposal.owner_unit_id), memberships__role=MembershipRole.LEADER
        ).distinct()
    if proposal.level == FarewellLevel.DEPARTMENT:
        return users.filter(
            memberships__unit__department_id=cast(int, proposal.owner_department_id),
            memberships__role=MembershipRole.LEADER,
        ).distinct()
    return users.filter(roles__code=RoleCode.PROGRAMME).distinct()


@transaction.atomic
def proposal_decide(
    *,
    proposal: FarewellProposal,
    actor: "User",
    status: str,
    decision_reason: str,
    hours_freed: Decimal | None = None,
    kroner_freed: Decimal | None = None,
    internal_note: str = "",
) -> FarewellProposal:
    """The owner decides: stop, simplify or keep. Every decision has a reason the proposer sees.

    Stopping frees all the hours unless the owner says otherwise; simplifying frees the hours the owner
    states (at most what it costs); keeping frees none.
    """
    proposal = FarewellProposal.objects.select_for_update().get(pk=proposal.pk)
    if status not in TRANSITIONS.get(proposal.status, frozenset()):
        raise ValidationError({"status": gettext("This decision is not possible from the current status.")})
    if not decision_reason.strip():
        raise ValidationError({"decision_reason": gettext("Give a reason; the proposer will see it.")})
    if status == FarewellStatus.STOPPED and hours_freed is None:
        hours_freed = proposal.hours_per_year
    if status == FarewellStatus.SIMPLIFIED and hours_freed is None:
        raise ValidationError({"hours_freed": gettext("How many hours a year does the simplification free?")})
    if status == FarewellStatus.STOPPED and kroner_freed is None:
        kroner_freed = proposal.kroner_per_year
    if status == FarewellStatus.KEPT:
        hours_freed = None
        kroner_freed = None
    if (
        kroner_freed is not None
        and proposal.kroner_per_year is not None
        and kroner_freed > proposal.kroner_per_year
    ):
        raise ValidationError(
            {
                "kroner_freed": gettext("More kroner cannot be freed than it costs (%(kroner)s).")
                % {"kroner": formats.kroner(proposal.kroner_per_year)}
            }
        )
    if hours_freed is not None and hours_freed > proposal.hours_per_year:
        raise ValidationError(
            {
                "hours_freed": gettext("More hours cannot be freed than it costs (%(hours)s).")
                % {"hours": proposal.hours_per_year}
            }
        )
    before = snapshot(proposal, DECISION_FIELDS)
    proposal.status = status
    proposal.decision_reason = decision_reason.strip()
    proposal.hours_freed = hours_freed
    proposal.kroner_freed = kroner_freed
    proposal.internal_note = internal_note.strip()
    proposal.decided_by = actor
    proposal.decided_at = timezone.now()
    proposal.full_clean()
    proposal.save()
    activity.record(
        actor=actor,
        verb=verbs.FAREWELL_DECIDED,
        target=proposal,
        changes=changes_between(before, snapshot(proposal, DECISION_FIELDS), private=("internal_note",)),
    )
    if proposal.proposer_id != actor.pk:
        _notify([proposal.proposer], NOTIFICATION_TEXTS[1], proposal)
    return proposal
