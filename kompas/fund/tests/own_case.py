"""Cases where the person acting is a party: the applicant who is programme staff, the leader who confirmed
for the co-applicant department (also programme staff), and an assessor who declared a conflict (also
programme staff). Each has every fund role, so only the separation-of-duties rule can stop them."""

from decimal import Decimal

from django.utils import timezone

from kompas.core.roles import RoleCode
from kompas.fund import services
from kompas.fund.choices import ConflictGround
from kompas.fund.models import Application, Assignment, LedgerEntry, Score
from kompas.fund.tests import factories as f
from kompas.organisations.choices import MembershipRole
from kompas.organisations.models import Membership, Unit

PARTIES = ("applicant", "leader", "conflicted")
EVERY_FUND_ROLE = (RoleCode.EMPLOYEE, RoleCode.PROGRAMME, RoleCode.ASSESSOR, RoleCode.ADVISORY)


def programme():
    return f.user("pf@test.kompas.dk", roles=(RoleCode.EMPLOYEE, RoleCode.PROGRAMME), name="Pia Fond")


def assessor():
    return f.user("bedoemmer@test.kompas.dk", roles=(RoleCode.ASSESSOR,), name="Bent Bedømmer")


def programme_applicant():
    return f.user("pf-ansoeger@test.kompas.dk", roles=EVERY_FUND_ROLE, name="Per Programansøger")


def confirming_leader():
    _default_leader, department = f.department_leader()
    leader = f.user(
        "pf-leder@test.kompas.dk", roles=(*EVERY_FUND_ROLE, RoleCode.LEADER), name="Lone Programleder"
    )
    unit, _created = Unit.objects.get_or_create(department=department, name="Programenhed")
    Membership.objects.get_or_create(user=leader, unit=unit, defaults={"role": MembershipRole.LEADER})
    return leader, department


def conflicted_assessor():
    return f.user("pf-inhabil@test.kompas.dk", roles=EVERY_FUND_ROLE, name="Ib Inhabil")


def case(party: str, stage: str, **kwargs) -> tuple[Application, object]:
    """An application at ``stage`` (submitted, in_assessment, shortlisted, assessed, council, granted) with
    ``party`` (applicant, leader, conflicted) as the person who will try to act on it. Every step up to
    ``stage`` is taken by people who are not parties."""
    actor = None
    applicant = None
    if party == "applicant":
        applicant = actor = programme_applicant()
    if stage == "council":
        kwargs.setdefault("amount", Decimal("2500000.00"))
    app = f.application(applicant=applicant, submit=False, **kwargs)
    if party == "leader":
        actor, department = confirming_leader()
    else:
        actor_leader, department = f.department_leader()
    co = services.co_applicant_add(application=app, department=department, actor=app.applicant)
    services.co_applicant_answer(
        co_applicant=co, actor=actor if party == "leader" else actor_leader, confirm=True
    )
    services.application_submit(application=app, actor=app.applicant)
    if party == "conflicted":
        actor = conflicted_assessor()
        assignment = services.assessor_assign(application=app, assessor=actor, actor=programme())
        services.conflict_declare(
            assignment=assignment, actor=actor, conflict=ConflictGround.PERSONAL_INTEREST
        )
    if stage != "submitted":
        services.application_screen(application=app, actor=programme(), accept=True)
    if stage in ("shortlisted", "assessed", "council", "granted"):
        f.finish_assessment(app, assessor=assessor())
    if stage == "shortlisted":
        services.shortlist_set(application=app, actor=programme(), shortlisted=True)
    if stage in ("council", "granted"):
        services.recommendation_record(application=app, actor=f.director(), recommendation="recommend")
        services.application_decide(
            application=app, actor=programme(), outcome="grant", reason_code="strong_case"
        )
    app.refresh_from_db()
    return app, actor


def own_assignment(app: Application, actor) -> Assignment:
    """The party's own place as assessor. The conflicted one has it already; for the others it is put in
    the database directly (as if assigned before they became a party), so the service itself must refuse."""
    assignment = Assignment.objects.filter(application=app, assessor=actor).first()
    return assignment or Assignment.objects.create(
        application=app, assessor=actor, conflict=ConflictGround.NONE, declared_at=timezone.now()
    )


def fingerprint(app: Application) -> tuple:
    """Everything a step can change on the case."""
    app.refresh_from_db()
    return (
        app.status,
        app.shortlisted,
        app.recommendation,
        app.council_outcome,
        app.outcome,
        app.assignments.count(),
        Score.objects.filter(assignment__application=app).count(),
        Assignment.objects.filter(application=app, submitted_at__isnull=False).count(),
        app.advisory_comments.count(),
        LedgerEntry.objects.filter(application=app).count()
        + LedgerEntry.objects.filter(project__application=app).count(),
    )
