"""Demo data for Afprøvninger: trials at small scale, their iterations and the owners' decisions.

``small`` gives eight trials, ``aarhus`` eighty. Some run, some are scaled up, some stopped with a result;
many learnings are marked shareable so the knowledge library has something to find. Deterministic
(``ctx.rng``), idempotent, written with bulk inserts. The library rebuilds its index from the registered
source after the demo data is in (kompas.core.learnings), so nothing is announced here.
"""

import datetime as dt
import random
from typing import Any

from django.contrib.auth import get_user_model
from django.utils import timezone

from kompas.citygoals.models import CityGoal
from kompas.goals.models import Goal
from kompas.organisations.choices import MembershipRole
from kompas.organisations.models import Membership, Unit

from .choices import STATUS_AFTER, Decision, TrialStatus
from .models import Iteration, Trial

COUNTS = {"small": 8, "aarhus": 80}
TRIALS = [
    (
        "Lektiecafé i klubben",
        "Kommer flere børn til lektiehjælp, når den foregår i klubben i stedet for på skolen?",
        "Børn får hjælp til lektierne og mere lyst til skolen.",
        "Klubben i {area}",
        "Klubpædagoger, frivillige gymnasieelever og forældre",
        "Antal børn hver uge, og hvad børn og forældre fortæller.",
    ),
    (
        "Walk and talk med ledige",
        "Giver en samtale på en gåtur mere ejerskab til planen end et møde på kontoret?",
        "Ledige oplever at blive hørt og kommer tættere på job.",
        "Jobcentret og søen i {area}",
        "Jobkonsulenter og ledige, der har lyst",
        "Andel, der følger deres plan efter tre måneder, og de lediges egne ord.",
    ),
    (
        "Én indgang for pårørende",
        "Bliver pårørende mindre belastede, når de har én fast kontakt?",
        "Pårørende skal ikke fortælle deres historie flere gange.",
        "Hjemmeplejen i {area}",
        "Pårørende, hjemmeplejen og sagsbehandlere",
        "Antal henvendelser pr. familie og pårørendes fortællinger.",
    ),
    (
        "Affaldssortering i opgangen",
        "Sorterer flere, når sorteringen sker i opgangen i stedet for i gården?",
        "Mindre restaffald og renere gårde.",
        "Almene boliger i {area}",
        "Beboere, viceværter og boligforeningen",
        "Kilo restaffald pr. uge og hvad beboerne fortæller.",
    ),
    (
        "Åben hal om aftenen",
        "Kommer flere unge i gang med idræt, hvis hallen står åben uden tilmelding?",
        "Unge får et trygt sted at være aktive sammen.",
        "Idrætshallen i {area}",
        "Unge, foreningen og ungdomsskolen",
        "Antal unge pr. aften og hvad de unge og trænerne ser.",
    ),
    (
        "Digital hjælp på biblioteket",
        "Klarer flere ældre selv deres digitale post efter tre gange hjælp?",
        "Ældre bliver mere selvhjulpne og trygge digitalt.",
        "Biblioteket i {area}",
        "Ældre, frivillige fra Ældresagen og bibliotekarer",
        "Hvor mange kommer igen med samme problem, og hvad de fortæller.",
    ),
]
AREAS = ["Gellerup", "Viby", "Tilst", "Lystrup", "Skåde", "Trøjborg", "Hasle", "Brabrand", "Åby", "Risskov"]
ITERATIONS = [
    {
        "plan": "Vi prøver i fire uger to eftermiddage om ugen.",
        "tried": "To faste eftermiddage med to medarbejdere og tre frivillige.",
        "saw_numbers": "I gennemsnit 9 deltagere pr. gang; 5 kom igen.",
        "saw_stories": "»Det er rart, at man ikke skal melde sig til først.«",
        "learned": "Faste tider og de samme ansigter betyder mere end selve tilbuddet.",
        "will_change": "Vi flytter tidspunktet, så det passer med bussen.",
    },
    {
        "plan": "Vi flytter tidspunktet og inviterer via foreningerne.",
        "tried": "Nyt tidspunkt og invitation gennem to foreninger.",
        "saw_numbers": "I gennemsnit 14 deltagere pr. gang; 10 kom igen.",
        "saw_stories": "Foreningerne fortæller, at deres medlemmer tager naboer med.",
        "learned": "Invitationen virker bedst, når den kommer fra nogen, man kender.",
        "will_change": "Foreningerne står selv for invitationen fremover.",
    },
    {
        "plan": "Foreningerne inviterer, og vi prøver i to områder mere.",
        "tried": "Samme form i tre områder.",
        "saw_numbers": "Tallene holder i to af tre områder.",
        "saw_stories": "I det tredje område var der allerede et lignende tilbud.",
        "learned": "Spørg først, hvad der findes i området, før vi starter noget nyt.",
        "will_change": "",
    },
]
REASONS = {
    Decision.CONTINUE: "Det virker, og vi har brug for mere erfaring, før vi beslutter mere.",
    Decision.ADJUST: "Ideen holder, men formen skal justeres.",
    Decision.SCALE: "Det virker de steder, vi har prøvet; nu prøver vi i flere områder.",
    Decision.STOP: "Behovet var mindre end antaget – det, vi lærte, bruger vi i et andet tilbud.",
}
# The path of decisions a demo trial takes; the last entry may be None: an open iteration.
# The decisions of each iteration; None: the iteration is still running.
PATHS: list[list[Decision | None]] = [
    [Decision.ADJUST, None],
    [Decision.ADJUST, Decision.SCALE, None],
    [Decision.STOP],
    [Decision.ADJUST, Decision.STOP],
    [Decision.CONTINUE, Decision.ADJUST, Decision.SCALE],
    [None],
]


# A trial across departments (seed 000 §5: challenges such as the green transition can only be met across the
# magistratsafdelinger). The lead unit first, then its co-owners. Our own wording.
ACROSS: dict[str, Any] = {
    "title": "Grøn omstilling på tværs: mindre madspild i skoler, lokalcentre og biblioteker",
    "question": "Kan vi halvere madspildet, når skoler, lokalcentre og biblioteker deler overskudsmad lokalt?",
    "value_sought": "Mindre spild og CO2, og nye fællesskaber om maden i lokalområdet.",
    "where": "Skåde, Vejlby-Risskov og Dokk1",
    "with_whom": "Køkkenpersonale, elever, beboere på lokalcentret, biblioteket og Affald og Genbrug",
    "how_we_know": "Kilo madspild pr. uge før og under forsøget, og hvad elever, beboere og personale fortæller.",
    "units": ["Affald og Genbrug", "Skåde Skole", "Lokalcenter Vejlby-Risskov", "Dokk1"],
}


def _across(now, owner_id: int, city_goals: list) -> None:
    units = {u.name: u for u in Unit.objects.filter(name__in=ACROSS["units"]).select_related("department")}
    if len(units) < 2 or ACROSS["units"][0] not in units:
        return
    lead, *others = (units[name] for name in ACROSS["units"] if name in units)
    trial = Trial.objects.create(
        title=ACROSS["title"],
        question=ACROSS["question"],
        value_sought=ACROSS["value_sought"],
        where=ACROSS["where"],
        with_whom=ACROSS["with_whom"],
        how_we_know=ACROSS["how_we_know"],
        owner_id=owner_id,
        owner_unit=lead,
        visibility="public",
        status=TrialStatus.RUNNING,
        created_at=now - dt.timedelta(days=150),
    )
    trial.co_owner_units.set(others)
    trial.city_goals.set(city_goals[-1:])  # a sustainable city
    Iteration.objects.create(
        trial=trial,
        number=1,
        plan="Fire uger med vejning af madspild og en fælles hylde med overskudsmad på biblioteket.",
        tried="Skolen og lokalcentret vejede spildet hver dag; biblioteket stillede en køleskabshylde op.",
        saw_numbers="Madspildet faldt fra 41 til 27 kg om ugen i de fire uger.",
        saw_stories="»Vi vidste ikke, at lokalcentret havde brug for vores brød,« fortæller en elev.",
        learned="Det virker, når én person i hver enhed har ansvaret for at give besked om overskud.",
        will_change="Vi laver en fast aftale om afhentning i stedet for beskeder fra gang til gang.",
        shareable=True,
        decision=Decision.ADJUST,
        decision_reason=REASONS[Decision.ADJUST],
        decided_at=now - dt.timedelta(days=100),
        decided_by_id=owner_id,
        author_id=owner_id,
    )
    Iteration.objects.create(
        trial=trial,
        number=2,
        plan="Faste afhentningsdage og to skoler mere i Vejlby.",
        author_id=owner_id,
    )


def build(ctx) -> None:
    rng: random.Random = ctx.rng
    demo = Trial.objects.filter(owner__email__endswith="@demo.kompas.dk")
    wanted = COUNTS[ctx.scale]
    if demo.count() >= wanted:
        ctx.counts.update(
            trials=demo.count(), trial_iterations=Iteration.objects.filter(trial__in=demo).count()
        )
        return
    demo.delete()
    User = get_user_model()
    leader = User.objects.get(email="leder@demo.kompas.dk")
    units = list(Unit.objects.filter(is_active=True).order_by("department__order", "name"))
    units = [u for u in units if u.name == "Skåde Skole"] + [u for u in units if u.name != "Skåde Skole"]
    owners: dict[int | None, int] = {}  # unit -> its leader
    for m in Membership.objects.filter(role=MembershipRole.LEADER, user__email__endswith="@demo.kompas.dk"):
        owners.setdefault(m.unit_id, m.user_id)
    owners[units[0].pk] = leader.pk
    city_goals = list(CityGoal.objects.filter(is_active=True).order_by("order"))
    goals_by_unit: dict[int, list[int]] = {}
    for goal_id, unit_id in Goal.objects.filter(owner__email__endswith="@demo.kompas.dk").values_list(
        "pk", "owner_unit_id"
    ):
        goals_by_unit.setdefault(unit_id, []).append(goal_id)
    projects = []
    try:
        from kompas.fund.models import Project

        projects = list(Project.objects.order_by("pk").values_list("pk", flat=True)[:5])
    except Exception:  # noqa: BLE001 - the fund module may not be migrated in a partial set-up
        projects = []
    now = timezone.now()

    trials, paths = [], []
    for i in range(wanted):
        title, question, value, where, with_whom, how = TRIALS[i % len(TRIALS)]
        area = AREAS[(i // len(TRIALS) + i) % len(AREAS)]
        unit = units[i % len(units)]
        path = PATHS[i % len(PATHS)]
        started = now - dt.timedelta(days=60 + 120 * len(path) + rng.randint(0, 90))
        status = TrialStatus.RUNNING
        for decision in path:
            if decision is not None:
                status = STATUS_AFTER[decision]
        trials.append(
            Trial(
                title=f"{title} i {area}",
                question=question,
                value_sought=value,
                where=where.format(area=area),
                with_whom=with_whom,
                how_we_know=how,
                owner_id=owners.get(unit.pk, leader.pk),
                owner_unit=unit,
                visibility="public" if i % 2 == 0 else "internal",
                status=status,
                fund_project_id=projects[i] if i < len(projects) and i % 3 == 1 else None,
                created_at=started,
            )
        )
        paths.append((path, started))
    Trial.objects.bulk_create(trials, batch_size=1000)

    cg_links, goal_links, iterations, finals = [], [], [], []
    for i, (trial, (path, started)) in enumerate(zip(trials, paths, strict=True)):
        for cg in rng.sample(city_goals, k=min(len(city_goals), 1 + i % 2)):
            cg_links.append(Trial.city_goals.through(trial_id=trial.pk, citygoal_id=cg.pk))
        unit_goals = goals_by_unit.get(trial.owner_unit_id, [])
        if unit_goals:
            goal_links.append(Trial.goals.through(trial_id=trial.pk, goal_id=rng.choice(unit_goals)))
        for n, decision in enumerate(path, 1):
            text = ITERATIONS[min(n - 1, len(ITERATIONS) - 1)]
            decided_at = started + dt.timedelta(days=120 * n)
            open_iteration = decision is None
            iteration = Iteration(
                trial=trial,
                number=n,
                plan=text["plan"],
                tried="" if open_iteration else text["tried"],
                saw_numbers="" if open_iteration else text["saw_numbers"],
                saw_stories="" if open_iteration else text["saw_stories"],
                learned="" if open_iteration else text["learned"],
                will_change="" if open_iteration else text["will_change"],
                shareable=not open_iteration and rng.random() < 0.6,
                decision=decision or "",
                decision_reason=REASONS[decision] if decision else "",
                decided_at=None if open_iteration else decided_at,
                decided_by_id=None if open_iteration else trial.owner_id,
                author_id=trial.owner_id,
                created_at=decided_at - dt.timedelta(days=100),
            )
            iterations.append(iteration)
            if decision == Decision.STOP:
                trial.stopped_at = decided_at
                trial.result = REASONS[Decision.STOP]
                finals.append(trial)
    Trial.city_goals.through.objects.bulk_create(cg_links, batch_size=5000)
    Trial.goals.through.objects.bulk_create(goal_links, batch_size=5000, ignore_conflicts=True)
    Iteration.objects.bulk_create(iterations, batch_size=2000)
    Trial.objects.bulk_update(finals, ["stopped_at", "result"], batch_size=1000)
    _across(now, leader.pk, city_goals)
    ctx.counts.update(trials=demo.count(), trial_iterations=Iteration.objects.filter(trial__in=demo).count())
