"""No name after erasure: the erase path of the append-only audit trail (ADR 0018)."""

import json
import re

import pytest
from django.db import DatabaseError, connection, transaction
from django.utils import translation

from kompas.accounts.services import person_erase, user_set_roles, user_update_profile
from kompas.activity.models import ActivityEntry
from kompas.activity.services import ERASURE_SETTING, activity_record, audit_trail_erase_person
from kompas.organisations.models import Department, Unit

COLUMNS = ("pk", "actor_id", "verb", "target_type_id", "target_id", "target_repr", "changes", "created_at")


def _rows():
    return {row[0]: row for row in ActivityEntry.objects.values_list(*COLUMNS)}


def _text(row) -> str:
    return (row[5] + " " + json.dumps(row[6], ensure_ascii=False)).lower()


@pytest.mark.django_db
def test_after_erasure_no_entry_holds_the_persons_name_or_email_and_other_entries_are_intact(role_users):
    from kompas.goals.tests import factories as goal_factories

    person, colleague, admin = role_users["employee"], role_users["programme"], role_users["admin"]
    # A former name, then the one the person has when erased (a name with Danish letters).
    user_update_profile(
        user=person, full_name="Maja Søndergaard", preferred_language="da", digest_enabled=True, actor=person
    )
    user_set_roles(user=person, roles=["employee", "leader"], actor=admin)
    # Named in the changes of other objects: a co-creator of a goal next to a colleague, and by e-mail.
    goal = goal_factories.goal(co_creators_staff=[person, colleague])
    unit = Unit.objects.create(department=Department.objects.first(), name="Testenhed")
    activity_record(
        actor=admin,
        verb="test_member_added",
        target=unit,
        changes={"member": [None, "medarbejder@test.kompas.dk"], "MAJA SØNDERGAARD": [None, "leder"]},
    )
    untouched = activity_record(
        actor=colleague, verb="test_other", target=unit, changes={"member": [None, "Pia Programstab"]}
    )
    before = _rows()
    assert any("maja søndergaard" in _text(row) for row in before.values())
    assert any("maja medarbejder" in _text(row) for row in before.values())

    with translation.override("en"):  # the receipt's wording is checked in English below
        receipt = person_erase(person=person, actor=admin)

    after = _rows()
    assert set(before) <= set(after) and len(after) == len(before) + 1  # nothing removed; person_erased added
    for row in after.values():
        text = _text(row)
        for identifier in ("maja", "søndergaard", "medarbejder@test.kompas.dk"):
            assert identifier not in text, (row[2], text)
    changed = {pk for pk in before if before[pk] != after[pk]}
    assert changed  # the person's entries were rewritten ...
    for pk in changed:  # ... in target_repr and changes only
        assert before[pk][:5] == after[pk][:5] and before[pk][7] == after[pk][7]
    for pk in set(before) - changed:
        assert before[pk] == after[pk]
    assert after[untouched.pk] == before[untouched.pk]
    goal_entry = ActivityEntry.objects.get(target_id=str(goal.pk), verb__endswith="goal_created")
    co_creators = goal_entry.changes["co_creators_staff"][1]
    assert "Pia Programstab" in co_creators and len(co_creators) == 2  # the colleague stays named
    # The receipt tells the truth: the activity line counts the rewritten entries and says the name goes.
    line = next(line for line in receipt if line["key"] == "activity")
    assert line["rows"] >= len(changed)
    assert "without the person's name or e-mail address" in line["kept"]


@pytest.mark.django_db
def test_a_one_word_name_goes_from_the_persons_own_entries_only(role_users):
    person, admin = role_users["citizen"], role_users["admin"]
    user_update_profile(
        user=person, full_name="Bo", preferred_language="da", digest_enabled=True, actor=person
    )
    unit = Unit.objects.create(department=Department.objects.first(), name="Testenhed")
    other = activity_record(
        actor=admin, verb="test_other", target=unit, changes={"note": [None, "Bo i byen"]}
    )
    person_erase(person=person, actor=admin)
    other.refresh_from_db()
    assert other.changes == {"note": [None, "Bo i byen"]}  # "Bo" could be anyone, or any word
    own = ActivityEntry.objects.filter(target_id=str(person.pk), target_type__model="user")
    texts = [_text((0, 0, 0, 0, 0, e.target_repr, e.changes)) for e in own]
    assert texts and not any(re.search(r"\bbo\b", text) for text in texts)


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="the append-only trigger is PostgreSQL's")
def test_postgresql_allows_only_the_erase_path_and_only_for_the_two_text_columns(role_users):
    entry = ActivityEntry.objects.create(
        verb="test", target_repr="Maja Medarbejder", changes={"a": ["Maja Medarbejder"]}
    )
    rows = ActivityEntry.objects.filter(pk=entry.pk)

    def erase_path():
        with connection.cursor() as cursor:
            cursor.execute("SELECT set_config(%s, 'on', true)", [ERASURE_SETTING])

    # Without the setting, nothing may change and nothing may go.
    with pytest.raises(DatabaseError), transaction.atomic():
        rows.update(target_repr="x")
    with pytest.raises(DatabaseError), transaction.atomic():
        rows.delete()
    # With it: still no DELETE, and no change to any other column.
    with transaction.atomic():
        erase_path()
        with pytest.raises(DatabaseError), transaction.atomic():
            rows.delete()
        with pytest.raises(DatabaseError), transaction.atomic():
            rows.update(verb="changed")
        with pytest.raises(DatabaseError), transaction.atomic():
            rows.update(target_repr="x", actor=role_users["admin"])
    # The setting ends with its transaction.
    with transaction.atomic():
        erase_path()
    with pytest.raises(DatabaseError), transaction.atomic():
        rows.update(target_repr="x")
    assert ActivityEntry.objects.get(pk=entry.pk).target_repr == "Maja Medarbejder"
    # The erase path itself: target_repr and changes, through the service.
    person = role_users["employee"]
    with transaction.atomic():
        assert audit_trail_erase_person(person=person, replacement="(slettet)") >= 1
    entry.refresh_from_db()
    assert (entry.verb, entry.target_repr, entry.changes) == ("test", "(slettet)", {"a": ["(slettet)"]})
    # ... and the service closes the path behind it: later in the same transaction a plain UPDATE is refused.
    other = ActivityEntry.objects.create(verb="test", target_repr="Maja Medarbejder")
    bystander = ActivityEntry.objects.create(verb="test", target_repr="Ingen")
    with transaction.atomic():
        assert audit_trail_erase_person(person=person, replacement="(slettet)") == 1
        with pytest.raises(DatabaseError), transaction.atomic():
            ActivityEntry.objects.filter(pk=bystander.pk).update(target_repr="z")
    other.refresh_from_db()
    bystander.refresh_from_db()
    assert (other.target_repr, bystander.target_repr) == ("(slettet)", "Ingen")
