"""The roles of DESIGN §2 and the predicates every app uses to ask about them.

Roles are data (``accounts.Role`` rows, assigned to users); their codes are fixed here so code can name
them. The predicates only call ``user.role_codes()``, so apps below ``accounts`` can use them too.
"""

from typing import TYPE_CHECKING, Any

import rules
from django.db import models
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    # django-stubs' placeholder for the AUTH_USER_MODEL (accounts.User, an app core may not import).
    from django.contrib.auth.models import _AnyUser


class RoleCode(models.TextChoices):
    CITIZEN = "citizen", _("Citizen")
    PARTNER = "partner", _("Association or business")
    EMPLOYEE = "employee", _("Employee")
    LEADER = "leader", _("Leader")
    PROGRAMME = "programme", _("Programme staff")
    ASSESSOR = "assessor", _("Assessor")
    ADVISORY = "advisory", _("Advisory board")
    POLITICIAN = "politician", _("City council member")
    ADMIN = "admin", _("Administrator")


# Municipal staff: they see the internal navigation and internal content.
STAFF_ROLES = frozenset({RoleCode.EMPLOYEE, RoleCode.LEADER, RoleCode.PROGRAMME, RoleCode.ADMIN})


def codes_of(user: "_AnyUser | None") -> frozenset[str]:
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return frozenset()
    return user.role_codes()


def has_any_role(*codes: str) -> Any:  # a rules.Predicate
    wanted = frozenset(codes)
    name = "has_any_role:" + ",".join(sorted(wanted))

    @rules.predicate(name)  # type: ignore[untyped-decorator,no-untyped-call]  # rules.predicate is untyped
    def predicate(user: "_AnyUser | None") -> bool:
        return bool(codes_of(user) & wanted)

    return predicate


is_staff_member = has_any_role(*STAFF_ROLES)
is_leader = has_any_role(RoleCode.LEADER, RoleCode.PROGRAMME, RoleCode.ADMIN)
is_programme_staff = has_any_role(RoleCode.PROGRAMME, RoleCode.ADMIN)
is_administrator = has_any_role(RoleCode.ADMIN)
is_citizen = has_any_role(RoleCode.CITIZEN, RoleCode.PARTNER)
