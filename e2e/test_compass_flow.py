"""The front page invites: a citizen who is not signed in walks from it to a path page, on to a city goal, to a
story of value, and to a dialogue they can join – with no axe violation on the way."""

import re

from playwright.sync_api import expect

from e2e.conftest import assert_no_axe_violations


def test_a_citizen_walks_from_the_front_page_to_a_path_a_city_goal_a_story_and_a_dialogue(
    page, live_server, demo, problems
):
    from kompas.valuemap.models import SnapshotEvidence

    # The front page: the vision, what is open now, the latest stories, the hours freed, the four paths.
    page.goto(f"{live_server.url}/")
    assert_no_axe_violations(page)
    main = page.locator("main")
    expect(main.locator("#panel-vision")).to_have_text("Visionen")
    expect(main).to_contain_text("Aarhus skal være en god by for alle")
    expect(main.locator("[data-testid=open-now] li").first).to_be_visible()
    expect(main.locator("[data-testid=stories] li").first).to_be_visible()
    expect(main.locator("[data-testid=farewell-hours]")).to_contain_text("timer om året")

    # To a path page: what the seed says about listening, in our words, then what Kompas holds on the path.
    main.locator("[data-testid=paths]").get_by_role("link", name=re.compile("Nye veje til at lytte")).click()
    expect(page.locator("h1")).to_have_text("Nye veje til at lytte")
    expect(main).to_contain_text("standardformulering")
    dialogues = main.locator("[data-testid=path-section-dialogues]")
    expect(dialogues.locator("li").first).to_be_visible()
    assert_no_axe_violations(page)
    page.get_by_text("Se vejen gennem de tre omdrejningspunkter").click()
    expect(main).to_contain_text("Mere vidensinformeret praksis og ledelse")
    assert_no_axe_violations(page)
    path_url = page.url

    # To a city goal whose value-map page has published stories.
    story = (
        SnapshotEvidence.objects.filter(goal__snapshot__is_current=True, goal__city_goals__isnull=False)
        .order_by("-occurred_on", "-id")
        .first()
    )
    city_goal = story.goal.city_goals.order_by("order").first()
    main.locator("#city-goals").locator("..").get_by_role("link", name=city_goal.title, exact=True).click()
    expect(page).to_have_url(re.compile(rf"/value-map/city-goal/{city_goal.pk}/"))
    expect(page.locator("h1")).to_contain_text(city_goal.title)
    assert_no_axe_violations(page)

    # To a story of value: the published goal it tells about, with the story.
    main.locator(f"a[href*='/value-map/goal/{story.goal.goal_id}/']").first.click()
    expect(page).to_have_url(re.compile(rf"/value-map/goal/{story.goal.goal_id}/"))
    expect(main).to_contain_text(story.title)
    assert_no_axe_violations(page)

    # Back on the path, to a dialogue to join.
    page.goto(path_url)
    link = dialogues.locator("li a").first
    title = link.inner_text()
    link.click()
    expect(page.locator("h1")).to_have_text(title)
    assert_no_axe_violations(page)
    assert problems.take() == []
