"""Default data: the six departments (magistratsafdelinger) of Aarhus Kommune. Editable afterwards."""

DEPARTMENTS = [
    ("Borgmesterens Afdeling", "BA", "borgmesterens-afdeling"),
    ("Børn og Unge", "BU", "boern-og-unge"),
    ("Kultur og Borgerservice", "KB", "kultur-og-borgerservice"),
    ("Sociale Forhold og Beskæftigelse", "SOB", "sociale-forhold-og-beskaeftigelse"),
    ("Sundhed og Omsorg", "SUN", "sundhed-og-omsorg"),
    ("Teknik og Miljø", "TM", "teknik-og-miljoe"),
]


def install(department_model) -> None:
    """Create the default departments that are missing (idempotent; used by a data migration)."""
    for order, (name, short, slug) in enumerate(DEPARTMENTS, start=1):
        department_model.objects.get_or_create(
            slug=slug, defaults={"name": name, "short_name": short, "order": order}
        )
