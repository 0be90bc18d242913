import pytest
from django.urls import reverse

from kompas.accounts.services import api_token_create, api_token_revoke


@pytest.mark.django_db
def test_token_is_shown_once_and_authenticates_the_api(client_for, role_users):
    client = client_for("employee")
    response = client.post(reverse("accounts:token-create"), {"name": "Mit script"})
    raw = response.context["raw"]
    assert raw.startswith("kmp_")
    assert raw not in client.get(reverse("accounts:profile")).content.decode()  # never shown again
    client.logout()
    me = client.get("/api/me", HTTP_AUTHORIZATION=f"Bearer {raw}")
    assert me.status_code == 200
    assert me.json()["email"] == "medarbejder@test.kompas.dk"


@pytest.mark.django_db
def test_revoked_or_wrong_token_is_refused(client, role_users):
    token, raw = api_token_create(user=role_users["leader"], name="x", actor=role_users["leader"])
    assert client.get("/api/me", HTTP_AUTHORIZATION=f"Bearer {raw}").status_code == 200
    api_token_revoke(token=token, actor=role_users["leader"])
    assert client.get("/api/me", HTTP_AUTHORIZATION=f"Bearer {raw}").status_code == 401
    assert client.get("/api/me", HTTP_AUTHORIZATION="Bearer kmp_nonsense").status_code == 401


@pytest.mark.django_db
def test_only_a_hash_of_the_token_is_stored(role_users):
    token, raw = api_token_create(user=role_users["leader"], name="x", actor=None)
    token.refresh_from_db()
    assert raw not in (token.token_hash, token.prefix, token.name)


@pytest.mark.django_db
def test_empty_token_name_gives_a_danish_error(client_for):
    response = client_for("citizen").post(reverse("accounts:token-create"), {"name": ""})
    assert response.status_code == 200
    assert "Dette felt er påkrævet." in response.content.decode()


@pytest.mark.django_db
def test_session_auth_reads_me_and_openapi_schema_lists_the_endpoints(client_for):
    assert client_for("citizen").get("/api/me").json()["roles"] == ["citizen"]
    schema = client_for("anonymous").get("/api/openapi.json").json()
    assert {"/api/city-goals", "/api/departments", "/api/units", "/api/me"} <= set(schema["paths"])
