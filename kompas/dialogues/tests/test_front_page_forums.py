"""The front page's "open now" list of dialogues: the open forums are kept once for every reader, yet each reader
sees exactly the forums ``selectors.forums_for`` lets them see (the invited, the facilitator, staff-only)."""

import pytest

from kompas.dialogues import services
from kompas.dialogues.choices import ForumStatus, ForumVisibility
from kompas.dialogues.tests import factories

pytestmark = pytest.mark.django_db


def _open_now(client) -> str:
    html = client.get("/", HTTP_CACHE_CONTROL="no-cache").content.decode()
    start = html.find('data-testid="open-now"')
    return html[start : html.find("</section>", start)] if start >= 0 else ""


def test_each_reader_sees_the_open_forums_they_may_see(client_for, role_users):
    factories.forum(title="Åben dialog om cykelstier")
    factories.forum(title="Intern dialog om vagtplaner", visibility=ForumVisibility.STAFF)
    invited = factories.forum(title="Lukket dialog om skolestruktur", visibility=ForumVisibility.INVITED)
    invited.invited.set([role_users["employee"], role_users["citizen"]])
    factories.forum(title="Kladde til dialog om parkering", status=ForumStatus.DRAFT)
    factories.forum(
        title="Borgerens egen personaledialog",
        visibility=ForumVisibility.STAFF,
        facilitator_email=role_users["citizen"].email,
    )

    seen = {
        role: _open_now(client_for(role))
        for role in ("anonymous", "citizen", "employee", "leader", "programme")
    }

    for html in seen.values():
        assert "Åben dialog om cykelstier" in html
        assert "Kladde til dialog om parkering" not in html
    assert "Intern dialog om vagtplaner" not in seen["anonymous"] + seen["citizen"]
    assert (
        "Intern dialog om vagtplaner" in seen["employee"] and "Intern dialog om vagtplaner" in seen["leader"]
    )
    # invited: the two invited readers and programme staff (who see every forum), no one else
    for role in ("citizen", "employee", "programme"):
        assert "Lukket dialog om skolestruktur" in seen[role], role
    for role in ("anonymous", "leader"):
        assert "Lukket dialog om skolestruktur" not in seen[role], role
    # the facilitator sees their own forum whatever its visibility
    assert "Borgerens egen personaledialog" in seen["citizen"]
    assert "Borgerens egen personaledialog" not in seen["anonymous"]


def test_the_newest_four_visible_forums_are_listed_even_behind_forums_for_the_invited(client_for, role_users):
    for i in range(4):
        factories.forum(title=f"Offentlig dialog {i}")
    for i in range(3):
        factories.forum(title=f"Inviteret dialog {i}", visibility=ForumVisibility.INVITED)

    html = _open_now(client_for("leader"))  # invited to none of the newer ones

    assert all(f"Offentlig dialog {i}" in html for i in range(4))
    assert "Inviteret dialog" not in html


def test_a_forum_that_closes_leaves_the_list_at_once(client_for, role_users):
    forum = factories.forum(title="Dialog om legepladser")
    client = client_for("employee")
    assert "Dialog om legepladser" in _open_now(client)

    services.forum_transition(forum=forum, to=ForumStatus.CLOSED, actor=role_users["programme"])

    assert "Dialog om legepladser" not in _open_now(client)
