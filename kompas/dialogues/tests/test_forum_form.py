"""Creating and editing a forum goes through the shared ``submit`` (ADR 0020): the form's lines become the
forum's standpoints and opening statements, and a service's ValidationError is shown on the form, with what the
facilitator typed kept."""

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from kompas.activity.models import ActivityEntry
from kompas.core.tests.service_errors import error_summary, field_error, refusing
from kompas.dialogues import services
from kompas.dialogues.models import Forum
from kompas.dialogues.tests import factories


def _data(**changes) -> dict:
    data = {
        "title": "Skal biblioteket i Harlev have åbent om søndagen?",
        "dilemma": "Længere åbningstid mod færre timer med bibliotekar.",
        "values_in_tension": "Tilgængelighed · faglighed",
        "question": "Hvornår skal biblioteket have åbent?",
        "visibility": "public",
        "moderation": "pre",
        "participants_may_submit": "on",
        "standpoints": "Åbent om søndagen\n\nSom i dag",
        "seed_statements": "Søndag er familiernes dag.\nVi har brug for bibliotekaren, når vi kommer.",
    }
    data.update(changes)
    return data


@pytest.mark.django_db
def test_a_new_forum_gets_its_standpoints_and_opening_statements_from_the_lines(client_for, role_users):
    client = client_for("leader")
    response = client.post(reverse("dialogues:create"), _data())
    forum = Forum.objects.get(title="Skal biblioteket i Harlev have åbent om søndagen?")
    assert response.status_code == 302 and response["Location"] == forum.get_absolute_url()
    assert list(forum.standpoints.values_list("text", flat=True)) == ["Åbent om søndagen", "Som i dag"]
    assert sorted(forum.statements.filter(is_seed=True).values_list("text", flat=True)) == [
        "Søndag er familiernes dag.",
        "Vi har brug for bibliotekaren, når vi kommer.",
    ]
    shown = [str(message) for message in get_messages(response.wsgi_request)]
    assert shown == ["Forummet er oprettet som kladde. Åbn det, når du er klar."]


@pytest.mark.django_db
def test_a_service_error_on_create_is_shown_beside_the_field_with_the_input_kept(
    client_for, role_users, monkeypatch
):
    monkeypatch.setattr(services, "forum_create", refusing("question", "Spørgsmålet er stillet før."))
    response = client_for("leader").post(reverse("dialogues:create"), _data())
    body = response.content.decode()
    assert response.status_code == 200 and not Forum.objects.exists()
    assert field_error(body, "question") == "Spørgsmålet er stillet før."
    assert 'href="#id_question"' in body
    assert "Søndag er familiernes dag." in body and 'value="Hvornår skal biblioteket have åbent?"' in body


@pytest.mark.django_db
def test_a_service_error_on_edit_of_a_field_the_form_lacks_goes_to_the_top_and_nothing_is_saved(
    client_for, role_users, monkeypatch
):
    forum = factories.forum()

    monkeypatch.setattr(services, "forum_update", refusing("status", "Forummet er lukket."))
    response = client_for("programme").post(
        reverse("dialogues:edit", args=[forum.pk]), _data(title="Et nyt navn til forummet")
    )
    body = response.content.decode()
    assert response.status_code == 200
    summary = error_summary(body)
    assert "Forummet er lukket." in summary
    assert 'value="Et nyt navn til forummet"' in body
    forum.refresh_from_db()
    assert forum.title == "Skal den lille skole lukke?"
    assert not ActivityEntry.objects.filter(verb="forum_updated").exists()
