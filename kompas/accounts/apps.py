from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "kompas.accounts"
    label = "accounts"
    verbose_name = _("Accounts")

    def ready(self) -> None:
        from kompas.activity.verbs import register_module

        from . import object_access, verbs

        object_access.register()
        register_module(self.label, verbs)

        from kompas.core import navigation, personal_data
        from kompas.core.roles import is_administrator

        from . import personal

        navigation.register(
            navigation.NavItem(
                _("People"),
                "accounts:person-list",
                order=95,
                rule=is_administrator,
                staff_only=True,
                group=navigation.GROUP_ADMINISTRATION,
            )
        )
        personal_data.register(personal.PROVIDER)
