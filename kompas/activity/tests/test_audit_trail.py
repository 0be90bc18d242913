import datetime as dt

import pytest
from django.core import mail
from django.db import connection, transaction
from django.db.utils import DatabaseError
from django.urls import reverse

from kompas.activity.models import ActivityEntry, Notification
from kompas.activity.services import changes_between, digest_send, notification_send, snapshot
from kompas.activity.tasks import send_daily_digests
from kompas.citygoals.models import CityGoal
from kompas.citygoals.services import city_goal_update


def test_changes_between_lists_only_changed_fields():
    assert changes_between({"a": 1, "b": "x"}, {"a": 1, "b": "y", "c": None}) == {"b": ["x", "y"]}
    assert changes_between({}, {"a": 1}) == {"a": [None, 1]}


@pytest.mark.django_db
def test_a_service_records_actor_verb_target_and_before_after(role_users):
    goal = CityGoal.objects.order_by("order").first()
    old_title = goal.title
    city_goal_update(
        goal=goal,
        title="Ny titel",
        description=goal.description,
        is_active=True,
        actor=role_users["programme"],
    )
    entry = ActivityEntry.objects.get(verb="city_goal_updated")
    assert entry.actor == role_users["programme"]
    assert entry.target_id == str(goal.pk)
    assert entry.changes == {"title": [old_title, "Ny titel"]}
    assert entry.created_at.utcoffset() == dt.timedelta(0)  # stored in UTC


@pytest.mark.django_db
def test_staff_read_an_objects_history_on_a_page(client_for, role_users):
    goal = CityGoal.objects.order_by("order").first()
    city_goal_update(
        goal=goal,
        title="Historisk titel",
        description=goal.description,
        is_active=True,
        actor=role_users["programme"],
    )
    from django.contrib.contenttypes.models import ContentType

    url = reverse("activity:history", args=[ContentType.objects.get_for_model(CityGoal).pk, goal.pk])
    body = client_for("employee").get(url).content.decode()
    assert "Historisk titel" in body and "Pia Programstab" in body


@pytest.mark.django_db
def test_history_of_a_person_is_for_administrators_only(client_for, role_users):
    from django.contrib.contenttypes.models import ContentType

    from kompas.accounts.models import User

    url = reverse(
        "activity:history", args=[ContentType.objects.get_for_model(User).pk, role_users["citizen"].pk]
    )
    assert client_for("programme").get(url).status_code == 404
    assert client_for("admin").get(url).status_code == 200


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="the append-only trigger is PostgreSQL's")
def test_postgresql_refuses_update_and_delete_of_the_audit_trail(role_users):
    entry = ActivityEntry.objects.create(verb="test", target_repr="x")
    with pytest.raises(DatabaseError), transaction.atomic():
        ActivityEntry.objects.filter(pk=entry.pk).update(verb="changed")
    with pytest.raises(DatabaseError), transaction.atomic():
        ActivityEntry.objects.filter(pk=entry.pk).delete()
    assert ActivityEntry.objects.get(pk=entry.pk).verb == "test"


@pytest.mark.django_db
def test_notifications_appear_only_after_the_transaction_commits(
    role_users, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        notification_send(recipients=[role_users["leader"]], message="En opfølgning er forfalden")
        assert Notification.objects.count() == 0
    for callback in callbacks:
        callback()
    assert Notification.objects.get().recipient == role_users["leader"]


@pytest.mark.django_db
def test_at_most_one_digest_a_day(role_users, django_capture_on_commit_callbacks):
    leader = role_users["leader"]
    with django_capture_on_commit_callbacks(execute=True):
        notification_send(recipients=[leader], message="Første")
    assert send_daily_digests() == 1
    assert len(mail.outbox) == 1 and "Første" in mail.outbox[0].body
    with django_capture_on_commit_callbacks(execute=True):
        notification_send(recipients=[leader], message="Anden")
    assert digest_send(user=leader) == 0  # the same day: nothing more
    assert len(mail.outbox) == 1
    tomorrow = dt.date.today() + dt.timedelta(days=1)
    assert digest_send(user=leader, today=tomorrow) == 1
    assert "Anden" in mail.outbox[1].body and "Første" not in mail.outbox[1].body


@pytest.mark.django_db
def test_the_digest_links_each_notification_and_the_list_on_the_sites_address(
    role_users, django_capture_on_commit_callbacks, settings
):
    settings.KOMPAS_SITE_URL = "https://kompas.example.dk/"
    leader = role_users["leader"]
    with django_capture_on_commit_callbacks(execute=True):
        notification_send(recipients=[leader], message="Svar på “Læs & leg” – se det", url="/goals/7/")
        notification_send(recipients=[leader], message="Uden adresse")
    assert digest_send(user=leader) == 2
    body = mail.outbox[0].body
    assert (
        "- Svar på “Læs & leg” – se det\n  https://kompas.example.dk/goals/7/\n" in body
    )  # plain text, unescaped
    assert "- Uden adresse\n" in body
    assert "https://kompas.example.dk/activity/notifications/" in body
    assert "&amp;" not in body


@pytest.mark.django_db
def test_no_digest_for_someone_who_turned_it_off(role_users, django_capture_on_commit_callbacks):
    citizen = role_users["citizen"]
    citizen.digest_enabled = False
    citizen.save()
    with django_capture_on_commit_callbacks(execute=True):
        notification_send(recipients=[citizen], message="Hej")
    assert digest_send(user=citizen) == 0 and mail.outbox == []


@pytest.mark.django_db
def test_marking_notifications_read(client_for, role_users, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        notification_send(recipients=[role_users["citizen"]], message="Nyt svar i dialogen")
    client = client_for("citizen")
    assert "Nyt svar i dialogen" in client.get(reverse("core:home")).content.decode()
    client.post(reverse("activity:notifications-read"))
    assert not Notification.objects.filter(read_at__isnull=True).exists()


def test_snapshot_renders_plain_json_values():
    class Thing:
        amount = __import__("decimal").Decimal("12.50")
        when = dt.date(2026, 1, 2)
        tags = ["a", "b"]

    assert snapshot(Thing(), ["amount", "when", "tags"]) == {
        "amount": "12.50",
        "when": "2026-01-02",
        "tags": ["a", "b"],
    }
