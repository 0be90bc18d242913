"""Read-only API of the farewell list: what was said goodbye to, as open data (no names, no notes)."""

import datetime as dt
from decimal import Decimal

from ninja import Query, Router, Schema

from kompas.core.api_errors import answers
from kompas.core.api_pages import Page, PageParams, page
from kompas.core.schema_types import Id

from . import selectors
from .choices import FarewellLevel

router = Router(tags=["Det siger vi farvel til"])


class FarewellOut(Schema):
    id: int
    title: str
    kind: str
    description: str
    burdens: str
    status: str
    hours_per_year: Decimal
    hours_freed: Decimal | None
    kroner_per_year: Decimal | None
    kroner_freed: Decimal | None
    level: str
    reason: str
    decided_on: dt.date | None
    department: str
    unit: str


class DepartmentTotalOut(Schema):
    department: str
    count: int
    hours_freed: Decimal


class FarewellListOut(Page[FarewellOut]):
    """The page of farewells (filtered by department when asked), with the totals of all departments."""

    total_count: int
    total_hours_freed: Decimal
    departments: list[DepartmentTotalOut]


@router.get(
    "/farewells",
    response=answers(FarewellListOut, 422),
    auth=None,
    summary="What the municipality has said goodbye to",
)
def list_farewells(request, paging: Query[PageParams], department: Id | None = None):
    totals, count, hours = selectors.public_totals()
    return page(
        selectors.public_farewells(department=department),
        paging,
        lambda p: {
            "id": p.pk,
            "title": p.title,
            "kind": p.kind,
            "description": p.description,
            "burdens": p.burdens,
            "status": p.status,
            "hours_per_year": p.hours_per_year,
            "hours_freed": p.hours_freed,
            "kroner_per_year": p.kroner_per_year,
            "kroner_freed": p.kroner_freed,
            "level": p.level,
            "reason": p.decision_reason,
            "decided_on": p.decided_at.date() if p.decided_at else None,
            "department": p.department.name if p.department else str(FarewellLevel.MUNICIPALITY.label),
            "unit": p.owner_unit.name if p.owner_unit else "",
        },
        total_count=count,
        total_hours_freed=hours,
        departments=[
            {
                "department": t.department.name if t.department else str(FarewellLevel.MUNICIPALITY.label),
                "count": t.count,
                "hours_freed": t.hours_freed,
            }
            for t in totals
        ],
    )
