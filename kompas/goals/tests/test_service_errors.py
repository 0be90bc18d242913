"""A service's ValidationError is shown beside its field, and what the user typed is kept (ADR 0020)."""

import pytest
from django.urls import reverse

from kompas.core.tests.service_errors import field_error, refusing
from kompas.goals import services
from kompas.goals.models import Goal, Indicator
from kompas.goals.tests import factories
from kompas.goals.tests.test_goals import goal_form_data

TAKEN = "Enheden har allerede et mål med den titel."


@pytest.mark.django_db
def test_a_service_error_on_create_is_shown_beside_the_field_with_the_input_kept(
    client_for, role_users, monkeypatch
):
    monkeypatch.setattr(services, "goal_create", refusing("title", TAKEN))
    unit = factories.unit_with_leader()
    data = goal_form_data(unit, beneficiaries="Ældre i Viby, der bor alene")
    response = client_for("leader").post(reverse("goals:create"), data)
    body = response.content.decode()
    assert response.status_code == 200 and not Goal.objects.exists()
    assert field_error(body, "title") == TAKEN
    assert 'href="#id_title"' in body  # the summary at the top links to the field
    assert 'value="Færre ensomme ældre i Viby"' in body
    assert "Ældre i Viby, der bor alene" in body
    assert not field_error(body, "value_statement")


@pytest.mark.django_db
def test_a_service_error_on_edit_keeps_the_stored_goal_and_the_typed_values(
    client_for, role_users, monkeypatch
):
    goal = factories.goal()
    monkeypatch.setattr(services, "goal_update", refusing("period_end", "Perioden er låst af en opfølgning."))
    data = goal_form_data(goal.owner_unit, title="Et nyt navn på målet")
    response = client_for("leader").post(reverse("goals:edit", args=[goal.pk]), data)
    body = response.content.decode()
    assert response.status_code == 200
    assert field_error(body, "period_end") == "Perioden er låst af en opfølgning."
    assert 'value="Et nyt navn på målet"' in body
    goal.refresh_from_db()
    assert goal.title == "Alle børn læser med glæde"


@pytest.mark.django_db
def test_a_field_the_form_does_not_have_is_named_at_the_top(client_for, role_users, monkeypatch):
    goal = factories.goal()
    monkeypatch.setattr(services, "indicator_save", refusing("goal", "Målet er arkiveret."))
    data = {"name": "Andel der læser dagligt", "unit": "procent", "direction": "higher"}
    response = client_for("leader").post(reverse("goals:indicator-create", args=[goal.pk]), data)
    body = response.content.decode()
    assert response.status_code == 200 and not Indicator.objects.exists()
    assert "<li>Goal: Målet er arkiveret.</li>" in body  # Indicator.goal has no translated verbose name
    assert 'value="Andel der læser dagligt"' in body
