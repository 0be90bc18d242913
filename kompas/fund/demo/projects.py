"""The demo's grants: commitments in the ledger, projects with milestones, payouts and effect reports within
each project's period, and two projects stopped early by the body that granted them."""

import datetime as dt
import random
from decimal import Decimal
from typing import TYPE_CHECKING

from ..choices import ApplicationStatus as S
from ..choices import GrantingBody, LedgerKind, ProjectStatus
from ..models import Application, EffectReport, LedgerEntry, Milestone, Pool, Project
from .data import STOP_TEXT, money

if TYPE_CHECKING:
    from kompas.accounts.models import User
    from kompas.organisations.models import Department


def projects(
    *,
    rng: random.Random,
    applications: list[Application],
    lead_slug: dict[int, str],
    departments: dict[str, "Department"],
    cross: Pool,
    programme: "User | None",
    now: dt.datetime,
    year: int,
) -> list[Project]:
    pool_years = {py.year: py for py in cross.years.all()}
    granted = [a for a in applications if a.status == S.GRANTED]
    entries: list[LedgerEntry] = []
    rows: list[Project] = []
    for app in granted:
        amount = app.amount or Decimal(0)
        first_year = app.first_year or year
        entries.append(
            LedgerEntry(
                pool_year=pool_years[first_year],
                kind=LedgerKind.COMMITMENT,
                amount=amount,
                application=app,
                note=app.title,
                created_by=programme,
            )
        )
        rows.append(
            Project(
                application=app,
                title=app.title,
                lead_department=departments[lead_slug[app.pk]],
                started_on=(now - dt.timedelta(days=50)).date(),
                spread=app.pk % 7 == 0,
                spread_note="Kan bruges i alle lokalcentre." if app.pk % 7 == 0 else "",
            )
        )
    created = Project.objects.bulk_create(rows)
    milestones: list[Milestone] = []
    reports: list[EffectReport] = []
    for index, project in enumerate(created):
        app = project.application
        milestones += [
            Milestone(
                project=project,
                title="Afprøvning i lille skala",
                due_on=project.started_on + dt.timedelta(days=60),
                done_on=project.started_on + dt.timedelta(days=55) if index % 2 == 0 else None,
            ),
            Milestone(
                project=project,
                title="Beslutning om udbredelse",
                due_on=project.started_on + dt.timedelta(days=300),
            ),
        ]
        if index >= 12:
            continue
        entries.append(
            LedgerEntry(
                pool_year=pool_years[app.first_year or year],
                kind=LedgerKind.DISBURSEMENT,
                amount=((app.amount or Decimal(0)) / 2).quantize(Decimal("0.01")),
                application=app,
                project=project,
                note="1. rate",
                created_by=programme,
            )
        )
        reports.append(
            EffectReport(
                project=project,
                author=app.applicant,
                period_start=dt.date(year, 1, 1),
                # Within the project's period and already past (services.effect_report_create).
                period_end=max(
                    dt.date(year, 1, 1), min(dt.date(year, 6, 30), now.date() - dt.timedelta(days=1))
                ),
                what_was_done="Afprøvet på to arbejdspladser med 40 borgere.",
                effects_numbers=f"{rng.randint(40, 400)} timer sparet; {rng.randint(5, 30)} % færre akutte besøg.",
                effects_experience="Medarbejderne fortæller om mere ro; en borger: »Nu kan jeg selv.«",
                economic_gain_realised=money(rng, 20_000, 300_000),
                learning="Start småt og inddrag medarbejderne fra første dag.",
                shareable=index % 3 == 0,
            )
        )
    entries += _stops(created[-2:], pool_years=pool_years, programme=programme, now=now, year=year)
    LedgerEntry.objects.bulk_create(entries)
    Milestone.objects.bulk_create(milestones)
    EffectReport.objects.bulk_create(reports)
    return created


def _stops(
    stopped: list[Project], *, pool_years: dict, programme: "User | None", now: dt.datetime, year: int
) -> list[LedgerEntry]:
    """Proposed by the project, decided by Borgmesterens Afdeling, which granted it (under 2 mio. kr.); what
    was committed goes back to the pool."""
    releases = []
    for project in stopped:
        app = project.application
        project.status = ProjectStatus.STOPPED
        project.ended_on = (now - dt.timedelta(days=5)).date()
        project.stop_reason = "Løsningen passede ikke til borgernes hverdag."
        project.stop_learning = STOP_TEXT
        project.stop_learning_shareable = True
        project.stop_proposal = "Borgerne tager ikke løsningen til sig; vi foreslår at stoppe nu."
        project.stop_proposed_by = app.applicant
        project.stop_proposed_at = now - dt.timedelta(days=12)
        project.stop_decided_by = programme
        project.stop_body = GrantingBody.PROGRAMME
        project.save()
        releases.append(
            LedgerEntry(
                pool_year=pool_years[app.first_year or year],
                kind=LedgerKind.RELEASE,
                amount=app.amount or Decimal(0),
                application=app,
                project=project,
                note="Stoppet før tid",
                created_by=programme,
            )
        )
    return releases
