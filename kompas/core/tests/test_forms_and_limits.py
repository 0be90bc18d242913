"""The CPR guard in forms, DKFDS error rendering that keeps what was typed, and oversized requests."""

import logging

import pytest
from django import forms
from django.test import override_settings
from django.urls import reverse

from kompas.core.forms import KompasForm
from kompas.core.validators import CPRValidator

CPR_TEXT = "Borgeren (cpr 010190-1234) ringede i dag."


class NoteForm(KompasForm):
    title = forms.CharField(max_length=50)
    note = forms.CharField(widget=forms.Textarea)
    email = forms.EmailField(required=False)


def test_every_free_text_field_gets_the_cpr_guard_and_others_do_not():
    form = NoteForm()
    assert any(isinstance(v, CPRValidator) for v in form.fields["title"].validators)
    assert any(isinstance(v, CPRValidator) for v in form.fields["note"].validators)
    assert not any(isinstance(v, CPRValidator) for v in form.fields["email"].validators)


def test_cpr_in_free_text_is_refused_with_the_danish_message(settings):
    settings.LANGUAGE_CODE = "da"
    from django.utils import translation

    with translation.override("da"):
        form = NoteForm(data={"title": "Besøg", "note": CPR_TEXT})
        assert not form.is_valid()
        assert form.errors["note"] == [
            "Teksten ser ud til at indeholde et CPR-nummer. Fjern det, før du gemmer."
        ]


def test_cpr_hit_is_logged_without_the_number(caplog):
    caplog.set_level(logging.WARNING, logger="kompas.security.cpr")
    NoteForm(data={"title": "Besøg", "note": CPR_TEXT}).is_valid()
    assert any("cpr_blocked" in r.getMessage() for r in caplog.records)
    logged = " ".join(r.getMessage() for r in caplog.records)
    assert "010190" not in logged and "1234" not in logged


def test_rendered_errors_sit_beside_the_field_and_keep_the_input():
    from django.utils import translation

    with translation.override("da"):
        form = NoteForm(data={"title": "", "note": CPR_TEXT + " Mere tekst."})
        form.is_valid()
        html = str(form)
    assert 'class="form-group form-error"' in html
    assert 'id="id_title-error"' in html and 'aria-describedby="id_title-error"' in html
    assert "Dette felt er påkrævet." in html
    assert "Mere tekst." in html  # what the user typed is kept in the textarea
    assert 'data-module="error-summary"' in html and 'href="#id_note"' in html


@pytest.mark.django_db
def test_oversized_post_gets_a_clear_413_page(client, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    response = client.post(
        reverse("accounts:login"), data="x=" + "a" * 5000, content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 413
    assert "for stor" in response.content.decode()


@pytest.mark.django_db
def test_too_many_fields_gets_a_clear_400_page(client, settings):
    settings.DATA_UPLOAD_MAX_NUMBER_FIELDS = 10
    data = "&".join(f"f{i}=1" for i in range(50))
    response = client.post(
        reverse("accounts:login"), data=data, content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 400
    assert "kunne ikke behandles" in response.content.decode()


@pytest.mark.django_db
def test_unknown_page_is_a_styled_danish_404(client):
    response = client.get("/findes-ikke/")
    assert response.status_code == 404
    body = response.content.decode()
    assert "Siden blev ikke fundet" in body and "dkfds" in body


@pytest.mark.django_db
@override_settings(DEBUG=False)
def test_server_error_page_is_styled(client):
    from kompas.core.views import server_error

    response = server_error(client.get("/").wsgi_request)
    assert response.status_code == 500
    assert "dkfds" in response.content.decode()


@pytest.mark.django_db
def test_danish_by_default_even_when_the_browser_asks_for_english(client):
    response = client.get("/city-goals/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert '<html lang="da">' in response.content.decode()
    client.cookies["kompas_language"] = "en"
    assert '<html lang="en">' in client.get("/city-goals/").content.decode()
