"""What an app registers in core's registries, declared once on its ``AppConfig`` (docs/architecture.md).

An app's config subclasses :class:`KompasAppConfig` and names, as class attributes, its navigation entries,
front-page panels, GDPR provider, shared-learnings sources and receiver, backlinks providers, and the modules
whose ``register()`` fills a registry of their own (object accessors, search providers). ``ready()`` files
them all; an app's ``apps.py`` holds declarations only.

``apps.py`` is imported before the models are ready, so what names code of the app (a rules predicate, a panel
builder, a provider) is a *reference*, resolved in ``ready()``: ``"module.attribute"``, relative to the app's
package when it starts with a dot (``".permissions.can_view_goals"``), absolute otherwise
(``"kompas.core.roles.is_programme_staff"``, ``"rules.is_authenticated"``). A rule that starts with ``~`` is the
negation of the predicate, as ``~predicate`` is in ``rules``.

The audit verbs (``verbs``) are read by ``kompas.activity``, which sits above core: its ``ready()`` registers
the verbs module of every app that declares one (``kompas.activity.verbs.register_apps``).
"""

from dataclasses import dataclass
from importlib import import_module
from typing import Any, ClassVar

from django.apps import AppConfig


@dataclass(frozen=True)
class Nav:
    """A header entry (``kompas.core.navigation.NavItem``) with its rule as a reference."""

    label: Any  # a lazy translation
    url_name: str
    order: int
    rule: str = ""  # a reference to a rules predicate, "~" first to negate it; "" = everyone
    staff_only: bool = False
    group: Any = None  # one of navigation.GROUP_*, or None for a top-level entry


@dataclass(frozen=True)
class FrontPanel:
    """A front-page panel (``kompas.core.welcome.Panel``) with its builder as a reference."""

    key: str
    order: int
    build: str  # a reference to ``request -> context or None``
    template: str
    # True when the panel is the same for every reader (it reads nothing of the request's user): the front page
    # renders it once per content version, day and language (``kompas.core.welcome``).
    shared: bool = False


@dataclass(frozen=True)
class LearningSource:
    """A source of shared learnings for the library (``kompas.core.learnings.register_source``)."""

    kind: str
    source: str  # a reference to ``() -> Iterable[SharedLearning]``


@dataclass(frozen=True)
class Backlinks:
    """A backlinks provider (``kompas.core.backlinks.Provider``) with its parts as references."""

    key: str
    heading: Any  # a lazy translation
    models: str  # a reference to the model labels it answers for
    links: str  # a reference to ``(user, label, pk) -> list[Backlink]``
    order: int = 100


class KompasAppConfig(AppConfig):
    """An app's registrations as data; ``ready()`` files them in core's registries."""

    # Django takes the one AppConfig subclass an ``apps.py`` holds as the app's config; this base, imported
    # there by name, must not count, and each subclass must (``__init_subclass__``).
    default = False

    # Modules of the app whose ``register()`` fills a registry, e.g. (".object_access", ".search").
    register_modules: ClassVar[tuple[str, ...]] = ()
    # The app's audit verbs module (".verbs"), registered by kompas.activity; "" for none.
    verbs: ClassVar[str] = ""
    navigation: ClassVar[tuple[Nav, ...]] = ()
    panels: ClassVar[tuple[FrontPanel, ...]] = ()
    personal_data: ClassVar[str] = ""  # a reference to the app's personal_data.Provider
    learnings: ClassVar[tuple[LearningSource, ...]] = ()
    learnings_receiver: ClassVar[str] = ""  # a reference to a receiver of learnings.learning_changed
    backlinks: ClassVar[tuple[Backlinks, ...]] = ()

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if "default" not in vars(cls):
            cls.default = True

    def ready(self) -> None:
        from . import backlinks, learnings, navigation, personal_data, welcome

        for module in self.register_modules:
            self.resolve(f"{module}.register")()
        for entry in self.navigation:
            navigation.register(
                navigation.NavItem(
                    entry.label,
                    entry.url_name,
                    order=entry.order,
                    rule=self.resolve_rule(entry.rule),
                    staff_only=entry.staff_only,
                    group=entry.group,
                )
            )
        for panel in self.panels:
            welcome.register(
                welcome.Panel(
                    key=panel.key,
                    order=panel.order,
                    build=self.resolve(panel.build),
                    template=panel.template,
                    shared=panel.shared,
                )
            )
        if self.personal_data:
            personal_data.register(self.resolve(self.personal_data))
        for source in self.learnings:
            learnings.register_source(source.kind, self.resolve(source.source))
        if self.learnings_receiver:
            learnings.learning_changed.connect(
                self.resolve(self.learnings_receiver), dispatch_uid=f"{self.label}.learning_changed"
            )
        for provider in self.backlinks:
            backlinks.register(
                backlinks.Provider(
                    key=provider.key,
                    heading=provider.heading,
                    models=frozenset(self.resolve(provider.models)),
                    links=self.resolve(provider.links),
                    order=provider.order,
                )
            )

    def resolve(self, reference: str) -> Any:
        """The object a reference names (see the module's docstring)."""
        module, _, attribute = reference.rpartition(".")
        if not module or module == ".":
            raise ValueError(f"{reference!r} names no module: write 'module.attribute'.")
        return getattr(import_module(module, package=self.name), attribute)

    def resolve_rule(self, reference: str) -> Any:
        """The rules predicate a rule reference names; ``None`` (everyone) for ""."""
        if not reference:
            return None
        if reference.startswith("~"):
            return ~self.resolve(reference[1:])
        return self.resolve(reference)
