import logging

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

logger = logging.getLogger(__name__)


def _on_learning_changed(sender, learning, **kwargs) -> None:
    """Runs after the source's transaction committed: a failure here must not fail the source's request;
    it is logged, and ``library_reindex`` brings the library back in step."""
    from .services import learning_apply

    try:
        learning_apply(learning=learning)
    except Exception:
        logger.exception("The library could not apply the learning %s", learning.key)


class LibraryConfig(AppConfig):
    name = "kompas.library"
    label = "library"
    verbose_name = _("Vidensbanken – the knowledge library")

    def ready(self) -> None:
        from kompas.activity.verbs import register_module

        from . import object_access, verbs

        object_access.register()
        register_module(self.label, verbs)

        from kompas.core import navigation, personal_data
        from kompas.core.learnings import learning_changed

        from . import personal, search

        learning_changed.connect(_on_learning_changed, dispatch_uid="library.learning_changed")
        navigation.register(
            navigation.NavItem(
                _("Knowledge library"), "library:search", order=55, group=navigation.GROUP_KNOWLEDGE
            )
        )
        personal_data.register(personal.PROVIDER)
        search.register()
