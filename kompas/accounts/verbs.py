"""The accounts app's audit verbs. A person's history is for administrators only (the object rule)."""

from django.utils.translation import pgettext_lazy

from kompas.activity.verbs import Verb

USER_CREATED = Verb("user_created", pgettext_lazy("audit", "Created the account"))
ROLES_CHANGED = Verb("roles_changed", pgettext_lazy("audit", "Changed the roles"))
PROFILE_UPDATED = Verb("profile_updated", pgettext_lazy("audit", "Updated the profile"))
API_TOKEN_CREATED = Verb("api_token_created", pgettext_lazy("audit", "Created an API token"))
API_TOKEN_REVOKED = Verb("api_token_revoked", pgettext_lazy("audit", "Revoked an API token"))
LOGIN_LOCKED = Verb("login_locked", pgettext_lazy("audit", "Sign-in locked after failed attempts"))
PERSONAL_DATA_EXPORTED = Verb("personal_data_exported", pgettext_lazy("audit", "Exported the personal data"))
PERSON_ERASED = Verb("person_erased", pgettext_lazy("audit", "Erased the person's data"))
