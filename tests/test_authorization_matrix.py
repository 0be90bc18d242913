"""Every URL of the project has a policy, and every role gets the status the policy says."""

import importlib
import json

import pytest
from django.apps import apps
from django.core.cache import cache
from django.db import transaction
from django.urls import reverse

from kompas.core.access_matrix import COUNCIL_ROLES, ROLES, Expect
from kompas.core.checks import iter_views

# Django's own admin has its own staff check on every page; the matrix covers its entry page.
EXCLUDED_NAMESPACES = ("admin:",)
EXTRA = {
    "admin:index": Expect({**dict.fromkeys(ROLES, 302), "admin": 200}),
    # Django admin's own login page (under the site's login throttle, kompas.accounts.forms.AdminLoginForm):
    # anyone without admin rights gets the form; an administrator is sent on to the admin.
    "admin:login": Expect({**dict.fromkeys(ROLES, 200), "admin": 302}),
}


def collect_matrix() -> dict[str, Expect]:
    entries: dict[str, Expect] = dict(EXTRA)
    for config in apps.get_app_configs():
        if not config.name.startswith("kompas."):
            continue
        try:
            module = importlib.import_module(f"{config.name}.tests.matrix")
        except ModuleNotFoundError:
            continue
        entries.update(module.ENTRIES)
    return entries


MATRIX = collect_matrix()


def project_url_names() -> list[str]:
    names = []
    for name, _view in iter_views():
        if name.startswith(EXCLUDED_NAMESPACES) and name not in EXTRA:
            continue
        names.append(name)
    return sorted(set(names))


def test_every_url_has_a_policy_entry():
    missing = [name for name in project_url_names() if name not in MATRIX]
    assert not missing, f"URLs without an entry in the authorization matrix: {missing}"


def test_matrix_has_no_stale_entries():
    names = set(project_url_names())
    stale = [name for name in MATRIX if name not in names]
    assert not stale, f"Matrix entries for URLs that no longer exist: {stale}"


def _status(client, name: str, url: str, expect: Expect, role: str) -> str:
    """What ``role`` got at ``url``, or "" when it is what the matrix says."""
    data = expect.data() if expect.data else {}
    if data and expect.extra.get("json"):
        response = getattr(client, expect.method)(url, json.dumps(data), content_type="application/json")
    elif data:
        response = getattr(client, expect.method)(url, data)
    else:
        response = getattr(client, expect.method)(url)
    if response.status_code != expect.statuses[role]:
        return f"{role} {expect.method.upper()} {url}: got {response.status_code}, expected {expect.statuses[role]}"
    login = reverse("accounts:login")
    if (
        role == "anonymous"
        and response.status_code == 302
        and not name.startswith(("core:", "accounts:", "admin:"))
        and login not in response["Location"]
    ):
        return f"anonymous {expect.method.upper()} {url}: sent to {response['Location']}, not to {login}"
    return ""


@pytest.mark.parametrize("name", sorted(MATRIX))
def test_every_role_gets_the_expected_status(name, client_for):
    """Each role (and each council seat the entry names) asks for the URL in a savepoint that is rolled back
    afterwards, with an empty cache: what one role's request wrote (a POST that succeeded, a login count) is
    gone before the next role asks, as if each role had a test of its own. The URL's objects are built once."""
    expect = MATRIX[name]
    url = reverse(name, kwargs=expect.kwargs() if expect.kwargs else None) + expect.extra.get("query", "")
    wrong = []
    for role in (*ROLES, *(seat for seat in COUNCIL_ROLES if seat in expect.statuses)):
        _forget_cached()
        with transaction.atomic():
            wrong.append(_status(client_for(role), name, url, expect, role))
            transaction.set_rollback(True)
    _forget_cached()
    wrong = [line for line in wrong if line]
    assert not wrong, "\n".join(wrong)


def _forget_cached() -> None:
    from kompas.core import welcome

    cache.clear()
    welcome.forget()
