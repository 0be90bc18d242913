"""Every page, as every role, in a real browser: it loads, has a heading, and axe-core finds no WCAG 2.1 AA
violations. Then the flows a user meets first: language, login, logout and a form with its errors."""

import re
from urllib.parse import urlsplit

import pytest

try:
    from playwright.sync_api import expect
except ImportError:  # e2e/conftest.py then skips every test here and says why at the end of the run
    expect = None

from e2e.conftest import assert_no_axe_violations, login

DEMO_LOGINS = {
    "citizen": "borger@demo.kompas.dk",
    "employee": "medarbejder@demo.kompas.dk",
    "leader": "leder@demo.kompas.dk",
    "programme": "programstab@demo.kompas.dk",
    "admin": "admin@demo.kompas.dk",
}

PUBLIC = ["/", "/city-goals/", "/city-goals/{goal_slug}/", "/organisation/", "/organisation/partners/"]
PUBLIC += ["/organisation/{department_slug}/"]
PUBLIC += ["/value-map/", "/value-map/city-goal/{goal_pk}/", "/value-map/goal/{public_goal}/"]
PUBLIC += ["/dialogues/", "/dialogues/{forum}/", "/dialogues/{forum}/map/", "/dialogues/{forum}/report/"]
ANONYMOUS = ["/accounts/login/", "/accounts/password-reset/"]
SIGNED_IN = ["/activity/notifications/", "/accounts/profile/", "/accounts/profile/tokens/new/"]
SIGNED_IN += ["/dialogues/{forum}/join/"]
STAFF = ["/activity/history/{goal_type}/{goal_pk}/"]
STAFF += ["/goals/", "/goals/{any_goal}/", "/goals/{any_goal}/experiences/", "/goals/{any_goal}/follow-ups/"]
STAFF += ["/value-map/?view=published"]
# The demo leader owns the goals of Skåde Skole and may work on them.
OWNER = ["/goals/new/", "/goals/{own_goal}/edit/", "/goals/{own_goal}/follow-ups/new/"]
OWNER += [
    "/goals/{own_goal}/experiences/new/",
    "/goals/{own_goal}/indicators/new/",
    "/goals/{own_goal}/reflection/",
]
OWNER += ["/goals/indicators/{own_indicator}/", "/goals/indicators/{own_indicator}/values/new/"]
OWNER += ["/goals/indicators/{own_indicator}/values/import/"]
PROGRAMME = ["/city-goals/manage/", "/city-goals/manage/new/", "/city-goals/manage/vision/"]
PROGRAMME += ["/city-goals/manage/{goal_pk}/", "/goals/questions/", "/value-map/publish/"]
PROGRAMME += [
    "/dialogues/new/",
    "/dialogues/import/",
    "/dialogues/{forum}/edit/",
    "/dialogues/{forum}/moderation/",
]
PROGRAMME += ["/dialogues/{forum}/outcome/", "/dialogues/{forum}/map/?overlay=type"]
ADMIN = ["/accounts/people/", "/accounts/people/{person_pk}/", "/accounts/people/{person_pk}/erase/"]

PAGES = {
    "anonymous": PUBLIC + ANONYMOUS,
    "citizen": PUBLIC + SIGNED_IN,
    "employee": PUBLIC + SIGNED_IN + STAFF,
    "leader": PUBLIC + SIGNED_IN + STAFF + OWNER,
    "programme": PUBLIC + SIGNED_IN + STAFF + PROGRAMME + OWNER,
    "admin": PUBLIC + SIGNED_IN + STAFF + PROGRAMME + ADMIN,
}

CPR_MESSAGE = "Teksten ser ud til at indeholde et CPR-nummer. Fjern det, før du gemmer."
REQUIRED_MESSAGE = "Dette felt er påkrævet."


def url_values() -> dict[str, object]:
    from django.contrib.contenttypes.models import ContentType

    from kompas.accounts.models import User
    from kompas.citygoals.models import CityGoal
    from kompas.goals.models import Goal, Indicator
    from kompas.organisations.models import Department
    from kompas.valuemap.models import SnapshotGoal

    goal = CityGoal.objects.order_by("order").first()
    own_goal = Goal.objects.filter(owner__email=DEMO_LOGINS["leader"]).order_by("pk").first()
    from kompas.dialogues.models import Forum

    return {
        "forum": Forum.objects.order_by("pk").first().pk,
        "any_goal": Goal.objects.order_by("pk").first().pk,
        "own_goal": own_goal.pk,
        "own_indicator": Indicator.objects.filter(goal=own_goal).order_by("pk").first().pk,
        "public_goal": SnapshotGoal.objects.filter(snapshot__is_current=True)
        .order_by("goal_id")
        .first()
        .goal_id,
        "goal_slug": goal.slug,
        "goal_pk": goal.pk,
        "goal_type": ContentType.objects.get_for_model(CityGoal).pk,
        "department_slug": Department.objects.order_by("name").first().slug,
        "person_pk": User.objects.get(email=DEMO_LOGINS["employee"]).pk,
    }


def urlsplit_path(url: str) -> str:
    return urlsplit(url).path


def check_page(page, live_server, problems, path: str) -> None:
    """Open the page and check status, heading, loaded styles and scripts, and accessibility."""
    response = page.goto(f"{live_server.url}{path}")
    assert response is not None
    assert response.status < 400, f"answered {response.status}"
    assert urlsplit_path(page.url) == path.split("?")[0], f"went on to {page.url}"
    heading = page.locator("h1")
    expect(heading, "the page should have one h1").to_have_count(1)
    expect(heading).to_be_visible()
    # DKFDS' stylesheet really applied: body text is its #1a1a1a, not the browser's black.
    body_colour = page.evaluate("getComputedStyle(document.body).color")
    assert body_colour == "rgb(26, 26, 26)", "the DKFDS stylesheet did not apply"
    assert_no_axe_violations(page)
    if path not in _checked_narrow:  # once per page: the roles share most pages, and the time
        _checked_narrow.add(path)
        assert_no_horizontal_scroll(page)
    assert problems.take() == [], "failed requests or script errors"


NARROW = {"width": 390, "height": 844}
WIDE = {"width": 1280, "height": 900}
_checked_narrow: set[str] = set()


def assert_no_horizontal_scroll(page) -> None:
    """At a phone's width (390 px) the page must not scroll sideways; names what sticks out when it does."""
    page.set_viewport_size(NARROW)
    try:
        overflow = page.evaluate(
            """() => {
                const root = document.documentElement;
                if (root.scrollWidth <= root.clientWidth) return null;
                const edge = root.clientWidth + 1;
                const name = el => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') +
                    (typeof el.className === 'string' && el.className ? '.' + el.className.trim().replace(/ +/g, '.') : '');
                const wide = [...document.querySelectorAll('body *')]
                    .filter(el => el.getBoundingClientRect().right > edge)
                    .filter(el => !el.parentElement || el.parentElement.getBoundingClientRect().right <= edge)
                    .slice(0, 5)
                    .map(el => name(el) + ' (' + Math.round(el.getBoundingClientRect().right) + ' px)');
                return {scrollWidth: root.scrollWidth, clientWidth: root.clientWidth, wide};
            }"""
        )
    finally:
        page.set_viewport_size(WIDE)
    assert overflow is None, f"scrolls sideways at 390 px: {overflow}"


@pytest.mark.parametrize("role", list(PAGES))
def test_every_page_of_the_role_loads_and_is_accessible(page, live_server, demo, problems, role):
    if role != "anonymous":
        login(page, live_server, DEMO_LOGINS[role])
    values = url_values()
    failures = []
    for template in PAGES[role]:
        path = template.format(**values)
        try:
            check_page(page, live_server, problems, path)
        except (AssertionError, pytest.fail.Exception) as exc:  # go on, so one run lists every bad page
            failures.append(f"{path}: {exc}")
    if failures:
        pytest.fail(f"{len(failures)} page(s) failed for {role}:\n\n" + "\n\n".join(failures), pytrace=False)


def test_api_docs_load(page, live_server, demo, problems):
    # The Swagger page is django-ninja's own (third-party) template, so axe is not run on it. Its
    # swagger-ui script comes from a CDN, which these tests block; the page itself must still load.
    response = page.goto(f"{live_server.url}/api/docs")
    assert response.status == 200
    expect(page.locator("#swagger-ui")).to_have_count(1)
    schema = page.request.get(f"{live_server.url}/api/openapi.json")
    assert schema.ok
    assert schema.json()["info"]["title"] == "Kompas API"


def test_error_pages_are_accessible(page, live_server, demo, problems):
    response = page.goto(f"{live_server.url}/does-not-exist/")
    assert response.status == 404
    expect(page.locator("h1")).to_have_count(1)
    assert_no_axe_violations(page)

    login(page, live_server, DEMO_LOGINS["citizen"])
    response = page.goto(f"{live_server.url}/city-goals/manage/")
    assert response.status == 403
    expect(page.locator("h1")).to_have_count(1)
    assert_no_axe_violations(page)
    assert problems.take() == []


def test_switch_language_from_the_footer(page, live_server, demo, problems):
    page.goto(f"{live_server.url}/city-goals/")
    expect(page.locator("html")).to_have_attribute("lang", "da")
    expect(page.locator("h1")).to_have_text("Aarhusmål")

    page.locator(".language-switcher a[lang=en]").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.locator("h1")).to_have_text("City goals")
    assert urlsplit_path(page.url) == "/city-goals/"
    expect(page.locator(".portal-user .log-on")).to_have_text("Log in")
    assert_no_axe_violations(page)

    page.locator(".language-switcher a[lang=da]").click()
    expect(page.locator("html")).to_have_attribute("lang", "da")
    expect(page.locator("h1")).to_have_text("Aarhusmål")
    assert problems.take() == []


def test_login_failure_shows_danish_errors_beside_the_form(page, live_server, demo, problems):
    page.goto(f"{live_server.url}/accounts/login/")
    page.locator("input[name=email]").fill("borger@demo.kompas.dk")
    page.locator("input[name=password]").fill("not-the-password")
    page.locator("main button[type=submit]").click()

    summary = page.locator("[data-module=error-summary]")
    expect(summary).to_be_visible()
    expect(summary).to_contain_text("Ret venligst følgende")
    expect(summary).to_contain_text("E-mailen eller adgangskoden er forkert.")
    expect(page.locator("input[name=email]")).to_have_value("borger@demo.kompas.dk")
    expect(page.locator("input[name=password]")).to_have_value("")
    expect(page).to_have_title(re.compile(r"^Fejl: "))
    expect(page.locator(".portal-user .log-on")).to_have_text("Log ind")
    assert_no_axe_violations(page)

    # Without a password, the error stands beside the password field and the summary links to it.
    page.locator("main button[type=submit]").click()
    field_error = page.locator(".form-group.form-error .form-error-message")
    expect(field_error).to_have_count(1)
    expect(field_error).to_contain_text(REQUIRED_MESSAGE)
    password = page.locator("input[name=password]")
    error_id = re.escape(field_error.get_attribute("id"))
    expect(password).to_have_attribute("aria-describedby", re.compile(rf"\b{error_id}\b"))
    expect(summary.locator(f"a[href='#{password.get_attribute('id')}']")).to_contain_text(REQUIRED_MESSAGE)
    expect(page.locator("input[name=email]")).to_have_value("borger@demo.kompas.dk")
    assert_no_axe_violations(page)
    assert problems.take() == []


def test_logout(page, live_server, demo, problems):
    login(page, live_server, DEMO_LOGINS["citizen"])
    page.locator(".portal-user button.log-off").click()
    expect(page.locator(".portal-user .log-on")).to_have_text("Log ind")
    expect(page.locator(".portal-user .user")).to_have_count(0)
    expect(page.locator("main")).to_contain_text("Du er nu logget af.")
    # The session is really gone: a signed-in page sends us to the login page.
    page.goto(f"{live_server.url}/accounts/profile/")
    assert urlsplit_path(page.url) == "/accounts/login/"
    assert problems.take() == []


def test_programme_staff_creates_a_city_goal(page, live_server, demo, problems):
    login(page, live_server, DEMO_LOGINS["programme"])
    page.goto(f"{live_server.url}/city-goals/manage/new/")
    description = "Alle borgere skal kunne cykle trygt til skole og arbejde."
    page.get_by_label("Kort tekst").fill(description)
    page.locator("main button[type=submit]").click()

    # The empty title is refused beside the field, in Danish; the description is kept.
    expect(page.locator("[data-module=error-summary]")).to_be_visible()
    title_group = page.locator(".form-group", has=page.locator("input[name=title]"))
    expect(title_group).to_have_class(re.compile(r"\bform-error\b"))
    expect(title_group.locator(".form-error-message")).to_contain_text(REQUIRED_MESSAGE)
    expect(page.locator("textarea[name=description]")).to_have_value(description)
    assert_no_axe_violations(page)

    page.get_by_label("Titel").fill("Trygge cykelruter")
    page.locator("main button[type=submit]").click()
    expect(page).to_have_url(f"{live_server.url}/city-goals/manage/")
    expect(page.locator("main")).to_contain_text("Aarhusmålet “Trygge cykelruter” er oprettet.")

    page.goto(f"{live_server.url}/city-goals/")
    goal = page.locator("main h2", has_text="Trygge cykelruter")
    expect(goal).to_be_visible()
    goal.get_by_role("link").click()
    expect(page.locator("h1")).to_have_text("Trygge cykelruter")
    expect(page.locator("main")).to_contain_text(description)
    assert problems.take() == []


def test_cpr_number_is_refused_in_a_real_form(page, live_server, demo, problems):
    from kompas.citygoals.models import CityGoal

    login(page, live_server, DEMO_LOGINS["programme"])
    page.goto(f"{live_server.url}/city-goals/manage/new/")
    page.get_by_label("Titel").fill("Tryghed i nattelivet")
    page.get_by_label("Kort tekst").fill("Borgeren har cpr 010190-1234")
    page.locator("main button[type=submit]").click()

    description_group = page.locator(".form-group", has=page.locator("textarea[name=description]"))
    expect(description_group.locator(".form-error-message")).to_contain_text(CPR_MESSAGE)
    expect(page.locator("[data-module=error-summary]")).to_contain_text(CPR_MESSAGE)
    expect(page.locator("input[name=title]")).to_have_value("Tryghed i nattelivet")
    assert not CityGoal.objects.filter(title="Tryghed i nattelivet").exists()
    assert_no_axe_violations(page)
    assert problems.take() == []


def test_mobile_menu_is_accessible(page, live_server, demo, problems):
    page.set_viewport_size({"width": 390, "height": 844})
    login(page, live_server, DEMO_LOGINS["leader"])
    page.goto(f"{live_server.url}/city-goals/")
    expect(page.locator(".portal-user .user")).to_be_hidden()
    assert_no_axe_violations(page)

    page.locator(".js-menu-open").click()
    drawer = page.get_by_role("dialog", name="Menu")
    expect(drawer).to_be_visible()
    expect(drawer.get_by_role("link", name="Aarhusmål")).to_have_attribute("aria-current", "page")
    expect(drawer).to_contain_text("Lene Leder")
    assert_no_axe_violations(page)

    drawer.locator(".js-menu-close").click()
    expect(drawer).to_be_hidden()
    assert problems.take() == []


def test_one_menu_item_is_current(page, live_server, demo):
    login(page, live_server, DEMO_LOGINS["programme"])
    page.goto(f"{live_server.url}/city-goals/manage/new/")
    # DKFDS moves entries that do not fit into its "Mere" menu and hides the originals (.d-none).
    texts = page.eval_on_selector_all(
        ".navigation-menu [aria-current=page]",
        "links => links.filter(a => !a.closest('.d-none')).map(a => a.textContent.trim())",
    )
    assert texts == ["Administrér Aarhusmål"]
