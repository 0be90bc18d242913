from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProposalsConfig(AppConfig):
    name = "kompas.proposals"
    label = "proposals"
    verbose_name = _("Indstillinger – council proposals")
