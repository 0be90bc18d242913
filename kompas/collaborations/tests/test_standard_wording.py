"""The principles and the Målkompas questions are Kompas' own texts: one source each, marked "standardformulering"
while they are the default, and edited by programme staff as new versions that every page follows (issue 14)."""

import pytest
from django.urls import reverse

from kompas.collaborations import services
from kompas.collaborations.defaults import DEFAULT_PRINCIPLES
from kompas.goals.defaults import QUESTIONS
from kompas.library.defaults import TOOLS
from kompas.library.tests import factories


def _tool(prefix: str):
    title, summary, body, paths, _slug = next(t for t in TOOLS if t[0].startswith(prefix))
    return factories.item(title=title, summary=summary, body=body, paths=paths)


@pytest.mark.django_db
def test_the_library_shows_the_one_wording_of_the_principles_and_marks_it_as_ours(client_for, role_users):
    tool = _tool("Samarbejdskompasset")
    assert DEFAULT_PRINCIPLES[0][0] not in tool.body  # the library keeps no wording of its own
    page = client_for("anonymous").get(reverse("library:detail", args=[tool.pk])).content.decode()
    assert all(title in page for title, _text in DEFAULT_PRINCIPLES)
    assert "Standardformulering" in page and "[[standard" not in page

    services.principles_publish(
        principles=[(f"Vores princip {n}", "") for n in range(1, 8)],
        note="Kommunens egne ord",
        actor=role_users["programme"],
    )
    page = client_for("anonymous").get(reverse("library:detail", args=[tool.pk])).content.decode()
    assert "Vores princip 7" in page and DEFAULT_PRINCIPLES[0][0] not in page
    assert "Standardformulering" not in page


@pytest.mark.django_db
def test_the_library_shows_the_current_malkompas_questions(client_for):
    tool = _tool("Målkompasset")
    page = client_for("anonymous").get(reverse("library:detail", args=[tool.pk])).content.decode()
    assert all(text in page for text, _help in QUESTIONS) and "Standardformulering" in page
    body = client_for("anonymous").get("/api/library/items", {"kind": "tool"}).json()["items"][0]["body"]
    assert "[[standard" not in body and QUESTIONS[0][0] in body  # the API writes the questions out


@pytest.mark.django_db
def test_the_principles_page_tells_programme_staff_the_wording_is_ours(client_for, role_users):
    page = client_for("programme").get(reverse("collaborations:principles")).content.decode()
    assert "Standardformulering" in page and "ikke kommunens" in page
