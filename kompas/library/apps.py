import logging

from django.utils.translation import gettext_lazy as _

from kompas.core.navigation import GROUP_KNOWLEDGE
from kompas.core.registration import KompasAppConfig, Nav

logger = logging.getLogger(__name__)


def on_learning_changed(sender, learning, **kwargs) -> None:
    """Runs after the source's transaction committed: a failure here must not fail the source's request;
    it is logged, and ``library_reindex`` brings the library back in step."""
    from .services import learning_apply

    try:
        learning_apply(learning=learning)
    except Exception:
        logger.exception("The library could not apply the learning %s", learning.key)


class LibraryConfig(KompasAppConfig):
    name = "kompas.library"
    label = "library"
    verbose_name = _("Vidensbanken – the knowledge library")
    register_modules = (".object_access", ".search", ".paths")
    verbs = ".verbs"
    learnings_receiver = ".apps.on_learning_changed"
    navigation = (Nav(_("Knowledge library"), "library:search", order=55, group=GROUP_KNOWLEDGE),)
    personal_data = ".personal.PROVIDER"
