"""The layout rendered once per variant and filled in per request (kompas.core.layout): each reader sees their own
name, menu and working forms, escaped as the template would, and never another reader's."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from conftest import PASSWORD
from kompas.accounts.services import user_create
from kompas.core.roles import RoleCode

pytestmark = pytest.mark.django_db


def test_each_reader_sees_their_own_name_and_menu(client_for, role_users):
    citizen = client_for("citizen").get(reverse("core:home")).content.decode()
    assert "Bo Borger" in citizen and "Pia Programstab" not in citizen
    programme = client_for("programme").get(reverse("core:home")).content.decode()
    assert "Pia Programstab" in programme and "Bo Borger" not in programme
    # the programme staff's menu holds the management of the city goals, the citizen's does not
    assert reverse("citygoals:manage") in programme and reverse("citygoals:manage") not in citizen
    anonymous = client_for("anonymous").get(reverse("core:home")).content.decode()
    assert reverse("accounts:login") in anonymous and "Log ud" not in anonymous
    assert "\ue000" not in citizen + programme + anonymous  # no marker is ever left in a page


def test_a_name_is_escaped_where_it_is_shown():
    user = user_create(
        email="x@test.kompas.dk",
        full_name='Ann <script>alert("x")</script> & Co',
        password=PASSWORD,
        roles=[RoleCode.CITIZEN],
        actor=None,
    )
    client = Client()
    client.force_login(user)
    html = client.get(reverse("core:home")).content.decode()
    assert "<script>alert" not in html
    assert (
        html.count("Ann &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Co") == 2
    )  # header and drawer


def test_the_logout_form_carries_a_token_that_the_csrf_check_accepts(role_users):
    client = Client(enforce_csrf_checks=True)
    client.force_login(role_users["leader"])
    html = client.get(reverse("core:home")).content.decode()
    tokens = re.findall(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
    assert len(tokens) >= 2 and all(len(token) == 64 for token in tokens)
    response = client.post(reverse("accounts:logout"), {"csrfmiddlewaretoken": tokens[0]})
    assert response.status_code == 302
    assert not client.get(reverse("core:home")).context["user"].is_authenticated


def test_the_language_links_return_to_this_page_and_the_search_field_keeps_the_words(client):
    html = client.get(reverse("core:search"), {"q": 'skole "<b>" & by'}).content.decode()
    assert 'value="skole &quot;&lt;b&gt;&quot; &amp; by"' in html  # the header's search field, escaped
    assert "next=/search/%3Fq%3Dskole%2B%2522%253Cb%253E%2522%2B%2526%2Bby" in html
    other = client.get(reverse("citygoals:list")).content.decode()
    assert 'id="header-search" name="q" maxlength="200">' in other  # empty elsewhere
    assert "next=/city-goals/" in other


def test_a_visitor_who_is_not_signed_in_gets_no_csrf_cookie_from_the_layout(client):
    response = client.get(reverse("citygoals:list"))
    assert response.status_code == 200
    assert "csrftoken" not in response.cookies


def test_each_later_page_carries_a_new_token_for_the_same_cookie_that_the_csrf_check_accepts(role_users):
    """After the first page has set the browser's CSRF cookie, the layout fills in a token for it (drawn once per
    variant, ``core/layout.py``): every page a new token, each one unmasking to the cookie's secret, and a post
    with any of them passes the check."""
    from django.conf import settings
    from django.middleware.csrf import CSRF_ALLOWED_CHARS, _unmask_cipher_token

    client = Client(enforce_csrf_checks=True)
    client.force_login(role_users["leader"])
    client.get(reverse("core:home"))
    secret = client.cookies[settings.CSRF_COOKIE_NAME].value
    tokens = set()
    for _ in range(3):
        html = client.get(reverse("core:home"), HTTP_CACHE_CONTROL="no-cache").content.decode()
        found = set(re.findall(r'name="csrfmiddlewaretoken" value="([^"]+)"', html))
        assert len(found) == 1  # the header's and the drawer's logout forms share the page's token
        tokens |= found
    assert len(tokens) == 3
    for token in tokens:
        assert len(token) == 64 and set(token) <= set(CSRF_ALLOWED_CHARS)
        assert _unmask_cipher_token(token) == secret
    response = client.post(reverse("accounts:logout"), {"csrfmiddlewaretoken": tokens.pop()})
    assert response.status_code == 302
