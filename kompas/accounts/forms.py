import logging
from datetime import timedelta
from typing import TYPE_CHECKING

from django import forms
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth import authenticate
from django.contrib.auth.forms import PasswordResetForm
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from kompas.core import ratelimit
from kompas.core.forms import KompasForm, KompasModelForm
from kompas.core.roles import RoleCode

from . import login_throttle
from .models import User

if TYPE_CHECKING:
    from django.http import HttpRequest

logger = logging.getLogger(__name__)

LOCKED_MESSAGE = _(
    "Too many failed attempts. For your safety, logging in is paused until %(time)s. Please try again then."
)


def locked_error(*, seconds: int) -> forms.ValidationError:
    """The lockout message, saying when logging in works again (in the site's time zone)."""
    until = timezone.localtime(timezone.now() + timedelta(seconds=max(60, seconds + 59)))
    return forms.ValidationError(LOCKED_MESSAGE, code="locked", params={"time": formats.time_format(until)})


class ThrottledLogin:
    """Refuse before checking the password while the account or the client is locked; count each failure.

    Shared by the site's login form and Django admin's, so both count against the same limits.
    """

    locked = False
    request: "HttpRequest | None"  # the form's

    def throttled_authenticate(self, email: str, authenticate_user):
        address = ratelimit.client_address(self.request) if self.request is not None else ""
        if login_throttle.is_locked(email=email, address=address):
            self.locked = True
            raise locked_error(seconds=login_throttle.retry_after(email=email, address=address))
        user = authenticate_user()
        if user is None:
            if login_throttle.register_failure(email=email, address=address):
                self.locked = True
                raise locked_error(seconds=login_throttle.retry_after(email=email, address=address))
            return None
        login_throttle.reset(email=email)
        return user


class LoginForm(ThrottledLogin, KompasForm):
    email = forms.EmailField(
        label=_("E-mail"), widget=forms.EmailInput(attrs={"autocomplete": "email", "autofocus": True})
    )
    password = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    error_messages = {
        "invalid_login": _("The e-mail or the password is not correct. Check both and try again."),
        "inactive": _("This account is not active."),
    }

    def __init__(self, request=None, *args, **kwargs):
        self.request = request
        self.user_cache = None
        self.locked = False
        super().__init__(*args, **kwargs)

    def clean(self):
        cleaned = super().clean()
        email, password = cleaned.get("email"), cleaned.get("password")
        if not email or not password:
            return cleaned
        self.user_cache = self.throttled_authenticate(
            email, lambda: authenticate(self.request, email=email, password=password)
        )
        if self.user_cache is None:
            raise forms.ValidationError(self.error_messages["invalid_login"], code="invalid_login")
        if not self.user_cache.is_active:
            raise forms.ValidationError(self.error_messages["inactive"], code="inactive")
        return cleaned

    def get_user(self):
        return self.user_cache


class AdminLoginForm(ThrottledLogin, AdminAuthenticationForm):
    """Django admin's login form under the same throttle as the site's login (``admin.site.login_form``)."""

    def clean(self):
        username = self.cleaned_data.get("username")
        password = self.cleaned_data.get("password")
        if username is not None and password:
            self.user_cache = self.throttled_authenticate(
                username, lambda: authenticate(self.request, username=username, password=password)
            )
            if self.user_cache is None:
                raise self.get_invalid_login_error()
            self.confirm_login_allowed(self.user_cache)
        return self.cleaned_data


class ThrottledPasswordResetForm(PasswordResetForm):
    """Password reset that sends at most a few mails per e-mail address and per client address.

    Over the limit nothing is sent, but the answer is the same neutral page, so the form never reveals whether
    an account exists or is being throttled.
    """

    def save(self, *args, request=None, **kwargs):
        email = self.cleaned_data["email"]
        address = ratelimit.client_address(request) if request is not None else ""
        allowed = ratelimit.hit("password_reset_account", email)
        if address:
            allowed = ratelimit.hit("password_reset_client", address) and allowed
        if not allowed:
            logger.warning("Password reset not sent: rate limit reached")
            return
        super().save(*args, request=request, **kwargs)


class ProfileForm(KompasModelForm):
    class Meta:
        model = User
        fields = ["full_name", "preferred_language", "digest_enabled"]
        help_texts = {
            "digest_enabled": _("At most one e-mail a day with the notifications you have not read."),
        }


class ApiTokenForm(KompasForm):
    name = forms.CharField(
        label=_("Name of the token"),
        max_length=100,
        help_text=_("So that you can recognise it later, e.g. 'Open data script'."),
    )


class RolesForm(KompasForm):
    roles = forms.MultipleChoiceField(
        label=_("Roles"), choices=RoleCode.choices, required=False, widget=forms.CheckboxSelectMultiple
    )


class EraseConfirmForm(KompasForm):
    confirm_email = forms.EmailField(
        label=_("Type the person's e-mail address to confirm"),
        help_text=_("Erasure cannot be undone."),
    )

    def __init__(self, *args, person=None, **kwargs):
        self.person = person
        super().__init__(*args, **kwargs)

    def clean_confirm_email(self):
        value = self.cleaned_data["confirm_email"]
        if self.person is None or value.strip().lower() != self.person.email.lower():
            raise forms.ValidationError(_("The e-mail address does not match the person's."))
        return value


class PersonSearchForm(KompasForm):
    q = forms.CharField(label=_("Search by name or e-mail"), required=False, max_length=100)
