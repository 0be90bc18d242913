"""The hearings' demo data: a closed hearing with a published note (a Bilag of the draft proposal) and an open
hearing with a statement round and an assisted answer."""

import random

import pytest

from kompas.demo.builders import DemoContext, build_platform, build_proposals
from kompas.hearings import demo
from kompas.hearings.choices import HearingStatus
from kompas.hearings.models import Hearing

pytestmark = pytest.mark.django_db


def test_demo_builds_a_published_note_and_an_open_hearing(client):
    ctx = DemoContext(scale="small", rng=random.Random(2021))
    build_platform(ctx)
    build_proposals(ctx)
    demo.build(ctx)
    demo.build(ctx)  # idempotent
    closed = Hearing.objects.get(title=demo.CLOSED_TITLE)
    assert closed.status == HearingStatus.PUBLISHED and closed.note_attached
    assert any(line.startswith("Høringsnotat: ") for line in closed.proposal.attachment_lines())
    open_hearing = Hearing.objects.get(title=demo.OPEN_TITLE)
    assert open_hearing.is_accepting_answers and open_hearing.forum is not None
    assert open_hearing.answers.filter(assisted=True).count() == 1
    assert ctx.counts["hearings"] == 2
    page = client.get(f"/hearings/{closed.pk}/note/").content.decode()
    assert "Voksne med på turen" in page and "Forældrerådet på Skåde Skole" in page
    assert "Mette Kjær" not in page
