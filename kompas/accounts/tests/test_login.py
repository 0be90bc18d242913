import re

import pytest
from django.core import mail
from django.urls import reverse

from conftest import PASSWORD
from kompas.activity.models import ActivityEntry
from kompas.core.navigation import flat


def login(client, email, password):
    return client.post(reverse("accounts:login"), {"email": email, "password": password})


@pytest.mark.django_db
def test_login_with_email_case_insensitively_and_logout(client, role_users):
    response = login(client, "LEDER@test.kompas.dk", PASSWORD)
    assert response.status_code == 302
    assert client.get(reverse("core:home")).context["user"] == role_users["leader"]
    client.post(reverse("accounts:logout"))
    assert not client.get(reverse("core:home")).context["user"].is_authenticated


@pytest.mark.django_db
def test_passwords_are_hashed_with_argon2_in_production_settings(role_users, settings):
    from django.contrib.auth.hashers import check_password, make_password

    from config.settings import base

    # The test settings use MD5 for speed; base.py (which production keeps) must say argon2, and it must work.
    assert base.PASSWORD_HASHERS[0].endswith("Argon2PasswordHasher")
    settings.PASSWORD_HASHERS = base.PASSWORD_HASHERS
    encoded = make_password("et-langt-kodeord")
    assert encoded.startswith("argon2$")
    assert check_password("et-langt-kodeord", encoded)
    assert not check_password("et-andet-kodeord", encoded)


@pytest.mark.django_db
def test_wrong_password_gives_a_danish_error_and_keeps_the_email(client, role_users):
    response = login(client, "leder@test.kompas.dk", "galt-kodeord-xyz")
    assert response.status_code == 200
    body = response.content.decode()
    assert "E-mailen eller adgangskoden er forkert" in body
    assert 'value="leder@test.kompas.dk"' in body
    assert "galt-kodeord-xyz" not in body  # the password is never echoed


@pytest.mark.django_db
def test_repeated_failures_lock_the_account_even_for_the_right_password(client, role_users, settings):
    settings.KOMPAS_RATE_LIMITS = {**settings.KOMPAS_RATE_LIMITS, "login_account": (3, 900)}
    for _ in range(3):
        login(client, "leder@test.kompas.dk", "forkert")
    response = login(client, "leder@test.kompas.dk", PASSWORD)
    assert response.status_code == 200
    assert response.context["form"].has_error("__all__", "locked")
    assert ActivityEntry.objects.filter(verb="login_locked").exists()
    # Another account from another address is not affected.
    other = client.post(
        reverse("accounts:login"),
        {"email": "borger@test.kompas.dk", "password": PASSWORD},
        REMOTE_ADDR="10.1.1.1",
    )
    assert other.status_code == 302


@pytest.mark.django_db
def test_password_reset_by_email_sets_a_new_password(client, role_users):
    client.post(reverse("accounts:password-reset"), {"email": "borger@test.kompas.dk"})
    assert len(mail.outbox) == 1
    link = re.search(r"https?://[^/]+(/accounts/password-reset/[^\s]+)", mail.outbox[0].body).group(1)
    response = client.get(link, follow=True)
    form_url = response.redirect_chain[-1][0] if response.redirect_chain else link
    response = client.post(form_url, {"new_password1": "Ny-adgang-2026!", "new_password2": "Ny-adgang-2026!"})
    assert response.status_code == 302
    assert login(client, "borger@test.kompas.dk", "Ny-adgang-2026!").status_code == 302


@pytest.mark.django_db
def test_password_reset_for_unknown_address_reveals_nothing(client, db):
    response = client.post(reverse("accounts:password-reset"), {"email": "ukendt@example.dk"})
    assert response.status_code == 302
    assert mail.outbox == []


@pytest.mark.django_db
def test_open_redirect_after_login_is_refused(client, role_users):
    response = client.post(
        reverse("accounts:login") + "?next=https://evil.example/",
        {"email": "leder@test.kompas.dk", "password": PASSWORD},
    )
    assert response["Location"] == reverse("core:home")


@pytest.mark.django_db
def test_staff_and_citizens_see_different_navigation(client_for):
    def urls(role):
        return [item["url"] for item in flat(client_for(role).get("/").context["navigation"])]

    citizen_nav, admin_nav, programme_nav = urls("citizen"), urls("admin"), urls("programme")
    assert reverse("citygoals:list") in citizen_nav
    assert reverse("citygoals:manage") not in citizen_nav and reverse("citygoals:manage") in programme_nav
    assert (
        reverse("accounts:person-list") in admin_nav and reverse("accounts:person-list") not in programme_nav
    )


@pytest.mark.django_db
def test_profile_change_is_saved_audited_and_switches_the_language(client_for, role_users):
    client = client_for("citizen")
    response = client.post(
        reverse("accounts:profile"),
        {"full_name": "Bo B. Borger", "preferred_language": "en", "digest_enabled": ""},
    )
    assert response.status_code == 302
    assert response.cookies["kompas_language"].value == "en"
    user = role_users["citizen"].__class__.objects.get(pk=role_users["citizen"].pk)
    assert (user.full_name, user.preferred_language, user.digest_enabled) == ("Bo B. Borger", "en", False)
    entry = ActivityEntry.objects.get(verb="profile_updated")
    assert entry.changes["full_name"] == ["Bo Borger", "Bo B. Borger"]
    assert '<html lang="en">' in client.get(reverse("core:home")).content.decode()


@pytest.mark.django_db
def test_language_switch_link_sets_english_and_refuses_foreign_redirects(client):
    response = client.get(reverse("core:language") + "?lang=en&next=/city-goals/")
    assert response["Location"] == "/city-goals/"
    assert "City goals" in client.get("/city-goals/").content.decode()
    evil = client.get(reverse("core:language") + "?lang=da&next=https://evil.example/")
    assert evil["Location"] == "/"
