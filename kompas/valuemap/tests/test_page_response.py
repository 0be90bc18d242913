"""The city goal page is rendered around a marker and the kept fragment's bytes go in its place
(``parts.page_response``): the response is byte for byte what rendering the template with the fragment gives."""

import re

import pytest
from django.contrib.auth.models import AnonymousUser
from django.contrib.messages.storage.fallback import FallbackStorage
from django.contrib.sessions.backends.cache import SessionStore
from django.shortcuts import render
from django.test import RequestFactory
from django.urls import resolve
from django.utils import translation

from kompas.citygoals.models import CityGoal
from kompas.valuemap import parts
from kompas.valuemap.forms import PublishForm

# Non-ASCII text (an en dash takes a string beyond Latin-1), markup and the quotes escaping would change.
CSRF = re.compile(rb'name="csrfmiddlewaretoken" value="[^"]*"')  # a new mask on every render
FRAGMENT = '<h1>Bymål – “Flere læser” &amp; æøå</h1>\n<p class="x">Ærø &lt;3</p>\n' * 50


def _request(path: str):
    request = RequestFactory().get(path)
    request.user = AnonymousUser()
    request.session = SessionStore()
    request._messages = FallbackStorage(request)
    request.resolver_match = resolve(path)
    return request


@pytest.mark.django_db
def test_the_kept_fragment_goes_in_byte_for_byte():
    city_goal = CityGoal.objects.order_by("order").first()
    assert city_goal is not None
    path = f"/value-map/city-goal/{city_goal.pk}/"
    context = {"city_goal": city_goal, "live": False, "snapshot": None, "is_staff": False}
    kept = parts.KeptPage(FRAGMENT)
    with translation.override("da"):
        expected = render(_request(path), "valuemap/citygoal.html", {**context, "content": kept})
        for _ in range(2):  # encoded on the first, the kept bytes on the second
            response = parts.page_response(_request(path), "valuemap/citygoal.html", context, kept)
            assert response.content == expected.content
            assert response["Content-Type"] == expected["Content-Type"]
    assert FRAGMENT.encode() in response.content


@pytest.mark.django_db
def test_a_template_that_does_not_show_the_fragment_is_rendered_as_it_is():
    path = "/value-map/publish/"
    kept = parts.KeptPage(FRAGMENT)
    context = {"form": PublishForm(), "snapshots": []}
    with translation.override("da"):
        expected = render(_request(path), "valuemap/publish.html", {**context, "content": kept})
        response = parts.page_response(_request(path), "valuemap/publish.html", context, kept)
    assert CSRF.sub(b"", response.content) == CSRF.sub(b"", expected.content)
    assert FRAGMENT.encode() not in response.content
