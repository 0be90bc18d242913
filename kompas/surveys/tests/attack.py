"""An attacker with everything the survey releases: the results page, every unit page, the trend page, the API
answer and the CSV export of each closed wave, read the way a user gets them (the views' context, the API's
JSON, the CSV file). The attacker also knows the organisation (which unit is in which department, who is a
leader) and – to be on the safe side – which role × unit groups answered at all.

Every released figure is an equation over the finest groups (role × unit) of its wave: its ``n`` and its sum
(``n · mean``). The attack then

* subtracts from every released parent every family of released children inside it (a department minus its
  shown units, a role margin minus its shown departments, the total minus anything), across all tables; and
* tries every set of finest groups with 0 < n < k: if its indicator lies in the row space of the released
  equations of that wave, its n and mean (and, with the shown sd, its spread) follow by linear algebra – any
  combination of sums and differences across tables.

Across waves: waves hold different answers, so an equation of one wave says nothing about another's groups;
the trend page is harvested into the equations of each wave it shows, and every change it prints must be the
difference of two released means (so it adds nothing). Used by the tests and by ``bench/survey_attack.py``.
"""

from __future__ import annotations

import csv
import io
import itertools
from collections import defaultdict
from dataclasses import dataclass, field

import numpy as np
from django.core.cache import cache
from django.urls import reverse
from django.utils import translation

from kompas.organisations.models import Department, Unit
from kompas.surveys import selectors, services
from kompas.surveys.choices import PersonRole
from kompas.surveys.models import Response, Wave


@dataclass
class Report:
    waves: int = 0
    tables: int = 0  # released tables harvested: (wave, item, source table) combinations
    equations: int = 0  # distinct released figures
    differencings: int = 0  # parent-minus-children subtractions tried
    sets_tried: int = 0  # small sets of finest groups tested against the row space
    leaks: list = field(default_factory=list)  # (wave pk, row code, groups, n, how)
    alike: int = 0  # leaks where everyone in the derived group answered alike


def _role_codes() -> dict[str, str]:
    out = {}
    for code in PersonRole.values:
        out[code] = code
        for language in ("da", "en"):
            with translation.override(language):
                out[str(PersonRole(code).label)] = code
    return out


class _World:
    """The finest groups of one wave and row, and how released keys map onto them."""

    def __init__(self, wave: Wave):
        self.wave = wave
        self.departments = {d.pk: d for d in Department.objects.all()}
        self.dept_by_name = {d.name: d.pk for d in self.departments.values()}
        self.unit_dept = dict(Unit.objects.values_list("pk", "department_id"))
        self.roles = _role_codes()
        self.truth: dict[str, dict[tuple, list[float]]] = defaultdict(lambda: defaultdict(list))
        for role, unit, answers in Response.objects.filter(wave=wave).values_list(
            "role", "unit_id", "answers"
        ):
            for code, value in _values(answers or {}, wave).items():
                self.truth[code][(role, unit)].append(value)

        self.keys = {key for per_row in self.truth.values() for key in per_row}

    def groups(self, *, role=None, department=None, unit=None) -> frozenset:
        return frozenset(
            (r, u)
            for r, u in self.keys
            if (role is None or r == role)
            and (department is None or self.unit_dept.get(u) == department)
            and (unit is None or u == unit)
        )


def _values(answers: dict, wave: Wave) -> dict[str, float]:
    """The numbers behind each released row, computed independently of the selectors."""
    items = getattr(wave, "_attack_items", None)
    if items is None:
        items = {i.code: i for i in wave.instrument.items.prefetch_related("options")}
        wave._attack_items = items
    out: dict[str, float] = {}
    indices: dict[str, list[float]] = defaultdict(list)
    for code, item in items.items():
        value = answers.get(code)
        if item.kind.startswith("likert"):
            if value is not None:
                out[code] = float(value)
                if item.index:
                    indices[item.index].append(float(value))
        elif item.kind in ("single", "multiple") and value:
            picked = [value] if isinstance(value, str) else list(value)
            for option in item.options.all():
                out[f"{code}:{option.code}"] = 1.0 if option.code in picked else 0.0
    for name, values in indices.items():
        out[f"index:{name}"] = sum(values) / len(values)
    return out


def _number(text) -> float | None:
    text = str(text).strip().lstrip("'")
    if not text:
        return None
    return float(text.replace(",", "."))


def harvest(client, wave: Wave, world: _World) -> tuple[dict, int]:
    """{(row code, groups): (n, mean, source)} of everything released about ``wave``; and the tables count."""
    released: dict[tuple, tuple] = {}
    tables: set[tuple] = set()

    def add(code, groups, n, mean, source):
        if n is None or not groups:
            return
        tables.add((code, source))
        released.setdefault((code, groups), (int(n), mean, source))

    # The results page, as rendered: the role × department table with its margins.
    page = client.get(reverse("surveys:results", kwargs={"pk": wave.pk}))
    assert page.status_code == 200
    roles = [code for code, _label in page.context["roles"]]
    for table in page.context["tables"]:
        code = table["result"].row.code
        for line in table["rows"]:
            dept = None if line.get("total") else world.dept_by_name[line["label"]]
            for role, cell in zip(roles, line["cells"], strict=True):
                if cell is not None and not cell.suppressed:
                    add(code, world.groups(role=role, department=dept), cell.n, cell.mean, "page")
            cell = line["all"]
            if not cell.suppressed:
                add(code, world.groups(department=dept), cell.n, cell.mean, "page")
    # Every unit page (programme staff may open them all).
    for unit_pk in sorted({unit for _role, unit in world.keys}):
        page = client.get(reverse("surveys:unit-results", kwargs={"pk": wave.pk, "unit_pk": unit_pk}))
        assert page.status_code == 200
        for row, cell in page.context["figures"] or []:
            if not cell.suppressed:
                add(row.code, world.groups(unit=unit_pk), cell.n, cell.mean, "unit page")
    # The API answer.
    answer = client.get(f"/api/surveys/waves/{wave.pk}/results")
    assert answer.status_code == 200
    for row in answer.json()["rows"]:
        for cell in row["cells"]:
            if cell["suppressed"]:
                continue
            dept = world.dept_by_name[cell["department"]] if cell["department"] else None
            add(row["code"], world.groups(role=cell["role"], department=dept), cell["n"], cell["mean"], "api")
    # The CSV export.
    export = client.get(reverse("surveys:export", kwargs={"pk": wave.pk}))
    assert export.status_code == 200
    text = b"".join(export.streaming_content if export.streaming else [export.content]).decode("utf-8-sig")
    lines = list(csv.reader(io.StringIO(text), delimiter=";"))
    for line in lines[1:]:
        if len(line) < 7 or _number(line[4]) is None:
            continue
        code = line[0].lstrip("'")
        role = world.roles[line[2].lstrip("'")] if line[2].strip("'") else None
        dept = world.dept_by_name[line[3].lstrip("'")] if line[3].strip("'") else None
        add(code, world.groups(role=role, department=dept), _number(line[4]), _number(line[5]), "csv")
    return released, len(tables)


def harvest_trend(client, instrument_name: str, worlds: dict[int, _World]) -> tuple[dict, int]:
    """The trend page's cells per wave, and a check that every change is two released means apart."""
    page = client.get(reverse("surveys:trends") + f"?instrument={instrument_name}")
    assert page.status_code == 200
    released: dict[int, dict] = defaultdict(dict)
    tables = set()
    for entry in page.context["series"]:
        code = entry["row"].code
        series = [(None, entry["points"])]
        series += [((g["kind"], g["label"]), g["points"]) for g in entry["groups"]]
        for group, points in series:
            previous = None
            for point in points:
                wave, cell, change = point["wave"], point["cell"], point["change"]
                if change is not None:
                    assert previous is not None and not previous.suppressed and not cell.suppressed
                    assert abs(change["diff"] - (cell.mean - previous.mean)) < 1e-9
                previous = cell
                world = worlds.get(wave.pk)
                if world is None or cell.suppressed:
                    continue
                if group is None:
                    groups = world.groups()
                elif group[0] == "role":
                    groups = world.groups(role=world.roles[group[1]])
                else:
                    groups = world.groups(department=world.dept_by_name[group[1]])
                tables.add((wave.pk, code, group[0] if group else ""))
                released[wave.pk].setdefault((code, groups), (cell.n, cell.mean, "trend"))
    return released, len(tables)


def _small_sets(sizes: dict, k: int):
    """Every set of finest groups with 0 < n < k (plain itertools; independent of the disclosure module)."""
    small = sorted((n, key) for key, n in sizes.items() if 0 < n < k)
    for size in range(1, k):
        for combo in itertools.combinations(small, size):
            total = sum(n for n, _key in combo)
            if total < k:
                yield frozenset(key for _n, key in combo), total


def attack_wave(world: _World, released: dict, k: int, report: Report) -> None:
    by_code: dict[str, list] = defaultdict(list)
    for (code, groups), (n, mean, source) in released.items():
        by_code[code].append((groups, n, mean, source))
    for code, figures in by_code.items():
        truth = world.truth.get(code, {})
        sizes = {key: len(values) for key, values in truth.items()}
        sums = {key: sum(values) for key, values in truth.items()}
        # The harvest is right: every released n is the true n.
        for groups, n, _mean, source in figures:
            assert n == sum(sizes.get(g, 0) for g in groups), (code, source)
        found: dict[frozenset, str] = {}
        # 1. Parent minus released children, across all tables.
        for parent, pn, _m, psource in figures:
            inside = [f for f in figures if f[0] < parent]
            for source in {f[3] for f in inside} | {"any"}:
                family = [f for f in inside if source in ("any", f[3])]
                # The largest disjoint family inside the parent, greedily by size.
                chosen, covered = [], frozenset()
                for f in sorted(family, key=lambda f: -f[1]):
                    if not f[0] & covered:
                        chosen.append(f)
                        covered |= f[0]
                report.differencings += 1
                rest = parent - covered
                n = pn - sum(f[1] for f in chosen)
                if chosen and 0 < n < k:
                    found.setdefault(rest, f"{psource} minus {len(chosen)} released parts")
        # 2. Every small set of finest groups against the row space of the released equations.
        keys = sorted(sizes, key=str)
        position = {key: i for i, key in enumerate(keys)}
        matrix = np.zeros((len(figures), len(keys)))
        for i, (groups, *_rest) in enumerate(figures):
            for g in groups:
                if g in position:
                    matrix[i, position[g]] = 1.0
        candidates = list(_small_sets(sizes, k))
        report.sets_tried += len(candidates)
        if candidates:
            targets = np.zeros((len(keys), len(candidates)))
            for j, (groups, _n) in enumerate(candidates):
                for g in groups:
                    targets[position[g], j] = 1.0
            solution = np.linalg.lstsq(matrix.T, targets, rcond=None)[0]
            residual = np.abs(matrix.T @ solution - targets).max(axis=0)
            for j in np.flatnonzero(residual < 1e-6):
                found.setdefault(candidates[j][0], "row space")
        for groups, how in found.items():
            n = sum(sizes.get(g, 0) for g in groups)
            if not 0 < n < k:
                continue
            values = [v for g in groups for v in truth.get(g, [])]
            report.leaks.append((world.wave.pk, code, sorted(groups, key=str), n, how))
            report.alike += len(set(values)) == 1
            assert abs(sum(sums.get(g, 0) for g in groups) - sum(values)) < 1e-9


def attack(client, waves) -> Report:
    """Harvest everything released about ``waves`` (closed) and try every differencing."""
    report = Report()
    selectors._RESULTS.clear()
    cache.clear()  # the pages render in full, so their context holds every figure they show
    waves = [w for w in waves if services.wave_results_request(wave=w) is not None]
    waves = [w for w in waves if selectors.wave_results(w) is not None]
    worlds = {w.pk: _World(w) for w in waves}
    released = {}
    for wave in waves:
        released[wave.pk], count = harvest(client, wave, worlds[wave.pk])
        report.tables += count
    for name in sorted({w.instrument.name for w in waves}):
        trend, count = harvest_trend(client, name, worlds)
        report.tables += count
        for pk, figures in trend.items():
            for key, value in figures.items():
                released[pk].setdefault(key, value)
    for wave in waves:
        report.waves += 1
        report.equations += len(released[wave.pk])
        attack_wave(worlds[wave.pk], released[wave.pk], wave.min_group, report)
    return report
