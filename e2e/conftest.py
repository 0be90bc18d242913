"""Browser tests: Debian's chromium driven by Playwright against pytest-django's live server.

Nothing is downloaded: the browser is the system's chromium (``/usr/bin/chromium`` or ``KOMPAS_CHROMIUM``)
and axe-core comes from ``node_modules`` (installed by ``npm ci``). When one of them, or the ``playwright``
package, is missing, every test here is skipped and the end of the run says why.
"""

import os
from pathlib import Path
from urllib.parse import urlsplit

import pytest

# Playwright's sync API keeps an asyncio event loop running in the test thread; Django would otherwise
# refuse database access from the test itself ("You cannot call this from an async context").
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

E2E_DIR = Path(__file__).resolve().parent
BASE_DIR = E2E_DIR.parent
CHROMIUM = Path(os.environ.get("KOMPAS_CHROMIUM", "/usr/bin/chromium"))
AXE_JS = BASE_DIR / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
# How long a click, a navigation or an expectation may take. Generous on purpose: on a loaded 2-core machine
# (`make test` beside another CPU-heavy job, load average 10) a page that sends e-mail took more than 10 s.
# A test that waits this long still fails, and says what it waited for.
TIMEOUT_MS = int(os.environ.get("KOMPAS_E2E_TIMEOUT_MS", "45000"))
DEMO_PASSWORD = "demo"  # the documented demo logins of kompas.demo.builders


def _skip_reason() -> str:
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError as exc:
        return f"the playwright package cannot be imported ({exc}); install the test extras"
    if not CHROMIUM.is_file():
        return f"no chromium at {CHROMIUM} (apt-get install chromium, or set KOMPAS_CHROMIUM)"
    if not AXE_JS.is_file():
        return f"axe-core is missing ({AXE_JS}); run `npm ci`"
    return ""


SKIP_REASON = _skip_reason()
_collected_e2e = False


def _is_e2e(item) -> bool:
    return E2E_DIR in Path(item.path).resolve().parents


def pytest_collection_modifyitems(config, items):
    global _collected_e2e
    for item in items:
        if not _is_e2e(item):
            continue
        _collected_e2e = True
        item.add_marker(pytest.mark.e2e)
        if SKIP_REASON:
            item.add_marker(pytest.mark.skip(reason=f"Browser tests skipped: {SKIP_REASON}"))


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    if SKIP_REASON and _collected_e2e:
        terminalreporter.write_sep("=", "browser tests", yellow=True)
        terminalreporter.write_line(f"Browser tests skipped: {SKIP_REASON}", yellow=True, bold=True)


# --- Browser ---------------------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import expect, sync_playwright

    expect.set_options(timeout=TIMEOUT_MS)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


class PageProblems:
    """What went wrong in the browser besides the page itself: script errors and failed requests."""

    def __init__(self):
        self.errors: list[str] = []

    def take(self) -> list[str]:
        errors, self.errors = self.errors, []
        return errors


@pytest.fixture
def problems():
    return PageProblems()


@pytest.fixture
def context(browser, live_server, problems):
    """A fresh browser context per test: Danish, no cookies, and no requests outside the live server."""
    context = browser.new_context(
        locale="da-DK", base_url=live_server.url, viewport={"width": 1280, "height": 900}
    )
    context.set_default_timeout(TIMEOUT_MS)
    context.set_default_navigation_timeout(TIMEOUT_MS)
    origin = urlsplit(live_server.url).netloc

    def keep_local(route):
        # The tests must not depend on the internet (e.g. a CDN); such requests fail at once instead.
        if urlsplit(route.request.url).netloc == origin:
            route.continue_()
        else:
            route.abort()

    context.route("**/*", keep_local)

    def on_response(response):
        if response.status >= 400 and response.request.resource_type != "document":
            problems.errors.append(f"{response.status} {response.url}")

    context.on("response", on_response)
    yield context
    context.close()


@pytest.fixture
def page(context, problems):
    page = context.new_page()
    page.on("pageerror", lambda exc: problems.errors.append(f"script error: {exc}"))
    page.on("console", lambda message: _note_csp_violation(message, problems))
    return page


def _note_csp_violation(message, problems) -> None:
    """Chromium reports what the Content-Security-Policy refused on the console; every test then fails on it."""
    if "Content Security Policy" in message.text or "Content-Security-Policy" in message.text:
        problems.errors.append(f"CSP violation: {message.text}")


# --- Data ------------------------------------------------------------------------------------------------


@pytest.fixture
def demo(transactional_db, live_server):
    """The small demo data set in the live server's database (departments, city goals, demo logins)."""
    from kompas.demo.builders import build

    return build("small")


# --- Helpers ---------------------------------------------------------------------------------------------


def login(page, live_server, email: str, password: str = DEMO_PASSWORD) -> None:
    """Log in through the real login form and check that the header then shows who is logged in."""
    from playwright.sync_api import expect

    from kompas.accounts.models import User

    page.goto(f"{live_server.url}/accounts/login/")
    page.locator("input[name=email]").fill(email)
    page.locator("input[name=password]").fill(password)
    with page.expect_navigation():
        page.locator("main button[type=submit]").click()
    full_name = User.objects.get(email__iexact=email).get_full_name()
    expect(page.locator(".portal-user .user")).to_have_text(full_name)


def login_afresh(page, live_server, email: str) -> None:
    """Forget who was logged in (and any answer-link session), then log in as ``email``."""
    page.context.clear_cookies()
    login(page, live_server, email)


def follow(page, link: str, *, exact: bool = False) -> None:
    """Follow the link named ``link`` (only that name when ``exact``); axe-core checks the page it leads to.

    The click only starts the navigation: axe-core runs once the new page has loaded, never on the page
    being left (a CI run once caught axe reading a document that the browser was replacing)."""
    with page.expect_navigation():
        page.get_by_role("link", name=link, exact=exact).click()
    assert_no_axe_violations(page)


def open_from_list(page, live_server, path: str, link: str) -> None:
    """Open the list page at ``path`` and follow its link named ``link``; axe-core checks both pages."""
    page.goto(f"{live_server.url}{path}")
    assert_no_axe_violations(page)
    follow(page, link)


def fill_labelled(page, fields: dict[str, str]) -> None:
    """Type each value into the field whose label contains the key, as a user finds the field."""
    for label, value in fields.items():
        page.get_by_label(label).fill(value)


def fill_named(page, fields: dict[str, str]) -> None:
    """Type each value into the form field whose ``name`` is the key."""
    for name, value in fields.items():
        page.locator(f":is(input, textarea, select)[name='{name}']").fill(value)


def submit_refused(page, button: str, field, typed: str) -> None:
    """Press ``button`` on a form the server must refuse: the error summary shows, ``field`` still holds what
    was ``typed``, and the page with its errors passes axe-core."""
    from playwright.sync_api import expect

    page.get_by_role("button", name=button).click()
    expect(page.locator("[data-module=error-summary]")).to_be_visible()
    expect(field).to_have_value(typed)
    assert_no_axe_violations(page)


def submit_to_page(page, button: str, heading: str) -> None:
    """Press ``button`` and land on the page whose heading is ``heading``; axe-core checks it."""
    from playwright.sync_api import expect

    page.get_by_role("button", name=button).click()
    expect(page.locator("h1")).to_have_text(heading)
    assert_no_axe_violations(page)


def save_once_a_city_goal_is_chosen(page, title: str) -> None:
    """Save a new item whose form has its title (``title``, under "Titel") but no city goal: refused, with
    the title kept; then choose the first city goal and save again, which leads to the item's page."""
    submit_refused(page, "Gem", page.get_by_label("Titel"), title)
    page.locator("input[name=city_goals]").first.check()
    submit_to_page(page, "Gem", title)


def expect_main(page, *shown: str, hidden: tuple[str, ...] = ()) -> None:
    """The page's main content shows none of the texts in ``hidden`` and every text in ``shown``.

    The hidden ones are waited for first: after a click that leaves a page showing one of them, the shown ones
    are then read on the new page, not on the old one."""
    from playwright.sync_api import expect

    main = page.locator("main")
    for text in hidden:
        expect(main).not_to_contain_text(text)
    for text in shown:
        expect(main).to_contain_text(text)


def assert_no_axe_violations(page) -> None:
    """Run axe-core on the page (WCAG 2.0/2.1 A and AA) and fail with a readable list of violations."""
    # Evaluated through the DevTools protocol rather than added as an inline <script>, which the site's
    # Content-Security-Policy refuses (as it should).
    page.wait_for_load_state("load")
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.evaluate(f"() => {{ {AXE_JS.read_text(encoding='utf-8')}\n}}")
    results = page.evaluate(
        """async (tags) => {
            const results = await axe.run(document, {runOnly: {type: 'tag', values: tags}});
            return results.violations.map(v => ({
                id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
                targets: v.nodes.map(n => n.target.join(' ')),
                summary: v.nodes.length ? v.nodes[0].failureSummary : '',
            }));
        }""",
        AXE_TAGS,
    )
    if results:
        lines = [f"{len(results)} axe violation(s) on {page.url}:"]
        for violation in results:
            targets = violation["targets"]
            shown = ", ".join(targets[:4]) + (f" (+{len(targets) - 4} more)" if len(targets) > 4 else "")
            lines.append(f"- {violation['id']} [{violation['impact']}]: {violation['help']}")
            lines.append(f"    on: {shown}")
            if violation["summary"]:
                lines.append("    " + violation["summary"].replace("\n", "\n    "))
        pytest.fail("\n".join(lines), pytrace=False)
