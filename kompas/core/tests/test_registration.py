"""Declared registrations (kompas.core.registration): each app's config is the one it declares, references
resolve relative to the app or absolutely, and ``ready()`` files what the config declares."""

import pytest
from django.apps import apps
from django.contrib.auth.models import AnonymousUser

from kompas.core import navigation, personal_data, registration, welcome
from kompas.core.registration import FrontPanel, KompasAppConfig, Nav
from kompas.core.roles import is_staff_member

DECLARING_APPS = (
    "activity",
    "accounts",
    "organisations",
    "citygoals",
    "goals",
    "valuemap",
    "dialogues",
    "fund",
    "collaborations",
    "stoplist",
    "surveys",
    "trials",
    "proposals",
    "library",
)


@pytest.mark.parametrize("label", DECLARING_APPS)
def test_each_app_runs_under_its_own_declaring_config(label):
    config = apps.get_app_config(label)
    assert isinstance(config, KompasAppConfig)
    assert type(config) is not KompasAppConfig
    assert type(config).__module__ == f"kompas.{label}.apps"


def test_references_resolve_relative_to_the_app_or_absolutely():
    goals = apps.get_app_config("goals")
    from kompas.goals.permissions import can_view_goals

    assert goals.resolve(".permissions.can_view_goals") is can_view_goals
    assert goals.resolve("kompas.core.roles.is_staff_member") is is_staff_member
    assert goals.resolve_rule("") is None
    negated = goals.resolve_rule("~kompas.core.roles.is_staff_member")
    assert negated.test(AnonymousUser()) is True
    with pytest.raises(ValueError, match="names no module"):
        goals.resolve("no_module")


def test_ready_files_what_the_config_declares(monkeypatch):
    monkeypatch.setattr(navigation, "_items", [])
    monkeypatch.setattr(welcome, "_panels", {})
    monkeypatch.setattr(personal_data, "_providers", {})

    class Declared(KompasAppConfig):
        name = "kompas.goals"
        label = "declared_for_test"
        navigation = (Nav("Test entry", "test:entry", order=7, rule="~kompas.core.roles.is_staff_member"),)
        panels = (FrontPanel(key="test", order=3, build=".panels.due_follow_ups", template="t.html"),)
        personal_data = ".personal.PROVIDER"

    assert Declared.default is True  # the one config of its apps.py, where Django looks for it
    assert registration.KompasAppConfig.default is False

    from kompas.goals import panels, personal

    Declared("kompas.goals", __import__("kompas.goals").goals).ready()
    (item,) = navigation._items
    assert (item.label, item.url_name, item.order, item.staff_only, item.group) == (
        "Test entry",
        "test:entry",
        7,
        False,
        None,
    )
    assert item.rule.test(AnonymousUser()) is True
    assert welcome._panels["test"].build is panels.due_follow_ups
    assert personal_data.providers() == [personal.PROVIDER]
