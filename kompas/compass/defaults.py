"""Default paths and pivots, after seed 001 (the municipality's page on Aarhuskompasset).

The names are the seed's: the four paths "Nye veje til at lytte, løse, lære og lede" and the three pivots
(omdrejningspunkter). The texts are our own words for what the seed says under each; they are data that the
municipality edits or replaces with its official text, and ``is_default_text`` marks them until then.
"""

# (code, slug, name, short name, one sentence, text)
PATHS = [
    (
        "listen",
        "lytte",
        "Nye veje til at lytte",
        "Lytte",
        "Velfærd skabes sammen med borgerne – og det begynder med at lytte.",
        "Velfærd er ikke en ydelse, kommunen rækker over disken. Den bliver til, når kommune og borgere "
        "arbejder sammen, og når vi tager udgangspunkt i borgerens egne kræfter og de mennesker, borgeren har "
        "omkring sig – ikke i systemets kasser.\n\n"
        "Derfor begynder vejen med at lytte: aktivt og med ægte nysgerrighed på, hvordan livet og udfordringen "
        "ser ud fra borgerens side. Her finder du dialoger om dilemmaer og høringer, hvor borgere, foreninger "
        "og medarbejdere bliver hørt – og kan se, hvad det førte til.",
    ),
    (
        "solve",
        "loese",
        "Nye veje til at løse",
        "Løse",
        "De store udfordringer løses i nye og mere ligeværdige samarbejder.",
        "Klima og miljø, ensomhed, livsstilssygdomme og hjemløshed er udfordringer, som kommunen ikke løser "
        "alene. De kræver nytænkning og medborgerskab – og at borgere, foreninger, organisationer, virksomheder "
        "og kommunen bringer hver deres viden, synsvinkler og ressourcer i spil og deler ansvaret.\n\n"
        "Kommunen skal derfor ikke altid lede mødet fra bordenden, men invitere til et samarbejde på lige fod. "
        "Her finder du afprøvninger og samarbejder, hvor nye løsninger bliver prøvet af i det små.",
    ),
    (
        "learn",
        "laere",
        "Nye veje til at lære",
        "Lære",
        "Borgernes viden skal med, når vi måler værdi og lærer af det, vi gør.",
        "Velfærd drejer sig om, at folk får gode liv. Når kommunen vurderer, hvilken værdi noget skaber, og "
        "når den udvikler nye løsninger, skal borgernes egen viden være en del af grundlaget.\n\n"
        "Den traditionelle styring har brug for et supplement: fællesskaber tæt på praksis, hvor vi udvikler "
        "og lærer sammen, styrker fagligheden på tværs og tør eksperimentere, fejle og skifte kurs. Her finder "
        "du opfølgninger, læringer og Vidensbankens artikler, cases, portrætter og værktøjer.",
    ),
    (
        "lead",
        "lede",
        "Nye veje til at lede",
        "Lede",
        "Mål skal give mening for dem, der skaber værdien – og vi taler åbent om, hvordan det går.",
        "Mål og målinger er først og fremmest til for dem, der selv er med til at skabe velfærden: "
        "medarbejderne tættest på borgerne og borgerne, som skal leve et godt liv.\n\n"
        "At lede på nye måder handler om en politisk og demokratisk kultur, hvor det giver mening og føles nært "
        "at tage del i byens udvikling – og om en ledelse, der tør tale ærligt om, hvordan det går, også når "
        "det går anderledes end håbet. Her finder du mål, det vi har sagt farvel til, og indstillinger til "
        "byrådet.",
    ),
]

# (name exactly as in seed 001, one line, text, reflection questions)
PIVOTS = [
    (
        "Styrket fokus på værdi",
        "Målet er en god by for alle",
        "Aarhusmålene er stedet, vi starter. Vi spørger ikke kun, hvilken effekt en indsats har, men hvilken "
        "værdi den skaber – og værdien for borgerne og samfundet er det, alt andet drejer sig om.",
        (
            "Fra effekt til værdi: Hvilken værdi skaber det her for borgerne og samfundet – ud over den "
            "effekt, vi kan måle?",
            "Hvilket Aarhusmål tager arbejdet afsæt i?",
            "Hvem oplever værdien, og hvordan ville de selv beskrive den?",
        ),
    ),
    (
        "Styrket samskabelse",
        "Værdien skabes sammen med borgerne og samfundet",
        "Kommunen skaber ikke værdien alene og leverer den ikke færdig. Den opstår, når borgere, foreninger, "
        "virksomheder og kommunen arbejder sammen, og når alles ressourcer kommer i spil.",
        (
            "Fra levering til samskabelse: Hvem har vi skabt det sammen med – og hvem mangler?",
            "Hvilke ressourcer er i spil ud over kommunens egne?",
            "Sidder kommunen for bordenden, hvor en anden kunne tage pladsen?",
        ),
    ),
    (
        "Mere vidensinformeret praksis og ledelse",
        "Viden skal blive til værdi",
        "Viden er data i bred forstand: tal, men også erfaringer, fortællinger og iagttagelser. Mål og "
        "målinger skal give mening for dem, der sammen skaber værdien, og styringen skal have en stærk "
        "læringskultur ved sin side.",
        (
            "Fra kontrol til læring: Hvad fortæller tallene og erfaringerne os – og hvad gør vi anderledes?",
            "Giver målingen mening for dem, der skaber værdien?",
            "Hvad har vi lært, og hvem skal vide det?",
        ),
    ),
]

PIVOT_NAMES = tuple(name for name, *_rest in PIVOTS)


def install(path_model, pivot_model) -> None:
    """Create the default paths and pivots that are missing (idempotent; used by a data migration)."""
    for order, (code, slug, name, short_name, summary, text) in enumerate(PATHS, start=1):
        path_model.objects.get_or_create(
            code=code,
            defaults={
                "slug": slug,
                "name": name,
                "short_name": short_name,
                "summary": summary,
                "text": text,
                "order": order,
                "is_default_text": True,
            },
        )
    if not pivot_model.objects.exists():
        for order, (name, tagline, text, questions) in enumerate(PIVOTS, start=1):
            pivot_model.objects.create(
                name=name,
                tagline=tagline,
                text=text,
                questions="\n".join(questions),
                order=order,
                is_default_text=True,
            )
