from kompas.core.access_matrix import ADMIN, PUBLIC, SIGNED_IN, Expect, everyone, redirecting


def _person() -> dict:
    from kompas.accounts.models import User

    return {"pk": User.objects.get(email="medarbejder@test.kompas.dk").pk}


def _token() -> dict:
    # A token that belongs to no signed-in test user: everyone gets the same 404 as for a missing one.
    from kompas.accounts.models import ApiToken, User
    from kompas.accounts.services import api_token_create

    owner = User.objects.get(email="medarbejder@test.kompas.dk")
    token = (
        ApiToken.objects.filter(user=owner).first() or api_token_create(user=owner, name="x", actor=None)[0]
    )
    return {"pk": token.pk}


# A signed-in user who opens the login page is sent on to the front page.
LOGIN = {**everyone(302), "anonymous": 200}

OIDC_OFF = everyone(404)

ENTRIES = {
    "accounts:login": Expect(LOGIN),
    "accounts:logout": Expect(redirecting(PUBLIC), method="post"),
    "accounts:password-reset": Expect(PUBLIC),
    "accounts:password-reset-done": Expect(PUBLIC),
    "accounts:password-reset-confirm": Expect(
        PUBLIC,
        kwargs=lambda: {"uidb64": "MQ", "token": "invalid-token"},
        note="shows 'the link is not valid'",
    ),
    "accounts:password-reset-complete": Expect(PUBLIC),
    "accounts:profile": Expect(SIGNED_IN),
    "accounts:my-data": Expect(SIGNED_IN),
    "accounts:token-create": Expect(SIGNED_IN),
    "accounts:token-revoke": Expect(
        {**everyone(404), "anonymous": 302, "employee": 302},
        method="post",
        kwargs=_token,
        note="only the owner (the employee) may revoke; others get the same 404 as for a missing token",
    ),
    "accounts:person-list": Expect(ADMIN),
    "accounts:person-detail": Expect(ADMIN, kwargs=_person),
    "accounts:person-export": Expect(ADMIN, method="post", kwargs=_person),
    "accounts:person-erase": Expect(ADMIN, kwargs=_person),
    # OIDC is off in the test settings, so its routes answer 404 for everyone (ADR 0019; the logins themselves
    # are tested against a real provider in e2e/test_oidc_flow.py).
    "oidc_authentication_init": Expect(OIDC_OFF, note="USE_OIDC is off"),
    "oidc_authentication_callback": Expect(OIDC_OFF, note="USE_OIDC is off"),
    "oidc_logout": Expect(OIDC_OFF, method="post", note="USE_OIDC is off"),
}
