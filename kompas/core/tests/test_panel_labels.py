"""The front page's panel builders work out a row's label and address once (``welcome.filled``,
``welcome.long_date``, ``welcome.address``) instead of a tag per row; what they give must read exactly as the
tags they replace. The header's menu is kept frozen per role set and current entry; it must read as built afresh."""

import datetime as dt

import pytest
from django.template import Context, Template
from django.urls import reverse, set_script_prefix
from django.utils import timezone, translation

from kompas.core import navigation, welcome


@pytest.mark.parametrize("language", ["da", "en"])
@pytest.mark.parametrize("value", ["1. oktober 2026", "<b>Tom & Jerry's</b>", 1234567, 7, 2.5])
def test_filled_reads_as_blocktranslate(language, value):
    template = Template(
        "{% load i18n %}{% blocktranslate with when=value %}Deadline {{ when }}{% endblocktranslate %}"
    )
    message = "Deadline %(when)s"  # the compass's message (a name, so that core's catalogue does not take it)
    with translation.override(language):
        assert welcome.filled(translation.gettext(message), when=value) == template.render(
            Context({"value": value})
        )


@pytest.mark.parametrize("language", ["da", "en"])
def test_long_date_reads_as_the_date_filter(language, settings):
    template = Template('{{ value|date:"j. F Y" }}')
    late = dt.datetime(2026, 12, 31, 23, 30, tzinfo=dt.UTC)  # already the next day in Copenhagen
    with translation.override(language):
        for value in (dt.date(2026, 10, 1), late, timezone.localtime(late)):
            assert welcome.long_date(value) == template.render(Context({"value": value}))


def test_address_is_reverse():
    assert welcome.address("goals:list") == reverse("goals:list")


def test_address_with_arguments_is_reverse_for_each_object_and_prefix():
    for pk in (7, 8, 7):
        assert welcome.address("dialogues:detail", pk=pk) == reverse("dialogues:detail", kwargs={"pk": pk})
    set_script_prefix("/kompas/")  # served under a sub-path: the kept address follows
    try:
        assert welcome.address("dialogues:detail", pk=7) == "/kompas/dialogues/7/"
    finally:
        set_script_prefix("/")
    assert welcome.address("dialogues:detail", pk=7) == reverse("dialogues:detail", kwargs={"pk": 7})


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["citizen", "employee", "leader", "programme", "admin"])
def test_the_kept_menu_reads_as_one_built_afresh(rf, role_users, role):
    for path in ["/", "/goals/", "/goals/1/", "/dialogues/", "/nowhere/"]:
        request = rf.get(path)
        request.user = role_users[role]
        menu = navigation.navigation_for(request)
        plain = [
            dict(item, links=[dict(link) for link in item["links"]]) if "links" in item else dict(item)
            for item in menu
        ]
        for mobile in (False, True):
            assert navigation.menu_html(menu, mobile=mobile) == navigation.menu_html(plain, mobile=mobile)
        assert sum(link["current"] for link in navigation.flat(menu)) <= 1
