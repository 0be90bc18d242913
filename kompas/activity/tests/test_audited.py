"""The one audited create and update of an object with its many-to-many fields (activity.services): the entry
holds the changes with private fields as the marker, nothing changed records nothing, and the content version
moves only with a change."""

import pytest

from kompas.activity.models import ActivityEntry
from kompas.activity.redaction import PRIVATE_MARKER
from kompas.activity.services import Audited, audited_create, audited_update
from kompas.citygoals.models import CityGoal
from kompas.core import versions
from kompas.goals import verbs
from kompas.goals.models import Goal
from kompas.goals.tests import factories

AUDITED = Audited(("title", "value_statement"), m2m=("city_goals",), private=("value_statement",))


@pytest.mark.django_db
def test_create_saves_sets_the_relations_and_records_every_field_private_ones_as_the_marker(role_users):
    template = factories.goal()
    first, second = CityGoal.objects.order_by("order")[:2]
    goal = Goal(
        owner=template.owner,
        owner_unit=template.owner_unit,
        title="Flere læser",
        value_statement="Hemmelig værdi",
        beneficiaries="Børn",
        period_start=template.period_start,
        period_end=template.period_end,
        status_reason="Godt i gang",
    )
    content = versions.current("content")
    saved = audited_create(
        instance=goal,
        actor=role_users["leader"],
        verb=verbs.GOAL_CREATED,
        audited=AUDITED,
        m2m={"city_goals": [second, first]},
        clean_exclude=["owner"],
    )
    assert saved.pk is not None
    assert set(saved.city_goals.all()) == {first, second}
    assert versions.current("content") > content
    entry = ActivityEntry.objects.filter(verb="goal_created", target_id=str(saved.pk)).get()
    assert entry.actor == role_users["leader"]
    assert entry.changes == {
        "title": [None, "Flere læser"],
        "value_statement": [None, PRIVATE_MARKER],
        "city_goals": [None, sorted([str(first), str(second)])],
    }


@pytest.mark.django_db
def test_update_sets_what_is_given_records_the_changes_and_nothing_when_nothing_changed(role_users):
    goal = factories.goal()
    actor = role_users["leader"]
    city_goals_before = sorted(str(c) for c in goal.city_goals.all())
    assert city_goals_before
    seen = []

    updated, changes = audited_update(
        instance=goal,
        actor=actor,
        verb=verbs.GOAL_UPDATED,
        audited=AUDITED,
        values={"value_statement": "Ny hemmelig værdi", "city_goals": []},
        prepare=lambda instance, before: seen.append((instance.value_statement, before["value_statement"])),
    )
    assert seen == [("Ny hemmelig værdi", goal.value_statement)]  # after the fields are set, before saving
    assert updated.title == goal.title  # not given: kept
    assert list(updated.city_goals.all()) == []
    assert changes == {
        "value_statement": [goal.value_statement, "Ny hemmelig værdi"],
        "city_goals": [city_goals_before, []],
    }
    entry = ActivityEntry.objects.filter(verb="goal_updated").get()
    assert entry.changes["value_statement"] == [PRIVATE_MARKER, PRIVATE_MARKER]
    assert entry.changes["city_goals"][1] == []

    content = versions.current("content")
    _same, nothing = audited_update(
        instance=updated, actor=actor, verb=verbs.GOAL_UPDATED, audited=AUDITED, values={"title": goal.title}
    )
    assert nothing == {}
    assert ActivityEntry.objects.filter(verb="goal_updated").count() == 1
    assert versions.current("content") == content


@pytest.mark.django_db
def test_a_part_is_recorded_on_the_whole_each_change_named_by_the_part(role_users):
    """An indicator's change is on its goal's history, an iteration's on its trial's, as "<part>: <field>"."""
    from kompas.goals import services as goal_services
    from kompas.trials import services as trial_services
    from kompas.trials.tests import factories as trial_factories

    goal = factories.goal()
    indicator = factories.indicator(goal=goal, points=0)
    goal_services.indicator_save(
        goal=goal, actor=goal.owner, indicator=indicator, name="Andel der læser hver dag", unit="procent"
    )
    entry = ActivityEntry.objects.filter(verb="indicator_updated").get()
    assert (entry.target_type.model, entry.target_id) == ("goal", str(goal.pk))
    assert entry.changes == {
        "Andel der læser hver dag: name": ["Andel der læser dagligt", "Andel der læser hver dag"]
    }

    trial = trial_factories.trial()
    iteration = trial_factories.iteration(trial=trial)
    trial_services.iteration_update(iteration=iteration, actor=trial.owner, tried="Tre eftermiddage")
    trial_services.iteration_update(iteration=iteration, actor=trial.owner, tried="Tre eftermiddage")
    entry = ActivityEntry.objects.filter(verb="trial_iteration_updated").get()  # the second changed nothing
    assert (entry.target_type.model, entry.target_id) == ("trial", str(trial.pk))
    assert entry.changes == {"1: tried": ["To faste eftermiddage med frivillige.", "Tre eftermiddage"]}
