"""Test data for Udviklingspuljen, built with the services so the audit trail is as in real use."""

import datetime as dt
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.utils import timezone

from kompas.accounts.services import user_create
from kompas.core.roles import RoleCode
from kompas.fund import services
from kompas.fund.choices import ApplicationStatus
from kompas.fund.defaults import install as install_defaults
from kompas.fund.models import Application, Criterion, Fund, Pool, Project, Round, Theme
from kompas.organisations.choices import MembershipRole
from kompas.organisations.defaults import install as install_departments
from kompas.organisations.models import Department, Membership, Unit

YEAR = timezone.localdate().year


def fund() -> Fund:
    if not Fund.objects.filter(name="Udviklingspuljen").exists():  # flushed by a transactional test
        install_defaults(Fund, Pool, Theme, Criterion)
    return Fund.objects.get(name="Udviklingspuljen")


def cross_pool() -> Pool:
    return fund().pools.get(kind="cross")


def open_round(*, title: str = "Testrunde", sealed: bool = False, anonymise: bool = False) -> Round:
    now = timezone.now()
    return Round.objects.create(
        fund=fund(),
        pool=cross_pool(),
        title=title,
        opens_at=now - dt.timedelta(days=10),
        closes_at=now + dt.timedelta(days=10),
        sealed=sealed,
        anonymise_applicants=anonymise,
    )


def close(round_: Round) -> Round:
    round_.closes_at = timezone.now() - dt.timedelta(minutes=1)
    round_.opens_at = round_.closes_at - dt.timedelta(days=20)
    round_.save()
    return round_


def user(email: str, roles=(RoleCode.CITIZEN,), name: str = "") -> object:
    existing = get_user_model().objects.filter(email=email).first()
    return existing or user_create(
        email=email,
        full_name=name or email.split("@")[0],
        password="x-pass-123",
        roles=list(roles),
        actor=None,
    )


def department_leader(email: str = "afdelingsleder@test.kompas.dk", slug: str = "boern-og-unge"):
    leader = user(email, roles=(RoleCode.EMPLOYEE, RoleCode.LEADER), name="Dorte Afdelingsleder")
    if not Department.objects.filter(slug=slug).exists():  # flushed by a transactional test
        install_departments(Department)
    department = Department.objects.get(slug=slug)
    unit, _ = Unit.objects.get_or_create(department=department, name="Testenhed " + slug)
    Membership.objects.get_or_create(user=leader, unit=unit, defaults={"role": MembershipRole.LEADER})
    return leader, department


FILLED = {
    "summary": "Et kort resumé af projektet.",
    "new_and_original": "Noget helt nyt.",
    "value": "Borgerne får mere tid.",
    "risks": "Teknologien virker måske ikke.",
    "business_case": "Vi sparer 2 timer om ugen pr. medarbejder.",
    "economic_gain_per_year": Decimal("250000.00"),
    "life_after": "Driften overtager.",
    "effect_documentation": "Vi måler tidsforbrug før og efter.",
    "partners": "Sundhed og Omsorg, VIA",
}


def application(
    *,
    applicant=None,
    round_=None,
    title: str = "Robotstøvsugere i hjemmeplejen",
    amount: Decimal = Decimal("500000.00"),
    years: tuple[int, int] = (YEAR, YEAR),
    submit: bool = True,
    status: str | None = None,
    **extra,
) -> Application:
    applicant = applicant or user("ansoeger@test.kompas.dk", name="Anna Ansøger")
    round_ = round_ or open_round()
    app = services.application_create(actor=applicant, round=round_, title=title)
    first, last = years
    n = last - first + 1
    per_year = (amount / n).quantize(Decimal("0.01"))
    lines = [(y, per_year, "") for y in range(first, last + 1)]
    lines[-1] = (last, amount - per_year * (n - 1), "")
    values = {**FILLED, "amount": amount, "first_year": first, "last_year": last, **extra}
    services.application_save_draft(application=app, actor=applicant, budget_lines=lines, **values)
    if submit:
        leader, department = department_leader()
        co = services.co_applicant_add(application=app, department=department, actor=applicant)
        services.co_applicant_answer(co_applicant=co, actor=leader, confirm=True)
        services.application_submit(application=app, actor=applicant)
    if status:
        Application.objects.filter(pk=app.pk).update(status=status)
    app.refresh_from_db()
    return app


def in_assessment(**kwargs) -> Application:
    app = application(**kwargs)
    programme = user("pf@test.kompas.dk", roles=(RoleCode.EMPLOYEE, RoleCode.PROGRAMME), name="Pia Fond")
    services.application_screen(application=app, actor=programme, accept=True)
    app.refresh_from_db()
    assert app.status == ApplicationStatus.IN_ASSESSMENT
    return app


def director(email: str = "direktoer@test.kompas.dk", name: str = "Dan Direktør"):
    """A member of the directors' group (the body that recommends), who is not programme staff."""
    from kompas.fund.models import DirectorsGroupMember

    person = user(email, roles=(RoleCode.EMPLOYEE,), name=name)
    DirectorsGroupMember.objects.get_or_create(fund=fund(), user=person, defaults={"title": "Direktør"})
    return person


def assessed(*, assessor=None, recommend: bool = True, **kwargs) -> Application:
    """An application whose assessment is done: one assessor without conflict has scored every criterion; and
    (``recommend``) the directors' group has recommended it, so Borgmesterens Afdeling may grant it."""
    app = in_assessment(**kwargs)
    finish_assessment(app, assessor=assessor)
    if recommend:
        services.recommendation_record(application=app, actor=director(), recommendation="recommend")
        app.refresh_from_db()
    return app


def finish_assessment(app: Application, *, assessor=None, value: int = 4):
    from kompas.fund.choices import ConflictGround

    programme = user("pf@test.kompas.dk", roles=(RoleCode.EMPLOYEE, RoleCode.PROGRAMME), name="Pia Fond")
    assessor = assessor or user("bedoemmer@test.kompas.dk", roles=(RoleCode.ASSESSOR,), name="Bent Bedømmer")
    assignment = services.assessor_assign(application=app, assessor=assessor, actor=programme)
    assignment = services.conflict_declare(
        assignment=assignment, actor=assessor, conflict=ConflictGround.NONE
    )
    criteria = Criterion.objects.filter(fund_id=app.round.fund_id, is_active=True)
    services.scores_save(
        assignment=assignment, actor=assessor, scores={c.pk: (value, "") for c in criteria}, finish=True
    )
    return assignment


def council_project(*, title: str = "Byrådets projekt", amount: Decimal = Decimal("2500000.00")) -> Project:
    """A running project the city council granted (over 2 mio. kr.): Borgmesterens Afdeling sent the case
    on, and the council's decision was recorded."""
    programme = user("pf@test.kompas.dk", roles=(RoleCode.EMPLOYEE, RoleCode.PROGRAMME), name="Pia Fond")
    app = assessed(title=title, amount=amount)
    services.application_decide(application=app, actor=programme, outcome="grant", reason_code="strong_case")
    services.council_decision_record(
        application=app,
        actor=programme,
        decided_on=dt.date(YEAR, 4, 1),
        case_number="S-1",
        outcome="approved",
    )
    return Project.objects.get(application=app)
