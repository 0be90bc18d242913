"""Public API of Udviklingspuljen: funds, rounds, themes and funded projects. Nothing internal: no
applications, scores, assessors or comments."""

import datetime as dt
from decimal import Decimal

from ninja import Query, Router, Schema

from kompas.core.api_errors import answers
from kompas.core.api_pages import Page, PageParams, page

from .models import Fund, Round, Theme
from .object_access import projects_for_user

router = Router(tags=["Udviklingspuljen"])


class PoolOut(Schema):
    id: int
    name: str
    kind: str
    annual_amount: Decimal


class ThemeOut(Schema):
    id: int
    name: str
    description: str


class FundOut(Schema):
    id: int
    name: str
    description: str
    pools: list[PoolOut]
    themes: list[ThemeOut]


class RoundOut(Schema):
    id: int
    fund: int
    title: str
    description: str
    opens_at: dt.datetime
    closes_at: dt.datetime
    pool: str


class ProjectOut(Schema):
    id: int
    title: str
    summary: str
    lead_department: str
    status: str
    started_on: dt.date
    ended_on: dt.date | None
    granted_amount: Decimal | None
    spread: bool
    url: str


class FundPage(Page[FundOut]):
    pass


class ThemePage(Page[ThemeOut]):
    pass


class RoundPage(Page[RoundOut]):
    pass


class ProjectPage(Page[ProjectOut]):
    pass


@router.get("/fund/funds", response=answers(FundPage, 422), auth=None, summary="Funds with pools and themes")
def fund_list_funds(request, paging: Query[PageParams]):
    funds = Fund.objects.filter(is_active=True).prefetch_related("pools", "themes")
    return page(
        funds,
        paging,
        lambda f: {
            "id": f.pk,
            "name": f.name,
            "description": f.description,
            "pools": [
                {"id": p.pk, "name": p.name, "kind": p.kind, "annual_amount": p.annual_amount}
                for p in f.pools.all()
            ],
            "themes": [
                {"id": t.pk, "name": t.name, "description": t.description}
                for t in f.themes.all()
                if t.is_active
            ],
        },
    )


@router.get(
    "/fund/themes", response=answers(ThemePage, 422), auth=None, summary="The themes of the active funds"
)
def fund_list_themes(request, paging: Query[PageParams]):
    themes = Theme.objects.filter(is_active=True, fund__is_active=True)
    return page(themes.values("id", "name", "description"), paging)


@router.get("/fund/rounds", response=answers(RoundPage, 422), auth=None, summary="Application rounds")
def fund_list_rounds(request, paging: Query[PageParams]):
    return page(
        Round.objects.select_related("pool").order_by("-opens_at", "-pk"),
        paging,
        lambda r: {
            "id": r.pk,
            "fund": r.fund_id,
            "title": r.title,
            "description": r.description,
            "opens_at": r.opens_at,
            "closes_at": r.closes_at,
            "pool": r.pool.name,
        },
    )


@router.get("/fund/projects", response=answers(ProjectPage, 422), auth=None, summary="Funded projects")
def fund_list_projects(request, paging: Query[PageParams]):
    projects = projects_for_user(request.user).order_by("-started_on", "-pk")
    return page(
        projects,
        paging,
        lambda p: {
            "id": p.pk,
            "title": p.title,
            "summary": p.application.summary,
            "lead_department": p.lead_department.name,
            "status": p.status,
            "started_on": p.started_on,
            "ended_on": p.ended_on,
            "granted_amount": p.application.granted_amount,
            "spread": p.spread,
            "url": p.get_absolute_url(),
        },
    )
