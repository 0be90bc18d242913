"""Celery acknowledges a task when it has finished (CELERY_TASK_ACKS_LATE): a worker lost mid-task or after
finishing runs the task again. Every task is idempotent: a second run changes nothing the first one finished."""

import datetime as dt

import pytest
from django.conf import settings
from django.utils import timezone

from kompas.activity.models import Notification
from kompas.dialogues import services as dialogue_services
from kompas.dialogues.tests import factories as dialogue_factories
from kompas.goals import services as goal_services
from kompas.goals.models import Goal
from kompas.goals.tests import factories as goal_factories
from kompas.valuemap.models import Snapshot, SnapshotGoal
from kompas.valuemap.services import snapshot_build


def test_tasks_are_acknowledged_late_and_given_back_when_the_worker_dies():
    assert settings.CELERY_TASK_ACKS_LATE and settings.CELERY_TASK_REJECT_ON_WORKER_LOST
    assert settings.CELERY_WORKER_PREFETCH_MULTIPLIER == 1
    assert settings.CELERY_BROKER_TRANSPORT_OPTIONS["visibility_timeout"] >= 60 * 60


@pytest.mark.django_db
def test_building_a_snapshot_twice_copies_once(role_users):
    goal_factories.goal(title="Trygge skoleveje")
    snapshot = Snapshot.objects.create(note="rerun")
    first = snapshot_build(snapshot_id=snapshot.pk)
    rows, published_at = SnapshotGoal.objects.filter(snapshot=snapshot).count(), first.published_at
    second = snapshot_build(snapshot_id=snapshot.pk)
    assert rows == 1 and SnapshotGoal.objects.filter(snapshot=snapshot).count() == rows
    assert second.published_at == published_at and second.is_current


@pytest.mark.django_db
def test_computing_an_opinion_map_twice_keeps_the_first_result(role_users):
    forum = dialogue_factories.forum(statements=["Flere cykelstier", "Mere grønt"])
    for index, kind in enumerate(["citizen", "employee", "leader"]):
        participant = dialogue_services.participant_join(
            forum=forum, user=role_users[kind], stakeholder_type="citizen"
        )
        for statement in forum.statements.all():
            dialogue_services.vote_cast(
                participant=participant, statement=statement, value=[1, -1, 0][index], key=""
            )
    opinion_map = dialogue_services.map_request(forum=forum, force=True)
    computed_at = dialogue_services.map_compute(map_id=opinion_map.pk).computed_at
    assert dialogue_services.map_compute(map_id=opinion_map.pk).computed_at == computed_at


@pytest.mark.django_db
def test_the_due_follow_up_task_twice_on_one_day_notifies_once(
    role_users, django_capture_on_commit_callbacks
):
    goal = goal_factories.goal()
    today = timezone.localdate()
    Goal.objects.filter(pk=goal.pk).update(next_follow_up_on=today)
    for _run in range(2):
        with django_capture_on_commit_callbacks(execute=True):
            goal_services.due_follow_ups_notify(today=today)
    assert Notification.objects.filter(recipient=goal.owner, url=goal.get_absolute_url()).count() == 1
    # A due date on another day is another reminder.
    tomorrow = today + dt.timedelta(days=1)
    Goal.objects.filter(pk=goal.pk).update(next_follow_up_on=tomorrow)
    with django_capture_on_commit_callbacks(execute=True):
        goal_services.due_follow_ups_notify(today=tomorrow)
    assert Notification.objects.filter(recipient=goal.owner, url=goal.get_absolute_url()).count() == 2
