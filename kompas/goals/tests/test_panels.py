"""The owner's front-page panel: each goal whose follow-up is due, linked to its follow-up form, with its date."""

import datetime as dt

import pytest
from django.template.defaultfilters import date as date_filter
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone, translation

from kompas.goals import panels
from kompas.goals.models import Goal
from kompas.goals.tests import factories

pytestmark = pytest.mark.django_db


def _rendered(user, language: str) -> str:
    request = RequestFactory().get("/")
    request.user = user
    with translation.override(language):
        return render_to_string("goals/partials/panel.html", {"panel": panels.due_follow_ups(request)})


def _due(title: str, on: dt.date) -> Goal:
    goal = factories.goal(title=title)
    Goal.objects.filter(pk=goal.pk).update(next_follow_up_on=on)
    return goal


def test_each_due_goal_links_to_its_follow_up_with_its_date_in_the_readers_language(role_users):
    today = timezone.localdate()
    late_on, soon_on = today - dt.timedelta(days=1), today + dt.timedelta(days=3)
    late, soon = _due("Forsinket mål", late_on), _due("Snart mål", soon_on)
    _due("Langt ude", today + dt.timedelta(days=30))
    leader = role_users["leader"]
    # Danish, English and Danish again: a label worked out once is still the reader's language.
    for language, was_due, due in [
        ("da", "fristen var", "fristen er"),
        ("en", "was due", "due"),
        ("da", "fristen var", "fristen er"),
    ]:
        html = _rendered(leader, language)
        with translation.override(language):
            late_date, soon_date = date_filter(late_on, "j. F Y"), date_filter(soon_on, "j. F Y")
        late_link = f'<a href="{reverse("goals:follow-up-create", kwargs={"pk": late.pk})}">Forsinket mål</a>'
        soon_link = f'<a href="{reverse("goals:follow-up-create", kwargs={"pk": soon.pk})}">Snart mål</a>'
        assert f"{late_link} –\n        {was_due} {late_date}</li>" in html
        assert f"{soon_link} –\n        {due} {soon_date}</li>" in html
        assert html.index(late_link) < html.index(soon_link) and "Langt ude" not in html


def test_a_reader_without_goals_sees_that_nothing_is_due(role_users):
    html = _rendered(role_users["leader"], "en")
    assert "No follow-ups are due in the next two weeks." in html
