"""Default city goals (Aarhusmål), in our own words after the council's vision in seed 000 §4.

They are data: an administrator edits, reorders or replaces them. ``is_default_text`` marks a text that
has not yet been edited, so the interface can say it is the default wording.
"""

VISION = (
    "Aarhus skal være en god by for alle",
    "Byrådets vision: en god by for alle – og lykkes vi med det, lykkes vi med fortællingen om Aarhus.",
)

CITY_GOALS = [
    (
        "en-by-med-brug-for-alle",
        "En by med brug for alle",
        "Alle kan bidrage med det, de kan: i uddannelse, i arbejde og i fællesskabet. Ingen står udenfor.",
    ),
    (
        "faellesskab-og-medborgerskab",
        "En by med fællesskab og medborgerskab",
        "Borgere, foreninger og virksomheder tager del i byens liv og skaber løsninger sammen med kommunen.",
    ),
    (
        "sunde-og-trives",
        "En by, hvor alle er sunde og trives",
        "Børn, unge, voksne og ældre har et godt helbred og et godt liv – også dem, der har det sværest.",
    ),
    (
        "vaekst-og-erhvervsliv",
        "En by i vækst og med et stærkt erhvervsliv",
        "Byen vokser med arbejdspladser, viden og iværksætteri, så der er job og muligheder for flere.",
    ),
    (
        "baeredygtig-by",
        "En bæredygtig by med gode by- og lokalmiljøer",
        "Grøn omstilling og gode, trygge lokalmiljøer i både by og land, nu og for de næste generationer.",
    ),
]


def install(vision_model, city_goal_model) -> None:
    """Create the default vision and city goals that are missing (idempotent; used by a data migration)."""
    title, text = VISION
    if not vision_model.objects.exists():
        vision_model.objects.create(title=title, text=text, is_default_text=True)
    for order, (slug, goal_title, description) in enumerate(CITY_GOALS, start=1):
        city_goal_model.objects.get_or_create(
            slug=slug,
            defaults={
                "title": goal_title,
                "description": description,
                "order": order,
                "is_default_text": True,
            },
        )
