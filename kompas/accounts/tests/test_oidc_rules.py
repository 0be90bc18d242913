"""The OIDC rules that need no provider; the logins themselves run against a real one in e2e/test_oidc_flow.py."""

import pytest
from django.contrib.auth import authenticate
from django.test import override_settings

from kompas.accounts.oidc import (
    KompasOIDCBackend,
    OIDCLoginFailed,
    provider_logout_url,
    without_cpr,
)

ROLE_MAP = {"kompas-medarbejder": "employee", "kompas-leder": "leader"}
OIDC = {
    "USE_OIDC": True,
    "OIDC_ROLES_CLAIM": "groups",
    "OIDC_ROLE_MAP": ROLE_MAP,
    "OIDC_RP_CLIENT_ID": "kompas",
    "OIDC_RP_CLIENT_SECRET": "secret",
    "OIDC_OP_AUTHORIZATION_ENDPOINT": "https://login.example/auth",
    "OIDC_OP_TOKEN_ENDPOINT": "https://login.example/token",
    "OIDC_OP_USER_ENDPOINT": "https://login.example/userinfo",
    "OIDC_OP_JWKS_ENDPOINT": "https://login.example/jwks",
    "OIDC_OP_LOGOUT_ENDPOINT": "https://login.example/session/end",
}


def test_cpr_numbers_are_dropped_from_the_claims_by_name_and_by_value():
    claims = {
        "sub": "c2a6d5f0",
        "name": "Bodil Borger",
        "dk.cpr": "0708614335",
        "https://data.gov.dk/model/core/eid/cprNumber": "0708614335",
        "mitid.has_cpr": True,
        "note": "CPR 070861-4335",
        "mitid.loa": "SUBSTANTIAL",
    }
    assert without_cpr(claims) == {"sub": "c2a6d5f0", "name": "Bodil Borger", "mitid.loa": "SUBSTANTIAL"}


@override_settings(**OIDC)
def test_a_staff_login_whose_groups_map_to_no_role_is_refused_and_a_citizen_login_is_not():
    backend = KompasOIDCBackend()
    with pytest.raises(OIDCLoginFailed) as refused:
        backend.verify_claims({"sub": "s", "email": "a@aarhus.example", "groups": ["alle-medarbejdere"]})
    assert refused.value.reason == "no_role"
    with pytest.raises(OIDCLoginFailed):
        backend.verify_claims({"sub": "s", "email": "a@aarhus.example", "groups": []})
    assert backend.verify_claims({"sub": "s", "email": "a@aarhus.example", "groups": ["kompas-leder"]})
    assert backend.verify_claims({"sub": "s", "email": "borger@post.example"})  # no roles claim: a citizen


@pytest.mark.django_db
@override_settings(**OIDC)
def test_a_password_login_never_reaches_the_provider(rf, monkeypatch):
    def no_token_request(*args, **kwargs):
        raise AssertionError("the OIDC backend must leave password logins alone")

    monkeypatch.setattr(KompasOIDCBackend, "get_token", no_token_request)
    request = rf.post("/accounts/login/?code=c&state=s")
    assert authenticate(request, email="nobody@example.dk", password="x") is None


@override_settings(**OIDC)
def test_logout_at_the_provider_returns_to_the_front_page(rf):
    url = provider_logout_url(rf.get("/accounts/logout/"))
    assert url == (
        "https://login.example/session/end?client_id=kompas"
        "&post_logout_redirect_uri=http%3A%2F%2Ftestserver%2F"
    )


@pytest.mark.django_db
def test_the_oidc_routes_answer_404_while_oidc_is_off(client, settings):
    settings.USE_OIDC = False
    assert client.get("/oidc/authenticate/").status_code == 404
    assert client.get("/oidc/callback/?code=c&state=s").status_code == 404
    assert "login.example" not in client.get("/").headers["Content-Security-Policy"]


@pytest.mark.django_db
def test_with_oidc_on_the_csp_lets_the_logout_form_reach_the_provider(client, settings):
    for name, value in OIDC.items():
        setattr(settings, name, value)
    policy = client.get("/").headers["Content-Security-Policy"]
    assert "form-action 'self' https://login.example" in policy
    start = client.get("/oidc/authenticate/")
    assert start.status_code == 302 and start["Location"].startswith("https://login.example/auth?")
    assert "code_challenge_method=S256" in start["Location"]
