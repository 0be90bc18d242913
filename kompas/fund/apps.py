from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FundConfig(AppConfig):
    name = "kompas.fund"
    label = "fund"
    verbose_name = _("Udviklingspuljen – the innovation fund")
