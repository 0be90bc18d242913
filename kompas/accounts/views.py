import json

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login as auth_login
from django.contrib.auth import logout as auth_logout
from django.contrib.auth import views as auth_views
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST
from rules import is_authenticated

from kompas.core.access import access, public
from kompas.core.downloads import set_download_name
from kompas.core.paging import render_list
from kompas.core.roles import is_administrator

from . import oidc, selectors, services
from .forms import (
    ApiTokenForm,
    EraseConfirmForm,
    LoginForm,
    PersonSearchForm,
    ProfileForm,
    RolesForm,
    ThrottledPasswordResetForm,
)


def _safe_next(request) -> str | None:
    target = request.POST.get("next") or request.GET.get("next")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return None


@public
@sensitive_post_parameters("password")
@csrf_protect
@never_cache
def login_view(request):
    if request.user.is_authenticated:
        return redirect(_safe_next(request) or "core:home")
    form = LoginForm(request, data=request.POST or None)
    if request.method == "POST":
        if form.is_valid():
            auth_login(request, form.get_user(), backend="kompas.accounts.backends.ModelBackend")
            return redirect(_safe_next(request) or "core:home")
        if form.locked:
            services.login_locked_record(user=None)
    return render(request, "accounts/login.html", {"form": form, "next": _safe_next(request) or ""})


@public
@require_POST
def logout_view(request):
    # Logged in through the provider: end its session too (its end_session endpoint sends the browser back).
    provider_logout = oidc.provider_logout_url(request) if oidc.logged_in_through_provider(request) else None
    auth_logout(request)
    messages.info(request, _("You are now logged out."))
    return redirect(provider_logout or "core:home")


password_reset = public(
    auth_views.PasswordResetView.as_view(
        template_name="accounts/password_reset_form.html",
        form_class=ThrottledPasswordResetForm,
        email_template_name="accounts/email/password_reset_body.txt",
        subject_template_name="accounts/email/password_reset_subject.txt",
        success_url=reverse_lazy("accounts:password-reset-done"),
    )
)
password_reset_done = public(
    auth_views.PasswordResetDoneView.as_view(template_name="accounts/password_reset_done.html")
)
password_reset_confirm = public(
    auth_views.PasswordResetConfirmView.as_view(
        template_name="accounts/password_reset_confirm.html",
        success_url=reverse_lazy("accounts:password-reset-complete"),
    )
)
password_reset_complete = public(
    auth_views.PasswordResetCompleteView.as_view(template_name="accounts/password_reset_complete.html")
)


@access(is_authenticated, label="signed-in")
def profile(request):
    form = ProfileForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        user = services.user_update_profile(
            user=request.user,
            full_name=form.cleaned_data["full_name"],
            preferred_language=form.cleaned_data["preferred_language"],
            digest_enabled=form.cleaned_data["digest_enabled"],
            actor=request.user,
        )
        messages.success(request, _("Your profile has been saved."))
        response = redirect("accounts:profile")
        # The chosen language applies at once, in this browser too.
        response.set_cookie(
            settings.LANGUAGE_COOKIE_NAME,
            user.preferred_language,
            max_age=60 * 60 * 24 * 365,
            samesite=settings.LANGUAGE_COOKIE_SAMESITE,
            secure=settings.LANGUAGE_COOKIE_SECURE,
        )
        return response
    return render(
        request,
        "accounts/profile.html",
        {"form": form, "tokens": selectors.api_tokens_for(user=request.user), "token_form": ApiTokenForm()},
    )


def _json_download(data: dict, filename: str) -> HttpResponse:
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=2), content_type="application/json; charset=utf-8"
    )
    set_download_name(response, filename)
    return response


@access(is_authenticated, label="signed-in")
def my_data(request):
    data = services.person_export(person=request.user, actor=request.user)
    return _json_download(data, "mine-data.json")


@access(is_authenticated, label="signed-in")
def token_create(request):
    form = ApiTokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        token, raw = services.api_token_create(
            user=request.user, name=form.cleaned_data["name"], actor=request.user
        )
        return render(request, "accounts/token_created.html", {"token": token, "raw": raw})
    return render(request, "accounts/token_form.html", {"form": form})


@access(is_authenticated, label="signed-in")
@require_POST
def token_revoke(request, pk: int):
    token = selectors.api_token_get_for_user(user=request.user, pk=pk)
    services.api_token_revoke(token=token, actor=request.user)
    messages.success(request, _("The token has been revoked."))
    return redirect("accounts:profile")


@access(is_administrator, label="admin")
def person_list(request):
    form = PersonSearchForm(request.GET or None)
    query = form.cleaned_data.get("q", "") if form.is_valid() else ""
    people = selectors.people_search(query=query)
    return render_list(request, "accounts/person_list.html", people, per_page=50, form=form)


@access(is_administrator, label="admin")
def person_detail(request, pk: int):
    person = selectors.person_get(pk=pk)
    form = RolesForm(request.POST or None, initial={"roles": sorted(person.role_codes())})
    if request.method == "POST" and form.is_valid():
        services.user_set_roles(user=person, roles=form.cleaned_data["roles"], actor=request.user)
        messages.success(request, _("The roles have been saved."))
        return redirect("accounts:person-detail", pk=person.pk)
    return render(request, "accounts/person_detail.html", {"person": person, "form": form})


@access(is_administrator, label="admin")
@require_POST
def person_export(request, pk: int):
    person = selectors.person_get(pk=pk)
    data = services.person_export(person=person, actor=request.user)
    return _json_download(data, f"persondata-{person.pk}.json")


@access(is_administrator, label="admin")
def person_erase(request, pk: int):
    person = selectors.person_get(pk=pk)
    if person.anonymised_at:
        messages.info(request, _("This person has already been erased."))
        return redirect("accounts:person-detail", pk=person.pk)
    form = EraseConfirmForm(request.POST or None, person=person)
    if request.method == "POST" and form.is_valid():
        if person.pk == request.user.pk:
            form.add_error(None, _("You cannot erase your own account."))
        else:
            receipt = services.person_erase(person=person, actor=request.user)
            return render(request, "accounts/person_erased.html", {"person": person, "receipt": receipt})
    from kompas.core import personal_data

    return render(
        request,
        "accounts/person_erase.html",
        {"person": person, "form": form, "providers": personal_data.providers()},
    )
