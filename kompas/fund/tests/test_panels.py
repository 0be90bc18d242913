"""The front-page panel: each person sees what waits for them in the fund, and nothing when nothing waits."""

import pytest
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.utils import timezone

from kompas.core.roles import RoleCode
from kompas.fund import panels, services
from kompas.fund.choices import ConflictGround
from kompas.fund.models import Assignment
from kompas.fund.tests import factories as f

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
