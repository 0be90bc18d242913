"""Demo data for Aarhuskompas-målingen: four yearly waves (2022–2025) of the default instrument.

``small``: about 400 staff in the demo units; ``aarhus``: about 25,000 staff in every unit there is. Response
rates of 45–75 % that vary by department and year, answer patterns that differ by role and department and
drift slowly over the years (more orientation towards citizens and co-creation), and some units so small that
they fall below the threshold. Deterministic (seeded from ``ctx.rng``) and idempotent. Answers are written with
``executemany`` in batches, responses and invitations with ``bulk_create``.
"""

import datetime as dt
import uuid

import numpy as np
from django.db import connection

from kompas.organisations.models import Unit

from . import services
from .choices import LIKERT_KINDS, SCALE_POINTS, ItemKind, WaveStatus
from .models import Answer, Instrument, Invitation, Item, Person, Population, Response, Wave

POPULATION_NAME = "Aarhus Kommunes medarbejdere (demo)"
YEARS = (2022, 2023, 2024, 2025)
SIZES = {"small": 400, "aarhus": 25_000}
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
        wave = Wave.objects.create(
            instrument=instrument,
            population=population,
            title=f"Aarhuskompas-målingen {year}",
            year=year,
            status=WaveStatus.CLOSED,
            opened_on=dt.date(year, 3, 1),
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
        days = gen.integers(0, 30, len(idx))
        response_ids = [
            uuid.UUID(int=int(gen.integers(0, 2**63)) << 64 | int(gen.integers(0, 2**63)), version=4)
            for _ in idx
        ]
        Response.objects.bulk_create(
            [
                Response(
                    id=rid,
                    wave=wave,
                    submitted_on=wave.opened_on + dt.timedelta(days=int(day)),
                    role=roles[i],
                    department_id=int(departments[i]),
                    unit_id=int(units[i]),
                )
                for rid, i, day in zip(response_ids, idx.tolist(), days.tolist(), strict=True)
            ],
            batch_size=5000,
        )
        rows = []
        items = list(Item.objects.filter(instrument=instrument).prefetch_related("options"))
        for item in items:
            if item.kind in LIKERT_KINDS:
                base, lead, drift = BASE.get(item.code, (0.3, 0.05, 0.01))
                points = SCALE_POINTS[item.kind]
                latent = base + lead * leader[idx] + drift * position + shift[idx] + person_effect[idx]
                latent = latent + gen.normal(0, 0.18, len(idx))
                values = np.clip(np.rint(1 + latent * (points - 1)), 1, points).astype(int)
                skip = gen.random(len(idx)) < 0.03  # item non-response
                rows += [
                    (str(rid), item.pk, int(v), "[]", "")
                    for rid, v, s in zip(response_ids, values.tolist(), skip.tolist(), strict=True)
                    if not s
                ]
            elif item.kind == ItemKind.SINGLE:
                codes = [o.code for o in item.options.all()]
                p = np.array([0.08, 0.12, 0.08, 0.1, 0.1, 0.3, 0.22])[: len(codes)]
                picks = gen.choice(len(codes), size=len(idx), p=p / p.sum())
                rows += [
                    (str(rid), item.pk, None, f'["{codes[c]}"]', "")
                    for rid, c in zip(response_ids, picks.tolist(), strict=True)
                ]
            elif item.kind == ItemKind.MULTIPLE:
                codes = [o.code for o in item.options.all()]
                share = np.array([0.8, 0.45, 0.35, 0.15, 0.5, 0.3, 0.1] + [0.2] * 10)[: len(codes)]
                chosen = gen.random((len(idx), len(codes))) < share
                for rid, picks in zip(response_ids, chosen.tolist(), strict=True):
                    selected = [c for c, on in zip(codes, picks, strict=True) if on]
                    if selected:
                        rows.append(
                            (str(rid), item.pk, None, "[" + ",".join(f'"{c}"' for c in selected) + "]", "")
                        )
            else:
                writes = gen.random(len(idx)) < 0.12
                texts = gen.integers(0, len(COMMENTS), len(idx))
                rows += [
                    (str(rid), item.pk, None, "[]", COMMENTS[t])
                    for rid, w, t in zip(response_ids, writes.tolist(), texts.tolist(), strict=True)
                    if w
                ]
        _insert_answers(rows)
        total_responses += len(idx)
        total_answers += len(rows)
    ctx.counts["survey_staff"] = n
    ctx.counts["survey_responses"] = total_responses
    ctx.counts["survey_answers"] = total_answers


def _insert_answers(rows: list[tuple]) -> None:
    table = Answer._meta.db_table
    uuid_hex = connection.vendor == "sqlite"
    sql = f"INSERT INTO {table} (response_id, item_id, number, choices, text) VALUES (%s, %s, %s, %s, %s)"  # noqa: S608 - the table name is our own model's
    with connection.cursor() as cursor:
        for start in range(0, len(rows), 20000):
            batch = rows[start : start + 20000]
            if uuid_hex:
                batch = [(r[0].replace("-", ""), *r[1:]) for r in batch]
            cursor.executemany(sql, batch)
