from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProposalsConfig(AppConfig):
    name = "kompas.proposals"
    label = "proposals"
    verbose_name = _("Indstillinger – council proposals")

    def ready(self) -> None:
        from kompas.activity.verbs import register_module

        from . import object_access, verbs

        object_access.register()
        register_module(self.label, verbs)

        from kompas.core import backlinks, navigation, personal_data
        from kompas.core.roles import is_staff_member

        from . import personal, search, selectors
        from .permissions import can_view_proposals

        navigation.register(
            navigation.NavItem(
                _("Proposals"),
                "proposals:list",
                order=60,
                rule=can_view_proposals,
                group=navigation.GROUP_DEVELOPMENT,
            )
        )
        navigation.register(
            navigation.NavItem(
                _("Council proposals"),
                "proposals:published",
                order=60,
                rule=~is_staff_member,
                group=navigation.GROUP_DEVELOPMENT,
            )
        )
        personal_data.register(personal.PROVIDER)
        search.register()
        backlinks.register(
            backlinks.Provider(
                key="proposals",
                heading=_("Cited in council proposals"),
                models=frozenset(selectors.CITATION_FIELDS),
                links=selectors.backlinks,
                order=10,
            )
        )
