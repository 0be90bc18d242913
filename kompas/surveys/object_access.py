"""Who may read a questionnaire, a population or a survey round: programme staff, as on the survey's own
management pages (ADR 0015)."""

from kompas.core import object_access

from .models import Instrument, Population, Wave
from .permissions import can_manage_surveys


def register() -> None:
    for model in (Instrument, Population, Wave):
        object_access.register(model._meta.label_lower, object_access.by_rule(model, can_manage_surveys))
