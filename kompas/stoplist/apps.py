from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StoplistConfig(AppConfig):
    name = "kompas.stoplist"
    label = "stoplist"
    verbose_name = _("Det siger vi farvel til – the farewell list")
