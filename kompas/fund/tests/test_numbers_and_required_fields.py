"""Issue 16 in the fund: amounts in Danish form in messages, and the form marks what the submit rule requires."""

from decimal import Decimal

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import translation

from kompas.core.roles import RoleCode
from kompas.fund import services
from kompas.fund.forms import ApplicationForm
from kompas.fund.models import Application
from kompas.fund.tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def programme():
    return f.user("pf@test.kompas.dk", roles=(RoleCode.EMPLOYEE, RoleCode.PROGRAMME), name="Pia Fond")


def test_stopping_a_project_says_the_released_amount_in_danish_form(client, programme):
    app = f.assessed(amount=Decimal("1500000.00"))  # below 2 mio. kr.: granted without the city council
    services.application_decide(application=app, actor=programme, outcome="grant", reason_code="strong_case")
    client.force_login(programme)  # the body that granted it decides the stop
    with translation.override("da"):
        response = client.post(
            reverse("fund:stop", args=[app.project.pk]),
            {"reason": "Borgerne ville ikke bruge den", "learning": "Test med borgerne først"},
        )
    assert response.status_code == 302
    texts = [str(m) for m in get_messages(response.wsgi_request)]
    assert any("1.500.000 kr." in text for text in texts), texts
    assert not any("1500000" in text for text in texts)


def test_the_budget_message_writes_kroner_without_øre_and_with_thousands():
    app = f.application(submit=False, amount=Decimal("500000.00"))
    app.budget_lines.update(amount=Decimal("1.00"))
    with translation.override("da"):
        messages = [str(message) for _field, message in services.submission_problems(app)]
    budget = [m for m in messages if "500.000 kr." in m]
    assert budget and "1 kr." in budget[0] and "1.00" not in budget[0] and "500000" not in budget[0]


def _blank(application: Application, name: str) -> None:
    field = Application._meta.get_field(name)
    setattr(application, name, "" if field.get_internal_type() == "TextField" else None)


def test_every_field_the_submit_rule_needs_blocks_submission_and_no_other_does():
    complete = f.application(submit=False)
    form = ApplicationForm(instance=complete)
    marked = {name for name, field in form.fields.items() if getattr(field, "required_to_submit", False)}
    assert marked == set(services.SUBMIT_REQUIRED_FIELDS)
    baseline = services.submission_problems(complete)
    assert all(field is None for field, _message in baseline)  # only the co-applicant is missing
    for name in form.fields:
        model_field = Application._meta.get_field(name) if name != "city_goals" else None
        if model_field is None or not model_field.null and model_field.get_internal_type() != "TextField":
            continue  # a value the form cannot leave empty (or a many-to-many)
        application = Application.objects.get(pk=complete.pk)
        _blank(application, name)
        blocked = len(services.submission_problems(application)) > len(baseline)
        assert blocked == (name in services.SUBMIT_REQUIRED_FIELDS), name


def test_the_form_says_required_to_submit_beside_exactly_those_fields():
    app = f.application(submit=False)
    with translation.override("da"):
        form = ApplicationForm(instance=app)
        for name in form.fields:
            html = form[name].as_field_group()
            needed = name in services.SUBMIT_REQUIRED_FIELDS
            assert ("skal udfyldes for at indsende" in html) == needed, name
            if needed:
                assert "frivilligt" not in html, name


def test_a_zero_amount_is_not_filled_in():
    app = f.application(submit=False)
    app.amount = Decimal("0")
    assert ("amount", services.SUBMIT_REQUIRED["amount"][1]) in services.submission_problems(app)
