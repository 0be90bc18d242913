"""Demo data for Aarhuskompas-målingen: four yearly waves (2022–2025) of the default instrument, and the 2026
wave open now, to which the demo employee and the demo leader are invited (their front page says so).

``small``: about 400 staff in the demo units; ``aarhus``: about 25,000 staff in every unit there is. Response
rates of 45–75 % that vary by department and year, answer patterns that differ by role and department and
drift slowly over the years (more orientation towards citizens and co-creation), and some units so small that
they fall below the threshold. Deterministic (seeded from ``ctx.rng``) and idempotent. Responses (one row with
its answers as JSON) and invitations are written with ``bulk_create``.
"""

import datetime as dt
import uuid

import numpy as np

from kompas.organisations.models import Unit

from . import services
from .choices import LIKERT_KINDS, SCALE_POINTS, ItemKind, WaveStatus
from .models import Instrument, Invitation, Item, Person, Population, Response, Wave

POPULATION_NAME = "Aarhus Kommunes medarbejdere (demo)"
YEARS = (2022, 2023, 2024, 2025)
OPEN_YEAR = 2026
SIZES = {"small": 420, "aarhus": 27_500}  # before the small units are set: about 400 and 25,000
LEADER_SHARE = 0.08
SMALL_UNITS = 19
COMMENTS = [
    "Vi bruger mere tid på at spørge borgerne, hvad der giver mening for dem.",
    "Samarbejdet med foreningerne i området er blevet tættere.",
    "Det er svært at finde tid til at afprøve nye ting i en travl hverdag.",
    "Vi mangler data, der viser borgernes oplevelse – ikke kun tal for aktiviteter.",
    "Der er stadig mange indberetninger, som ingen bruger.",
    "Vi har sagt farvel til et fast møde, og det har frigjort tid.",
    "Det gode samarbejde med de andre magistratsafdelinger kræver klare roller.",
    "Borgerne har fået en større stemme i, hvordan vi tilrettelægger indsatsen.",
]
# Per item: baseline mean on a 0–1 scale, shift for leaders, drift per year.
BASE = {
    "value-public": (0.70, 0.05, 0.00),
    "value-rules": (0.72, 0.02, -0.01),
    "value-balance": (0.62, 0.08, 0.00),
    "value-budget": (0.58, 0.15, 0.00),
    "value-efficiency": (0.60, 0.06, -0.005),
    "value-professional": (0.82, 0.00, 0.00),
    "value-user": (0.78, 0.00, 0.015),
    "partner-citizens": (0.70, 0.00, 0.02),
    "partner-relatives": (0.50, -0.05, 0.01),
    "partner-associations": (0.38, 0.05, 0.025),
    "partner-businesses": (0.22, 0.10, 0.01),
    "partner-departments": (0.42, 0.15, 0.01),
    "partner-authorities": (0.35, 0.10, 0.00),
    "partner-researchers": (0.18, 0.08, 0.01),
    "pivot-value": (0.55, 0.08, 0.03),
    "pivot-value-measure": (0.45, 0.06, 0.025),
    "pivot-cocreation": (0.50, 0.05, 0.03),
    "pivot-cocreation-chair": (0.40, 0.05, 0.02),
    "pivot-knowledge": (0.48, 0.08, 0.02),
    "pivot-knowledge-learning": (0.52, 0.05, 0.015),
}


def _units(scale: str) -> list[Unit]:
    units = list(Unit.objects.filter(is_active=True).select_related("department").order_by("pk"))
    if scale == "small":
        units = units[:SMALL_UNITS]  # the platform's demo units come first
    return units


def _population(ctx, gen: np.random.Generator) -> Population:
    units = _units(ctx.scale)
    total = SIZES[ctx.scale]
    weights = gen.lognormal(0, 1.0, len(units))
    sizes = np.maximum(np.round(weights / weights.sum() * total).astype(int), 3)
    # Some units too small to be shown; the demo leaders' school big enough to be.
    small = gen.choice(len(units), size=max(2, len(units) // 8), replace=False)
    sizes[small] = gen.integers(3, 8, size=len(small))
    for i, unit in enumerate(units):
        if unit.name == "Skåde Skole":
            sizes[i] = max(sizes[i], 45)
    population = Population.objects.create(name=POPULATION_NAME)
    people = []
    number = 100000
    for unit, size in zip(units, sizes.tolist(), strict=True):
        leaders = max(1, int(round(size * LEADER_SHARE)))
        for j in range(size):
            number += 1
            people.append(
                Person(
                    population=population,
                    employee_id=f"AAR{number}",
                    email=f"ansat{number}@demo.kompas.dk",
                    role="leader" if j < leaders else "employee",
                    department_id=unit.department_id,
                    unit_id=unit.pk,
                )
            )
    # The demo logins of Skåde Skole are on the list too, so the open wave invites them by their e-mail.
    school = next((u for u in units if u.name == "Skåde Skole"), None)
    if school is not None:
        for key, role in (("medarbejder", "employee"), ("leder", "leader")):
            people.append(
                Person(
                    population=population,
                    employee_id=f"AAR-DEMO-{key.upper()}",
                    email=f"{key}@demo.kompas.dk",
                    role=role,
                    department_id=school.department_id,
                    unit_id=school.pk,
                )
            )
    Person.objects.bulk_create(people, batch_size=5000)
    return population


def _instruments() -> list[Instrument]:
    first = services.instrument_install_default(actor=None)
    second = Instrument.objects.filter(predecessor=first).first()
    if second is None:
        second = services.instrument_succeed(instrument=first, actor=None)
        section = second.sections.get(order=1)
        services.item_add(
            instrument=second,
            section=section,
            code="partner-housing",
            kind=ItemKind.LIKERT5,
            text="Boligorganisationer",
            dimension="partner",
            low_label="Slet ikke",
            high_label="I meget høj grad",
            actor=None,
        )
    return [first, first, second, second]


def build(ctx) -> None:
    if Population.objects.filter(name=POPULATION_NAME).exists():
        return
    gen = np.random.default_rng(ctx.rng.randrange(2**32))
    population = _population(ctx, gen)
    people = list(
        Person.objects.filter(population=population).values_list("pk", "role", "department_id", "unit_id")
    )
    n = len(people)
    roles = np.array([p[1] for p in people])
    departments = np.array([p[2] for p in people])
    units = np.array([p[3] for p in people])
    leader = roles == "leader"
    dept_ids = sorted(set(departments.tolist()))
    dept_shift = {d: gen.normal(0, 0.05) for d in dept_ids}
    dept_rate = {d: gen.uniform(0.45, 0.75) for d in dept_ids}
    shift = np.array([dept_shift[d] for d in departments.tolist()])
    person_effect = gen.normal(0, 0.08, n)  # the same person answers alike across waves
    total_responses = total_answers = 0
    for position, (year, instrument) in enumerate(zip(YEARS, _instruments(), strict=True)):
        opened_on = dt.date(year, 3, 1)
        wave = Wave.objects.create(
            instrument=instrument,
            population=population,
            title=f"Aarhuskompas-målingen {year}",
            year=year,
            status=WaveStatus.CLOSED,
            opened_on=opened_on,
            closed_on=dt.date(year, 3, 31),
        )
        rate = np.array([dept_rate[d] for d in departments.tolist()]) + 0.03 * (position - 1) + 0.08 * leader
        answered = gen.random(n) < rate
        Invitation.objects.bulk_create(
            [
                Invitation(
                    wave=wave,
                    person_id=pk,
                    sent_on=wave.opened_on,
                    reminders=int(not a) + 1 if not a else 0,
                    answered=bool(a),
                )
                for (pk, *_rest), a in zip(people, answered.tolist(), strict=True)
            ],
            batch_size=5000,
        )
        idx = np.flatnonzero(answered)
        m = len(idx)
        given: list[dict] = [{} for _ in range(m)]
        for item in Item.objects.filter(instrument=instrument).prefetch_related("options"):
            if item.kind in LIKERT_KINDS:
                base, lead, drift = BASE.get(item.code, (0.3, 0.05, 0.01))
                points = SCALE_POINTS[item.kind]
                latent = base + lead * leader[idx] + drift * position + shift[idx] + person_effect[idx]
                latent = latent + gen.normal(0, 0.18, m)
                values = np.clip(np.rint(1 + latent * (points - 1)), 1, points).astype(int).tolist()
                skip = (gen.random(m) < 0.03).tolist()  # item non-response
                for answers, value, s in zip(given, values, skip, strict=True):
                    if not s:
                        answers[item.code] = value
            elif item.kind == ItemKind.SINGLE:
                codes = [o.code for o in item.options.all()]
                p = np.array([0.08, 0.12, 0.08, 0.1, 0.1, 0.3, 0.22] + [0.1] * 10)[: len(codes)]
                for answers, c in zip(
                    given, gen.choice(len(codes), size=m, p=p / p.sum()).tolist(), strict=True
                ):
                    answers[item.code] = codes[c]
            elif item.kind == ItemKind.MULTIPLE:
                codes = [o.code for o in item.options.all()]
                share = np.array([0.8, 0.45, 0.35, 0.15, 0.5, 0.3, 0.1] + [0.2] * 10)[: len(codes)]
                chosen = (gen.random((m, len(codes))) < share).tolist()
                for answers, picks in zip(given, chosen, strict=True):
                    selected = [c for c, on in zip(codes, picks, strict=True) if on]
                    if selected:
                        answers[item.code] = selected
            else:
                writes = (gen.random(m) < 0.12).tolist()
                texts = gen.integers(0, len(COMMENTS), m).tolist()
                for answers, w, t in zip(given, writes, texts, strict=True):
                    if w:
                        answers[item.code] = COMMENTS[t]
        days = gen.integers(0, 30, m).tolist()
        Response.objects.bulk_create(
            [
                Response(
                    id=uuid.UUID(bytes=gen.bytes(16), version=4),
                    wave=wave,
                    submitted_on=opened_on + dt.timedelta(days=day),
                    role=roles[i],
                    department_id=int(departments[i]),
                    unit_id=int(units[i]),
                    answers=answers,
                )
                for i, day, answers in zip(idx.tolist(), days, given, strict=True)
            ],
            batch_size=2000,
        )
        total_responses += m
        total_answers += sum(len(a) for a in given)
        # What closing the wave does in the background: the released results, calculated once and stored.
        services.wave_results_compute(wave_id=wave.pk, min_group=wave.min_group)
    _open_wave(population, instrument)
    ctx.counts["survey_staff"] = n
    ctx.counts["survey_responses"] = total_responses
    ctx.counts["survey_answers"] = total_answers


def _open_wave(population: Population, instrument: Instrument) -> Wave:
    """This year's wave, open now: everyone is invited, nobody's answers are shown until it closes."""
    opened_on = dt.date(OPEN_YEAR, 11, 16)
    wave = Wave.objects.create(
        instrument=instrument,
        population=population,
        title=f"Aarhuskompas-målingen {OPEN_YEAR}",
        year=OPEN_YEAR,
        status=WaveStatus.OPEN,
        opened_on=opened_on,
    )
    Invitation.objects.bulk_create(
        [
            Invitation(wave=wave, person_id=pk, sent_on=opened_on)
            for pk in Person.objects.filter(population=population).values_list("pk", flat=True)
        ],
        batch_size=5000,
    )
    return wave
