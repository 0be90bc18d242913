"""Demo data for Indstillinger.

The two seed documents are entered as proposals in their own templates, with their headings and structure:
the Aarhuskompasset proposal of 2021 (compass template, sections 1–8) and the innovation proposal of 2012
(older template). Both are public documents of the municipality and are shown as decided and published. The
Aarhuskompasset proposal is retold in our own words: its dates, decision points, names and figures are the
proposal's, its decision date the council's (28 April 2021, seed 001), and its "Antal tegn" is counted from
the text as it stands here.
A few new proposals show the way through Magistraten and the council. ``aarhus`` adds a year of proposals
from every department. Deterministic and idempotent: proposals are found again by title.
"""

import datetime as dt
import json
import zlib
from collections.abc import Sequence
from pathlib import Path

from django.contrib.auth import get_user_model

from kompas.citygoals.models import CityGoal
from kompas.core import formats
from kompas.organisations.models import Department

from . import selectors, services
from .choices import Decision, ProposalStatus
from .defaults import COMPASS_SLUG, install
from .models import Proposal, ProposalTemplate, TemplateSection, TemplateVersion

DATA_DIR = Path(__file__).resolve().parent / "demo_data"
SEEDS = ("seed_000.json", "seed_004.json")
SEED_NOTE = "Demodata: beslutningsdatoen er sat til indstillingens dato, ikke byrådets faktiske mødedato."

# New proposals: (title, department slug, author key, status, city goal slugs, texts of sections 1–8, points)
NEW_PROPOSALS = [
    (
        "Fælles cykelafgang til Skåde Skole",
        "boern-og-unge",
        "leder",
        ProposalStatus.DRAFT,
        ["sunde-og-trives"],
        [
            "Forældre og elever vil cykle sammen i skole. Vi beder om lov til at prøve det af i et år.",
            "Det indstilles:",
            "Mange børn bliver kørt i skole. Forældrene siger, at vejen er utryg om morgenen.",
            "Børnene får motion og selvtillid. Skolevejen bliver tryggere for alle. Vi måler, hvor mange der "
            "cykler, og vi spørger børn og forældre, hvordan det går.",
            "Vi laver tre faste afgange fra Skåde Kirke, Holme Bakker og Skåde Bakker.",
            "Skolen, forældrerådet og Teknik og Miljø gør det sammen. Forældre skiftes til at cykle med.",
            "Forsøget holdes inden for skolens ramme. Teknik og Miljø maler cykelstier op for 40.000 kr.",
            "Vi følger op efter et halvt år og efter et år og deler det, vi lærer, med andre skoler.",
        ],
        ["Byrådet godkender et forsøg med fælles cykelafgang i skoleåret 2026/27"],
    ),
    (
        "Lokale dialogfora om fremtidens ældrepleje",
        "sundhed-og-omsorg",
        "programstab",
        ProposalStatus.MAGISTRATE,
        ["sunde-og-trives", "faellesskab-og-medborgerskab"],
        [
            "Vi vil tale med ældre, pårørende og medarbejdere om de svære valg i ældreplejen.",
            "Det indstilles på magistratens anbefaling:",
            "Der bliver flere ældre og færre hænder. Vi skal vælge, hvad vi gør først.",
            "Ældre og pårørende får indflydelse på de valg, der handler om dem. Medarbejderne får sagt, hvad "
            "der giver mening i hverdagen. Det hører til målet om en by, hvor alle er sunde og trives.",
            "Fire dialogfora i 2026 i Vejlby-Risskov, Viby, Gellerup og Lystrup.",
            "Sundhed og Omsorg står for forløbet sammen med Ældresagen og Frivilligcenter Aarhus.",
            "200.000 kr. fra Sundhed og Omsorgs egen ramme.",
            "Resultatet fremlægges for Sundheds- og Omsorgsudvalget i december 2026.",
        ],
        [
            "Byrådet godkender fire lokale dialogfora om fremtidens ældrepleje",
            "Resultatet indgår i arbejdet med den næste ældrepolitik",
        ],
    ),
    (
        "Farvel til tre interne rapporteringer",
        "borgmesterens-afdeling",
        "programstab",
        ProposalStatus.COMMITTEE,
        ["en-by-med-brug-for-alle"],
        [
            "Tre interne rapporteringer bruges ikke længere. Vi foreslår at stoppe dem.",
            "Det indstilles:",
            "Medarbejderne bruger 2.400 timer om året på rapporter, som ingen læser.",
            "Timerne går i stedet til borgerne. Det giver mere tid i mødet med borgeren.",
            "De tre rapporteringer stoppes fra 1. januar 2027.",
            "Borgmesterens Afdeling stopper rapporteringerne i samarbejde med MED-systemet.",
            "Ingen. Forslaget frigør tid.",
            "Vi spørger medarbejderne efter et år, om tiden faktisk er frigjort.",
        ],
        ["Byrådet godkender, at de tre rapporteringer stoppes"],
    ),
]

AARHUS_THEMES = [
    ("Flere unge i job", "sociale-forhold-og-beskaeftigelse", "en-by-med-brug-for-alle"),
    ("Grønne gårde", "teknik-og-miljoe", "faellesskab-og-medborgerskab"),
    ("Læselyst i bibliotekerne", "kultur-og-borgerservice", "faellesskab-og-medborgerskab"),
    ("Rehabilitering i eget hjem", "sundhed-og-omsorg", "sunde-og-trives"),
    ("Tidlig indsats i dagtilbud", "boern-og-unge", "sunde-og-trives"),
    ("Iværksætteri i lokalområderne", "borgmesterens-afdeling", "vaekst-og-erhvervsliv"),
]
AREAS = ["Gellerup", "Viby", "Tilst", "Lystrup", "Trøjborg", "Harlev", "Risskov", "Tranbjerg", "Sabro", "Egå"]


def _move_to(
    proposal: Proposal, *, actor, path: Sequence[str], decided_on: dt.date | None = None, note: str = ""
) -> Proposal:
    for status in path:
        if status == ProposalStatus.DECIDED:
            proposal = services.proposal_transition(
                proposal=proposal,
                actor=actor,
                to_status=status,
                decision=Decision.ADOPTED,
                decided_on=decided_on,
                decision_note=note,
            )
        else:
            proposal = services.proposal_transition(proposal=proposal, actor=actor, to_status=status)
    return proposal


def _section_texts(version: TemplateVersion, texts: list[str]) -> dict[int, str]:
    return {section.pk: text for section, text in zip(version.sections.all(), texts, strict=False)}


def _build_seed(name: str, *, actor, city_goals) -> bool:
    data = json.loads((DATA_DIR / name).read_text(encoding="utf-8"))
    if Proposal.objects.filter(title=data["title"]).exists():
        return False
    template = ProposalTemplate.objects.get(slug=data["template"])
    version = selectors.current_template_version(template=template)
    assert version is not None, f"the template {template.slug} has no version: install() makes one"
    dated = dt.date.fromisoformat(data["date"])
    proposal = services.proposal_create(
        actor=actor,
        template_version=version,
        title=data["title"],
        department=Department.objects.get(slug=data["department"]),
        to_line=data["to"],
        from_line=data["from"],
        dated=dated,
        sections=_section_texts(version, data["sections"]),
        decision_points=data["decision_points"],
        city_goals=city_goals,
        attachments="\n".join(data["attachments"]),
        earlier_decisions="\n".join(data["earlier_decisions"]),
        signatures=data["signatures"],
        case_number=data["case_number"],
        case_officer=data["case_officer"],
        phone=data["phone"],
        email=data["email"],
    )
    if "decided_on" in data:
        # The council's own dates (seed 001): 1st reading, 2nd reading and the decision.
        proposal = services.proposal_transition(
            proposal=proposal, actor=actor, to_status=ProposalStatus.MAGISTRATE
        )
        for status, note in (
            (ProposalStatus.COUNCIL_FIRST, data["council_first_note"]),
            (ProposalStatus.COUNCIL_SECOND, data["council_second_note"]),
        ):
            proposal = services.proposal_transition(
                proposal=proposal, actor=actor, to_status=status, note=note
            )
        proposal = services.proposal_transition(
            proposal=proposal,
            actor=actor,
            to_status=ProposalStatus.DECIDED,
            decision=Decision.ADOPTED,
            decided_on=dt.date.fromisoformat(data["decided_on"]),
            decision_note=data["decision_note"],
        )
    else:
        path = [ProposalStatus.MAGISTRATE, ProposalStatus.COUNCIL_FIRST, ProposalStatus.DECIDED]
        proposal = _move_to(proposal, actor=actor, path=path, decided_on=dated, note=SEED_NOTE)
    services.proposal_publish(proposal=proposal, actor=actor)
    return True


PATHS = {
    ProposalStatus.DRAFT: [],
    ProposalStatus.MAGISTRATE: [ProposalStatus.MAGISTRATE],
    ProposalStatus.COMMITTEE: [ProposalStatus.MAGISTRATE, ProposalStatus.COMMITTEE],
    ProposalStatus.COUNCIL_FIRST: [ProposalStatus.MAGISTRATE, ProposalStatus.COUNCIL_FIRST],
    ProposalStatus.DECIDED: [ProposalStatus.MAGISTRATE, ProposalStatus.COUNCIL_FIRST, ProposalStatus.DECIDED],
}


def _build_new(
    *, title, department_slug, author, mover, status, goals, texts, points, version, dated
) -> bool:
    if Proposal.objects.filter(title=title).exists():
        return False
    department = Department.objects.get(slug=department_slug)
    proposal = services.proposal_create(
        actor=author,
        template_version=version,
        title=title,
        department=department,
        dated=dated,
        sections=_section_texts(version, texts),
        decision_points=points,
        city_goals=goals,
        case_number=f"{dated:%y}-{zlib.crc32(title.encode()) % 900000 + 100000:06d}",
        phone="89 40 20 00",
    )
    proposal = _move_to(proposal, actor=mover, path=PATHS[status], decided_on=dated + dt.timedelta(days=30))
    if proposal.status == ProposalStatus.DECIDED:
        services.proposal_publish(proposal=proposal, actor=mover)
    return True


def build(ctx) -> None:
    install(ProposalTemplate, TemplateVersion, TemplateSection)
    users = get_user_model().objects
    programme = ctx.users.get("programstab") or users.get(email="programstab@demo.kompas.dk")
    goals_by_slug = {goal.slug: goal for goal in CityGoal.objects.all()}
    created = 0
    created += _build_seed("seed_000.json", actor=programme, city_goals=list(goals_by_slug.values()))
    created += _build_seed(
        "seed_004.json",
        actor=programme,
        city_goals=[
            goals_by_slug[slug]
            for slug in ("vaekst-og-erhvervsliv", "en-by-med-brug-for-alle")
            if slug in goals_by_slug
        ],
    )
    version = selectors.current_template_version(template=ProposalTemplate.objects.get(slug=COMPASS_SLUG))
    for title, department_slug, author_key, status, goal_slugs, texts, points in NEW_PROPOSALS:
        author = ctx.users.get(author_key) or users.get(email=f"{author_key}@demo.kompas.dk")
        created += _build_new(
            title=title,
            department_slug=department_slug,
            author=author,
            mover=programme,
            status=status,
            goals=[goals_by_slug[slug] for slug in goal_slugs if slug in goals_by_slug],
            texts=texts,
            points=points,
            version=version,
            dated=dt.date(2026, 9, 1),
        )
    if ctx.scale == "aarhus":
        created += _build_aarhus(ctx, programme=programme, version=version, goals_by_slug=goals_by_slug)
    ctx.counts["proposals"] = Proposal.objects.count()
    ctx.counts["published_proposals"] = Proposal.objects.filter(published_at__isnull=False).count()


def _build_aarhus(ctx, *, programme, version, goals_by_slug) -> int:
    """A year of proposals from every department, in every status, with plain texts."""
    created = 0
    statuses = list(PATHS)
    for index in range(60):
        theme, department_slug, goal_slug = AARHUS_THEMES[index % len(AARHUS_THEMES)]
        area = AREAS[(index // len(AARHUS_THEMES)) % len(AREAS)]
        title = f"{theme} i {area}"
        status = statuses[ctx.rng.randrange(len(statuses))]
        texts = [
            f"Vi foreslår en indsats for {theme.lower()} i {area}.",
            "Det indstilles:",
            f"Borgere i {area} har bedt om det, og tallene viser et behov.",
            f"Borgerne i {area} får mere ud af indsatsen. Vi måler effekten og samler borgernes erfaringer.",
            f"Vi starter i {area} og udvider, hvis det virker.",
            "Afdelingen gør det sammen med lokale foreninger.",
            f"{formats.kroner(ctx.rng.randrange(2, 40) * 50_000, language='da')} fra afdelingens ramme.",
            "Vi følger op efter et år og deler læringen.",
        ]
        created += _build_new(
            title=title,
            department_slug=department_slug,
            author=programme,
            mover=programme,
            status=status,
            goals=[goals_by_slug[goal_slug]] if goal_slug in goals_by_slug else [],
            texts=texts,
            points=[f"Byrådet godkender indsatsen for {theme.lower()} i {area}"],
            version=version,
            dated=dt.date(2025, 1, 6) + dt.timedelta(days=6 * index),
        )
    return created
