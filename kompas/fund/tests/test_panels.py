"""The front-page panel: each person sees what waits for them in the fund, and nothing when nothing waits."""

import pytest
from django.template.loader import render_to_string
from django.test import Client, RequestFactory
from django.urls import reverse
from django.utils import timezone

from kompas.core.roles import RoleCode
from kompas.fund import panels, services
from kompas.fund.choices import ConflictGround
from kompas.fund.models import Assignment
from kompas.fund.tests import factories as f
from kompas.organisations.choices import MembershipRole
from kompas.organisations.models import Membership

pytestmark = pytest.mark.django_db


def _panel(user):
    request = RequestFactory().get("/")
    request.user = user
    return panels.fund_work(request)


def test_nothing_waiting_hides_the_panel():
    assert _panel(f.user("ingen@test.kompas.dk")) is None


def test_applicant_sees_the_draft_and_programme_sees_the_screening():
    applicant = f.user("ansoeger@test.kompas.dk", name="Anna Ansøger")
    f.application(applicant=applicant, title="Kladden", submit=False)
    f.application(applicant=applicant, title="Indsendt")
    labels = [label for label, _url in _panel(applicant)["items"]]
    assert labels == ["1 kladde til en ansøgning er ikke sendt endnu"]
    programme = f.user("pf@test.kompas.dk", roles=(RoleCode.EMPLOYEE, RoleCode.PROGRAMME), name="Pia Fond")
    context = _panel(programme)
    assert [label for label, _url in context["items"]] == ["1 indsendt ansøgning venter på screening"]
    html = render_to_string("fund/partials/panel.html", {"panel": context})
    assert "Udviklingspuljen" in html and "?status=submitted" in html


def test_assessor_sees_open_assessments_but_not_conflicts_or_finished_ones():
    app = f.in_assessment()
    assessor = f.user("bedoemmer@test.kompas.dk", roles=(RoleCode.ASSESSOR,), name="Bent Bedømmer")
    programme = f.user("pf@test.kompas.dk", roles=(RoleCode.EMPLOYEE, RoleCode.PROGRAMME), name="Pia Fond")
    services.assessor_assign(application=app, assessor=assessor, actor=programme)
    assert [label for label, _url in _panel(assessor)["items"]] == ["1 ansøgning venter på din bedømmelse"]
    Assignment.objects.filter(assessor=assessor).update(
        conflict=ConflictGround.CLOSE_RELATION, declared_at=timezone.now()
    )
    assert _panel(assessor) is None


def test_a_request_to_confirm_links_only_those_who_may_open_the_confirmations_page():
    """The confirmations page is staff's (``can_confirm``): a leader sees the request and its link; someone who
    is recorded as leading a unit but has no staff role is not sent to a page that refuses them."""
    app = f.application(submit=False)
    leader, department = f.department_leader()
    services.co_applicant_add(application=app, department=department, actor=app.applicant)
    context = _panel(leader)
    assert context["items"] == [
        ("1 anmodning om at bekræfte jeres afdeling som medansøger", reverse("fund:confirmations"))
    ]
    assert client_may_open(leader, reverse("fund:confirmations"))

    citizen = f.user("borger-leder@test.kompas.dk")  # a citizen, recorded as a unit's leader
    Membership.objects.create(user=citizen, unit=leader.memberships.get().unit, role=MembershipRole.LEADER)
    assert not client_may_open(citizen, reverse("fund:confirmations"))
    assert _panel(citizen) is None


def client_may_open(user, url: str) -> bool:
    client = Client()
    client.force_login(user)
    return client.get(url).status_code == 200
