from django.utils.translation import gettext_lazy as _

from kompas.core.navigation import GROUP_DEVELOPMENT
from kompas.core.registration import FrontPanel, KompasAppConfig, LearningSource, Nav


class FundConfig(KompasAppConfig):
    name = "kompas.fund"
    label = "fund"
    verbose_name = _("Udviklingspuljen – the innovation fund")
    register_modules = (".object_access", ".search", ".invitations")
    verbs = ".verbs"
    navigation = (Nav(_("Innovation fund"), "fund:index", order=40, group=GROUP_DEVELOPMENT),)
    personal_data = ".personal.PROVIDER"
    learnings = (LearningSource("fund_report", ".services.shared_learnings"),)
    panels = (
        FrontPanel(key="fund-work", order=45, build=".panels.fund_work", template="fund/partials/panel.html"),
    )
