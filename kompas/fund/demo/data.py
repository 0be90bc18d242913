"""The demo's fixed data: the logins, the rounds and how many applications each holds in which state, the
project ideas, the places and the texts; and the context the demo builder passes in."""

import random
from decimal import Decimal
from typing import Protocol

from kompas.core.roles import RoleCode

from ..choices import ApplicationStatus as S


class DemoContext(Protocol):
    """What the fund's demo needs from ``kompas.demo``'s context: its random source and its counts."""

    rng: random.Random
    counts: dict[str, int]


DEMO_PASSWORD = "demo"  # noqa: S105 - the documented demo logins
USERS: list[tuple[str, str, list[RoleCode]]] = [
    ("forening@demo.kompas.dk", "Frida Forening", [RoleCode.PARTNER]),
    ("bedoemmer@demo.kompas.dk", "Bodil Bedømmer", [RoleCode.ASSESSOR]),
    ("bedoemmer2@demo.kompas.dk", "Bjarne Bedømmer", [RoleCode.ASSESSOR]),
    ("bedoemmer3@demo.kompas.dk", "Birgit Bedømmer", [RoleCode.ASSESSOR]),
    ("advisory@demo.kompas.dk", "Arne Advisory", [RoleCode.ADVISORY]),
    ("direktoer@demo.kompas.dk", "Dorthe Direktør", [RoleCode.EMPLOYEE]),
]
ROUND_OPEN = "Udviklingspuljen – åben runde"
ROUND_DECIDED = "Udviklingspuljen – 1. runde (afgjort)"
ROUND_SEALED = "Udviklingspuljen – forseglet temarunde"

# (status, how many) per round
PLAN: dict[str, list[tuple[S, int]]] = {
    ROUND_OPEN: [(S.DRAFT, 25), (S.SUBMITTED, 25), (S.WITHDRAWN, 10)],
    ROUND_DECIDED: [
        (S.IN_ASSESSMENT, 40),
        (S.RECOMMENDED, 15),
        (S.SCREENED_OUT, 20),
        (S.AWAITING_COUNCIL, 10),
        (S.GRANTED, 25),
        (S.REJECTED, 20),
    ],
    ROUND_SEALED: [(S.SUBMITTED, 10)],
}

IDEAS: list[tuple[str, str | None, str]] = [
    ("Robotstøvsugere i hjemmeplejen", "Velfærdsteknologi", "sundhed-og-omsorg"),
    ("Digital madplan på plejehjem", "Digitalisering", "sundhed-og-omsorg"),
    ("Cykelvenner for ældre", "Inklusion og medborgerskab", "sundhed-og-omsorg"),
    ("Skærmfri lektiecafé med frivillige", "Inklusion og medborgerskab", "boern-og-unge"),
    ("Sensorer i skolernes ventilation", "Sundhed", "boern-og-unge"),
    ("Fælles bilpulje for hjemmeplejen", "Mobilitet", "teknik-og-miljoe"),
    ("Chatbot i borgerservice", "Digitalisering", "kultur-og-borgerservice"),
    ("Tidlig kontakt ved sygefravær", "Sygefravær", "borgmesterens-afdeling"),
    ("Innovationsagenter på arbejdspladserne", "Innovationskultur", "borgmesterens-afdeling"),
    ("Jobmentorer fra foreningslivet", "Inklusion og medborgerskab", "sociale-forhold-og-beskaeftigelse"),
    ("Træning via skærm for genoptræning", "Velfærdsteknologi", "sundhed-og-omsorg"),
    ("Deletøjscykler i Gellerup", "Mobilitet", "teknik-og-miljoe"),
    ("Sprogvenner på biblioteket", "Inklusion og medborgerskab", "kultur-og-borgerservice"),
    ("Ruteplanlægning med data", "Digitalisering", "teknik-og-miljoe"),
    ("Sundhedstjek på arbejdspladsen", "Sygefravær", "sociale-forhold-og-beskaeftigelse"),
    ("Lokal madspildsordning", None, "teknik-og-miljoe"),
]
NEW_TEXT = "Ingen i kommunen har prøvet det i denne form; vi bygger videre på erfaringer fra andre byer."
RISK_TEXT = (
    "Teknologien eller metoden virker måske ikke i praksis; vi tester i lille skala først og stopper i tide."
)
BUSINESS_TEXT = "Vi forventer at spare ca. %s kr. om året fra år 2 ved færre timer og besøg."
EFFECT_TEXT = "Før- og eftermåling af tidsforbrug og tilfredshed; halvårlige effektrapporter."
STOP_TEXT = "Vi skulle have testet med borgerne før indkøb. Fejl hurtigt og billigt virkede: vi stoppede efter to måneder."
PLACES = [
    "Gellerup",
    "Viby",
    "Risskov",
    "Tilst",
    "Lystrup",
    "Hasle",
    "Åby",
    "Skåde",
    "Trøjborg",
    "Mårslet",
    "Egå",
    "Tranbjerg",
    "Brabrand",
]


def money(rng: random.Random, low: int, high: int) -> Decimal:
    """A whole number of thousands of kroner between ``low`` and ``high``."""
    return Decimal(rng.randint(low // 1000, high // 1000) * 1000).quantize(Decimal("0.01"))
