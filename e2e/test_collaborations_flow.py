"""Samarbejdskompasset in the browser: a leader starts a collaboration and a round, an employee (by account)
and an external partner (by e-mailed link, no login) rate it, and the leader reads the result."""

from django.core import mail
from playwright.sync_api import expect

from e2e import conftest as steps
from e2e.conftest import assert_no_axe_violations, login
from e2e.test_pages import DEMO_LOGINS

SECRET = "KUN-FOR-KAREN-3f9c"  # the external's own comment: it must never reach the leader's pages


def rate_all(page, principles, score: int, comment: str = "") -> None:
    for principle in principles:
        page.locator(f"input[name=score_{principle.pk}][value='{score}']").check()
    if comment:
        page.locator(f"#id_comment_{principles[0].pk}").fill(comment)


def seed_answers(reflection_round, perspective: str, count: int) -> None:
    """Other participants who answered before (so the three-person rule can be met)."""
    from kompas.collaborations.models import Participant
    from kompas.collaborations.tests.factories import answer_all

    for i in range(count):
        participant = Participant.objects.create(
            round=reflection_round,
            name=f"Tidligere {perspective} {i}",
            email=f"tidligere-{perspective}-{i}@eksempel.dk",
            perspective=perspective,
            token_hash=Participant.hash(f"seed-{perspective}-{i}-token-abcdefghijklmnop"),
        )
        answer_all(participant=participant, score=4)


def test_leader_starts_a_round_two_participants_rate_and_the_leader_reads_the_result(
    page, live_server, demo, problems
):
    from kompas.collaborations.models import Collaboration, PrincipleSet

    principles = list(PrincipleSet.objects.get(is_current=True).principles.order_by("order"))
    login(page, live_server, DEMO_LOGINS["leader"])

    # 1. A new collaboration; the first submit forgets the city goal and keeps what was typed.
    steps.open_from_list(page, live_server, "/collaborations/", "Nyt samarbejde")
    steps.fill_labelled(
        page,
        {
            "Titel": "Sammen om legepladsen i Skåde",
            "Formål og værdi for borgerne": "Forældre, skole og grundejerforening skaber en legeplads.",
            "Borgere, der deltager": "Forældre i Skåde",
        },
    )
    page.locator("input[name=partner_organisations]").first.check()
    page.locator("input[name=visibility][value=internal]").check()
    steps.save_once_a_city_goal_is_chosen(page, "Sammen om legepladsen i Skåde")

    # 2. A reflection round.
    steps.follow(page, "Start en refleksionsrunde")
    page.get_by_label("Anledning").fill("Opstart")
    page.get_by_role("button", name="Start runden").click()
    expect(page.locator("h1")).to_contain_text("Refleksionsrunde 1: Opstart")
    round_url = page.url
    assert_no_axe_violations(page)

    # 3. Invite the employee by account and an external partner by e-mail.
    page.locator("#id_account-user").select_option(label="Mads Medarbejder (medarbejder@demo.kompas.dk)")
    page.locator("input[name=account-perspective][value=municipality]").check()
    page.get_by_role("button", name="Invitér", exact=True).click()
    expect(page.locator("[data-testid=participants]")).to_contain_text("Mads Medarbejder")
    page.locator("#id_external-name").fill("Karen Frivillig")
    page.locator("#id_external-email").fill("karen@forening.dk")
    page.locator("input[name=external-perspective][value=partner]").check()
    page.get_by_role("button", name="Send linket").click()
    expect(page.locator("[data-testid=participants]")).to_contain_text("Karen Frivillig")
    assert_no_axe_violations(page)
    invitation = next(m for m in mail.outbox if m.to == ["karen@forening.dk"])
    link = next(line.strip() for line in invitation.body.splitlines() if "/collaborations/answer/" in line)

    # Two earlier answers in each of the two perspectives, so each reaches three with our participants.
    reflection_round = Collaboration.objects.get(title="Sammen om legepladsen i Skåde").rounds.get()
    seed_answers(reflection_round, "municipality", 2)
    seed_answers(reflection_round, "partner", 2)

    # 4. The external partner opens the link without logging in and sees only this round.
    page.context.clear_cookies()
    page.goto(link)
    expect(page.locator("h1")).to_contain_text("Sammen om legepladsen i Skåde")
    assert_no_axe_violations(page)
    rate_all(page, principles[:1], 5)
    page.get_by_role("button", name="Gem mit svar").click()
    expect(page.locator("[data-module=error-summary]")).to_be_visible()  # six principles not rated yet
    assert_no_axe_violations(page)
    rate_all(page, principles, 2, comment=SECRET)
    page.get_by_role("button", name="Gem mit svar").click()
    steps.expect_main(page, "Tak – dit svar er gemt.")
    expect(page.locator("[data-testid=own-answer]")).to_contain_text(SECRET)
    assert_no_axe_violations(page)

    # 5. The employee answers with their login.
    login(page, live_server, DEMO_LOGINS["employee"])
    page.goto(round_url + "answer/")
    assert_no_axe_violations(page)
    rate_all(page, principles, 3)
    page.get_by_role("button", name="Gem mit svar").click()
    steps.expect_main(page, "Tak – dit svar er gemt.")

    # 6. The leader reads the result: two perspectives shown, the citizens' too few, no one's own words.
    steps.login_afresh(page, live_server, DEMO_LOGINS["leader"])
    page.goto(round_url)
    results = page.locator("[data-testid=results]")
    expect(results).to_contain_text("3,7")  # municipality: (4 + 4 + 3) / 3
    expect(results).to_contain_text("3,3")  # partners: (4 + 4 + 2) / 3
    expect(page.locator("[data-testid=respondents]")).to_contain_text("For få svar til at vise")
    expect(page.locator("svg[role=img] polygon")).not_to_have_count(0)
    assert SECRET not in page.content()
    assert_no_axe_violations(page)
    assert problems.take() == []
