"""The survey API: only disclosure-controlled aggregates of closed waves, for leaders and programme staff.

Nothing here reads the answer tables: every figure comes from ``selectors.wave_results`` (the disclosure layer).
There is no public endpoint and no endpoint for answering (answering is by invitation link only)."""

from django.utils.translation import gettext as _
from ninja import Query, Router, Schema

from kompas.accounts.api_auth import session_or_token
from kompas.core.api_errors import ApiError, answers
from kompas.core.api_pages import Page, PageParams, page
from kompas.core.schema_types import Id

from . import selectors, services
from .choices import ResultsState
from .models import Wave
from .permissions import can_view_results

router = Router(tags=["Aarhuskompas-målingen"])


class WaveOut(Schema):
    id: int
    title: str
    year: int
    instrument: str
    min_group: int


class CellOut(Schema):
    role: str | None = None
    department: str | None = None
    n: int | None
    mean: float | None
    suppressed: bool


class RowOut(Schema):
    code: str
    label: str
    kind: str
    cells: list[CellOut]


class ResultsOut(Schema):
    wave: WaveOut
    rows: list[RowOut]


class WavePage(Page[WaveOut]):
    pass


def _require(request) -> None:
    if not can_view_results.test(request.user):
        raise ApiError(403)


def _wave_out(wave: Wave) -> dict:
    return {
        "id": wave.pk,
        "title": wave.title,
        "year": wave.year,
        "instrument": str(wave.instrument),
        "min_group": wave.min_group,
    }


def _cell(cell, role=None, department=None) -> dict:
    return {
        "role": role,
        "department": department,
        "n": cell.n,
        "mean": cell.mean,
        "suppressed": cell.suppressed,
    }


@router.get(
    "/surveys/waves",
    response=answers(WavePage, 401, 403, 422),
    auth=session_or_token,
    summary="Closed survey waves (leaders and programme staff)",
)
def survey_waves(request, paging: Query[PageParams]):
    _require(request)
    return page(selectors.waves_closed(), paging, _wave_out)


@router.get(
    "/surveys/waves/{wave_id}/results",
    response=answers(ResultsOut, 401, 403, 404, 422, 503),
    auth=session_or_token,
    summary="A closed wave's disclosure-controlled results",
    description="503 (code results_pending, with Retry-After) while the results of a wave that has just closed "
    "are being calculated.",
)
def survey_wave_results(request, wave_id: Id):
    _require(request)
    wave = selectors.waves_closed().filter(pk=wave_id).first()
    if wave is None:
        raise ApiError(404)
    stored = selectors.stored_results(wave)
    if stored is None or stored.state != ResultsState.READY:
        stored = services.wave_results_request(wave=wave)
    found = selectors.wave_results(wave, stored) if stored is not None else None
    if found is None:
        raise ApiError(
            503,
            _("The results are being calculated. Try again in a minute."),
            code="results_pending",
            headers={"Retry-After": "60"},
        )
    rows = []
    for result in found["results"]:
        cells = [_cell(result.total)]
        cells += [_cell(c, role=c.key[0]) for c in result.by_role]
        cells += [_cell(c, department=name) for name, c in result.by_department]
        cells += [
            _cell(c, role=c.key[0], department=found["departments"].get(c.key[1])) for c in result.cells
        ]
        rows.append(
            {"code": result.row.code, "label": result.row.label, "kind": result.row.kind, "cells": cells}
        )
    return {"wave": _wave_out(wave), "rows": rows}
