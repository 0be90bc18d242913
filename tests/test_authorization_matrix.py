"""Every URL of the project has a policy, and every role gets the status the policy says."""

import importlib
import json

import pytest
from django.apps import apps
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


@pytest.mark.parametrize("name", sorted(MATRIX))
@pytest.mark.parametrize("role", ROLES)
def test_role_gets_expected_status(name, role, client_for):
    expect = MATRIX[name]
    client = client_for(role)
    url = reverse(name, kwargs=expect.kwargs() if expect.kwargs else None) + expect.extra.get("query", "")
    data = expect.data() if expect.data else {}
    if data and expect.extra.get("json"):
        response = getattr(client, expect.method)(url, json.dumps(data), content_type="application/json")
    elif data:
        response = getattr(client, expect.method)(url, data)
    else:
        response = getattr(client, expect.method)(url)
    assert response.status_code == expect.statuses[role], (
        f"{role} {expect.method.upper()} {url}: got {response.status_code}, expected {expect.statuses[role]}"
    )
    if (
        role == "anonymous"
        and response.status_code == 302
        and not name.startswith(("core:", "accounts:", "admin:"))
    ):
        assert reverse("accounts:login") in response["Location"]


# The council's seats (a committee member, a group chair) for the entries that name them.
COUNCIL_CASES = sorted(
    (name, role) for name, expect in MATRIX.items() for role in COUNCIL_ROLES if role in expect.statuses
)


@pytest.mark.parametrize(("name", "role"), COUNCIL_CASES)
def test_council_seat_gets_expected_status(name, role, client_for):
    test_role_gets_expected_status(name, role, client_for)
