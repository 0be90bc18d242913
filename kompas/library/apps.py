from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def _on_learning_changed(sender, learning, **kwargs) -> None:
    from .services import learning_apply

    learning_apply(learning=learning)


class LibraryConfig(AppConfig):
    name = "kompas.library"
    label = "library"
    verbose_name = _("Vidensbanken – the knowledge library")

    def ready(self) -> None:
        from kompas.core import navigation, personal_data
        from kompas.core.learnings import learning_changed

        from . import personal

        learning_changed.connect(_on_learning_changed, dispatch_uid="library.learning_changed")
        navigation.register(navigation.NavItem(_("Knowledge library"), "library:search", order=80))
        personal_data.register(personal.PROVIDER)
