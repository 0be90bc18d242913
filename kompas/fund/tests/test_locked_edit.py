"""The edit page of an application after it has been sent: the applicant is told why it is locked (403, the
reason, a link to read it); anyone else gets the same 404 as for an application that does not exist."""

import pytest
from django.urls import reverse

from kompas.core.roles import RoleCode
from kompas.fund import services
from kompas.fund.models import Application
from kompas.fund.tests import factories as f

pytestmark = pytest.mark.django_db


def _login(client, user):
    client.logout()
    client.force_login(user)
    return client


def test_the_applicant_is_told_the_submitted_application_is_locked(client):
    app = f.application(title="Robotter i hjemmeplejen")
    response = _login(client, app.applicant).get(reverse("fund:edit", args=[app.pk]))
    assert response.status_code == 403
    body = response.content.decode()
    assert "Robotter i hjemmeplejen" in body
    assert f'href="{reverse("fund:application", args=[app.pk])}"' in body
    assert response.context["reason"] and response.context["hint"]
    assert response.templates[0].name == "core/no_longer_editable.html"


def test_a_post_to_a_submitted_application_changes_nothing(client):
    app = f.application()
    response = _login(client, app.applicant).post(reverse("fund:edit", args=[app.pk]), {"title": "Ny titel"})
    assert response.status_code == 403
    assert Application.objects.get(pk=app.pk).title == app.title


def test_a_withdrawn_application_says_so(client):
    submitted, withdrawn = f.application(title="Sendt"), f.application(title="Trukket tilbage")
    services.application_withdraw(application=withdrawn, actor=withdrawn.applicant)
    client = _login(client, withdrawn.applicant)
    response = client.get(reverse("fund:edit", args=[withdrawn.pk]))
    assert response.status_code == 403 and response.context["hint"] == ""
    other = client.get(reverse("fund:edit", args=[submitted.pk]))
    assert other.status_code == 403
    assert response.context["reason"] != other.context["reason"]  # withdrawn has a reason of its own


def test_others_get_the_same_404_as_for_a_missing_application(client):
    app = f.application()
    programme = f.user("pf@test.kompas.dk", roles=(RoleCode.EMPLOYEE, RoleCode.PROGRAMME), name="Pia Fond")
    stranger = f.user("someone@test.kompas.dk")
    for user in (programme, stranger):
        _login(client, user)
        locked = client.get(reverse("fund:edit", args=[app.pk]))
        missing = client.get(reverse("fund:edit", args=[999999]))
        assert locked.status_code == missing.status_code == 404
        assert app.title not in locked.content.decode()


def test_the_draft_is_still_edited_as_before(client):
    app = f.application(submit=False)
    assert _login(client, app.applicant).get(reverse("fund:edit", args=[app.pk])).status_code == 200
