"""The default proposal templates as data (Danish, the municipality's own headings; guidance in our words).

``install(...)`` creates them once; after that programme staff edit them in the app and every edit is a
new template version. Each section is (heading, kind, guidance).
"""

from typing import TypedDict

from .choices import SectionKind

# (heading, kind, guidance)
SectionSpec = tuple[str, str, str]


class TemplateSpec(TypedDict):
    slug: str
    name: str
    description: str
    is_active: bool
    order: int
    sections: list[SectionSpec]


COMPASS_SLUG = "aarhuskompasset-2021"
OLDER_SLUG = "indstilling-2012"

COMPASS_SECTIONS: list[SectionSpec] = [
    (
        "Resume",
        SectionKind.TEXT,
        "Skriv kort, hvad indstillingen handler om, og hvad byrådet skal beslutte. Læseren skal kunne "
        "stoppe her og have forstået det vigtigste.",
    ),
    (
        "Beslutningspunkter",
        SectionKind.DECISIONS,
        "Skriv én beslutning pr. linje. De nummereres automatisk og vises som »At 1) …«. Hvert punkt skal "
        "kunne besluttes for sig.",
    ),
    (
        "Hvorfor fremsendes indstillingen?",
        SectionKind.TEXT,
        "Forklar baggrunden: hvilket problem eller hvilken mulighed er der, og hvorfor skal byrådet tage "
        "stilling nu?",
    ),
    (
        "Hvilken værdi skabes for borgere og samfund?",
        SectionKind.VALUE,
        "Start med borgeren: hvad bliver bedre, for hvem, og hvordan ved vi det – i tal og i erfaringer? "
        "Knyt afsnittet til mindst ét af Aarhusmålene.",
    ),
    (
        "Hvad igangsættes?",
        SectionKind.TEXT,
        "Beskriv konkret, hvad der sættes i gang, og hvad der samtidig stoppes for at gøre plads.",
    ),
    (
        "Hvem gør det og hvordan?",
        SectionKind.TEXT,
        "Hvem har ansvaret, og hvem samarbejdes der med – borgere, foreninger, virksomheder, andre "
        "afdelinger?",
    ),
    (
        "Hvilke ressourcer kræves?",
        SectionKind.TEXT,
        "Økonomi, tid og kompetencer. Sig tydeligt, om det finansieres inden for rammen.",
    ),
    (
        "Hvad er den videre proces og hvordan følges op?",
        SectionKind.TEXT,
        "Hvornår og hvordan følges der op, og hvad skal opfølgningen bruges til? Opfølgning er for at lære.",
    ),
]

OLDER_SECTIONS: list[SectionSpec] = [
    ("Resume", SectionKind.TEXT, "Kort sammenfatning af indstillingen."),
    ("Beslutningspunkter", SectionKind.DECISIONS, "Én beslutning pr. linje; vises som »At 1) …«."),
    ("Baggrund", SectionKind.TEXT, "Baggrunden for indstillingen."),
    (
        "Den forventede effekt",
        SectionKind.VALUE,
        "Den effekt, indsatsen forventes at have. Knyt den til mindst ét af Aarhusmålene.",
    ),
    ("De planlagte ydelser", SectionKind.TEXT, "Hvad indsatsen leverer for at nå effekten."),
    ("Organisering af indsatsen", SectionKind.TEXT, "Hvem gør hvad, og hvordan indsatsen er organiseret."),
    ("Konsekvenser for ressourcer", SectionKind.TEXT, "Økonomi og andre ressourcer."),
]

TEMPLATES: list[TemplateSpec] = [
    {
        "slug": COMPASS_SLUG,
        "name": "Indstilling efter Aarhuskompasset",
        "description": "Skabelonen fra indstillingen om Aarhuskompasset (31. marts 2021) med afsnit 1–8, "
        "hvor værdien for borgere og samfund har sit eget afsnit.",
        "is_active": True,
        "order": 1,
        "sections": COMPASS_SECTIONS,
    },
    {
        "slug": OLDER_SLUG,
        "name": "Indstilling, ældre skabelon (2012)",
        "description": "Den tidligere skabelon (Baggrund, Den forventede effekt, De planlagte ydelser, "
        "Organisering af indsatsen, Konsekvenser for ressourcer), så ældre indstillinger kan vises.",
        "is_active": False,
        "order": 2,
        "sections": OLDER_SECTIONS,
    },
]


def install(ProposalTemplate, TemplateVersion, TemplateSection) -> None:  # noqa: N803 - model classes
    """Create the default templates (version 1) if they are missing. Idempotent."""
    for data in TEMPLATES:
        template, created = ProposalTemplate.objects.get_or_create(
            slug=data["slug"],
            defaults={
                "name": data["name"],
                "description": data["description"],
                "is_active": data["is_active"],
                "order": data["order"],
            },
        )
        if not created and template.versions.exists():
            continue
        version = TemplateVersion.objects.create(template=template, number=1, note="Standardskabelon")
        TemplateSection.objects.bulk_create(
            TemplateSection(version=version, position=position, heading=heading, kind=kind, guidance=guidance)
            for position, (heading, kind, guidance) in enumerate(data["sections"], start=1)
        )
