"""A leader's front-page panel: the proposals that wait for their decision, each linked, with its unit and hours."""

import pytest
from django.db import connection
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from kompas.accounts.models import User
from kompas.goals import panels as goal_panels
from kompas.stoplist import panels
from kompas.stoplist.tests import factories

pytestmark = pytest.mark.django_db


def _request(user):
    request = RequestFactory().get("/")
    request.user = User.objects.get(pk=user.pk)  # a fresh user object, as each request has
    return request


def test_leader_sees_each_proposal_linked_with_its_unit_and_hours_in_the_readers_language(role_users):
    proposal = factories.proposal(title="Ugentligt skemamøde", hours="1250.5")
    link = f'<a href="{reverse("stoplist:detail", kwargs={"pk": proposal.pk})}">Ugentligt skemamøde</a>'
    for language, hours in [
        ("da", "1.250,5 timer om året"),
        ("en", "1,250.5 hours a year"),
        ("da", "1.250,5 timer om året"),
    ]:
        with translation.override(language):
            html = render_to_string(
                "stoplist/partials/panel.html", {"panel": panels.to_decide(_request(role_users["leader"]))}
            )
        assert f"<li>{link} – Skåde Skole, {hours}</li>" in html


def test_proposals_outside_the_led_units_are_not_shown(role_users):
    factories.proposal()
    assert panels.to_decide(_request(role_users["employee"])) is None


def test_the_staff_panels_read_the_readers_memberships_once(role_users):
    factories.proposal()
    request = _request(role_users["leader"])
    with CaptureQueriesContext(connection) as queries:
        assert goal_panels.due_follow_ups(request) is not None
        assert panels.to_decide(request) is not None
    assert sum("organisations_membership" in query["sql"] for query in queries.captured_queries) == 1
