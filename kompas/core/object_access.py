"""One access rule per object: who may read an object is decided by the app that owns it, and nowhere else.

Pages in lower apps that show something *about* an object of any app (the object-history page of the activity
app, the personal-data export) cannot import the owning app (docs/architecture.md). So every app registers, in
its ``AppConfig.ready``, an *accessor* for each model it owns that can appear as an audit target:
``(user, pk) -> instance | None``. The accessor reuses the app's own guarded accessor (``*_get_for_user``) or
the permission predicate its own page uses; it never derives visibility again. ``None`` means missing or not
allowed, which callers answer with the same 404.

A model without a registered accessor is readable by nobody through this registry (ADR 0015).
"""

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from django.apps import apps
from django.core.exceptions import ValidationError
from django.http import Http404

if TYPE_CHECKING:
    from django.contrib.auth.models import _AnyUser
    from django.db.models import Model

    from .access import Rule

# (user, primary key already converted to the model's type) -> the instance, or None when missing or not allowed
Accessor = Callable[[Any, Any], Any]

_accessors: dict[str, Accessor] = {}


def register(label: str, accessor: Accessor) -> None:
    """Register (or replace) the accessor for a model label such as ``"fund.application"``."""
    _accessors[label.lower()] = accessor


def registered() -> frozenset[str]:
    return frozenset(_accessors)


def clean_pk(label: str, raw: Any) -> Any:
    """The primary key ``raw`` converted to the model's type, or ``None`` when it cannot be one."""
    try:
        model = apps.get_model(label)
    except (LookupError, ValueError):
        return None
    try:
        value = model._meta.pk.to_python(raw)
    except (ValidationError, TypeError, ValueError, OverflowError):
        return None
    if isinstance(value, int) and not -(2**63) <= value < 2**63:
        return None
    return value


def get_for_user(*, user: "_AnyUser | None", label: str, pk: Any) -> Any:
    """The object ``label``/``pk`` if ``user`` may read it by its owning app's rule, otherwise ``None``."""
    accessor = _accessors.get(label.lower())
    if accessor is None:
        return None
    value = clean_pk(label, pk)
    if value is None:
        return None
    return accessor(user, value)


def from_guarded(getter: Callable[..., Any], *, rule: "Rule | None" = None) -> Accessor:
    """An accessor from an app's ``*_get_for_user(user=..., pk=...)``, which raises ``Http404``.

    ``rule`` is the predicate the app's own page is declared with (``access(rule)``), for accessors that
    leave that check to the view.
    """

    def accessor(user: Any, pk: Any) -> Any:
        if rule is not None and not rule.test(user):
            return None
        try:
            return getter(user=user, pk=pk)
        except Http404:
            return None

    return accessor


def by_rule(model: "type[Model]", rule: "Rule") -> Accessor:
    """An accessor for a model whose pages are guarded only by a role rule (``access(rule)``)."""

    def accessor(user: Any, pk: Any) -> "Model | None":
        if not rule.test(user):
            return None
        return model._default_manager.filter(pk=pk).first()

    return accessor
