"""Farewell items at the level of a department or the whole municipality, with kroner freed beside hours."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from kompas.activity.models import Notification
from kompas.organisations.models import Department
from kompas.stoplist import services
from kompas.stoplist.choices import FarewellKind, FarewellLevel, FarewellStatus
from kompas.stoplist.permissions import can_decide
from kompas.stoplist.tests import factories

pytestmark = pytest.mark.django_db


def _wide(role_users, **extra):
    values = {
        "title": "Budgetmål, der kun tæller aktiviteter",
        "kind": FarewellKind.BUDGET_GOAL,
        "description": "Målene siger intet om værdien for borgerne.",
        "hours_per_year": Decimal("900"),
        "kroner_per_year": Decimal("360000"),
        "burdens": "økonomimedarbejdere",
        "level": FarewellLevel.MUNICIPALITY,
        **extra,
    }
    return services.proposal_create(actor=role_users["employee"], **values)


def test_a_municipality_item_goes_to_programme_staff_who_alone_decide(
    role_users, django_capture_on_commit_callbacks
):
    factories.proposal()  # a unit item, so the leader leads a unit
    with django_capture_on_commit_callbacks(execute=True):
        proposal = _wide(role_users)
    assert proposal.owner_unit is None and proposal.owner_department is None
    assert Notification.objects.filter(
        recipient=role_users["programme"], url=proposal.get_absolute_url()
    ).exists()
    assert not Notification.objects.filter(
        recipient=role_users["leader"], url=proposal.get_absolute_url()
    ).exists()
    assert can_decide.test(role_users["programme"], proposal)
    assert not can_decide.test(role_users["leader"], proposal)


def test_a_department_item_is_decided_by_the_leaders_in_that_department(role_users):
    unit_item = factories.proposal()  # the leader leads Skåde Skole in Børn og Unge
    own = _wide(role_users, level=FarewellLevel.DEPARTMENT, owner_department=unit_item.owner_unit.department)
    other = _wide(
        role_users,
        level=FarewellLevel.DEPARTMENT,
        owner_department=Department.objects.get(slug="teknik-og-miljoe"),
    )
    assert can_decide.test(role_users["leader"], own)
    assert not can_decide.test(role_users["leader"], other)


def test_stopping_frees_the_kroner_too_and_more_than_it_costs_is_refused(role_users):
    proposal = _wide(role_users)
    programme = role_users["programme"]
    with pytest.raises(ValidationError) as refused:
        factories.decide(
            proposal,
            programme,
            FarewellStatus.SIMPLIFIED,
            "Færre mål.",
            hours_freed=Decimal("100"),
            kroner_freed=Decimal("400000"),
        )
    assert "kroner_freed" in refused.value.error_dict
    stopped = factories.decide(proposal, programme, FarewellStatus.STOPPED, "Væk.")
    assert stopped.kroner_freed == Decimal("360000") and stopped.hours_freed == Decimal("900")


def test_the_public_list_sums_hours_and_kroner_and_names_the_whole_municipality(client_for, role_users):
    unit_item = factories.proposal(hours="120", kroner_per_year=Decimal("40000"))
    factories.decide(unit_item, role_users["leader"], FarewellStatus.STOPPED, "Unødvendigt.")
    factories.decide(
        _wide(role_users),
        role_users["programme"],
        FarewellStatus.SIMPLIFIED,
        "Færre mål.",
        hours_freed=Decimal("450"),
        kroner_freed=Decimal("150000"),
    )
    page = client_for("anonymous").get(reverse("stoplist:public")).content.decode()
    assert "Hele kommunen" in page
    assert "frigør 570 timer om året" in page  # 120 + 450 hours
    assert "190.000" in page  # 40.000 + 150.000 kr.
    assert "Det frigør også 190.000" in page


def test_the_form_asks_for_the_department_of_a_department_item(client_for, role_users):
    response = client_for("employee").post(
        reverse("stoplist:create"),
        factories.form_data(kroner_per_year="420.000", level=FarewellLevel.DEPARTMENT),
    )
    assert response.status_code == 200
    assert "Vælg den magistratsafdeling, der ejer det." in response.content.decode()
