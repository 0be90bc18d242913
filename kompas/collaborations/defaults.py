"""The default principles of Samarbejdskompasset (DESIGN §3), in our own Danish wording.

Programme staff replace them with the municipality's own; every change is a new version.
"""

DEFAULT_PRINCIPLES = [
    (
        "Vi tager udgangspunkt i den andens sted",
        "Vi starter med at lytte og forstå, hvad der er vigtigt for de andre.",
    ),
    (
        "Et fælles formål og værdi for borgerne",
        "Vi ved, hvorfor vi samarbejder, og hvilken forskel det skal gøre.",
    ),
    (
        "Vi er ligeværdige parter",
        "Kommunen sidder ikke altid for bordenden; vi deler ordet og beslutningerne.",
    ),
    ("Klare roller, mandat og forventninger", "Alle ved, hvem der gør hvad, og hvad de kan beslutte."),
    (
        "Alles ressourcer kommer i spil",
        "Vi bruger det, hver af os kan bidrage med – tid, viden, netværk, steder.",
    ),
    (
        "Åbenhed og tillid – også når det går skævt",
        "Vi siger det højt, når noget ikke virker, og finder ud af det sammen.",
    ),
    ("Vi lærer undervejs", "Vi tør prøve, fejle og skifte kurs, og vi bruger det, vi lærer."),
]


def install(PrincipleSet, Principle) -> None:  # noqa: N803 - historical models passed in by the migration
    if PrincipleSet.objects.exists():
        return
    principle_set = PrincipleSet.objects.create(version=1, note="Standardformulering", is_current=True)
    Principle.objects.bulk_create(
        [
            Principle(principle_set=principle_set, order=i, title=title, text=text)
            for i, (title, text) in enumerate(DEFAULT_PRINCIPLES, 1)
        ]
    )
