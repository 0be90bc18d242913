"""Reads of Aarhuskompas-målingen. Every figure about answers comes through ``kompas.surveys.disclosure``:
pages, the CSV export and the API all call ``wave_results`` / ``trend`` / ``unit_results`` / ``unit_texts``,
never the answer tables directly, so no screen or export can show a group below the threshold."""

import math
import uuid
import warnings
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TypedDict, cast

import numpy as np
from django.db.models import CharField, Count, F, QuerySet
from django.db.models.functions import Upper
from django.db.models.lookups import Exact

from kompas.core.statements import Param, Statement
from kompas.organisations.choices import MembershipRole
from kompas.organisations.models import Department, Membership, Unit

from . import defaults, disclosure
from .choices import LIKERT_KINDS, SCALE_POINTS, Dimension, ItemKind, PersonRole, ResultsState, WaveStatus
from .models import Instrument, Invitation, Item, Population, Response, Wave, WaveResults

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from kompas.accounts.models import User


class _Meta(TypedDict):
    """What ``_rows_for`` knows of an instrument beside its rows."""

    items: dict[str, Item]
    indices: dict[str, list[str]]


# Stored results as read (``wave_results``), per process, keyed by the stored result's version (a new one with
# every computation, so an entry is never stale).
_RESULTS: dict[uuid.UUID, dict[str, Any]] = {}
_RESULTS_MAX = 16
Z95 = 1.959963984540054
# The fewest answers a group needs in *both* waves before a change is judged (interval shown, marked when it
# excludes zero). Below it the normal approximation of the 95 % interval is too rough (with 6 answers that all
# agree, the standard deviation is 0 and any difference would look certain), so the page shows the change
# without an interval and says why. The trend page states this number; change it only here.
MIN_N_FOR_CHANGE = 30


@dataclass
class Row:
    """One thing summarised: an item, an option of a choice item (share choosing it) or an index."""

    code: str
    label: str
    kind: str  # "scale", "share" or "index"
    dimension: str
    points: int = 0
    section: str = ""


@dataclass
class ItemResult:
    row: Row
    total: disclosure.Cell
    by_role: list[disclosure.Cell] = field(default_factory=list)
    by_department: list[tuple[str, disclosure.Cell]] = field(default_factory=list)  # (name, cell)
    cells: list[disclosure.Cell] = field(default_factory=list)  # role × department
    by_unit: dict[int, disclosure.Cell] = field(default_factory=dict)  # unit pk -> cell (unit pages)


def waves_closed() -> QuerySet[Wave]:
    return Wave.objects.filter(status=WaveStatus.CLOSED).select_related("instrument").order_by("year", "pk")


def waves_all() -> QuerySet[Wave]:
    return Wave.objects.select_related("instrument", "population").order_by("-year", "-pk")


def instruments() -> QuerySet[Instrument]:
    return Instrument.objects.annotate(wave_count=Count("waves")).order_by("name", "-version")


def populations() -> QuerySet[Population]:
    return Population.objects.annotate(size=Count("people")).order_by("-created_at")


def instrument_detail(pk: int) -> Instrument:
    return Instrument.objects.prefetch_related("sections__items__options").get(pk=pk)


def led_unit_ids(user: "User") -> set[int]:
    return set(
        Membership.objects.filter(user=user, unit__isnull=False, role=MembershipRole.LEADER).values_list(
            "unit_id", flat=True
        )
    )


def wave_units(wave: Wave) -> list[Unit]:
    """The units of a wave's population (names only, no counts), for programme staff to open a unit page."""
    ids = wave.population.people.values_list("unit_id", flat=True).distinct()
    return list(
        Unit.objects.filter(pk__in=ids).select_related("department").order_by("department__order", "name")
    )


def response_rate(wave: Wave) -> tuple[int, int] | None:
    """(answered, invited) – only once the wave is closed: no live counts while it is open."""
    if wave.status != WaveStatus.CLOSED:
        return None
    invited = wave.invitations.count()
    answered = wave.invitations.filter(answered=True).count()
    return answered, invited


# --- Loading a wave into columns ---------------------------------------------------------------------------


def _rows_for(instrument: Instrument) -> tuple[list[Row], _Meta]:
    rows: list[Row] = []
    items = list(instrument.items.select_related("section").prefetch_related("options"))
    for item in items:
        if item.kind in LIKERT_KINDS:
            rows.append(
                Row(
                    item.code, item.text, "scale", item.dimension, SCALE_POINTS[item.kind], item.section.title
                )
            )
        elif item.kind in (ItemKind.SINGLE, ItemKind.MULTIPLE):
            for option in item.options.all():
                rows.append(
                    Row(
                        f"{item.code}:{option.code}",
                        f"{item.text} – {option.label}",
                        "share",
                        item.dimension,
                        0,
                        item.section.title,
                    )
                )
    indices: dict[str, list[str]] = {}
    for item in items:
        if item.index and item.kind in LIKERT_KINDS:
            indices.setdefault(item.index, []).append(item.code)
    for name in indices:
        rows.append(Row(f"index:{name}", defaults.INDEX_NAMES.get(name, name), "index", Dimension.PIVOT, 5))
    return rows, {"items": {i.code: i for i in items}, "indices": indices}


def _load(wave: Wave) -> tuple[disclosure.Columns, list[Row]]:
    rows, meta = _rows_for(wave.instrument)
    responses = list(
        Response.objects.filter(wave=wave)
        .order_by("id")
        .values_list("role", "department_id", "unit_id", "answers")
    )
    n = len(responses)
    data: dict[str, np.ndarray] = {
        "role": np.array([r[0] for r in responses], dtype=object),
        "department": np.array([r[1] for r in responses], dtype=np.int64),
        "unit": np.array([r[2] for r in responses], dtype=np.int64),
    }
    items = meta["items"]
    scales = {code for code, item in items.items() if item.kind in LIKERT_KINDS}
    choices = {code for code, item in items.items() if item.kind in (ItemKind.SINGLE, ItemKind.MULTIPLE)}
    lists: dict[str, list[float]] = {code: [np.nan] * n for code in scales}
    answered = {code: np.zeros(n, dtype=bool) for code in choices}
    picked: dict[str, list[int]] = {}
    for i, (*_groups, answers) in enumerate(responses):
        for code, value in (answers or {}).items():
            if code in scales:
                lists[code][i] = value
            elif code in choices:
                answered[code][i] = True
                for option in [value] if isinstance(value, str) else value:
                    picked.setdefault(f"{code}:{option}", []).append(i)
    for code in scales:
        data[code] = np.array(lists[code], dtype=np.float64)
    for row in rows:
        if row.kind == "share":
            column = np.full(n, np.nan)
            item_code = row.code.split(":", 1)[0]
            column[answered[item_code]] = 0.0
            column[np.array(picked.get(row.code, []), dtype=np.intp)] = 1.0
            data[row.code] = column
    for name, codes in meta["indices"].items():
        with np.errstate(all="ignore"), warnings.catch_warnings():
            warnings.simplefilter("ignore", RuntimeWarning)
            stack = np.vstack([data[c] for c in codes]) if n else np.zeros((len(codes), 0))
            data[f"index:{name}"] = np.nanmean(stack, axis=0) if n else np.zeros(0)
    return disclosure.Columns(data), rows


# --- Results (all through the disclosure layer) -------------------------------------------------------------


def _names() -> dict[int, str]:
    departments = {d.pk: d.name for d in Department.objects.all()}
    return departments


def released_results(wave: Wave, min_group: int) -> dict[str, Any]:
    """Compute the released results of a closed wave at threshold ``min_group`` – the one disclosure decision
    for every row and every table (total, role, department, role × department, unit) – as JSON-safe data.

    The expensive part of the survey (seconds at Aarhus scale): only the services call it, to store the result
    in ``WaveResults``; pages read the stored result (``wave_results``)."""
    columns, rows = _load(wave)
    departments = _names()
    decided = disclosure.release_items(columns, [row.code for row in rows], k=min_group)
    out = []
    for row in rows:
        tables = decided[row.code]
        out.append(
            {
                "row": [row.code, row.label, row.kind, row.dimension, row.points, row.section],
                "total": [_cell_json(c) for c in tables[()]],
                "role": [_cell_json(c) for c in tables[("role",)]],
                "department": [_cell_json(c) for c in tables[("department",)]],
                "cells": [_cell_json(c) for c in tables[("role", "department")]],
                "unit": [_cell_json(c) for c in tables[("unit",)]],
            }
        )
    return {
        "respondents": int(columns.length) if columns.length >= min_group else None,
        "departments": {str(pk): name for pk, name in departments.items()},
        "rows": out,
    }


def _cell_json(cell: disclosure.Cell) -> list[Any]:
    """A released cell as stored: [key, n, mean, sd, reason]; a hidden cell has no figures, only its reason."""
    if cell.suppressed:
        return [list(cell.key), None, None, None, cell.reason]
    return [list(cell.key), cell.n, cell.mean, cell.sd, ""]


def _cell(stored: list[Any]) -> disclosure.Cell:
    key, n, mean, sd, reason = stored
    if n is None:
        return disclosure.Cell(key=tuple(key), n=None, mean=None, suppressed=True, reason=reason)
    return disclosure.Cell(key=tuple(key), n=n, mean=mean, suppressed=False, sd=sd)


def stored_results(wave: Wave) -> WaveResults | None:
    """The stored results of a closed wave at its threshold (without the figures), or None: while the wave is
    open, and until they have been asked for."""
    if wave.status != WaveStatus.CLOSED:
        return None
    # One row at most (unique per wave and threshold): no ordering, which would join the waves.
    return WaveResults.objects.defer("data").filter(wave=wave, min_group=wave.min_group).order_by().first()


@dataclass(frozen=True)
class ReadyWave:
    """A closed wave whose results at its threshold are ready: what the results page names and keys its cached
    content on."""

    pk: int
    title: str
    instrument_name: str
    version: uuid.UUID  # of the stored results


def ready_wave(wave_pk: int) -> ReadyWave | None:
    """Closed wave ``wave_pk`` when its results at its threshold are ready – the results page's usual case – in
    one query of plain values. None otherwise (no such wave, not closed, not asked for, being calculated,
    failed): ``stored_results`` of the wave says which."""
    row = (
        WaveResults.objects.filter(
            wave_id=wave_pk,
            wave__status=WaveStatus.CLOSED,
            min_group=F("wave__min_group"),
            state=ResultsState.READY,
        )
        .order_by()
        .values_list("wave__title", "wave__instrument__name", "version")
        .first()
    )
    return ReadyWave(wave_pk, *row) if row is not None else None


def stored_results_of(waves: list[Wave]) -> dict[int, WaveResults]:
    """``stored_results`` for several waves in one query: {wave pk: stored}, closed waves only."""
    closed = {w.pk: w.min_group for w in waves if w.status == WaveStatus.CLOSED}
    # Unordered: the results' own ordering would join the waves for nothing.
    found = WaveResults.objects.defer("data").filter(wave_id__in=closed).order_by()
    return {s.wave_id: s for s in found if closed[s.wave_id] == s.min_group}


def wave_results(wave: Wave, stored: WaveResults | None = None) -> dict[str, Any] | None:
    """Every row of the wave by role × department with role and department margins and by unit, as released:
    read from the stored decision (``WaveResults``), never computed here.

    None while the wave is open and while its results are being calculated (``services.wave_results_request``
    asks for them). Kept per process by the stored result's version, which changes with every computation."""
    if stored is None:
        stored = stored_results(wave)
    if stored is None or stored.state != ResultsState.READY or stored.min_group != wave.min_group:
        return None
    found = _RESULTS.get(stored.version)
    if found is not None:
        return found
    data = WaveResults.objects.filter(pk=stored.pk).values_list("data", flat=True).first()
    if data is None:
        return None
    departments = {int(pk): name for pk, name in data["departments"].items()}
    absent = disclosure.Cell(key=(), n=None, mean=None, suppressed=True, reason="small")
    results = []
    for entry in data["rows"]:
        code, label, kind, dimension, points, section = entry["row"]
        total = [_cell(c) for c in entry["total"]]
        results.append(
            ItemResult(
                row=Row(code, label, kind, dimension, points, section),
                total=total[0] if total else absent,
                by_role=[_cell(c) for c in entry["role"]],
                by_department=[
                    (departments.get(c.key[0], str(c.key[0])), c) for c in map(_cell, entry["department"])
                ],
                cells=[_cell(c) for c in entry["cells"]],
                by_unit={c.key[0]: c for c in map(_cell, entry["unit"])},
            )
        )
    found = {
        "results": results,
        "respondents": data["respondents"],
        "departments": departments,
        "version": stored.version,
    }
    if len(_RESULTS) >= _RESULTS_MAX:
        _RESULTS.pop(next(iter(_RESULTS)))
    _RESULTS[stored.version] = found
    return found


def ranking(found: dict[str, Any] | None, dimension: str) -> list[ItemResult]:
    """The scale items of one dimension, highest mean first (only shown totals)."""
    if not found:
        return []
    shown = [r for r in found["results"] if r.row.dimension == dimension and r.row.kind == "scale"]
    shown = [r for r in shown if not r.total.suppressed]
    return sorted(shown, key=lambda r: -cast(float, r.total.mean))  # a shown total has a mean


def unit_results(
    wave: Wave, unit: Unit, stored: WaveResults | None = None
) -> list[tuple[Row, disclosure.Cell]] | None:
    """One unit's figures, read from the same decision as every other page (``wave_results``): the unit cells
    are decided together with the department, role and total figures, so no page can be subtracted from
    another. A unit with no answers to a row gets no line for it. None until the results are stored."""
    found = wave_results(wave, stored)
    if found is None:
        return None
    return [(result.row, result.by_unit[unit.pk]) for result in found["results"] if unit.pk in result.by_unit]


def unit_texts(wave: Wave, unit: Unit) -> list[tuple[str, list[str]]]:
    """Free-text answers of one unit, only when the unit has at least ``min_text_group`` respondents."""
    if wave.status != WaveStatus.CLOSED:
        return []
    size = Response.objects.filter(wave=wave, unit=unit).count()
    if size < wave.min_text_group:
        return []
    stored = list(Response.objects.filter(wave=wave, unit=unit).values_list("answers", flat=True))
    out = []
    for item in wave.instrument.items.filter(kind=ItemKind.TEXT):
        rows = [{"unit": unit.pk, "t": (answers or {}).get(item.code, "")} for answers in stored]
        found = disclosure.texts(rows, ["unit"], "t", wave.min_text_group)
        if found.get((unit.pk,)):
            out.append((item.text, found[(unit.pk,)]))
    return out


def change_between(cell: disclosure.Cell, previous: disclosure.Cell | None) -> dict[str, Any] | None:
    """The change of the mean from ``previous`` to ``cell`` with its 95 % interval (difference of means,
    Welch-style normal approximation: se = sqrt(sd1²/n1 + sd2²/n2)). ``None`` unless both cells are shown.

    ``judged`` is true only when both cells have at least ``MIN_N_FOR_CHANGE`` answers; ``clear`` (the
    interval excludes zero) is never true without it, so no page claims a change on a handful of answers."""
    if previous is None or cell.suppressed or previous.suppressed:
        return None
    if cell.n is None or previous.n is None or cell.mean is None or previous.mean is None:
        return None
    diff = cell.mean - previous.mean
    se = math.sqrt((cell.sd or 0) ** 2 / cell.n + (previous.sd or 0) ** 2 / previous.n)
    judged = min(cell.n, previous.n) >= MIN_N_FOR_CHANGE
    return {
        "diff": diff,
        "low": diff - Z95 * se,
        "high": diff + Z95 * se,
        "judged": judged,
        "clear": judged and abs(diff) > Z95 * se,
    }


def _with_changes(waves: list[Wave], cells: list[disclosure.Cell]) -> list[dict[str, Any]]:
    points = []
    previous = None
    for wave, cell in zip(waves, cells, strict=True):
        points.append({"wave": wave, "cell": cell, "change": change_between(cell, previous)})
        previous = cell
    return points


def family_waves(instrument_name: str) -> list[Wave]:
    """The closed waves of an instrument family (the same item codes across versions), oldest first."""
    return closed_waves_by_family().get(instrument_name, [])


def trend(
    instrument_name: str,
    *,
    waves: list[Wave] | None = None,
    stored: dict[int, WaveResults] | None = None,
) -> list[dict[str, Any]]:
    """Each scale item and index across the closed waves of an instrument family (same item codes), with the
    change from the previous wave and its 95 % interval (Welch), for the total and by role and by department.

    Everything comes from ``wave_results`` (the disclosure layer): a group's change is given only when the
    group's cell is shown in both waves. Only waves whose results are stored take part (``family_waves`` and
    ``stored_results_of`` tell which are still being calculated); nothing is computed here."""
    if waves is None:
        waves = family_waves(instrument_name)
    if stored is None:
        stored = stored_results_of(waves)
    ready = []
    for wave in waves:
        found = wave_results(wave, stored[wave.pk]) if wave.pk in stored else None
        if found is not None:
            ready.append((wave, found))
    waves = [wave for wave, _found in ready]
    absent = disclosure.Cell(key=(), n=None, mean=None, suppressed=True, reason="absent")
    rows: dict[str, dict[str, Any]] = {}
    for position, (_wave, found) in enumerate(ready):
        for result in found["results"]:
            if result.row.kind == "share":
                continue
            entry = rows.setdefault(
                result.row.code, {"row": result.row, "cells": [absent] * len(waves), "groups": {}}
            )
            entry["cells"][position] = result.total
            margins = [(("role", c.key[0]), c) for c in result.by_role]
            margins += [(("department", c.key[0]), c) for _name, c in result.by_department]
            for group, cell in margins:
                label = (
                    str(PersonRole(group[1]).label)
                    if group[0] == "role"
                    else found["departments"].get(group[1], str(group[1]))
                )
                slot = entry["groups"].setdefault(
                    group, {"kind": group[0], "label": label, "cells": [absent] * len(waves)}
                )
                slot["cells"][position] = cell
    out = []
    for entry in rows.values():
        groups = sorted(entry["groups"].values(), key=lambda g: (g["kind"] != "role", g["label"]))
        out.append(
            {
                "row": entry["row"],
                "points": _with_changes(waves, entry["cells"]),
                "groups": [
                    {"kind": g["kind"], "label": g["label"], "points": _with_changes(waves, g["cells"])}
                    for g in groups
                ],
            }
        )
    return out


def instrument_families() -> list[str]:
    return sorted(closed_waves_by_family())


@dataclass(frozen=True)
class ClosedWave:
    """A closed wave as the development page names it in its cache key, with the version of its ready results
    at its threshold (None while they are not asked for, being calculated or failed)."""

    pk: int
    family: str
    year: int
    title: str
    min_group: int
    ready_version: uuid.UUID | None


def closed_waves_with_results() -> list[ClosedWave]:
    """Every closed wave, oldest first, with the version of its ready results: all the development page reads
    before its cached content, in one query of plain values (``closed_waves_by_family`` and
    ``stored_results_of`` read the same as models, for building it)."""
    rows = (
        Wave.objects.filter(status=WaveStatus.CLOSED)
        .order_by("year", "pk")
        .values_list(
            "pk",
            "instrument__name",
            "year",
            "title",
            "min_group",
            "released_results__min_group",
            "released_results__state",
            "released_results__version",
        )
    )
    found: dict[int, ClosedWave] = {}
    for pk, family, year, title, min_group, threshold, state, version in rows:  # a row per stored threshold
        ready = version if threshold == min_group and state == ResultsState.READY else None
        if pk not in found or ready is not None:
            found[pk] = ClosedWave(pk, family, year, title, min_group, ready)
    return list(found.values())


def closed_waves_by_family() -> dict[str, list[Wave]]:
    """{instrument family: its closed waves, oldest first} in one query."""
    out: dict[str, list[Wave]] = {}
    for wave in waves_closed():
        out.setdefault(wave.instrument.name, []).append(wave)
    return out


def export_rows(wave: Wave, stored: WaveResults | None = None) -> list[list[Any]]:
    """The aggregated CSV: one line per row and published group; hidden groups say so, with no numbers."""
    found = wave_results(wave, stored)
    if found is None:
        return []
    lines = []
    for result in found["results"]:
        groups = [("", "", result.total)]
        groups += [(str(PersonRole(c.key[0]).label), "", c) for c in result.by_role]
        groups += [("", name, c) for name, c in result.by_department]
        groups += [
            (str(PersonRole(c.key[0]).label), found["departments"].get(c.key[1], ""), c) for c in result.cells
        ]
        for role, department, cell in groups:
            lines.append(
                [
                    result.row.code,
                    result.row.label,
                    role,
                    department,
                    "" if cell.suppressed else cell.n,
                    "" if cell.suppressed else f"{cell.mean:.3f}".replace(".", ","),
                    "1" if cell.suppressed else "0",
                ]
            )
    return lines


def items_by_code(instrument: Instrument) -> dict[str, Item]:
    return {i.code: i for i in instrument.items.all()}


def a_wave_is_open() -> bool:
    """Whether any wave is open now: without one, nobody has an open invitation."""
    return Wave.objects.filter(status=WaveStatus.OPEN).exists()


def open_invitation_for(*, user: "User | AnonymousUser") -> Invitation | None:
    """The signed-in person's own invitation to a wave that is open now and that they have not answered.

    Found by the e-mail the population lists for them; it says nothing about anyone else and no figure of the
    wave (no live counts while a wave is open)."""
    email = getattr(user, "email", "")
    if not user.is_authenticated or not email:
        return None
    found = _OPEN_INVITATION.objects(email=email)
    return cast("Invitation", found[0]) if found else None


# Compiled once per process with the e-mail as a parameter (kompas.core.statements): the front page asks.
_OPEN_INVITATION = Statement(
    lambda: (
        Invitation.objects.select_related("wave")
        # ``person__email__iexact`` as the expression the people's index holds (an iexact lookup prepares its value
        # when it is compiled, which a parameter cannot have).
        .filter(
            Exact(Upper("person__email"), Upper(Param("email", CharField()))),
            wave__status=WaveStatus.OPEN,
            answered=False,
        )
        .order_by("-wave__opened_on", "-pk")[:1]
    )
)
