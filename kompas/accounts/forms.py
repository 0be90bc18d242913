from django import forms
from django.conf import settings
from django.contrib.auth import authenticate
from django.utils.translation import gettext_lazy as _

from kompas.core.forms import KompasForm, KompasModelForm
from kompas.core.roles import RoleCode

from . import login_throttle
from .models import User


class LoginForm(KompasForm):
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
        "locked": _(
            "Too many failed attempts. For your safety, logging in is paused for %(minutes)d minutes."
        ),
        "inactive": _("This account is not active."),
    }

    def __init__(self, request=None, *args, **kwargs):
        self.request = request
        self.user_cache = None
        self.locked = False
        super().__init__(*args, **kwargs)

    def _address(self) -> str:
        return (self.request.META.get("REMOTE_ADDR", "") if self.request else "") or ""

    def clean(self):
        cleaned = super().clean()
        email, password = cleaned.get("email"), cleaned.get("password")
        if not email or not password:
            return cleaned
        address = self._address()
        if login_throttle.is_locked(email=email, address=address):
            self.locked = True
            raise forms.ValidationError(
                self.error_messages["locked"],
                code="locked",
                params={"minutes": max(1, settings.KOMPAS_LOGIN_LOCKOUT_SECONDS // 60)},
            )
        self.user_cache = authenticate(self.request, email=email, password=password)
        if self.user_cache is None:
            count = login_throttle.register_failure(email=email, address=address)
            if count >= settings.KOMPAS_LOGIN_MAX_FAILURES:
                self.locked = True
            raise forms.ValidationError(self.error_messages["invalid_login"], code="invalid_login")
        if not self.user_cache.is_active:
            raise forms.ValidationError(self.error_messages["inactive"], code="inactive")
        login_throttle.reset(email=email)
        return cleaned

    def get_user(self):
        return self.user_cache


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
