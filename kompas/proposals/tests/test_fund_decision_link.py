"""The council step of a fund case: the proposal drafted from it is linked to the case, and the council's
decision on the proposal flows into the case – never re-keyed (fund issue 13)."""

import datetime as dt
from decimal import Decimal

import pytest

from kompas.proposals import services
from kompas.proposals.choices import Decision, ProposalStatus
from kompas.proposals.models import Proposal

pytestmark = pytest.mark.django_db


def test_the_adopted_proposal_grants_the_fund_case(role_users):
    """ "Hvis der skal bevilges midler til projekter over 2 mio. kr. skal ansøgningen foreligges byrådet." """
    from kompas.fund import services as fund_services
    from kompas.fund.choices import ApplicationStatus
    from kompas.fund.models import Application, LedgerEntry
    from kompas.fund.tests import factories as fund_factories

    programme = role_users["programme"]
    application = fund_factories.assessed(title="Stor byrådssag", amount=Decimal("2500000.00"))
    fund_services.application_decide(
        application=application, actor=programme, outcome="grant", reason_code="strong_case"
    )
    proposal = services.proposal_from_fund(application_id=application.pk, actor=programme)
    application.refresh_from_db()
    assert application.council_proposal_id == proposal.pk and application.council_proposal_url
    Proposal.objects.filter(pk=proposal.pk).update(
        status=ProposalStatus.COUNCIL_FIRST, case_number="26/01234"
    )
    services.proposal_transition(
        proposal=proposal,
        actor=programme,
        to_status=ProposalStatus.DECIDED,
        decision=Decision.ADOPTED,
        decided_on=dt.date(2026, 5, 6),
    )
    application = Application.objects.get(pk=application.pk)
    assert application.status == ApplicationStatus.GRANTED
    assert (application.council_outcome, application.council_case_number) == ("approved", "26/01234")
    assert application.council_decided_on == dt.date(2026, 5, 6)
    assert LedgerEntry.objects.filter(application=application, kind="commitment").exists()
