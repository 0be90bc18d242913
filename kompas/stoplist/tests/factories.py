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
