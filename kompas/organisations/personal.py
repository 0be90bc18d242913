from django.utils.translation import gettext_lazy as _

from kompas.core.personal_data import Provider


def export(user) -> list[dict]:
    return [
        {
            "unit": str(m.unit) if m.unit_id else None,
            "department": str(m.unit.department) if m.unit_id else None,
            "organisation": str(m.organisation) if m.organisation_id else None,
            "role": m.role,
        }
        for m in user.memberships.select_related("unit__department", "organisation")
    ]


def erase(user) -> int:
    # Kept: the rows only tie the (now anonymous) account to a unit, which keeps head counts right.
    return 0


PROVIDER = Provider(
    key="organisations",
    description=_("Memberships of units and partner organisations, with the role there."),
    export=export,
    erase=erase,
    kept=_("Memberships are kept on the anonymous account, so counts per unit stay right."),
    order=50,
)
