"""Demo data for the dialogue forums: realistic Danish dilemmas with votes from planted opinion groups.

``small``: two forums with a few hundred participants. ``aarhus``: one of them with 20,000 participants and
400,000 votes. Deterministic and idempotent (a forum that exists is left as it is).
"""

import random
from typing import TypedDict

from django.contrib.auth import get_user_model

from .choices import ForumStatus, ForumVisibility, Moderation, StakeholderType, StatementStatus
from .models import Forum, OpinionMap, Participant, Standpoint, Statement, Vote
from .services import map_compute


class ForumSpec(TypedDict):
    title: str
    dilemma: str
    values: str
    question: str
    standpoints: list[str]
    statements: list[str]


FORUMS: list[ForumSpec] = [
    {
        "title": "Skal de små skoler bevares?",
        "dilemma": "Små skoler giver nærhed og liv i landsbyerne. Større skoler giver stærkere fagmiljøer og bedre "
        "økonomi. Begge dele skaber værdi for børnene – men på forskellige måder.",
        "values": "Nærhed og lokalt fællesskab · faglighed · økonomi · korte skoleveje",
        "question": "Hvad er vigtigst, når vi beslutter skolernes fremtid?",
        "standpoints": [
            "Bevar de små skoler",
            "Saml eleverne på færre skoler",
            "Prøv samarbejde mellem skolerne først",
        ],
        "statements": [
            "En lokal skole holder liv i landsbyen.",
            "Børn lærer mere, når der er flere fagfolk på skolen.",
            "Buskørsel på over 30 minutter er for meget for små børn.",
            "Pengene skal følge børnene, ikke bygningerne.",
            "Forældrene skal have det afgørende ord.",
            "Små klasser giver tryghed for de børn, der har det svært.",
            "Vi skal afprøve samarbejde mellem skoler, før vi lukker nogen.",
            "Kommunen bruger for mange penge på tomme klasselokaler.",
            "Lærerne trives bedre i større teams.",
            "Skolen er landsbyens mødested om aftenen.",
            "Alle børn skal have samme tilbud, uanset hvor de bor.",
            "Beslutningen skal tages sammen med lokalsamfundet.",
            "Store skoler kan tilbyde flere valgfag.",
            "Det er vigtigere med trygge skoleveje end med nye bygninger.",
            "Frivillige i landsbyen kan hjælpe skolen med at overleve.",
            "Børnene skal selv spørges, før vi beslutter noget.",
            "En fælles ledelse for flere små skoler er en god idé.",
            "Det er urimeligt, at byens skoler betaler for landsbyernes.",
            "Digital undervisning kan gøre små skoler stærkere.",
            "Skolelukninger får familier til at flytte fra landsbyerne.",
            "Fagligheden er det vigtigste for børnenes fremtid.",
            "Vi skal bruge skolebygningerne til mere end undervisning.",
            "Kommunen skal garantere en skole inden for fem kilometer.",
            "Det sociale liv er bedre på en stor skole.",
            "Pædagoger og lærere skal med i beslutningen.",
        ],
    },
    {
        "title": "Biler eller byliv i midtbyen?",
        "dilemma": "Færre biler giver plads til byliv, grønne områder og renere luft. Men mange har brug for bilen "
        "for at handle, arbejde og besøge familie, og butikkerne frygter færre kunder.",
        "values": "Byliv og klima · tilgængelighed · handelsliv · frihed til at vælge",
        "question": "Hvordan skal vi bruge pladsen i midtbyen?",
        "standpoints": [
            "Bilfri midtby",
            "Færre biler, men adgang for de der har brug for det",
            "Behold bilerne",
        ],
        "statements": [
            "Midtbyen skal være for fodgængere og cyklister.",
            "Butikkerne har brug for, at kunderne kan parkere tæt på.",
            "Ældre og handicappede skal altid kunne køre helt frem.",
            "Flere træer og bænke gør byen bedre for alle.",
            "Bussen skal være billigere, før vi fjerner parkeringspladser.",
            "Ren luft er vigtigere end korte køreture.",
            "Varelevering skal ske om morgenen, så gaderne er fri resten af dagen.",
            "Beslutningen skal prøves af i et år, før den bliver permanent.",
            "Letbanen er ikke et godt nok alternativ for folk fra landområderne.",
            "Bylivet skaber flere arbejdspladser end parkeringen.",
        ],
    },
]

# Three opinion groups, each with a leaning per statement (probability of agreeing) and a stakeholder mix.
GROUP_MIX = [
    (0.45, [StakeholderType.CITIZEN] * 6 + [StakeholderType.ASSOCIATION] * 2 + [StakeholderType.POLITICIAN]),
    (0.35, [StakeholderType.EMPLOYEE] * 3 + [StakeholderType.LEADER] * 2 + [StakeholderType.CITIZEN] * 3),
    (0.20, [StakeholderType.BUSINESS] * 3 + [StakeholderType.CITIZEN] * 4 + [StakeholderType.POLITICIAN]),
]
SIZES = {"small": (300, 12), "aarhus": (20_000, 20)}  # participants in the first forum, votes per participant


def build(ctx) -> None:
    rng: random.Random = ctx.rng
    facilitator = get_user_model().objects.get(email="programstab@demo.kompas.dk")
    created = []
    for index, spec in enumerate(FORUMS):
        forum = Forum.objects.filter(title=spec["title"]).first()
        participants, per_person = SIZES[ctx.scale] if index == 0 else (150, 8)
        if forum is not None and forum.participants.count() >= participants:
            continue
        if forum is not None:
            forum.delete()  # a half-built earlier run is replaced
        forum = Forum.objects.create(
            title=spec["title"],
            dilemma=spec["dilemma"],
            values_in_tension=spec["values"],
            question=spec["question"],
            status=ForumStatus.OPEN if index == 0 else ForumStatus.CLOSED,
            visibility=ForumVisibility.PUBLIC,
            moderation=Moderation.PRE,
            allow_anonymous=index == 0,
            facilitator=facilitator,
        )
        Standpoint.objects.bulk_create(
            [Standpoint(forum=forum, order=i, text=t) for i, t in enumerate(spec["standpoints"])]
        )
        Statement.objects.bulk_create(
            [
                Statement(forum=forum, text=t, is_seed=True, status=StatementStatus.APPROVED)
                for t in spec["statements"]
            ]
        )
        _votes(forum, participants, per_person, rng)
        created.append(forum)
    for forum in created:
        opinion_map = OpinionMap.objects.create(forum=forum)
        map_compute(map_id=opinion_map.pk)
    ctx.counts["forums"] = Forum.objects.count()
    ctx.counts["forum_votes"] = Vote.objects.count()


def _votes(forum: Forum, participants: int, per_person: int, rng: random.Random) -> None:
    statements = list(forum.statements.order_by("pk").values_list("pk", flat=True))
    leanings = [[rng.choice([0.1, 0.2, 0.5, 0.8, 0.9]) for _s in statements] for _g in GROUP_MIX]
    people = []
    groups = []
    for n in range(participants):
        group = rng.choices(range(len(GROUP_MIX)), weights=[w for w, _mix in GROUP_MIX])[0]
        groups.append(group)
        people.append(
            Participant(
                forum=forum,
                token_hash=Participant.hash_token(f"demo:{forum.pk}:{n}"),
                stakeholder_type=rng.choice(GROUP_MIX[group][1]),
                external_id=f"demo-{n}",
            )
        )
    Participant.objects.bulk_create(people, batch_size=5000)
    ids = list(forum.participants.order_by("pk").values_list("pk", flat=True))
    batch = []
    for pid, group in zip(ids, groups, strict=True):
        for sid in rng.sample(statements, k=min(per_person, len(statements))):
            p_agree = leanings[group][statements.index(sid)]
            roll = rng.random()
            value = 0 if roll < 0.1 else (1 if rng.random() < p_agree else -1)
            batch.append(Vote(participant_id=pid, statement_id=sid, value=value))
        if len(batch) >= 50_000:
            Vote.objects.bulk_create(batch, batch_size=5000)
            batch = []
    Vote.objects.bulk_create(batch, batch_size=5000)
