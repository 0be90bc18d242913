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


def test_programme_staff_draft_the_stop_of_a_council_grant_from_the_project_page(client, role_users):
    """ "... aflive ufrugtbare evighedsprojekter": for the council's grant the stop page offers the council
    proposal, not a date to type; the draft is linked to the project and opened for editing."""
    from django.urls import reverse

    from kompas.fund.models import Project
    from kompas.fund.tests import factories as fund_factories

    programme = role_users["programme"]
    project = fund_factories.council_project(title="Byrådsprojekt til stop")
    client.force_login(programme)
    page = client.get(reverse("fund:stop", args=[project.pk]), HTTP_ACCEPT_LANGUAGE="da").content.decode()
    assert "Udarbejd byrådsindstillingen om at stoppe projektet" in page
    assert 'name="council_decided_on"' not in page and 'name="reason"' not in page
    response = client.post(reverse("proposals:from-fund-stop", args=[project.pk]))
    proposal = Proposal.objects.get(fund_project_id=project.pk)
    assert response.status_code == 302 and response["Location"] == reverse(
        "proposals:edit", args=[proposal.pk]
    )
    assert Project.objects.get(pk=project.pk).stop_council_proposal_url == proposal.get_absolute_url()
    assert proposal.title == "Stop af projektet »Byrådsprojekt til stop«"
    # Asking again opens the same draft; the project page points to it.
    client.post(reverse("proposals:from-fund-stop", args=[project.pk]))
    assert Proposal.objects.filter(fund_project_id=project.pk).count() == 1
    page = client.get(reverse("fund:project", args=[project.pk]), HTTP_ACCEPT_LANGUAGE="da").content.decode()
    assert "afventer byrådets beslutning" in page and proposal.get_absolute_url() in page
