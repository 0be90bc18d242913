"""Test data for the farewell list, made through the services."""

from decimal import Decimal

from django.contrib.auth import get_user_model

from kompas.goals.tests.factories import unit_with_leader
from kompas.stoplist import services
from kompas.stoplist.choices import FarewellKind
from kompas.stoplist.models import FarewellProposal


def proposal(
    *,
    title: str = "Ugentligt statusmøde om skemaer",
    proposer_email: str = "medarbejder@test.kompas.dk",
    unit=None,
    hours: str = "120",
    **extra,
) -> FarewellProposal:
    proposer = get_user_model().objects.get(email=proposer_email)
    values = {
        "title": title,
        "kind": FarewellKind.MEETING,
        "description": "Et møde hver mandag, hvor vi gennemgår skemaet, som alle allerede kan se i systemet.",
        "hours_per_year": Decimal(hours),
        "burdens": "lærerne i indskolingen",
        "owner_unit": unit or unit_with_leader(),
        **extra,
    }
    return services.proposal_create(actor=proposer, **values)


def decide(proposal: FarewellProposal, actor, status: str, reason: str, **values) -> FarewellProposal:
    """The decision on ``proposal`` by ``actor``, with its reason (and hours or kroner freed in ``values``)."""
    return services.proposal_decide(
        proposal=proposal, actor=actor, status=status, decision_reason=reason, **values
    )


def form_data(owner_unit: int | None = None, **changes) -> dict:
    """What the proposal form posts for an item that is complete but for what ``changes`` replace or add;
    owned by the unit with the pk ``owner_unit`` (without one the form must be told who owns it)."""
    data = {
        "title": "Ugentlig papirrapport",
        "kind": FarewellKind.FORM,
        "description": "Tallene står allerede i fagsystemet.",
        "hours_per_year": "30",
        "burdens": "lærerne i indskolingen",
        **changes,
    }
    if owner_unit is not None:
        data["owner_unit"] = owner_unit
    return data
