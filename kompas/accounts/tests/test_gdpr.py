import json

import pytest
from django.urls import reverse

from kompas.accounts.models import User
from kompas.activity.models import ActivityEntry, Notification
from kompas.activity.services import notification_send
from kompas.core import personal_data
from kompas.organisations.models import Department, Membership, Unit


@pytest.fixture
def person(role_users, django_capture_on_commit_callbacks):
    employee = role_users["employee"]
    unit = Unit.objects.create(department=Department.objects.first(), name="Testenhed")
    Membership.objects.create(user=employee, unit=unit)
    with django_capture_on_commit_callbacks(execute=True):
        notification_send(recipients=[employee], message="Ny opfølgning venter")
    return employee


def test_every_platform_app_is_in_the_registry():
    keys = {p.key for p in personal_data.providers()}
    assert {"accounts", "activity", "organisations"} <= keys


@pytest.mark.django_db
def test_admin_exports_everything_about_a_person_as_json(client_for, person):
    response = client_for("admin").post(reverse("accounts:person-export", args=[person.pk]))
    assert response["Content-Type"].startswith("application/json")
    data = json.loads(response.content)
    assert data["sections"]["accounts"]["email"] == person.email
    assert data["sections"]["organisations"][0]["unit"] == "Testenhed"
    assert data["sections"]["activity"]["notifications"][0]["message"] == "Ny opfølgning venter"
    assert ActivityEntry.objects.filter(verb="personal_data_exported", target_id=str(person.pk)).exists()


@pytest.mark.django_db
def test_a_person_downloads_their_own_data(client_for, person):
    data = json.loads(client_for("employee").get(reverse("accounts:my-data")).content)
    assert data["person"]["email"] == person.email


@pytest.mark.django_db
def test_erasure_needs_the_email_typed_and_anonymises_but_keeps_statistics(client_for, person):
    client = client_for("admin")
    url = reverse("accounts:person-erase", args=[person.pk])
    wrong = client.post(url, {"confirm_email": "forkert@example.dk"})
    assert wrong.status_code == 200 and "passer ikke med personens" in wrong.content.decode()
    response = client.post(url, {"confirm_email": person.email})
    assert response.status_code == 200
    person.refresh_from_db()
    assert person.anonymised_at is not None and not person.is_active
    assert "medarbejder" not in person.email and person.full_name == ""
    assert not person.has_usable_password()
    assert Notification.objects.filter(recipient=person).count() == 0
    assert Membership.objects.filter(user=person).count() == 1  # head counts per unit stay right
    assert User.objects.filter(pk=person.pk).exists()
    assert ActivityEntry.objects.filter(verb="person_erased", target_id=str(person.pk)).exists()
    body = response.content.decode()
    assert "Kvittering" in body


@pytest.mark.django_db
def test_an_admin_cannot_erase_themselves(client_for, role_users):
    admin = role_users["admin"]
    client = client_for("admin")
    client.post(reverse("accounts:person-erase", args=[admin.pk]), {"confirm_email": admin.email})
    admin.refresh_from_db()
    assert admin.anonymised_at is None


@pytest.mark.django_db
def test_admin_assigns_roles_and_it_is_audited(client_for, role_users):
    person = role_users["citizen"]
    client_for("admin").post(
        reverse("accounts:person-detail", args=[person.pk]), {"roles": ["citizen", "partner"]}
    )
    person = User.objects.get(pk=person.pk)
    assert person.role_codes() == {"citizen", "partner"}
    entry = ActivityEntry.objects.get(verb="roles_changed", target_id=str(person.pk))
    assert entry.changes["roles"] == [["citizen"], ["citizen", "partner"]]
