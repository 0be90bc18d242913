"""Choosing a unit in another module's form: the owner unit of a goal, a trial or a collaboration.

``choose_owner_unit(form, user)`` sets up a form's ``owner_unit`` choice the one way those forms share: the
units the user belongs to (every active unit for programme staff), in the departments' order, each shown with
its department, and a new object of someone in one unit gets that unit without choosing."""

from typing import Any

from django.db.models import QuerySet

from kompas.core.roles import is_programme_staff

from .models import Unit


def unit_label(unit: Unit) -> str:
    """A unit as a choice reads "<the department's short name> · <the unit>"."""
    return f"{unit.department.short_name} · {unit.name}"


def active_units() -> "QuerySet[Unit]":
    return (
        Unit.objects.filter(is_active=True).select_related("department").order_by("department__order", "name")
    )


def choose_owner_unit(
    form: Any, user: Any, *, field: str = "owner_unit", empty_label: Any = None
) -> "QuerySet[Unit]":
    """Fill ``form``'s unit choice ``field`` for ``user`` (see the module docstring); the units it offers."""
    units = active_units()
    if user is not None and not is_programme_staff.test(user):
        units = units.filter(memberships__user=user)
    choice = form.fields[field]
    choice.queryset = units
    own_units = list(units[:2])
    if len(own_units) == 1 and not form.instance.pk:
        choice.initial = own_units[0].pk  # a leader of one unit need not choose
    choice.label_from_instance = unit_label
    if empty_label is not None:
        choice.empty_label = empty_label
    return units
