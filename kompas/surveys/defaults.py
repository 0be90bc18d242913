"""The default instrument, in our own wording (DESIGN §3): public value orientations, collaboration-partner
types and the three pivots of the compass. Replace it with the municipality's own by succeeding it."""

from typing import Any, TypedDict

from .choices import Dimension, ItemKind


class SectionSpec(TypedDict):
    """One section of the default instrument; each item is the fields of an ``Item`` and its ``options``."""

    title: str
    introduction: str
    items: list[dict[str, Any]]


NAME = "Aarhuskompas-målingen"
INTRODUCTION = (
    "Spørgeskemaet handler om, hvilke værdier og hvilke samarbejdspartnere du orienterer dig imod i dit "
    "arbejde. Dine svar er anonyme: de gemmes uden dit navn, dit medarbejdernummer og klokkeslæt, og resultater "
    "vises kun for grupper på mindst fem."
)

VALUES = [
    ("value-public", "Hensynet til offentligheden og samfundet som helhed"),
    ("value-rules", "At regler og procedurer bliver overholdt"),
    ("value-balance", "At forskellige interesser bliver afvejet"),
    ("value-budget", "At budgettet bliver overholdt"),
    ("value-efficiency", "At ydelser leveres effektivt"),
    ("value-professional", "Faglighed og professionelle standarder"),
    ("value-user", "Borgerens eller brugerens ønsker og behov"),
]
PARTNERS = [
    ("partner-citizens", "Borgere"),
    ("partner-relatives", "Pårørende"),
    ("partner-associations", "Foreninger og frivillige"),
    ("partner-businesses", "Virksomheder"),
    ("partner-departments", "Andre magistratsafdelinger"),
    ("partner-authorities", "Andre myndigheder"),
    ("partner-researchers", "Forskere og uddannelsesinstitutioner"),
]
PIVOTS = [
    ("pivot-value", "I min enhed taler vi om, hvilken værdi vores arbejde skaber for borgerne og samfundet."),
    ("pivot-value-measure", "Vi følger op på værdi – både med tal og med borgernes erfaringer."),
    ("pivot-cocreation", "Vi skaber løsninger sammen med borgere, foreninger og virksomheder."),
    ("pivot-cocreation-chair", "Kommunen sidder ikke altid for bordenden, når vi samarbejder."),
    ("pivot-knowledge", "Vi bruger viden og data i bred forstand, når vi træffer beslutninger."),
    ("pivot-knowledge-learning", "Vi tør afprøve nye ting, fejle og lære af det."),
]

SECTIONS: list[SectionSpec] = [
    {
        "title": "Værdier i dit arbejde",
        "introduction": "Hvor vigtigt er hvert af disse hensyn for dig, når du træffer beslutninger i dit arbejde?",
        "items": [
            {
                "code": code,
                "kind": ItemKind.LIKERT7,
                "text": text,
                "dimension": Dimension.VALUE,
                "index": "",
                "low_label": "Slet ikke vigtigt",
                "high_label": "Meget vigtigt",
            }
            for code, text in VALUES
        ],
    },
    {
        "title": "Samarbejdspartnere",
        "introduction": "Hvor meget orienterer du dig mod disse samarbejdspartnere i dit arbejde?",
        "items": [
            {
                "code": code,
                "kind": ItemKind.LIKERT5,
                "text": text,
                "dimension": Dimension.PARTNER,
                "index": "",
                "low_label": "Slet ikke",
                "high_label": "I meget høj grad",
            }
            for code, text in PARTNERS
        ],
    },
    {
        "title": "Aarhuskompassets tre omdrejningspunkter",
        "introduction": "Hvor enig er du i disse udsagn om din enhed?",
        "items": [
            {
                "code": code,
                "kind": ItemKind.LIKERT5,
                "text": text,
                "dimension": Dimension.PIVOT,
                "index": code.split("-")[1],
                "low_label": "Helt uenig",
                "high_label": "Helt enig",
            }
            for code, text in PIVOTS
        ],
    },
    {
        "title": "Prioriteter og erfaringer",
        "introduction": "",
        "items": [
            {
                "code": "top-value",
                "kind": ItemKind.SINGLE,
                "text": "Hvilket hensyn fylder mest i din hverdag?",
                "dimension": Dimension.VALUE,
                "index": "",
                "options": [(code.removeprefix("value-"), text) for code, text in VALUES],
            },
            {
                "code": "partners-last-year",
                "kind": ItemKind.MULTIPLE,
                "text": "Hvem har du samarbejdet med det seneste år? (Vælg alle, der passer)",
                "dimension": Dimension.PARTNER,
                "index": "",
                "options": [(code.removeprefix("partner-"), text) for code, text in PARTNERS],
            },
            {
                "code": "comment",
                "kind": ItemKind.TEXT,
                "text": "Er der noget, du vil fortælle os om værdi og samarbejde i dit arbejde? (Skriv ikke navne "
                "eller CPR-numre)",
                "dimension": Dimension.OTHER,
                "index": "",
            },
        ],
    },
]

INDEX_NAMES = {
    "value": "Styrket fokus på værdi",
    "cocreation": "Styrket samskabelse",
    "knowledge": "Mere vidensinformeret praksis og ledelse",  # the seed's name of the third pivot (seed 001)
}

LIKERT_LABELS = {
    5: ["Helt uenig", "Uenig", "Hverken enig eller uenig", "Enig", "Helt enig"],
    7: [
        "Helt uenig",
        "Uenig",
        "Lidt uenig",
        "Hverken enig eller uenig",
        "Lidt enig",
        "Enig",
        "Helt enig",
    ],
}
