"""The front page's "open now" list as a signed-in reader reads it: each row's kind, link, title, deadline and
note, the deadline in the reader's own language (the labels are worked out once per process and language, so a
reader who switches language must not get the other language's label)."""

import datetime as dt

import pytest
from django.conf import settings
from django.utils import timezone

from kompas.dialogues.tests import factories as dialogue_factories
from kompas.fund.models import Round
from kompas.fund.tests import factories as fund_factories

pytestmark = pytest.mark.django_db


def _open_now(client, language: str) -> str:
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    html = client.get("/", HTTP_CACHE_CONTROL="no-cache").content.decode()
    start = html.find('data-testid="open-now"')
    return html[start : html.find("</section>", start)]


def test_each_row_reads_in_the_readers_language_with_its_deadline_and_link(client_for):
    forum = dialogue_factories.forum(title="Skal cykelstien <gå> langs åen?")
    round_ = fund_factories.open_round(title="Forårsrunde")
    closes = timezone.make_aware(dt.datetime(2099, 10, 1, 12, 0))
    Round.objects.filter(pk=round_.pk).update(closes_at=closes)
    client = client_for("citizen")

    for _ in range(2):  # and again, as each process keeps the labels once worked out
        danish = _open_now(client, "da")
        english = _open_now(client, "en")

        assert "<small>Frist 1. oktober 2099 · " in danish
        assert "<small>Deadline 1. October 2099 · " in english
        assert "Frist" not in english and "Deadline" not in danish
        assert '<span class="badge">Dialog</span>' in danish
        assert '<span class="badge">Dialogue</span>' in english
        # the forum's own page, its title escaped
        assert f'<a href="{forum.get_absolute_url()}">Skal cykelstien &lt;gå&gt; langs åen?</a>' in danish
        assert f'<a href="{round_.get_absolute_url()}">Forårsrunde</a>' in english
