"""The front page's notifications panel as its reader reads it: the link to all notifications with how many are
unread, in the reader's own language and number (the label is worked out once per count and language, so it must
follow the count and the language at once)."""

import pytest
from django.conf import settings

from kompas.activity import services

pytestmark = pytest.mark.django_db


def _link(client, language: str) -> str:
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    html = client.get("/", HTTP_CACHE_CONTROL="no-cache").content.decode()
    start = html.find('aria-labelledby="panel-notifications"')
    section = html[start : html.find("</section>", start)]
    return section[section.find('<a class="function-link"') :]


def test_the_unread_count_reads_in_the_readers_language_and_follows_each_change(
    client_for, role_users, django_capture_on_commit_callbacks
):
    citizen = role_users["citizen"]
    client = client_for("citizen")

    def send(message: str) -> None:
        with django_capture_on_commit_callbacks(execute=True):  # sent once the transaction commits
            services.notification_send(recipients=[citizen], message=message, url="/")

    send("Din høring er besvaret")
    send("Nyt i din dialog")

    assert "Alle notifikationer (2 ulæste)" in _link(client, "da")
    assert "All notifications (2 unread)" in _link(client, "en")

    send("Ny runde i puljen")
    assert "All notifications (3 unread)" in _link(client, "en")
    assert "Alle notifikationer (3 ulæste)" in _link(client, "da")

    services.notifications_mark_read(user=citizen)
    send("Sidste nyt")
    assert "Alle notifikationer (1 ulæst)" in _link(client, "da")
    assert "All notifications (1 unread)" in _link(client, "en")
