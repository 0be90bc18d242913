"""What a person leads and where they work, read from their memberships once per request."""

import pytest
from django.contrib.auth import get_user_model

from kompas.organisations.choices import MembershipRole
from kompas.organisations.leadership import led_department_ids, led_unit_ids, unit_ids
from kompas.organisations.models import Department, Membership, Unit

pytestmark = pytest.mark.django_db


def test_the_units_a_person_works_in_and_leads_from_one_query(role_users, django_assert_num_queries):
    departments = list(Department.objects.order_by("pk")[:2])
    led = Unit.objects.create(department=departments[0], name="Ledet enhed")
    member = Unit.objects.create(department=departments[-1], name="Anden enhed")
    Unit.objects.create(department=departments[0], name="Fremmed enhed")
    leader = role_users["leader"]
    Membership.objects.create(user=leader, unit=led, role=MembershipRole.LEADER)
    Membership.objects.create(user=leader, unit=member, role=MembershipRole.MEMBER)
    user = get_user_model().objects.get(pk=leader.pk)
    with django_assert_num_queries(1):
        assert unit_ids(user) == {led.pk, member.pk}
        assert led_unit_ids(user) == {led.pk}
        assert led_department_ids(user) == {departments[0].pk}


def test_a_person_without_memberships_leads_nothing(role_users):
    user = role_users["employee"]
    assert unit_ids(user) == led_unit_ids(user) == led_department_ids(user) == frozenset()
