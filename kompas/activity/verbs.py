"""Audit verbs as named constants: a code, a translated label, and who may read entries of that verb.

Each app declares its verbs in its own ``verbs.py`` and names the module on its config (``verbs = ".verbs"``);
this app's ``ready()`` registers them all (``register_apps``). Services pass the constant to
``activity.record(verb=...)``; a ``Verb`` is a ``str``, so the stored code is unchanged. The history page shows
the label, never the code.

Who may read an entry is two rules, both required:

1. the object: the owning app's accessor in ``kompas.core.object_access`` says the reader may read it;
2. the verb: ``readers(user, target)`` is true. ``None`` means "everyone who may read the object". A verb that
   records something more private than the object (a conflict declaration, scores, who was invited) names a
   narrower rule. The person who made an entry may always read it on an object they may read.

Codes are unique per app (two apps may use one code for different things, e.g. ``reflection_answered``); an
entry is looked up by its target's app. Entries of a verb nobody registered are for administrators only.
"""

from importlib import import_module
from types import ModuleType
from typing import Any

import rules
from django.apps import apps as django_apps
from django.core.exceptions import ImproperlyConfigured

from kompas.core.roles import is_administrator


class Verb(str):
    """An audit verb. Compares, hashes and stores as its code."""

    label: Any
    readers: Any
    app_label: str

    def __new__(cls, code: str, label: Any, readers=None):
        verb = super().__new__(cls, code)
        verb.label = label
        verb.readers = None if readers is None else _as_predicate(readers)
        verb.app_label = ""
        return verb

    @property
    def code(self) -> str:
        return str.__str__(self)

    def __str__(self) -> str:
        return self.code

    def __repr__(self) -> str:
        return f"Verb({self.code!r})"

    def __reduce__(self):
        return (str, (self.code,))

    def may_read(self, user, target) -> bool:
        return self.readers is None or bool(self.readers.test(user, target))


def _as_predicate(readers):
    if isinstance(readers, rules.Predicate):
        return readers
    return rules.predicate(readers)


_by_app: dict[tuple[str, str], Verb] = {}
_by_code: dict[str, list[Verb]] = {}


def register(app_label: str, *verbs: Verb) -> None:
    """Register verbs for one app; the same code twice in one app is a programming error."""
    for verb in verbs:
        key = (app_label, verb.code)
        existing = _by_app.get(key)
        if existing is not None and existing is not verb:
            raise ImproperlyConfigured(f"The audit verb {verb.code!r} is declared twice in {app_label}.")
        verb.app_label = app_label
        _by_app[key] = verb
        same = _by_code.setdefault(verb.code, [])
        if all(v is not verb for v in same):
            same.append(verb)


def register_module(app_label: str, module: ModuleType) -> None:
    """Register every ``Verb`` defined at module level in ``module`` (an app's ``verbs.py``)."""
    register(app_label, *(value for value in vars(module).values() if isinstance(value, Verb)))


def register_apps() -> None:
    """Register the verbs module every installed app declares on its config (``verbs = ".verbs"``,
    ``kompas.core.registration.KompasAppConfig``). Called from this app's ``ready()``: every config is
    loaded by then, and so are the models the verbs' rules use."""
    for config in django_apps.get_app_configs():
        module = getattr(config, "verbs", "")
        if module:
            register_module(config.label, import_module(module, package=config.name))


def registered() -> dict[tuple[str, str], Verb]:
    return dict(_by_app)


def lookup(code: str, app_label: str = "") -> Verb | None:
    """The verb ``code`` of the app ``app_label`` (the entry's target's app); by code alone when unique."""
    if app_label:
        verb = _by_app.get((app_label, code))
        if verb is not None:
            return verb
    candidates = _by_code.get(code, [])
    return candidates[0] if len(candidates) == 1 else None


def label_for(code: str, app_label: str = "") -> Any:
    """The translated label to show for ``code``; the bare code for a verb nobody registered."""
    verb = lookup(code, app_label)
    return verb.label if verb is not None else code


def readable_codes(*, user, target, codes, app_label: str = "") -> set[str]:
    """Of ``codes`` recorded on ``target`` (which ``user`` may read), those whose entries ``user`` may read."""
    app_label = app_label or target._meta.app_label
    admin = is_administrator.test(user)
    allowed = set()
    for code in codes:
        verb = lookup(code, app_label)
        if verb is None:
            if admin:
                allowed.add(code)
        elif verb.may_read(user, target):
            allowed.add(code)
    return allowed
