"""Applying, assessing, deciding, the ledger and projects, through the services."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from kompas.activity.models import ActivityEntry, Notification
from kompas.core import learnings
from kompas.core.roles import RoleCode
from kompas.fund import ledger, selectors, services
from kompas.fund.choices import (
    ApplicationStatus,
    CoApplicantStatus,
    ConflictGround,
    LedgerKind,
    ProjectStatus,
)
from kompas.fund.models import Criterion, LedgerEntry, PoolYear, Project, Score
from kompas.fund.tests import factories as f
from kompas.organisations.models import Department

pytestmark = pytest.mark.django_db
YEAR = f.YEAR


@pytest.fixture
def programme(db):
    return f.user("pf@test.kompas.dk", roles=(RoleCode.EMPLOYEE, RoleCode.PROGRAMME), name="Pia Fond")


@pytest.fixture
def assessor(db):
    return f.user("bedoemmer@test.kompas.dk", roles=(RoleCode.ASSESSOR,), name="Bent Bedømmer")


def test_default_fund_follows_the_seed():
    fund = f.fund()
    assert [p.annual_amount for p in fund.pools.order_by("order")] == [
        Decimal("30000000.00"),
        Decimal("10000000.00"),
    ]
    assert fund.themes.count() == 7
    assert fund.criteria.filter(is_main=True).count() == 1
    assert fund.criteria.filter(is_main=False).count() == 7


def test_business_case_is_required_with_a_clear_message():
    app = f.application(submit=False, business_case="", economic_gain_per_year=None)
    leader, department = f.department_leader()
    co = services.co_applicant_add(application=app, department=department, actor=app.applicant)
    services.co_applicant_answer(co_applicant=co, actor=leader, confirm=True)
    with pytest.raises(services.SubmissionBlocked) as caught:
        services.application_submit(application=app, actor=app.applicant)
    fields = [field for field, _message in caught.value.problems]
    assert fields == ["business_case", "economic_gain_per_year"]
    assert "uden en businesscase" in str(caught.value.problems[0][1])


def test_a_department_must_confirm_before_submission():
    app = f.application(submit=False)
    with pytest.raises(services.SubmissionBlocked):
        services.application_submit(application=app, actor=app.applicant)
    leader, department = f.department_leader()
    co = services.co_applicant_add(application=app, department=department, actor=app.applicant)
    with pytest.raises(services.SubmissionBlocked):  # asked, not yet confirmed
        services.application_submit(application=app, actor=app.applicant)
    services.co_applicant_answer(co_applicant=co, actor=leader, confirm=True)
    services.application_submit(application=app, actor=app.applicant)
    app.refresh_from_db()
    assert app.status == ApplicationStatus.SUBMITTED
    assert co.__class__.objects.get(pk=co.pk).status == CoApplicantStatus.CONFIRMED


def test_budget_must_add_up_to_the_amount():
    app = f.application(submit=False)
    services.application_save_draft(
        application=app, actor=app.applicant, budget_lines=[(YEAR, Decimal("1"), "")]
    )
    problems = [m for _f, m in services.submission_problems(app)]
    assert any(str(m).startswith("Budgettet pr. år giver i alt 1") for m in problems), problems


def test_cpr_numbers_are_refused_in_drafts():
    app = f.application(submit=False)
    with pytest.raises(services.FundError):
        services.application_save_draft(
            application=app, actor=app.applicant, summary="Borger 010203-1234 deltager"
        )


def _blank_pdf() -> bytes:
    import io

    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def test_attachments_have_type_and_size_limits():
    app = f.application(submit=False)
    content = _blank_pdf()  # a real PDF: the CPR guard reads its text, and refuses what it cannot read
    pdf = SimpleUploadedFile("plan.pdf", content, content_type="application/pdf")
    attachment = services.attachment_add(application=app, uploaded=pdf, actor=app.applicant)
    assert attachment.size == len(content)
    with pytest.raises(services.FundError):  # looks like a PDF, cannot be read, so cannot be checked
        services.attachment_add(
            application=app, uploaded=SimpleUploadedFile("y.pdf", b"%PDF-1.4 plan"), actor=app.applicant
        )
    with pytest.raises(services.FundError):
        services.attachment_add(
            application=app, uploaded=SimpleUploadedFile("x.exe", b"MZ..."), actor=app.applicant
        )
    with pytest.raises(services.FundError):  # a PDF that is not one
        services.attachment_add(
            application=app, uploaded=SimpleUploadedFile("x.pdf", b"hello"), actor=app.applicant
        )
    big = SimpleUploadedFile("big.pdf", b"%PDF" + b"0" * services.MAX_ATTACHMENT_BYTES)
    with pytest.raises(services.FundError):
        services.attachment_add(application=app, uploaded=big, actor=app.applicant)


def test_conflict_of_interest_removes_access_and_is_logged(programme, assessor):
    app = f.in_assessment()
    assignment = services.assessor_assign(application=app, assessor=assessor, actor=programme)
    with pytest.raises(services.FundError):  # no scores before the declaration
        services.scores_save(assignment=assignment, actor=assessor, scores={}, finish=False)
    services.conflict_declare(
        assignment=assignment, actor=assessor, conflict=ConflictGround.CLOSE_RELATION, note="Min søster"
    )
    assignment.refresh_from_db()
    assert assignment.has_conflict and not assignment.may_assess
    assert ActivityEntry.objects.filter(verb="fund_conflict_declared").exists()
    with pytest.raises(services.FundError):
        services.scores_save(assignment=assignment, actor=assessor, scores={}, finish=False)
    with pytest.raises(services.FundError):  # cannot be taken back
        services.conflict_declare(assignment=assignment, actor=assessor, conflict=ConflictGround.NONE)


def test_scores_mean_excludes_na_and_ignores_conflicted(programme, assessor):
    app = f.in_assessment()
    other = f.user("b2@test.kompas.dk", roles=(RoleCode.ASSESSOR,))
    criteria = list(Criterion.objects.filter(fund=app.round.fund))
    for person, values in ((assessor, [5, None] + [3] * 6), (other, [1, 1] + [1] * 6)):
        a = services.assessor_assign(application=app, assessor=person, actor=programme)
        services.conflict_declare(assignment=a, actor=person, conflict=ConflictGround.NONE)
        services.scores_save(
            assignment=a,
            actor=person,
            scores={c.pk: (v, "") for c, v in zip(criteria, values, strict=True)},
            finish=True,
        )
    summary = selectors.overall_summary(app)
    assert summary.not_applicable == 1 and summary.count == 15
    # The second assessor later finds a conflict: their scores go.
    a2 = app.assignments.get(assessor=other)
    services.conflict_declare(assignment=a2, actor=other, conflict=ConflictGround.OTHER_DOUBT)
    assert not Score.objects.filter(assignment=a2).exists()
    summary = selectors.overall_summary(app)
    assert summary.count == 7 and summary.mean == Decimal("3.3")


def test_small_grant_is_decided_and_committed(programme):
    app = f.assessed(amount=Decimal("400000.00"))
    services.recommendation_record(application=app, actor=f.director(), recommendation="recommend")
    result = services.application_decide(
        application=app, actor=programme, outcome="grant", reason_code="strong_case"
    )
    assert result.ok and not result.council
    app.refresh_from_db()
    assert app.status == ApplicationStatus.GRANTED
    assert Project.objects.filter(application=app, title=app.title).exists()
    entry = LedgerEntry.objects.get(application=app)
    assert entry.kind == LedgerKind.COMMITMENT and entry.amount == Decimal("400000.00")


def test_large_or_multi_year_grant_waits_for_the_council(programme):
    big = f.assessed(title="Stor", amount=Decimal("2500000.00"))
    multi = f.assessed(title="Flerårig", amount=Decimal("300000.00"), years=(YEAR, YEAR + 1))
    results = services.decisions_batch(
        applications=[big, multi], actor=programme, outcome="grant", reason_code="strong_case"
    )
    assert [r.council for r in results] == [True, True]
    assert not LedgerEntry.objects.exists()
    services.council_decision_record(
        application=multi,
        actor=programme,
        decided_on=dt.date(YEAR, 3, 1),
        case_number="24/001234-5",
        outcome="approved",
    )
    multi.refresh_from_db()
    assert multi.status == ApplicationStatus.GRANTED and multi.council_case_number == "24/001234-5"
    per_year = dict(LedgerEntry.objects.filter(application=multi).values_list("pool_year__year", "amount"))
    assert per_year == {YEAR: Decimal("150000.00"), YEAR + 1: Decimal("150000.00")}
    services.council_decision_record(
        application=big,
        actor=programme,
        decided_on=dt.date(YEAR, 3, 1),
        case_number="24/1",
        outcome="rejected",
    )
    big.refresh_from_db()
    assert big.status == ApplicationStatus.REJECTED


def test_ledger_refuses_more_than_the_pool_holds(programme):
    pool = f.cross_pool()
    PoolYear.objects.create(pool=pool, year=YEAR, budget=Decimal("1000000.00"))
    first = f.assessed(title="A", amount=Decimal("700000.00"))
    second = f.assessed(title="B", amount=Decimal("400000.00"))
    results = services.decisions_batch(
        applications=[first, second], actor=programme, outcome="grant", reason_code="strong_case"
    )
    assert [r.ok for r in results] == [True, False]
    second.refresh_from_db()
    assert second.status == ApplicationStatus.RECOMMENDED
    (status,) = ledger.status_for(PoolYear.objects.filter(pool=pool, year=YEAR))
    assert status.committed == Decimal("700000.00") and status.remaining == Decimal("300000.00")


def test_disbursement_and_early_stop_give_the_rest_back(programme):
    app = f.assessed(amount=Decimal("400000.00"))
    services.application_decide(application=app, actor=programme, outcome="grant", reason_code="strong_case")
    project = app.project
    services.disbursement_record(project=project, actor=programme, year=YEAR, amount=Decimal("100000.00"))
    with pytest.raises(ledger.LedgerRefused):
        services.disbursement_record(project=project, actor=programme, year=YEAR, amount=Decimal("300000.01"))
    released = services.project_stop(
        project=project,
        actor=programme,
        reason="Teknologien holdt ikke",
        learning="Test tidligt i lille skala",
        shareable=True,
    )
    assert released == Decimal("300000.00")
    project.refresh_from_db()
    assert project.status == ProjectStatus.STOPPED
    (status,) = ledger.status_for(PoolYear.objects.filter(year=YEAR, pool=f.cross_pool()))
    assert status.committed == Decimal("100000.00") and status.disbursed == Decimal("100000.00")


def test_effect_report_is_announced_as_a_shared_learning(programme, django_capture_on_commit_callbacks):
    app = f.assessed()
    services.application_decide(application=app, actor=programme, outcome="grant", reason_code="strong_case")
    received = []

    def listener(sender, learning, **kwargs):
        received.append(learning)

    learnings.learning_changed.connect(listener)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            report = services.effect_report_create(
                project=app.project,
                actor=app.applicant,
                period_start=dt.date(YEAR, 1, 1),
                period_end=dt.date(YEAR, 6, 30),
                what_was_done="Afprøvet på to lokalcentre",
                effects_numbers="120 timer sparet",
                effects_experience="Personalet er glade",
                economic_gain_realised=Decimal("80000"),
                learning="Start småt",
                shareable=True,
            )
    finally:
        learnings.learning_changed.disconnect(listener)
    assert [(x.key, x.kind, x.shared) for x in received] == [
        (f"fund.report:{report.pk}", "fund_report", True)
    ]
    assert any(x.key == f"fund.report:{report.pk}" for x in learnings.sources()["fund_report"]())


def test_council_case_contract(programme):
    app = f.in_assessment(amount=Decimal("2500000.00"))
    case = selectors.council_case(application_id=app.pk, user=programme)
    assert case.title == app.title and case.amount == Decimal("2500000.00")
    assert case.department_names == [Department.objects.get(slug="boern-og-unge").name]
    assert case.first_year == case.last_year == YEAR and case.url == app.get_absolute_url()
    assert case.economic_gain_per_year == Decimal("250000.00")
    assert selectors.council_case(application_id=987654, user=programme) is None


def test_council_case_never_reads_a_draft_or_for_a_reader_the_fund_refuses(programme):
    """The proposals app pre-fills a council proposal from this; it must not reveal a citizen's draft."""
    draft = f.application(submit=False, title="Kladde der ikke må læses")
    assert selectors.council_case(application_id=draft.pk, user=programme) is None
    submitted = f.in_assessment()
    outsider = f.user("udenforstaaende@test.kompas.dk", roles=[RoleCode.EMPLOYEE])
    assert selectors.council_case(application_id=submitted.pk, user=outsider) is None


def test_applicant_notifications_never_carry_internal_things(
    programme, assessor, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        app = f.in_assessment()
        a = services.assessor_assign(application=app, assessor=assessor, actor=programme)
        services.conflict_declare(assignment=a, actor=assessor, conflict=ConflictGround.NONE)
        services.application_decide(
            application=app,
            actor=programme,
            outcome="reject",
            reason_code="priority",
            note="Tak for ansøgningen",
        )
    texts = " ".join(Notification.objects.filter(recipient=app.applicant).values_list("message", flat=True))
    assert app.title in texts
    assert "Bent" not in texts and "Pia" not in texts


def test_local_allocation_sums_to_the_pool_year(programme):
    pool = f.fund().pools.get(kind="local")
    pool_year = ledger.pool_year_ensure(pool=pool, year=2013)  # within the trial, 2013 and 2014
    payroll = {d.pk: Decimal(1000 + 37 * d.pk) for d in Department.objects.all()}
    rows = services.local_allocate(pool_year=pool_year, payroll=payroll, actor=programme)
    assert sum(r.amount for r in rows) == Decimal("10000000.00") == pool_year.budget
