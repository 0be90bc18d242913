import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse

from kompas.organisations.models import Department, Membership, PartnerOrganisation, Unit


@pytest.mark.django_db
def test_the_six_departments_are_default_data():
    assert list(Department.objects.values_list("short_name", flat=True)) == [
        "BA",
        "BU",
        "KB",
        "SOB",
        "SUN",
        "TM",
    ]


@pytest.mark.django_db
def test_a_membership_is_of_a_unit_or_an_organisation_never_both(role_users):
    unit = Unit.objects.create(department=Department.objects.first(), name="Enhed")
    org = PartnerOrganisation.objects.create(name="Forening", kind="association")
    with pytest.raises(IntegrityError), transaction.atomic():
        Membership.objects.create(user=role_users["employee"], unit=unit, organisation=org)
    with pytest.raises(IntegrityError), transaction.atomic():
        Membership.objects.create(user=role_users["employee"])


@pytest.mark.django_db
def test_department_page_lists_its_active_units(client):
    department = Department.objects.get(slug="boern-og-unge")
    Unit.objects.create(department=department, name="Skåde Skole")
    Unit.objects.create(department=department, name="Nedlagt Skole", is_active=False)
    body = client.get(reverse("organisations:department", args=[department.slug])).content.decode()
    assert "Skåde Skole" in body and "Nedlagt Skole" not in body


@pytest.mark.django_db
def test_partner_list_filters_by_kind(client):
    PartnerOrganisation.objects.create(name="Gellerup Boldklub", kind="association")
    PartnerOrganisation.objects.create(name="Grøn ApS", kind="business")
    body = client.get(reverse("organisations:partners") + "?kind=business").content.decode()
    assert "Grøn ApS" in body and "Gellerup Boldklub" not in body


@pytest.mark.django_db
def test_api_lists_departments_and_units(client):
    Unit.objects.create(department=Department.objects.get(slug="teknik-og-miljoe"), name="Mobilitet")
    departments = client.get("/api/departments").json()
    assert departments["count"] == len(departments["items"]) == 6
    units = client.get("/api/units?department=teknik-og-miljoe").json()["items"]
    assert [u["name"] for u in units] == ["Mobilitet"]
