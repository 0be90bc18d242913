"""The audit trail keeps no private text: private fields are recorded as a marker that shows only THAT they
changed (ADR 0018), and no entry tells how a named participant voted."""

import json

import pytest

from kompas.activity.models import ActivityEntry
from kompas.activity.redaction import PRIVATE_MARKER, identifier_pattern, redact, scrub
from kompas.activity.services import activity_record, changes_between
from kompas.citygoals.models import CityGoal


def test_a_private_field_is_recorded_as_the_marker_and_still_shows_that_it_changed():
    before = {"summary": "", "amount": "10", "note": "hemmelig før"}
    after = {"summary": "Borgerens udkast", "amount": "20", "note": "hemmelig efter"}
    changes = changes_between(before, after, private=("summary", "note"))
    assert changes == {
        "summary": ["", PRIVATE_MARKER],  # set: empty before, the marker after
        "amount": ["10", "20"],  # not private: in full
        "note": [PRIVATE_MARKER, PRIVATE_MARKER],  # changed, but not what it says
    }
    assert changes_between({"note": "a"}, {"note": ""}, private=("note",)) == {"note": [PRIVATE_MARKER, ""]}
    assert changes_between({"note": "same"}, {"note": "same"}, private=("note",)) == {}  # unchanged: no entry


def test_redact_leaves_fields_it_was_not_asked_about():
    assert redact({"a": ["x", "y"]}, private=("b",)) == {"a": ["x", "y"]}


@pytest.mark.django_db
def test_activity_record_stores_the_marker_for_private_fields(role_users):
    goal = CityGoal.objects.order_by("order").first()
    entry = activity_record(
        actor=role_users["programme"],
        verb="test_private",
        target=goal,
        changes={"comment": [None, "Følsom kommentar"], "status": ["a", "b"]},
        private=("comment",),
    )
    entry.refresh_from_db()
    assert entry.changes == {"comment": [None, PRIVATE_MARKER], "status": ["a", "b"]}


def test_scrub_replaces_whole_names_and_addresses_in_keys_and_values_only():
    pattern = identifier_pattern(["Bo Borger", "bo@example.dk"])
    data = {"Bo Borger: role": ["bo@example.dk", "Bolig til BO BORGER", "Bo Borgersen", ["bo borger"]]}
    assert scrub(data, pattern, "X") == {"X: role": ["X", "Bolig til X", "Bo Borgersen", ["X"]]}
    assert identifier_pattern(["", "  "]) is None


@pytest.mark.django_db
def test_the_entry_of_an_application_text_change_holds_no_text():
    from kompas.fund import services
    from kompas.fund.tests import factories

    application = factories.application(submit=False)
    services.application_save_draft(
        application=application,
        actor=application.applicant,
        summary="Min private idé om robotter",
        risks="Min leder ved det ikke endnu",
        title="Robotter i hjemmeplejen",
    )
    entry = ActivityEntry.objects.filter(verb__endswith="draft_saved", target_id=str(application.pk)).first()
    stored = json.dumps(entry.changes, ensure_ascii=False)
    assert "private idé" not in stored and "Min leder" not in stored
    assert "Et kort resumé" not in stored  # nor what it said before
    assert entry.changes["summary"] == [PRIVATE_MARKER, PRIVATE_MARKER]  # THAT it changed
    assert entry.changes["risks"] == [PRIVATE_MARKER, PRIVATE_MARKER]
    assert entry.changes["title"][1] == "Robotter i hjemmeplejen"  # the name of the application stays
    # No entry about the application holds any of the texts the applicant wrote in the draft.
    everything = json.dumps(
        list(ActivityEntry.objects.filter(target_id=str(application.pk)).values_list("changes", flat=True)),
        ensure_ascii=False,
    )
    for text in factories.FILLED.values():
        if isinstance(text, str):
            assert text not in everything


@pytest.mark.django_db
def test_no_audit_entry_tells_how_a_named_participant_voted_or_which_statement_they_wrote(role_users):
    from kompas.dialogues import services
    from kompas.dialogues.tests import factories

    forum = factories.forum()
    citizen = role_users["citizen"]
    participant = services.participant_join(forum=forum, user=citizen, stakeholder_type="citizen")
    statement = forum.statements.first()
    services.vote_cast(participant=participant, statement=statement, value=-1, key="k1")
    services.vote_cast(participant=participant, statement=statement, value=1, key="k2")
    own = services.statement_submit(participant=participant, text="Lad os bevare skolen, men dele ledelsen")
    for entry in ActivityEntry.objects.filter(actor=citizen):
        stored = json.dumps(entry.changes, ensure_ascii=False)
        assert str(own.pk) not in stored and "bevare skolen" not in stored
        assert "vote" not in entry.verb or not entry.changes  # a vote entry, if any, holds no choice
    statement_entries = ActivityEntry.objects.filter(
        target_type__model="statement", target_id=str(statement.pk)
    )
    assert not statement_entries.filter(actor=citizen).exists()
