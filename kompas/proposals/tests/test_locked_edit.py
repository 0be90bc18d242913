"""The edit page of a proposal that has moved on: those who could edit the draft are told why it is locked
(403, the reason, a link to read it); everybody else gets the same answer as before, so the page reveals
nothing to someone who may not see the proposal."""

import datetime as dt

import pytest
from django.utils import translation

from kompas.proposals import services, views
from kompas.proposals.choices import ProposalStatus
from kompas.proposals.models import Proposal
from kompas.proposals.tests import factories

pytestmark = pytest.mark.django_db


def _move(proposal, role_users, *statuses) -> Proposal:
    actors = {ProposalStatus.MAGISTRATE: role_users["leader"]}
    for status in statuses:
        proposal = services.proposal_transition(
            proposal=proposal,
            actor=actors.get(status, role_users["programme"]),
            to_status=status,
            decision="adopted" if status == ProposalStatus.DECIDED else "",
            decided_on=dt.date(2026, 5, 1) if status == ProposalStatus.DECIDED else None,
        )
    return proposal


def _reason(response, status) -> str:
    with translation.override(response["Content-Language"]):
        return str(views.LOCKED_REASONS[status])


def test_the_author_is_told_the_proposal_went_to_the_magistrate(client_for, role_users):
    proposal = _move(factories.proposal(title="Grønne skolegårde"), role_users, ProposalStatus.MAGISTRATE)
    response = client_for("leader").get(f"/proposals/{proposal.pk}/edit/")
    assert response.status_code == 403
    body = response.content.decode()
    assert _reason(response, ProposalStatus.MAGISTRATE) in body
    assert "Grønne skolegårde" in body
    assert f'href="/proposals/{proposal.pk}/"' in body
    assert response.templates[0].name == "core/no_longer_editable.html"


def test_a_post_to_a_locked_proposal_changes_nothing(client_for, role_users):
    proposal = _move(factories.proposal(), role_users, ProposalStatus.MAGISTRATE)
    response = client_for("leader").post(f"/proposals/{proposal.pk}/edit/", {"title": "Ændret titel"})
    assert response.status_code == 403
    assert Proposal.objects.get(pk=proposal.pk).title == "Flere børn cykler i skole"


def test_programme_staff_see_the_reason_for_a_decided_proposal(client_for, role_users):
    proposal = _move(
        factories.proposal(),
        role_users,
        ProposalStatus.MAGISTRATE,
        ProposalStatus.COUNCIL_FIRST,
        ProposalStatus.DECIDED,
    )
    response = client_for("programme").get(f"/proposals/{proposal.pk}/edit/")
    assert response.status_code == 403
    assert _reason(response, ProposalStatus.DECIDED) in response.content.decode()
    assert response.context["hint"] == ""  # a decided proposal cannot go back to draft


def test_every_later_stage_has_a_reason():
    later = set(ProposalStatus.values) - {ProposalStatus.DRAFT}
    assert set(views.LOCKED_REASONS) == later


def test_a_reader_who_never_could_edit_gets_the_same_404(client_for, role_users):
    """An employee outside the department may read a proposal that has been sent on, but never could edit
    it: the edit page answers as it would for a proposal that does not exist."""
    proposal = _move(factories.proposal(), role_users, ProposalStatus.MAGISTRATE)
    client = client_for("employee")
    assert client.get(f"/proposals/{proposal.pk}/").status_code == 200
    locked = client.get(f"/proposals/{proposal.pk}/edit/")
    missing = client.get("/proposals/999999/edit/")
    assert locked.status_code == missing.status_code == 404
    assert "Flere børn" not in locked.content.decode()


def test_a_draft_of_another_department_stays_hidden(client_for, role_users):
    proposal = factories.proposal()
    response = client_for("employee").get(f"/proposals/{proposal.pk}/edit/")
    assert response.status_code == 404
    assert "Flere børn" not in response.content.decode()


def test_a_citizen_learns_nothing_about_the_proposal(client_for, role_users):
    proposal = _move(factories.proposal(), role_users, ProposalStatus.MAGISTRATE)
    locked = client_for("citizen").get(f"/proposals/{proposal.pk}/edit/")
    missing = client_for("citizen").get("/proposals/999999/edit/")
    assert locked.status_code == missing.status_code
    assert "Flere børn" not in locked.content.decode()


def test_the_draft_is_still_edited_as_before(client_for, role_users):
    proposal = factories.proposal()
    assert client_for("leader").get(f"/proposals/{proposal.pk}/edit/").status_code == 200


def test_a_draft_sent_on_is_locked_on_the_next_fresh_view(client_for, role_users):
    """The edit page reads the draft's head once per process for each content version: the draft sent on to
    the magistrate is locked on the very next view, also right after it was shown as editable."""
    proposal = factories.proposal(title="Grønne skolegårde")
    client = client_for("leader")
    url = f"/proposals/{proposal.pk}/edit/"
    assert client.get(url, HTTP_CACHE_CONTROL="no-cache").status_code == 200
    assert client.get(url, HTTP_CACHE_CONTROL="no-cache").status_code == 200  # the head as kept
    _move(proposal, role_users, ProposalStatus.MAGISTRATE)
    response = client.get(url, HTTP_CACHE_CONTROL="no-cache")
    assert response.status_code == 403
    assert _reason(response, ProposalStatus.MAGISTRATE) in response.content.decode()


def test_the_kept_draft_is_still_refused_to_a_reader_who_may_not_see_it(client_for, role_users):
    """The head read once per version is the same for everyone; who may open the draft is still asked for each
    reader: after programme staff opened it, an employee outside the department gets the same 404 as before."""
    proposal = factories.proposal(author_email="programstab@test.kompas.dk")
    url = f"/proposals/{proposal.pk}/edit/"
    assert client_for("programme").get(url, HTTP_CACHE_CONTROL="no-cache").status_code == 200
    response = client_for("employee").get(url, HTTP_CACHE_CONTROL="no-cache")
    assert response.status_code == 404 and proposal.title not in response.content.decode()
