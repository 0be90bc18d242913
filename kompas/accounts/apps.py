from django.utils.translation import gettext_lazy as _

from kompas.core.navigation import GROUP_ADMINISTRATION
from kompas.core.registration import KompasAppConfig, Nav


class AccountsConfig(KompasAppConfig):
    name = "kompas.accounts"
    label = "accounts"
    verbose_name = _("Accounts")
    register_modules = (".object_access", ".role_session", ".user_cache")
    verbs = ".verbs"
    navigation = (
        Nav(
            _("People"),
            "accounts:person-list",
            order=95,
            rule="kompas.core.roles.is_administrator",
            staff_only=True,
            group=GROUP_ADMINISTRATION,
        ),
    )
    personal_data = ".personal.PROVIDER"
