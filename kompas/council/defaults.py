"""Default data: the city council's bodies in Aarhus that the fund keeps informed. Editable afterwards.

Seed 004 (§6, "Byrådets rolle") names Økonomiudvalget, "fagudvalgene" and the parties' group chairs; seed 000
names Magistraten and Økonomiudvalget. The seeds do not name the standing committees: the five below, one
for each magistratsafdeling besides Borgmesterens Afdeling (whose field is Økonomiudvalget's), are Kompas's
default (``from_seeds`` off), for the municipality to check. Their descriptions are standardformuleringer.
"""

from typing import Any

ALL = "*"

COMMITTEES: list[dict[str, Any]] = [
    {
        "slug": "oekonomiudvalget",
        "name": "Økonomiudvalget",
        "kind": "economic",
        "from_seeds": True,
        "departments": ALL,
        "description": (
            "Økonomiudvalget følger alle projekter og tiltag i udviklingspuljen løbende og i overordnede træk: "
            "hvor mange, i hvilke afdelinger, hvad de koster, og hvad de giver igen. (Standardformulering.)"
        ),
    },
    {
        "slug": "magistraten",
        "name": "Magistraten",
        "kind": "magistrate",
        "from_seeds": True,
        "departments": ALL,
        "description": (
            "Magistraten modtager indstillingerne på vej til byrådet og følger forankringen af Aarhuskompasset. "
            "(Standardformulering.)"
        ),
    },
    {
        "slug": "boern-og-unge-udvalget",
        "name": "Børn og Unge-udvalget",
        "kind": "standing",
        "departments": ["boern-og-unge"],
    },
    {
        "slug": "kultur-og-borgerserviceudvalget",
        "name": "Kultur- og Borgerserviceudvalget",
        "kind": "standing",
        "departments": ["kultur-og-borgerservice"],
    },
    {
        "slug": "sociale-forhold-og-beskaeftigelsesudvalget",
        "name": "Sociale Forhold og Beskæftigelsesudvalget",
        "kind": "standing",
        "departments": ["sociale-forhold-og-beskaeftigelse"],
    },
    {
        "slug": "sundheds-og-omsorgsudvalget",
        "name": "Sundheds- og Omsorgsudvalget",
        "kind": "standing",
        "departments": ["sundhed-og-omsorg"],
    },
    {
        "slug": "teknik-og-miljoeudvalget",
        "name": "Teknik- og Miljøudvalget",
        "kind": "standing",
        "departments": ["teknik-og-miljoe"],
    },
]

STANDING_DESCRIPTION = (
    "Fagudvalget orienteres løbende om de projekter og tiltag, der hører til dets fagområde. "
    "(Standardformulering; udvalget er Kompas' standard og ikke nævnt i grundlaget.)"
)


def install(committee_model: Any, department_model: Any) -> None:
    """Create the default committees that are missing (idempotent; used by a data migration and the demo)."""
    for order, spec in enumerate(COMMITTEES, start=1):
        committee, created = committee_model.objects.get_or_create(
            slug=spec["slug"],
            defaults={
                "name": spec["name"],
                "kind": spec["kind"],
                "from_seeds": spec.get("from_seeds", False),
                "description": spec.get("description", STANDING_DESCRIPTION),
                "order": order,
            },
        )
        if not created:
            continue
        departments = department_model.objects.all()
        if spec["departments"] != ALL:
            departments = departments.filter(slug__in=spec["departments"])
        committee.departments.set(departments)
