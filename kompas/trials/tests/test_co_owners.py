"""Trials owned by several units across departments (seed 000 §5: the green transition)."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from kompas.accounts.services import user_create
from kompas.core.roles import RoleCode
from kompas.organisations.choices import MembershipRole
from kompas.organisations.models import Department, Membership, Unit
from kompas.trials import services
from kompas.trials.tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def across(role_users):
    waste = Unit.objects.create(
        department=Department.objects.get(slug="teknik-og-miljoe"), name="Affald og Genbrug"
    )
    library = Unit.objects.create(
        department=Department.objects.get(slug="kultur-og-borgerservice"), name="Dokk1"
    )
    trial = factories.trial(title="Mindre madspild på tværs", co_owner_units=[waste, library])
    other_leader = user_create(
        email="leder-tmf@test.kompas.dk",
        full_name="Tove Teknik",
        password="test-password-123",  # noqa: S106
        roles=[RoleCode.EMPLOYEE, RoleCode.LEADER],
        actor=None,
    )
    Membership.objects.create(user=other_leader, unit=waste, role=MembershipRole.LEADER)
    return trial, waste, library, other_leader


def test_a_leader_of_a_co_owner_unit_in_another_department_edits_the_trial(client, across, client_for):
    trial, _waste, _library, other_leader = across
    client.force_login(other_leader)
    assert client.get(reverse("trials:edit", args=[trial.pk])).status_code == 200
    assert client_for("employee").get(reverse("trials:edit", args=[trial.pk])).status_code == 404


def test_the_page_and_the_list_name_every_owner_unit_and_the_department_filter_finds_it(across, client_for):
    trial, waste, library, _leader = across
    client = client_for("employee")
    page = client.get(trial.get_absolute_url()).content.decode()
    assert "Ejes på tværs af magistratsafdelinger sammen med" in page
    assert "Affald og Genbrug" in page and "Dokk1" in page
    listed = client.get(reverse("trials:list"), {"department": waste.department_id}).content.decode()
    assert "Mindre madspild på tværs" in listed
    other = Department.objects.get(slug="sundhed-og-omsorg")
    assert (
        "Mindre madspild på tværs"
        not in client.get(reverse("trials:list"), {"department": other.pk}).content.decode()
    )


def test_the_lead_unit_is_not_kept_as_its_own_co_owner_and_changes_are_audited(across):
    from kompas.activity.models import ActivityEntry

    trial, waste, _library, _leader = across
    services.trial_update(trial=trial, actor=trial.owner, co_owner_units=[waste, trial.owner_unit])
    assert set(trial.co_owner_units.values_list("name", flat=True)) == {"Affald og Genbrug"}
    entry = ActivityEntry.objects.filter(verb="trial_updated", target_id=str(trial.pk)).latest("pk")
    assert "co_owner_units" in entry.changes


def test_the_form_refuses_the_lead_unit_as_co_owner(across, client_for):
    trial, _waste, _library, _leader = across
    leader = get_user_model().objects.get(email="leder@test.kompas.dk")
    assert trial.owner == leader
    response = client_for("leader").post(
        reverse("trials:edit", args=[trial.pk]),
        {
            "title": trial.title,
            "question": trial.question,
            "value_sought": trial.value_sought,
            "city_goals": [c.pk for c in trial.city_goals.all()],
            "where": trial.where,
            "with_whom": trial.with_whom,
            "how_we_know": trial.how_we_know,
            "owner_unit": trial.owner_unit_id,
            "co_owner_units": [trial.owner_unit_id],
            "visibility": trial.visibility,
        },
    )
    assert response.status_code == 200
    assert "Den ledende enhed er allerede ejer" in response.content.decode()
