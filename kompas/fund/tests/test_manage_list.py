"""The programme staff's list of applications (/fund/manage/) is a cached fragment: it shows a new application
and a changed round at once, hides the applicants of a round the moment it is sealed and shows them the moment
it closes (no write happens then), and keeps each filter apart."""

import pytest
from django.urls import reverse

from kompas.core.roles import RoleCode
from kompas.fund.models import Round
from kompas.fund.tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(client, db):
    client.force_login(
        f.user("pf@test.kompas.dk", roles=(RoleCode.EMPLOYEE, RoleCode.PROGRAMME), name="Pia Fond")
    )
    return client


def _page(client, **params) -> str:
    response = client.get(reverse("fund:manage"), params)
    assert response.status_code == 200
    return response.content.decode()


def test_a_new_application_shows_at_once(staff_client):
    round_ = f.open_round()
    f.application(round_=round_, title="Robotstøvsugere i hjemmeplejen")
    assert "Robotstøvsugere i hjemmeplejen" in _page(staff_client)
    assert "Robotstøvsugere i hjemmeplejen" in _page(staff_client)  # from the cache
    f.application(round_=round_, title="Lektiehjælp over nettet")
    page = _page(staff_client)
    assert "Lektiehjælp over nettet" in page and "Robotstøvsugere i hjemmeplejen" in page


def test_the_applicant_is_hidden_while_the_round_is_sealed_and_shown_once_it_closes(staff_client):
    round_ = f.open_round(sealed=True)
    f.application(round_=round_, title="Robotstøvsugere i hjemmeplejen")
    page = _page(staff_client)
    assert "Anna Ansøger" not in page and "Forseglet" in page
    f.close(round_)  # time passes: the round closes without any write through a service
    assert "Anna Ansøger" in _page(staff_client)
    # And a round sealed while the list is cached hides its applicants at once.
    Round.objects.filter(pk=round_.pk).update(closes_at=f.open_round(title="Ny").closes_at)
    assert "Anna Ansøger" not in _page(staff_client)


def test_each_filter_has_its_own_list(staff_client):
    round_ = f.open_round()
    f.application(round_=round_, title="Robotstøvsugere i hjemmeplejen")
    f.application(round_=round_, title="Lektiehjælp over nettet")
    assert "Lektiehjælp over nettet" in _page(staff_client)
    only = _page(staff_client, q="robot")
    assert "Robotstøvsugere i hjemmeplejen" in only and "Lektiehjælp over nettet" not in only
    assert "Lektiehjælp over nettet" not in _page(staff_client, q="robot")  # the filtered list, cached
    assert "Lektiehjælp over nettet" in _page(staff_client)
