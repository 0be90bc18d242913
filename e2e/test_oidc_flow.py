"""OIDC login against a real, certified OpenID provider (the npm package oidc-provider; ADR 0019).

The provider (e2e/oidc/provider.mjs) runs in node on a free loopback port; Kompas is pointed at it through its
discovery document with override_settings, which the live server sees because the OIDC routes and backend check
USE_OIDC at each request. Every login goes through the provider's own login form in chromium.

What the provider cannot produce for our client by itself: an id_token for another audience. For that one case
its token response carries a token it re-signed with its own key (see provider.mjs). Expiry is the provider's
own: a 1-second id_token lifetime and its clock running two minutes behind. "Provider down" is a refused
connection to the token endpoint after a real authorization.
"""

import json
import shutil
import socket
import subprocess
import urllib.request
from io import StringIO
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

E2E_DIR = Path(__file__).resolve().parent
PROVIDER_JS = E2E_DIR / "oidc" / "provider.mjs"
OIDC_PROVIDER_PACKAGE = E2E_DIR.parent / "node_modules" / "oidc-provider" / "package.json"
NODE = shutil.which("node")
CPR = "0708614335"  # the test citizen's CPR number in the broker's claims; Kompas must never store it
ROLE_MAP = {"kompas-leder": "leader", "kompas-medarbejder": "employee"}
# The provider's accounts (provider.mjs), by subject, which its development login form takes as the login name.
LEADER = "staff-7f3c2a"  # groups kompas-leder and alle-medarbejdere
STAFF_WITHOUT_KOMPAS_GROUP = "staff-91d0b4"  # only alle-medarbejdere
CITIZEN = "c2a6d5f0-3b1e-4f7a-9c41-5e2d8b7a1f60"  # a MitID broker's profile, with a CPR number


def _skip_reason() -> str:
    if not NODE:
        return "node is not on PATH (the test OpenID provider runs in Node.js)"
    if not OIDC_PROVIDER_PACKAGE.is_file():
        return "the npm package oidc-provider is missing; run `npm ci`"
    return ""


pytestmark = pytest.mark.skipif(bool(_skip_reason()), reason=f"OIDC browser tests skipped: {_skip_reason()}")

# Loopback only, never through a proxy from the environment.
_opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))


def _json(url: str, data: dict | None = None) -> dict:
    body = None if data is None else json.dumps(data).encode()
    request = urllib.request.Request(url, data=body, method="GET" if data is None else "POST")
    with _opener.open(request, timeout=5) as response:
        return json.load(response)


class Provider:
    def __init__(self, issuer: str):
        self.issuer = issuer
        self.discovery = _json(f"{issuer}/.well-known/openid-configuration")

    def control(self, action: str, **values) -> dict:
        return _json(f"{self.issuer}/__test__/{action}", values)

    def state(self) -> dict:
        return _json(f"{self.issuer}/__test__/state")

    def signing_key_ids(self) -> set[str]:
        return {key["kid"] for key in _json(self.discovery["jwks_uri"])["keys"]}


@pytest.fixture(scope="session")
def oidc_provider(live_server):
    clients = {
        "redirect_uris": [f"{live_server.url}/oidc/callback/"],
        "post_logout_redirect_uris": [f"{live_server.url}/"],
    }
    process = subprocess.Popen(
        [NODE, str(PROVIDER_JS), json.dumps(clients)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        line = process.stdout.readline()
        if not line:
            pytest.fail(f"the test OpenID provider did not start:\n{process.stderr.read()}", pytrace=False)
        yield Provider(json.loads(line)["issuer"])
    finally:
        process.stdin.close()  # the provider exits when its stdin closes
        try:
            process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@pytest.fixture
def provider(oidc_provider, settings, transactional_db):
    """Kompas switched to OIDC against the provider, with endpoints taken from its discovery document."""
    from django.core.cache import cache

    found = oidc_provider.discovery
    settings.USE_OIDC = True
    settings.OIDC_RP_CLIENT_ID = "kompas"
    settings.OIDC_RP_CLIENT_SECRET = "kompas-test-secret"
    settings.OIDC_RP_SIGN_ALGO = "RS256"
    settings.OIDC_OP_ISSUER = found["issuer"]
    settings.OIDC_OP_AUTHORIZATION_ENDPOINT = found["authorization_endpoint"]
    settings.OIDC_OP_TOKEN_ENDPOINT = found["token_endpoint"]
    settings.OIDC_OP_USER_ENDPOINT = found["userinfo_endpoint"]
    settings.OIDC_OP_JWKS_ENDPOINT = found["jwks_uri"]
    settings.OIDC_OP_LOGOUT_ENDPOINT = found["end_session_endpoint"]
    settings.OIDC_USE_PKCE = True
    settings.OIDC_ROLES_CLAIM = "groups"
    settings.OIDC_ROLE_MAP = ROLE_MAP
    from kompas.accounts.services import roles_ensure

    cache.clear()  # no login throttle left over from other tests
    roles_ensure()  # the role rows, which the live server's database loses between tests
    yield oidc_provider
    oidc_provider.control("reset")


@pytest.fixture
def context(browser, live_server, oidc_provider):
    """As conftest's context, but the provider's origin is allowed too (still nothing outside loopback)."""
    context = browser.new_context(
        locale="da-DK", base_url=live_server.url, viewport={"width": 1280, "height": 900}
    )
    context.set_default_timeout(10_000)
    allowed = {urlsplit(live_server.url).netloc, urlsplit(oidc_provider.issuer).netloc}
    context.route(
        "**/*",
        lambda route: route.continue_() if urlsplit(route.request.url).netloc in allowed else route.abort(),
    )
    yield context
    context.close()


@pytest.fixture
def server_errors(page, problems):
    """Answers of 500 or worse, and CSP violations (noted by conftest's page); each test asserts none."""
    page.on("response", lambda r: problems.errors.append(f"{r.status} {r.url}") if r.status >= 500 else None)
    return problems.errors


def login_at_provider(page, live_server, provider, account: str) -> None:
    """Kompas's login page -> "Log in with MitID or your work login" -> the provider's form -> back to Kompas."""
    page.goto(f"{live_server.url}/accounts/login/")
    page.locator("main a[href^='/oidc/authenticate/']").click()
    page.wait_for_url(f"{provider.issuer}/**")
    page.locator("input[name=login]").fill(account)
    page.locator("input[name=password]").fill("any password")
    page.locator("button[type=submit]").click()
    try:
        page.wait_for_url(f"{live_server.url}/**")
    except Exception:  # show what the provider said instead of a bare timeout
        pytest.fail(f"the provider did not send the browser back to Kompas:\n{page.inner_text('body')}")


def expect_logged_in_as(page, full_name: str) -> None:
    from playwright.sync_api import expect

    expect(page.locator(".portal-user .user")).to_have_text(full_name)


def expect_refused(page, live_server, reason: str) -> None:
    """Back on the login page, not logged in, with the message for ``reason`` (in Danish with the catalogue)."""
    from django.utils import translation
    from playwright.sync_api import expect

    from kompas.accounts.oidc import failure_message

    with translation.override("da"):
        text = failure_message(reason)
    assert urlsplit(page.url).path == "/accounts/login/"
    expect(page.locator("main [role=alert]")).to_contain_text(text)
    expect(page.locator(".portal-user .log-on")).to_be_visible()


def test_oidc_staff_login_with_pkce_gets_the_mapped_role_and_logout_ends_the_provider_session(
    page, live_server, provider, server_errors
):
    from playwright.sync_api import expect

    from kompas.accounts.models import User

    authorization_requests = []
    page.on(
        "request",
        lambda r: (
            authorization_requests.append(r.url)
            if r.url.startswith(provider.discovery["authorization_endpoint"])
            else None
        ),
    )
    login_at_provider(page, live_server, provider, LEADER)
    expect_logged_in_as(page, "Lene Leder")
    query = parse_qs(urlsplit(authorization_requests[0]).query)
    assert query["code_challenge_method"] == ["S256"] and len(query["code_challenge"][0]) == 43
    assert query["response_type"] == ["code"] and query["client_id"] == ["kompas"]
    user = User.objects.get(email="lene.leder@aarhus.example")
    assert user.role_codes() == {"leader"} and user.oidc_subject == LEADER

    # Logging out of Kompas ends the session at the provider too (its end_session endpoint asks, then returns).
    page.locator(".portal-user button.log-off").click()
    page.wait_for_url(f"{provider.discovery['end_session_endpoint']}**")
    page.locator("button[name=logout][value=yes]").click()
    page.wait_for_url(f"{live_server.url}/")
    expect(page.locator(".portal-user .log-on")).to_be_visible()
    page.goto(f"{live_server.url}/accounts/login/")
    page.locator("main a[href^='/oidc/authenticate/']").click()
    page.wait_for_url(f"{provider.issuer}/**")
    expect(page.locator("input[name=login]")).to_be_visible()  # the provider asks again: no session left
    assert server_errors == []


def test_oidc_login_still_verifies_after_the_provider_rotates_its_signing_key(
    page, context, live_server, provider, server_errors
):
    login_at_provider(page, live_server, provider, LEADER)
    expect_logged_in_as(page, "Lene Leder")
    first_kid = provider.state()["lastIdTokenKid"]

    new_kid = provider.control("rotate")["kid"]
    assert new_kid != first_kid and provider.signing_key_ids() == {new_kid}  # the old key is gone at once
    context.clear_cookies()  # a new browser: logged out of Kompas and of the provider
    login_at_provider(page, live_server, provider, LEADER)
    expect_logged_in_as(page, "Lene Leder")
    assert provider.state()["lastIdTokenKid"] == new_kid
    assert server_errors == []


def test_oidc_citizen_from_a_mitid_broker_becomes_a_citizen_and_no_cpr_is_stored(
    page, live_server, provider, server_errors
):
    from django.contrib.sessions.models import Session
    from django.core.management import call_command

    from kompas.accounts.models import User

    login_at_provider(page, live_server, provider, CITIZEN)
    expect_logged_in_as(page, "Bodil Borger")
    user = User.objects.get(email="bodil.borger@post.example")
    assert user.role_codes() == {"citizen"}
    assert user.oidc_subject == CITIZEN

    everything = StringIO()
    call_command("dumpdata", stdout=everything)
    sessions = json.dumps([session.get_decoded() for session in Session.objects.all()])
    assert CPR not in everything.getvalue() and CPR not in sessions
    assert server_errors == []


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]  # nothing listens there once the probe is closed


@pytest.mark.parametrize(
    ("case", "account", "reason"),
    [
        ("provider down", LEADER, "unreachable"),
        ("wrong audience", LEADER, "audience"),
        ("expired token", LEADER, "expired"),
        ("staff login without a Kompas group", STAFF_WITHOUT_KOMPAS_GROUP, "no_role"),
    ],
)
def test_oidc_failures_show_a_clear_message_on_the_login_page(
    page, live_server, provider, settings, server_errors, case, account, reason
):
    from kompas.accounts.models import User

    if case == "provider down":
        settings.OIDC_OP_TOKEN_ENDPOINT = f"http://127.0.0.1:{_closed_port()}/token"
    elif case == "wrong audience":
        provider.control("set", idTokenAudience="intranet")
    elif case == "expired token":
        # The provider's own settings: id_tokens live one second, and its clock is two minutes behind ours
        # (more than Kompas's 60-second allowance for clock skew).
        provider.control("set", idTokenTtl=1, clockSkew=120)
    login_at_provider(page, live_server, provider, account)
    expect_refused(page, live_server, reason)
    assert not User.objects.filter(email__endswith="@aarhus.example").exists()
    assert server_errors == []
