"""A person's record is read by administrators only, on every page (ADR 0015)."""

from kompas.core import object_access
from kompas.core.roles import is_administrator

from .models import User


def register() -> None:
    object_access.register("accounts.user", object_access.by_rule(User, is_administrator))
