"""Demo data for Udviklingspuljen: three rounds with about 200 applications in every state, assessors with
declarations and scores, the directors' group's recommendations, council cases, funded projects with
milestones, effect reports, an early stop, and the local funds split by payroll. Deterministic (``ctx.rng``)
and idempotent (a second run adds nothing); inserted in bulk."""

from django.utils import timezone

from kompas.organisations.models import Department

from ..choices import ApplicationStatus as S
from ..defaults import install as install_defaults
from ..defaults import install_allocation
from ..models import Application, Criterion, DirectorsGroupMember, Fund, Pool, Round, Theme
from .applications import applications, people, rounds
from .data import DEMO_PASSWORD, ROUND_DECIDED, USERS, DemoContext
from .local import local_funds
from .projects import projects

__all__ = ["DEMO_PASSWORD", "USERS", "build"]


def build(ctx: DemoContext) -> None:
    fund = Fund.objects.filter(name="Udviklingspuljen").first()
    if fund is None:  # the default fund comes with migration 0002; a flushed database lacks it
        install_defaults(Fund, Pool, Theme, Criterion)
        fund = Fund.objects.get(name="Udviklingspuljen")
    install_allocation(Fund, Pool, Department)  # the seed's 40 mio. kr. of budget 2012 (no-op when set)
    fund.refresh_from_db()
    if Round.objects.filter(fund=fund, title=ROUND_DECIDED).exists():
        ctx.counts["fund_applications"] = Application.objects.count()
        return
    who = people()
    DirectorsGroupMember.objects.get_or_create(
        fund=fund, user=who.director, defaults={"title": "Direktør, Sundhed og Omsorg"}
    )
    departments = {d.slug: d for d in Department.objects.all()}
    cross = fund.pools.get(kind="cross")
    now = timezone.now()
    year = timezone.localdate().year
    created, lead_slug, scores = applications(
        rng=ctx.rng,
        fund=fund,
        rounds_by_title=rounds(fund=fund, cross=cross, now=now, year=year),
        who=who,
        departments=departments,
        now=now,
        year=year,
    )
    funded = projects(
        rng=ctx.rng,
        applications=created,
        lead_slug=lead_slug,
        departments=departments,
        cross=cross,
        programme=who.programme,
        now=now,
        year=year,
    )
    local_funds(
        rng=ctx.rng,
        local=fund.pools.get(kind="local"),
        departments=departments,
        programme=who.programme,
        year=year,
    )
    ctx.counts.update(
        fund_applications=len(created),
        fund_projects=len(funded),
        fund_scores=scores,
        fund_council_cases=sum(1 for a in created if a.status == S.AWAITING_COUNCIL),
    )
