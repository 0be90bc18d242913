import pytest
from django.test import override_settings

from kompas.accounts.models import User
from kompas.accounts.oidc import KompasOIDCBackend, roles_from_claims

ROLE_MAP = {"kompas-medarbejder": "employee", "kompas-leder": "leader"}


@override_settings(OIDC_ROLES_CLAIM="groups", OIDC_ROLE_MAP=ROLE_MAP)
def test_groups_map_to_roles_and_unknown_groups_give_citizen():
    assert roles_from_claims({"groups": ["kompas-leder", "kompas-medarbejder", "other"]}) == [
        "employee",
        "leader",
    ]
    assert roles_from_claims({"groups": "kompas-leder"}) == ["leader"]
    assert roles_from_claims({}) == ["citizen"]


@pytest.mark.django_db
@override_settings(
    OIDC_ROLE_MAP=ROLE_MAP,
    OIDC_RP_CLIENT_ID="kompas",
    OIDC_RP_CLIENT_SECRET="secret",
    OIDC_OP_TOKEN_ENDPOINT="https://login.example/token",
    OIDC_OP_USER_ENDPOINT="https://login.example/userinfo",
    OIDC_OP_JWKS_ENDPOINT="https://login.example/jwks",
)
def test_oidc_backend_creates_and_then_finds_the_user_by_subject():
    backend = KompasOIDCBackend()
    claims = {
        "sub": "abc-123",
        "email": "ny@aarhus.dk",
        "name": "Ny Medarbejder",
        "groups": ["kompas-medarbejder"],
    }
    user = backend.create_user(claims)
    assert user.role_codes() == {"employee"} and user.oidc_subject == "abc-123"
    claims_with_new_mail = {**claims, "email": "skiftet@aarhus.dk"}
    assert list(backend.filter_users_by_claims(claims_with_new_mail)) == [User.objects.get(pk=user.pk)]
