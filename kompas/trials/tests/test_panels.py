"""The front-page panel lists the person's own running trials and what waits in each."""

import pytest
from django.template.loader import render_to_string
from django.test import RequestFactory

from kompas.trials import panels
from kompas.trials.models import Iteration, Trial
from kompas.trials.tests import factories

pytestmark = pytest.mark.django_db


def _panel(user):
    request = RequestFactory().get("/")
    request.user = user
    return panels.my_trials(request)


def test_owner_sees_the_iteration_that_waits_for_the_decision(role_users):
    trial = factories.trial()
    # no iteration yet: plan one
    assert _panel(trial.owner)["rows"][0]["label"] == "planlæg den næste iteration"
    factories.iteration(trial=trial)
    context = _panel(trial.owner)
    row = context["rows"][0]
    assert row["title"] == trial.title and row["label"] == "iteration 1 venter på din beslutning"
    html = render_to_string("trials/partials/panel.html", {"panel": context})
    assert trial.title in html and "iteration 1 venter på din beslutning" in html


def test_stopped_trials_and_citizens_get_no_panel(role_users):
    trial = factories.trial()
    Trial.objects.filter(pk=trial.pk).update(status="stopped")
    assert _panel(trial.owner) is None
    assert _panel(role_users["citizen"]) is None
    assert not Iteration.objects.exists()
