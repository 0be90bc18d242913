"""The rules seed 004 (§6–7 and bilag 2) sets for Udviklingspuljen, held by the services. Each test quotes the
seed's Danish words it holds."""

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from kompas.core.roles import RoleCode
from kompas.fund import ledger, selectors, services
from kompas.fund.choices import ApplicationStatus, ConflictGround, GrantingBody, ProjectStatus
from kompas.fund.models import Application, Criterion, LedgerEntry, ProjectAssessment
from kompas.fund.tests import factories as f
from kompas.organisations.models import Department

pytestmark = pytest.mark.django_db
YEAR = f.YEAR


@pytest.fixture
def programme(db):
    return f.user("pf@test.kompas.dk", roles=(RoleCode.EMPLOYEE, RoleCode.PROGRAMME), name="Pia Fond")


def _confirmed(app):
    leader, department = f.department_leader()
    co = services.co_applicant_add(application=app, department=department, actor=app.applicant)
    services.co_applicant_answer(co_applicant=co, actor=leader, confirm=True)


def _score(app, *, main: int | None, others: int = 4):
    """One assessor without conflict scores the main criterion ``main`` and the rest ``others``."""
    assessor = f.user("bedoemmer@test.kompas.dk", roles=(RoleCode.ASSESSOR,), name="Bent Bedømmer")
    assignment = services.assessor_assign(
        application=app, assessor=assessor, actor=f.user("pf@test.kompas.dk")
    )
    services.conflict_declare(assignment=assignment, actor=assessor, conflict=ConflictGround.NONE)
    scores = {
        c.pk: ((main if c.is_main else others), "")
        for c in Criterion.objects.filter(fund_id=app.round.fund_id, is_active=True)
    }
    services.scores_save(assignment=assignment, actor=assessor, scores=scores, finish=True)


# --- 1. The main criterion ------------------------------------------------------------------------------


def test_an_application_without_an_economic_gain_above_0_cannot_be_submitted():
    """ "Hovedkriteriet for de tværgående innovationsprojekter er, at projekterne på længere sigt skal give en
    økonomisk gevinst. Hovedkriteriet er ufravigeligt." """
    app = f.application(submit=False, economic_gain_per_year=Decimal("0"))
    _confirmed(app)
    with pytest.raises(services.SubmissionBlocked) as caught:
        services.application_submit(application=app, actor=app.applicant)
    assert [field for field, _m in caught.value.problems] == ["economic_gain_per_year"]
    with translation.override("da"):
        assert "over 0 kr." in str(caught.value.problems[0][1])
    assert Application.objects.get(pk=app.pk).status == ApplicationStatus.DRAFT


def test_an_uncertain_business_case_with_a_range_may_be_submitted_but_not_a_contradictory_one():
    """ "Projekternes businesscase må gerne være usikker." – a low and a high estimate around the gain."""
    app = f.application(
        submit=False,
        economic_gain_per_year=Decimal("250000"),
        economic_gain_low=Decimal("300000"),
        economic_gain_high=Decimal("600000"),
    )
    _confirmed(app)
    with pytest.raises(services.SubmissionBlocked) as caught:
        services.application_submit(application=app, actor=app.applicant)
    assert [field for field, _m in caught.value.problems] == ["economic_gain_per_year"]
    services.application_save_draft(application=app, actor=app.applicant, economic_gain_low=Decimal("100000"))
    services.application_submit(application=app, actor=app.applicant)
    assert Application.objects.get(pk=app.pk).status == ApplicationStatus.SUBMITTED


def test_the_main_criterion_is_never_not_applicable_and_is_listed_first():
    """ "Hovedkriteriet er ufravigeligt. Den økonomiske gevinst indgår i bedømmelsen af hvert enkelt projekt." """
    app = f.in_assessment()
    with pytest.raises(services.FundError) as caught:
        _score(app, main=None)
    main = Criterion.objects.get(fund_id=app.round.fund_id, is_main=True)
    assert caught.value.field == f"score_{main.pk}"
    assert selectors.criterion_summaries(app)[0][0] == main


def test_an_application_that_fails_the_main_criterion_cannot_be_shortlisted_recommended_or_granted(programme):
    """ "Hovedkriteriet er ufravigeligt." – 0 on the main criterion (no economic gain) stops every step on."""
    app = f.in_assessment()
    _score(app, main=0, others=5)
    assert selectors.main_criterion_met(app) is False
    steps = (
        lambda: services.shortlist_set(application=app, actor=programme, shortlisted=True),
        lambda: services.recommendation_record(
            application=app, actor=f.director(), recommendation="recommend"
        ),
        lambda: services.application_decide(
            application=app, actor=programme, outcome="grant", reason_code="strong_case"
        ),
    )
    for step in steps:
        with pytest.raises(services.FundError) as caught:
            step()
        with translation.override("en"):
            assert "main criterion" in str(caught.value.message)
    app.refresh_from_db()
    assert not app.shortlisted and app.status == ApplicationStatus.IN_ASSESSMENT
    assert not LedgerEntry.objects.exists()
    services.application_decide(application=app, actor=programme, outcome="reject", reason_code="no_gain")
    assert Application.objects.get(pk=app.pk).status == ApplicationStatus.REJECTED


# --- 2. The order of the process ------------------------------------------------------------------------


def test_programme_staff_do_not_double_for_the_directors_group(programme):
    """ "Det er direktørgruppen, der indstiller projekter til Borgmesterens Afdeling." """
    app = f.assessed(recommend=False)
    with pytest.raises(services.FundError):
        services.recommendation_record(application=app, actor=programme, recommendation="recommend")
    services.recommendation_record(application=app, actor=f.director(), recommendation="recommend")
    app.refresh_from_db()
    assert app.status == ApplicationStatus.RECOMMENDED and app.recommended_by == f.director()


def test_no_grant_without_the_directors_groups_recommendation(programme):
    """ "Det er direktørgruppen, der indstiller projekter til Borgmesterens Afdeling." """
    app = f.assessed(recommend=False)
    with pytest.raises(services.FundError):
        services.application_decide(
            application=app, actor=programme, outcome="grant", reason_code="strong_case"
        )
    services.recommendation_record(application=app, actor=f.director(), recommendation="not")
    with pytest.raises(services.FundError):
        services.application_decide(
            application=app, actor=programme, outcome="grant", reason_code="strong_case"
        )
    assert not LedgerEntry.objects.exists()


def test_a_round_with_an_advisory_board_hears_it_before_the_recommendation(programme):
    """ "Direktørgruppen skal overveje inddragelse af et advisory board til sparring og input omkring hvilke
    projekter, der skal tildeles midler." """
    round_ = f.open_round()
    round_.uses_advisory_board = True
    round_.save()
    app = f.assessed(recommend=False, round_=round_)
    with pytest.raises(services.FundError):
        services.recommendation_record(application=app, actor=f.director(), recommendation="recommend")
    services.shortlist_set(application=app, actor=programme, shortlisted=True)
    advisor = f.user("advisory@test.kompas.dk", roles=(RoleCode.ADVISORY,))
    services.advisory_comment_add(application=app, actor=advisor, text="Stærk businesscase")
    services.recommendation_record(application=app, actor=f.director(), recommendation="recommend")
    assert Application.objects.get(pk=app.pk).status == ApplicationStatus.RECOMMENDED


def test_the_council_decision_flows_from_the_linked_proposal_and_is_never_rekeyed(programme):
    """ "Hvis der skal bevilges midler til projekter over 2 mio. kr. skal ansøgningen foreligges byrådet." """
    app = f.assessed(amount=Decimal("2500000.00"))
    result = services.application_decide(
        application=app, actor=programme, outcome="grant", reason_code="strong_case"
    )
    assert result.council and not LedgerEntry.objects.exists()
    services.council_proposal_link(
        application_id=app.pk, proposal_id=41, url="/indstillinger/41/", actor=programme
    )
    with pytest.raises(services.FundError):
        services.council_decision_record(
            application=app,
            actor=programme,
            decided_on=dt.date(YEAR, 4, 1),
            case_number="S-9",
            outcome="approved",
        )
    with pytest.raises(services.FundError):
        services.council_decision_from_proposal(
            application_id=app.pk,
            proposal_id=42,
            approved=True,
            decided_on=dt.date(YEAR, 4, 1),
            case_number="S-9",
            actor=programme,
        )
    services.council_decision_from_proposal(
        application_id=app.pk,
        proposal_id=41,
        approved=True,
        decided_on=dt.date(YEAR, 4, 1),
        case_number="24/0815",
        actor=programme,
    )
    app.refresh_from_db()
    assert app.status == ApplicationStatus.GRANTED and app.council_case_number == "24/0815"
    assert app.project and LedgerEntry.objects.filter(application=app).exists()


def test_the_case_page_shows_the_proposal_instead_of_a_case_number_form(client, programme):
    """ "Hvis der skal bevilges midler til projekter over 2 mio. kr. skal ansøgningen foreligges byrådet." """
    app = f.assessed(amount=Decimal("2500000.00"))
    services.application_decide(application=app, actor=programme, outcome="grant", reason_code="strong_case")
    services.council_proposal_link(
        application_id=app.pk, proposal_id=41, url="/indstillinger/41/", actor=programme
    )
    client.force_login(programme)
    page = client.get(reverse("fund:manage-application", args=[app.pk])).content.decode()
    assert 'data-testid="council-proposal"' in page and "/indstillinger/41/" in page
    assert reverse("fund:council", args=[app.pk]) not in page


def test_the_directors_room_lists_assessed_cases_and_records_the_recommendation(client):
    """ "Det er direktørgruppen, der indstiller projekter til Borgmesterens Afdeling." """
    app = f.assessed(recommend=False, title="Til direktørgruppen")
    director = f.director()
    client.force_login(director)
    page = client.get(reverse("fund:directors")).content.decode()
    assert "Til direktørgruppen" in page
    response = client.post(reverse("fund:director-case", args=[app.pk]), {"rec-recommendation": "recommend"})
    assert response.status_code == 302
    assert Application.objects.get(pk=app.pk).recommended_by == director
    client.force_login(f.user("borger2@test.kompas.dk"))
    assert client.get(reverse("fund:directors")).status_code == 403


# --- 3. Deadline and answer -----------------------------------------------------------------------------


def test_the_answer_cannot_be_promised_before_the_deadline_and_the_median_shows(client, programme):
    """ "Der skal være en hurtig og simpel ansøgningsproces, med kort tid fra ansøgningsfrist til svar." """
    round_ = f.open_round(title="Svarrunde")
    with pytest.raises(Exception) as caught:
        services.round_save(
            round=round_,
            actor=programme,
            title=round_.title,
            pool=round_.pool,
            description="",
            opens_at=round_.opens_at,
            closes_at=round_.closes_at,
            sealed=False,
            anonymise_applicants=False,
            answer_by=timezone.localdate(round_.closes_at) - dt.timedelta(days=1),
        )
    assert "answer_by" in str(caught.value)
    apps = [f.in_assessment(round_=round_, title=t) for t in ("Svar A", "Svar B", "Svar C")]
    for app in apps:
        services.application_decide(
            application=app, actor=programme, outcome="reject", reason_code="priority"
        )
    for app, days in zip(apps, (10, 20, 40), strict=True):
        Application.objects.filter(pk=app.pk).update(decided_at=round_.closes_at + dt.timedelta(days=days))
    assert selectors.answer_days_by_round([round_.pk]) == {round_.pk: (20, 3)}
    with translation.override("da"):
        page = client.get(reverse("fund:index")).content.decode()
    assert "20 dage fra ansøgningsfristen til svaret" in page


# --- 4. The money ---------------------------------------------------------------------------------------


def test_the_seed_allocation_is_data_with_aarhus_figures():
    """ "Udviklingspuljen på 40 mio.kr. opdeles i to. De 30 mio.kr. til den tværgående innovationspulje
    forankres i Borgmesterens Afdeling." """
    fund = f.fund()
    assert (fund.budget_year, fund.total_amount, fund.financing_rate) == (
        2012,
        Decimal("40000000"),
        Decimal("0.75"),
    )
    cross, local = fund.pools.get(kind="cross"), fund.pools.get(kind="local")
    assert cross.holder.slug == "borgmesterens-afdeling"
    assert cross.annual_amount + local.annual_amount == fund.total_amount
    assert "budgetkonferencen i 2014" in local.evaluation


def test_the_local_funds_follow_payroll_one_year_at_a_time_within_the_trial(programme):
    """ "Hver magistratsafdeling tildeles midler for et år ad gangen efter samme fordelingsnøgle ... dvs. 0,75%
    af lønsummen. Midlerne tildeles som forsøg i 2013 og 2014." """
    pool = f.fund().pools.get(kind="local")
    # The trial's years are the default limit, data the municipality edits (Aarhus: 2013 and 2014).
    assert (pool.first_year, pool.last_year) == (2013, 2014)
    payroll = {d.pk: Decimal("800000000") + d.pk for d in Department.objects.all()}
    with pytest.raises(services.FundError) as caught:
        services.local_allocate(
            pool_year=ledger.pool_year_ensure(pool=pool, year=2015), payroll=payroll, actor=programme
        )
    assert caught.value.field == "year"
    with pytest.raises(services.FundError):
        services.local_allocate(
            pool_year=ledger.pool_year_ensure(pool=pool, year=2013),
            payroll={1: Decimal("0")},
            actor=programme,
        )
    rows = services.local_allocate(
        pool_year=ledger.pool_year_ensure(pool=pool, year=2013), payroll=payroll, actor=programme
    )
    assert sum(r.amount for r in rows) == Decimal("10000000.00")
    key = selectors.financing_key(fund=f.fund(), year=2013)
    assert all(row.contribution == (row.payroll * Decimal("0.0075")).quantize(Decimal("0.01")) for row in key)


# --- 5. Failing fast and cheaply ------------------------------------------------------------------------


def _decide(proposal, *, decision: str, decided_on: dt.date, note: str = ""):
    from kompas.proposals import services as proposal_services
    from kompas.proposals.choices import ProposalStatus
    from kompas.proposals.models import Proposal

    Proposal.objects.filter(pk=proposal.pk).update(
        status=ProposalStatus.COUNCIL_FIRST, case_number="26/04321"
    )
    return proposal_services.proposal_transition(
        proposal=proposal,
        actor=f.user("pf@test.kompas.dk"),
        to_status=ProposalStatus.DECIDED,
        decision=decision,
        decision_note=note,
        decided_on=decided_on,
    )


def test_the_association_proposes_and_the_council_that_granted_decides_the_stop_by_its_proposal(programme):
    """ "... aflive ufrugtbare evighedsprojekter ud fra devisen om at fejle hurtigt og billigt." – a stop is
    the granting body's decision, recorded with its reason: for the city council's grant, the council's
    decision on a council proposal, linked to the project and never re-keyed."""
    from kompas.proposals import services as proposal_services
    from kompas.proposals.choices import Decision

    project = f.council_project(title="Stort byrådsprojekt")
    applicant = project.application.applicant
    with pytest.raises(services.FundError):
        services.project_stop(
            project=project, actor=applicant, reason="Vi stopper", learning="", shareable=False
        )
    services.project_stop_propose(project=project, actor=applicant, reason="Borgerne bruger den ikke")
    # Programme staff cannot stop the council's grant themselves, not even with a date typed by hand.
    with pytest.raises(services.FundError) as caught:
        services.project_stop(
            project=project, actor=programme, reason="Rådet stopper", learning="", shareable=False
        )
    assert caught.value.message == services.COUNCIL_DECIDES_STOP
    # They draft a council proposal to stop it; the project keeps the link.
    proposal = proposal_services.proposal_to_stop_fund_project(project_id=project.pk, actor=programme)
    assert proposal_services.proposal_to_stop_fund_project(project_id=project.pk, actor=programme) == proposal
    project.refresh_from_db()
    assert project.stop_council_proposal_id == proposal.pk and proposal.fund_project_id == project.pk
    assert "Borgerne bruger den ikke" in " ".join(s.text for s in proposal.sections.all())
    # The council rejects it: the project runs on, nothing goes back to the pool.
    _decide(proposal, decision=Decision.REJECTED, decided_on=dt.date(YEAR, 6, 1))
    project.refresh_from_db()
    assert project.status == ProjectStatus.RUNNING and project.stop_council_proposal_id is None
    assert not LedgerEntry.objects.filter(project=project, kind="release").exists()
    # A new proposal, adopted: the decision's reason and date stop the project, and the money goes back.
    second = proposal_services.proposal_to_stop_fund_project(project_id=project.pk, actor=programme)
    assert second != proposal
    _decide(
        second, decision=Decision.ADOPTED, decided_on=dt.date(YEAR, 9, 1), note="Byrådet stopper projektet."
    )
    project.refresh_from_db()
    assert project.status == ProjectStatus.STOPPED and project.stop_reason == "Byrådet stopper projektet."
    assert (project.stop_body, project.stop_council_decided_on, project.stop_council_proposal_id) == (
        GrantingBody.COUNCIL,
        dt.date(YEAR, 9, 1),
        second.pk,
    )
    released = LedgerEntry.objects.get(project=project, kind="release")
    assert released.amount == Decimal("2500000.00")


def test_programme_staff_stop_their_own_grant_directly_with_a_reason(programme):
    """ "... fejle hurtigt og billigt": Borgmesterens Afdeling granted it, so it stops it – no council proposal."""
    from django.core.exceptions import ValidationError

    from kompas.proposals import services as proposal_services

    app = f.assessed(amount=Decimal("300000.00"))
    services.application_decide(application=app, actor=programme, outcome="grant", reason_code="strong_case")
    project = Application.objects.get(pk=app.pk).project
    with pytest.raises(ValidationError):
        proposal_services.proposal_to_stop_fund_project(project_id=project.pk, actor=programme)
    with pytest.raises(services.FundError) as caught:
        services.project_stop(project=project, actor=programme, reason=" ", learning="", shareable=False)
    assert caught.value.field == "reason"
    released = services.project_stop(
        project=project, actor=programme, reason="Virker ikke", learning="Test tidligt", shareable=True
    )
    project.refresh_from_db()
    assert released == Decimal("300000.00")
    assert (project.stop_body, project.stop_decided_by, project.stop_council_proposal_id) == (
        GrantingBody.PROGRAMME,
        programme,
        None,
    )


# --- 6. The directors' yearly account and the effect reports --------------------------------------------


def test_effect_reports_refuse_periods_outside_the_project_and_impossible_figures(programme):
    """ "Projekternes effekt skal kunne dokumenteres og afrapporteres" – on the project's own period."""
    app = f.assessed()
    services.application_decide(application=app, actor=programme, outcome="grant", reason_code="strong_case")
    project = Application.objects.get(pk=app.pk).project
    base = {"project": project, "actor": app.applicant, "what_was_done": "Afprøvet"}
    bad = (
        {"period_start": dt.date(YEAR - 1, 10, 1), "period_end": dt.date(YEAR - 1, 12, 31)},
        {"period_start": dt.date(YEAR, 1, 1), "period_end": timezone.localdate() + dt.timedelta(days=30)},
        {
            "period_start": dt.date(YEAR, 1, 1),
            "period_end": dt.date(YEAR, 3, 31),
            "economic_gain_realised": Decimal("5000000000"),
        },
    )
    for kwargs in bad:
        with pytest.raises(services.FundError):
            services.effect_report_create(**base, **kwargs)
    services.effect_report_create(**base, period_start=dt.date(YEAR, 1, 1), period_end=dt.date(YEAR, 3, 31))
    assert project.reports.count() == 1


def test_the_director_adds_the_assessment_to_the_drafted_account(client, programme):
    """ "I forbindelse med regnskabet skal direktørerne lave en årlig redegørelse for arbejdet med innovation
    for deres respektive magistratsafdeling, hvor effekterne af de forskellige projekter vurderes og
    formidles." """
    app = f.assessed(title="Robotter i plejen")
    services.application_decide(application=app, actor=programme, outcome="grant", reason_code="strong_case")
    project = Application.objects.get(pk=app.pk).project
    leader, department = f.department_leader()
    with pytest.raises(services.FundError):
        services.account_assessment_save(
            department=department, year=YEAR, actor=programme, assessment="x", project_assessments={}
        )
    services.account_assessment_save(
        department=department,
        year=YEAR,
        actor=leader,
        assessment="Et år med mod på at fejle",
        project_assessments={project.pk: "Sparer tid i hjemmeplejen"},
    )
    assert ProjectAssessment.objects.get(project=project).assessment == "Sparer tid i hjemmeplejen"
    client.force_login(leader)
    page = client.get(reverse("fund:account", args=[department.slug, YEAR])).content.decode()
    assert "Et år med mod på at fejle" in page and "Sparer tid i hjemmeplejen" in page


def test_a_year_outside_the_trial_is_refused_beside_the_year_field_until_the_council_continues_it(
    client, programme
):
    """ "Midlerne tildeles som forsøg i 2013 og 2014. Byrådet evaluerer forsøget første gang på
    budgetkonferencen i 2014" – allocating 2015 is refused, in Danish beside the year, until the municipality
    extends the years; nothing typed is lost."""
    from kompas.fund.models import LocalAllocation, PoolYear

    client.force_login(programme)
    departments = list(Department.objects.all())
    data = {"year": "2015", **{f"payroll_{d.pk}": f"{100 + i}.000.000" for i, d in enumerate(departments)}}
    with translation.override("da"):
        response = client.post(reverse("fund:local-allocate"), data, HTTP_ACCEPT_LANGUAGE="da")
    assert response.status_code == 200
    form = response.context["form"]
    assert "løber fra 2013 til 2014" in " ".join(form.errors["year"])
    assert "løber fra 2013 til 2014" in response.content.decode()
    assert form[f"payroll_{departments[0].pk}"].value() == "100.000.000"
    assert not LocalAllocation.objects.exists() and not PoolYear.objects.filter(year=2015).exists()
    pool = f.fund().pools.get(kind="local")
    pool.last_year = 2015
    pool.save()
    assert client.post(reverse("fund:local-allocate"), data).status_code == 302
    assert LocalAllocation.objects.filter(pool_year__year=2015).count() == len(departments)
