import datetime as dt
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kompas.activity.models import Notification
from kompas.goals.tests import factories as goal_factories
from kompas.organisations.models import Unit
from kompas.stoplist.choices import FarewellStatus
from kompas.stoplist.models import FarewellProposal
from kompas.stoplist.tests import factories

pytestmark = pytest.mark.django_db

PROPOSER_NAME = "Maja Medarbejder"
SECRET_NOTE = "INTERN-NOTE-MARKØR"


def _decide(proposal, role_users, *, status, decision_reason, **values):
    return factories.decide(proposal, role_users["leader"], status, decision_reason, **values)


def test_employee_proposes_and_leader_of_owner_unit_is_notified(
    client_for, role_users, django_capture_on_commit_callbacks
):
    unit = goal_factories.unit_with_leader()
    client = client_for("employee")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("stoplist:create"), factories.form_data(unit.pk, hours_per_year="37,5")
        )
    proposal = FarewellProposal.objects.get()
    assert response.status_code == 302 and response["Location"] == proposal.get_absolute_url()
    assert proposal.hours_per_year == Decimal("37.5")
    assert proposal.proposer == role_users["employee"]
    assert Notification.objects.filter(
        recipient=role_users["leader"], url=proposal.get_absolute_url()
    ).exists()


def test_form_keeps_input_and_shows_danish_error(client_for, role_users):
    goal_factories.unit_with_leader()
    response = client_for("employee").post(
        reverse("stoplist:create"), {"title": "Dobbelt registrering", "kind": "form", "hours_per_year": "-3"}
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "Dobbelt registrering" in body
    assert "Dette felt er påkrævet" in body
    assert not FarewellProposal.objects.exists()


def test_cpr_number_is_refused(client_for, role_users):
    unit = goal_factories.unit_with_leader()
    response = client_for("employee").post(
        reverse("stoplist:create"),
        factories.form_data(unit.pk, description="Borgeren 010203-1234 skal udfylde det tre gange."),
    )
    assert response.status_code == 200
    assert "010203-1234" not in FarewellProposal.objects.values_list("description", flat=True)
    assert not FarewellProposal.objects.exists()


def test_owner_decides_stop_and_proposer_sees_reason(
    client_for, role_users, django_capture_on_commit_callbacks
):
    proposal = factories.proposal()
    client = client_for("leader")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("stoplist:decide", kwargs={"pk": proposal.pk}),
            {"status": "stopped", "decision_reason": "Skemaet ligger i Aula.", "internal_note": SECRET_NOTE},
        )
    assert response.status_code == 302
    proposal.refresh_from_db()
    assert proposal.status == FarewellStatus.STOPPED
    assert proposal.hours_freed == proposal.hours_per_year  # stopping frees all hours
    notification = Notification.objects.get(recipient=role_users["employee"])
    assert "Ugentligt statusmøde" in notification.message
    page = client_for("employee").get(proposal.get_absolute_url()).content.decode()
    assert "Skemaet ligger i Aula." in page
    assert SECRET_NOTE not in page  # the internal note is for the deciders only
    assert SECRET_NOTE in client_for("leader").get(proposal.get_absolute_url()).content.decode()


def test_other_employee_cannot_decide(client_for, role_users):
    proposal = factories.proposal(proposer_email="programstab@test.kompas.dk")
    response = client_for("employee").post(
        reverse("stoplist:decide", kwargs={"pk": proposal.pk}), {"status": "stopped", "decision_reason": "x"}
    )
    assert response.status_code == 404
    proposal.refresh_from_db()
    assert proposal.status == FarewellStatus.PROPOSED


def test_simplify_needs_hours_and_cannot_free_more_than_it_costs(client_for, role_users):
    proposal = factories.proposal(hours="100")
    url = reverse("stoplist:decide", kwargs={"pk": proposal.pk})
    client = client_for("leader")
    response = client.post(url, {"status": "simplified", "decision_reason": "Kortere møde"})
    assert response.status_code == 200 and "hours_freed" in response.context["form"].errors
    response = client.post(
        url, {"status": "simplified", "decision_reason": "Kortere møde", "hours_freed": "150"}
    )
    assert response.status_code == 200
    response = client.post(
        url, {"status": "simplified", "decision_reason": "Kortere møde", "hours_freed": "60"}
    )
    assert response.status_code == 302
    proposal.refresh_from_db()
    assert proposal.hours_freed == Decimal("60")


def test_transitions_are_enforced(role_users):
    proposal = factories.proposal()
    _decide(proposal, role_users, status=FarewellStatus.KEPT, decision_reason="Lovkrav")
    proposal.refresh_from_db()
    assert proposal.hours_freed is None
    with pytest.raises(ValidationError):
        _decide(proposal, role_users, status=FarewellStatus.PROPOSED, decision_reason="tilbage")
    with pytest.raises(ValidationError):
        _decide(proposal, role_users, status=FarewellStatus.STOPPED, decision_reason="  ")
    _decide(proposal, role_users, status=FarewellStatus.STOPPED, decision_reason="Loven er ændret")
    proposal.refresh_from_db()
    with pytest.raises(ValidationError):
        _decide(proposal, role_users, status=FarewellStatus.KEPT, decision_reason="igen")


def test_public_page_shows_hours_by_department_without_names_or_notes(client_for, role_users):
    stopped = factories.proposal(title="Papirblanket til kørsel", hours="80")
    _decide(
        stopped,
        role_users,
        status=FarewellStatus.STOPPED,
        decision_reason="Digitalt nu",
        internal_note=SECRET_NOTE,
    )
    simplified = factories.proposal(title="Kvartalsrapport", hours="40")
    _decide(
        simplified,
        role_users,
        status=FarewellStatus.SIMPLIFIED,
        decision_reason="Halvårlig",
        hours_freed=Decimal("20"),
    )
    factories.proposal(title="Endnu-ikke-besluttet-markør")
    kept = factories.proposal(title="Beholdt-markør")
    _decide(kept, role_users, status=FarewellStatus.KEPT, decision_reason="Lovkrav")
    response = client_for("anonymous").get(reverse("stoplist:public"))
    assert response.status_code == 200
    body = response.content.decode()
    assert "Papirblanket til kørsel" in body and "Kvartalsrapport" in body
    assert "Endnu-ikke-besluttet-markør" not in body and "Beholdt-markør" not in body
    assert PROPOSER_NAME not in body and SECRET_NOTE not in body and "Lars Leder" not in body
    assert ">100</td>" in body  # 80 + 20 hours freed, Danish format without a needless ",0"
    assert "Børn og Unge" in body


def test_public_api_lists_farewells_without_names(client, role_users):
    proposal = factories.proposal(title="Dobbelt tidsregistrering", hours="55")
    _decide(
        proposal,
        role_users,
        status=FarewellStatus.STOPPED,
        decision_reason="Ét system",
        internal_note=SECRET_NOTE,
    )
    data = client.get(reverse("api:list_farewells")).json()
    assert data["total_count"] == 1
    assert Decimal(str(data["total_hours_freed"])) == Decimal("55")
    assert data["items"][0]["title"] == "Dobbelt tidsregistrering"
    text = str(data)
    assert SECRET_NOTE not in text and PROPOSER_NAME not in text


def test_follow_up_prefills_a_proposal(client_for, role_users):
    goal = goal_factories.goal()
    from kompas.goals import services as goal_services

    follow_up = goal_services.follow_up_write(
        goal=goal,
        actor=role_users["leader"],
        status="on_track",
        status_reason="Godt på vej",
        what_happened="Vi prøvede læsebånd",
        learned="Læsebånd virker",
        will_stop="Den ugentlige læselog på papir",
    )
    client = client_for("leader")
    page = client.get(reverse("stoplist:create") + f"?follow_up={follow_up.pk}").content.decode()
    assert "Den ugentlige læselog på papir" in page
    response = client.post(
        reverse("stoplist:create"),
        factories.form_data(
            goal.owner_unit_id, follow_up=follow_up.pk, title="Den ugentlige læselog på papir"
        ),
    )
    assert response.status_code == 302
    assert FarewellProposal.objects.get().follow_up == follow_up
    # Every member of staff may read goals, so anyone on staff may start from the follow-up; a reference to a
    # follow-up that does not exist is ignored.
    page = (
        client_for("employee").get(reverse("stoplist:create") + f"?follow_up={follow_up.pk}").content.decode()
    )
    assert "Den ugentlige læselog på papir" in page
    page = client_for("employee").get(reverse("stoplist:create") + "?follow_up=999999").content.decode()
    assert "Den ugentlige læselog på papir" not in page


def _make_decided(n: int, role_users, start: int) -> None:
    units = list(Unit.objects.all()[:3])
    for i in range(n):
        p = factories.proposal(title=f"Farvel {start + i}", unit=units[i % len(units)])
        _decide(p, role_users, status=FarewellStatus.STOPPED, decision_reason="Ok")


@pytest.mark.parametrize("url_name", ["stoplist:public", "stoplist:list"])
def test_pages_run_a_constant_number_of_queries(client_for, role_users, url_name):
    goal_factories.unit_with_leader()
    client = client_for("leader" if url_name == "stoplist:list" else "anonymous")
    _make_decided(1, role_users, 0)
    client.get(reverse(url_name))
    cache.clear()  # measure the page as rendered, not the anonymous page cache
    with CaptureQueriesContext(connection) as small:
        assert client.get(reverse(url_name)).status_code == 200
    _make_decided(10, role_users, 100)
    cache.clear()
    with CaptureQueriesContext(connection) as large:
        assert client.get(reverse(url_name)).status_code == 200
    assert len(large) == len(small)


def test_dates_are_recorded(role_users):
    proposal = factories.proposal()
    _decide(proposal, role_users, status=FarewellStatus.STOPPED, decision_reason="Ok")
    proposal.refresh_from_db()
    assert proposal.decided_by == role_users["leader"]
    assert proposal.decided_at.date() <= dt.date.today() + dt.timedelta(days=1)


def test_leader_front_page_lists_proposals_to_decide_and_the_public_list_is_in_the_navigation(
    client_for, role_users
):
    factories.proposal(title="Forside-markør")
    assert "Forside-markør" in client_for("leader").get("/").content.decode()
    assert "Forside-markør" not in client_for("employee").get("/").content.decode()
    public_url = reverse("stoplist:public")
    assert f'href="{public_url}"' in client_for("anonymous").get("/").content.decode()


def test_personal_data_export_and_erasure(role_users):
    from kompas.stoplist.personal import PROVIDER

    proposal = factories.proposal()
    _decide(proposal, role_users, status=FarewellStatus.KEPT, decision_reason="Lovkrav")
    exported = PROVIDER.export(role_users["employee"])
    assert exported["farewell_proposals"][0]["title"] == proposal.title
    assert PROVIDER.export(role_users["leader"])["farewell_decisions"][0]["id"] == proposal.pk
    assert PROVIDER.erase(role_users["leader"]) == 1
    proposal.refresh_from_db()
    assert proposal.decided_by is None and proposal.decision_reason == "Lovkrav"
