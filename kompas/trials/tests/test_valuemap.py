"""Part 5 of issue 6: the value map shows a city goal's collaborations and trials – to staff, live only."""

import pytest
from django.urls import reverse

from kompas.collaborations.tests import factories as collaboration_factories
from kompas.trials.tests import factories


@pytest.mark.django_db
def test_staff_see_collaborations_and_trials_on_the_live_value_map_and_the_public_does_not(
    client_for, role_users
):
    from kompas.valuemap.models import Snapshot
    from kompas.valuemap.services import snapshot_build

    trial = factories.trial(title="AFPRØVNING-MARKØR", visibility="internal")
    collaboration = collaboration_factories.collaboration(title="SAMARBEJDE-MARKØR", visibility="internal")
    city_goal = trial.city_goals.get()
    assert collaboration.city_goals.get() == city_goal
    snapshot = Snapshot.objects.create(published_by=role_users["programme"], note="test")
    snapshot_build(snapshot_id=snapshot.pk)
    url = reverse("valuemap:citygoal", args=[city_goal.pk])
    staff = client_for("employee").get(url).content.decode()
    assert "AFPRØVNING-MARKØR" in staff and "SAMARBEJDE-MARKØR" in staff
    published_for_staff = client_for("employee").get(url + "?view=published").content.decode()
    assert "AFPRØVNING-MARKØR" not in published_for_staff
    for role in ("anonymous", "citizen"):
        html = client_for(role).get(url).content.decode()
        assert "AFPRØVNING-MARKØR" not in html and "SAMARBEJDE-MARKØR" not in html
