"""A service's ValidationError is shown beside its field, and what the user typed is kept (ADR 0020)."""

import pytest
from django.urls import reverse

from kompas.activity.models import ActivityEntry
from kompas.core.tests.service_errors import error_summary, field_error, refusing
from kompas.trials import services
from kompas.trials.models import Iteration, Trial
from kompas.trials.tests import factories
from kompas.trials.tests.test_trials import trial_form_data


@pytest.mark.django_db
def test_a_service_error_on_create_is_shown_beside_the_field_with_the_input_kept(
    client_for, role_users, monkeypatch
):
    from kompas.goals.tests.factories import unit_with_leader

    monkeypatch.setattr(services, "trial_create", refusing("where", "Stedet er lukket i perioden."))
    response = client_for("leader").post(reverse("trials:create"), trial_form_data(unit_with_leader()))
    body = response.content.decode()
    assert response.status_code == 200 and not Trial.objects.exists()
    assert field_error(body, "where") == "Stedet er lukket i perioden."
    assert 'href="#id_where"' in body
    assert 'value="Jobcenter Aarhus og Brabrand Sø"' in body and 'value="Walk and talk for ledige"' in body
    assert not field_error(body, "title")


@pytest.mark.django_db
def test_a_service_error_on_an_iteration_goes_beside_its_field(client_for, role_users, monkeypatch):
    trial = factories.trial()
    monkeypatch.setattr(services, "iteration_start", refusing("plan", "Planen mangler et tidsrum."))
    response = client_for("leader").post(
        reverse("trials:iteration-create", args=[trial.pk]), {"plan": "Lektiecafé om tirsdagen."}
    )
    body = response.content.decode()
    assert response.status_code == 200 and not Iteration.objects.exists()
    assert field_error(body, "plan") == "Planen mangler et tidsrum."
    assert "Lektiecafé om tirsdagen." in body


@pytest.mark.django_db
def test_the_services_own_check_of_a_field_the_form_lacks_is_shown_at_the_top(client_for, role_users):
    """The real service validates the whole trial; its status is not on the form, so the error goes to the top."""
    trial = factories.trial()
    Trial.objects.filter(pk=trial.pk).update(status="bogus")
    data = trial_form_data(trial.owner_unit, title="Lektiecafé i klubben og på biblioteket")
    response = client_for("leader").post(reverse("trials:edit", args=[trial.pk]), data)
    body = response.content.decode()
    assert response.status_code == 200
    summary = error_summary(body)
    assert "<li>Status: Værdien &#x27;bogus&#x27; er ikke et gyldigt valg.</li>" in summary
    assert 'value="Lektiecafé i klubben og på biblioteket"' in body
    trial.refresh_from_db()
    assert (
        trial.title == "Lektiecafé i klubben"
        and not ActivityEntry.objects.filter(verb="trial_updated").exists()
    )
