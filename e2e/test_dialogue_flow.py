"""A citizen joins a dialogue, votes on ten statements and submits one; the facilitator approves it and opens
the map."""

import re

from playwright.sync_api import expect

from e2e import conftest as steps
from e2e.conftest import assert_no_axe_violations, login
from e2e.test_pages import DEMO_LOGINS


def test_citizen_votes_and_submits_and_the_facilitator_moderates_and_opens_the_map(
    page, live_server, demo, problems
):
    from kompas.dialogues.models import Forum

    forum = Forum.objects.get(title="Skal de små skoler bevares?")
    login(page, live_server, DEMO_LOGINS["citizen"])
    steps.open_from_list(page, live_server, "/dialogues/", forum.title)
    steps.follow(page, "Deltag i dialogen")
    page.locator("input[name=stakeholder_type][value=citizen]").check()
    page.get_by_role("button", name="Begynd at stemme").click()
    answers = ["Enig", "Uenig", "Spring over / ved ikke"]
    for n in range(10):
        expect(page.locator("#vote-card")).to_contain_text(f"Du har stemt om {n} af")
        if n == 0:
            assert_no_axe_violations(page)
        page.get_by_role("button", name=answers[n % 3], exact=True).click()
    expect(page.locator("#vote-card")).to_contain_text("Du har stemt om 10 af")

    steps.follow(page, "Tilføj dit eget udsagn")
    page.get_by_label("Dit udsagn").fill("Skolen skal have en frivilliggruppe af forældre og bedsteforældre.")
    page.get_by_role("button", name="Indsend").click()
    steps.expect_main(page, "Tak")

    steps.login_afresh(page, live_server, DEMO_LOGINS["programme"])
    page.goto(f"{live_server.url}/dialogues/{forum.pk}/moderation/")
    assert_no_axe_violations(page)
    page.get_by_role("button", name="Godkend").first.click()
    steps.expect_main(page, "Intet venter")
    page.goto(f"{live_server.url}/dialogues/{forum.pk}/map/")
    expect(page.locator("h1")).to_have_text("Meningskort")
    steps.expect_main(page, "Gruppe A")
    assert_no_axe_violations(page)
    steps.follow(page, "Hvem deltager")
    assert problems.take() == []


def test_voting_does_not_add_header_buttons_or_sideways_scroll(page, live_server, demo, problems):
    """Each htmx swap starts only the swapped fragment's components; DKFDS' header "Mere" button stays one."""
    from kompas.dialogues.models import Forum

    forum = Forum.objects.get(title="Skal de små skoler bevares?")
    login(page, live_server, DEMO_LOGINS["citizen"])
    page.goto(f"{live_server.url}/dialogues/{forum.pk}/join/")
    page.locator("input[name=stakeholder_type][value=citizen]").check()
    page.get_by_role("button", name="Begynd at stemme").click()
    for n in range(4):
        expect(page.locator("#vote-card")).to_contain_text(
            re.compile(rf"(Du har stemt om|You have voted on) {n} ")
        )
        page.get_by_role("button", name="Enig", exact=True).click()
    expect(page.locator("#vote-card")).to_contain_text(re.compile(r"(Du har stemt om|You have voted on) 4 "))
    assert page.locator(".navigation-menu .more-option").count() == 1
    assert page.locator("#fds-more-menu").count() == 1
    assert page.evaluate("document.documentElement.scrollWidth") <= 1280
    assert problems.take() == []
