"""Separation of duties (issue 12): a party to a case never screens, assigns, assesses, shortlists,
comments as the advisory board, recommends, decides, records the council's decision or pays out on it, and
the process order holds: a recommendation and a grant come after a finished assessment."""

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape
from django.utils.translation import gettext as _

from kompas.fund import permissions, selectors, services
from kompas.fund.choices import ApplicationStatus, ConflictGround
from kompas.fund.models import Assignment, Criterion, DirectorsGroupMember, LedgerEntry
from kompas.fund.tests import factories as f
from kompas.fund.tests import own_case as oc
from kompas.organisations.models import Membership, PartnerOrganisation

pytestmark = pytest.mark.django_db
YEAR = f.YEAR


def _danish(message) -> str:
    with translation.override("da"):
        return escape(str(message))


def _page(client, response) -> str:
    """The page the user ends on (after a redirect, the next page shows the message)."""
    if response.status_code == 302:
        response = client.get(response["Location"])
    return response.content.decode()


# --- The rule -------------------------------------------------------------------------------------------


@pytest.mark.parametrize("party", oc.PARTIES)
def test_the_one_rule_names_each_party(party):
    app, actor = oc.case(party, "in_assessment")
    assert permissions.is_party_to_case(actor, app)
    assert not permissions.is_party_to_case(oc.programme(), app)
    assert not permissions.is_party_to_case(oc.assessor(), app)


def test_members_of_the_applying_organisation_are_parties():
    organisation = PartnerOrganisation.objects.create(name="Cykelforeningen")
    member = f.user("medlem@test.kompas.dk", roles=oc.EVERY_FUND_ROLE)
    Membership.objects.create(user=member, organisation=organisation)
    app = f.application(organisation=organisation)
    assert permissions.is_party_to_case(member, app)
    with pytest.raises(services.PartyToCase):
        services.application_screen(application=app, actor=member, accept=True)


# --- Services -------------------------------------------------------------------------------------------


STEPS = {
    "screen": (
        "submitted",
        lambda app, actor: services.application_screen(application=app, actor=actor, accept=True),
    ),
    "assign": (
        "in_assessment",
        lambda app, actor: services.assessor_assign(application=app, assessor=oc.assessor(), actor=actor),
    ),
    "shortlist": (
        "assessed",
        lambda app, actor: services.shortlist_set(application=app, actor=actor, shortlisted=True),
    ),
    "advisory": (
        "shortlisted",
        lambda app, actor: services.advisory_comment_add(application=app, actor=actor, text="Godt"),
    ),
    "assess": (
        "in_assessment",
        lambda app, actor: services.scores_save(
            assignment=oc.own_assignment(app, actor),
            actor=actor,
            scores={c.pk: (5, "") for c in Criterion.objects.filter(fund=app.round.fund)},
            finish=True,
        ),
    ),
    "recommend": (
        "assessed",
        lambda app, actor: services.recommendation_record(
            application=app, actor=actor, recommendation="recommend"
        ),
    ),
    "decide": (
        "assessed",
        lambda app, actor: services.application_decide(
            application=app, actor=actor, outcome="grant", reason_code="strong_case"
        ),
    ),
    "council": (
        "council",
        lambda app, actor: services.council_decision_record(
            application=app,
            actor=actor,
            decided_on=dt.date(YEAR, 4, 1),
            case_number="S-1",
            outcome="approved",
        ),
    ),
    "disburse": (
        "granted",
        lambda app, actor: services.disbursement_record(
            project=app.project, actor=actor, year=YEAR, amount=Decimal("1000.00")
        ),
    ),
}


@pytest.mark.parametrize("step", sorted(STEPS))
@pytest.mark.parametrize("party", oc.PARTIES)
def test_a_party_cannot_take_any_step_on_the_case(party, step):
    stage, act = STEPS[step]
    app, actor = oc.case(party, stage)
    if step == "assess":
        oc.own_assignment(app, actor)
    before = oc.fingerprint(app)
    with pytest.raises(services.FundError) as caught:
        act(app, actor)
    assert oc.fingerprint(app) == before
    if not (party == "conflicted" and step == "assess"):  # refused already: no scores after a conflict
        assert isinstance(caught.value, services.PartyToCase)
        assert str(caught.value.message) == str(permissions.party_to_case_reason(actor, app))


@pytest.mark.parametrize("party", oc.PARTIES)
def test_a_batch_decision_leaves_out_a_party_s_own_case(party):
    app, actor = oc.case(party, "assessed")
    other = f.assessed(title="En anden ansøgning")
    results = services.decisions_batch(
        applications=[app, other], actor=actor, outcome="grant", reason_code="strong_case"
    )
    assert [r.ok for r in results] == [False, True]
    assert results[0].message == str(permissions.party_to_case_reason(actor, app))
    app.refresh_from_db()
    assert app.status == ApplicationStatus.IN_ASSESSMENT


@pytest.mark.parametrize("party", ["applicant", "leader"])
def test_a_party_cannot_be_assigned_as_assessor(party):
    app, actor = oc.case(party, "in_assessment")
    with pytest.raises(services.FundError) as caught:
        services.assessor_assign(application=app, assessor=actor, actor=oc.programme())
    assert caught.value.field == "assessor"
    assert not Assignment.objects.filter(application=app, assessor=actor).exists()


# --- Process order ----------------------------------------------------------------------------------------


def test_no_grant_or_recommendation_before_any_assessment():
    app = f.in_assessment()
    programme = oc.programme()
    for act in (
        lambda: services.application_decide(
            application=app, actor=programme, outcome="grant", reason_code="strong_case"
        ),
        lambda: services.recommendation_record(
            application=app, actor=f.director(), recommendation="recommend"
        ),
    ):
        with pytest.raises(services.FundError) as caught:
            act()
        with translation.override("en"):
            assert "comes after the assessment" in str(caught.value.message)
    app.refresh_from_db()
    assert app.status == ApplicationStatus.IN_ASSESSMENT and not LedgerEntry.objects.exists()


def test_no_grant_while_an_assessor_is_outstanding_and_conflicts_do_not_count():
    app = f.in_assessment()
    programme = oc.programme()
    f.finish_assessment(app, assessor=oc.assessor())
    late = f.user("b2@test.kompas.dk", roles=(oc.RoleCode.ASSESSOR,), name="Lars Langsom")
    services.assessor_assign(application=app, assessor=late, actor=programme)
    progress = selectors.assessment_progress(app)
    assert not progress.done and (len(progress.finished), progress.total) == (1, 2)
    with pytest.raises(services.FundError) as caught:
        services.application_decide(
            application=app, actor=programme, outcome="grant", reason_code="strong_case"
        )
    assert "1" in str(caught.value.message) and "2" in str(caught.value.message)
    # The late assessor declares a conflict: they no longer count, and the assessment is done.
    services.conflict_declare(
        assignment=Assignment.objects.get(application=app, assessor=late),
        actor=late,
        conflict=ConflictGround.CLOSE_RELATION,
    )
    assert selectors.assessment_progress(app).done
    services.recommendation_record(application=app, actor=f.director(), recommendation="recommend")
    result = services.application_decide(
        application=app, actor=programme, outcome="grant", reason_code="strong_case"
    )
    assert result.ok


def test_finishing_an_assessment_needs_every_criterion_in_the_service():
    app = f.in_assessment()
    assessor = oc.assessor()
    assignment = services.assessor_assign(application=app, assessor=assessor, actor=oc.programme())
    services.conflict_declare(assignment=assignment, actor=assessor, conflict=ConflictGround.NONE)
    first = Criterion.objects.filter(fund=app.round.fund, is_active=True).first()
    with pytest.raises(services.FundError):
        services.scores_save(assignment=assignment, actor=assessor, scores={first.pk: (4, "")}, finish=True)
    assignment.refresh_from_db()
    assert assignment.submitted_at is None and not selectors.assessment_progress(app).done


def test_a_rejection_needs_no_finished_assessment():
    app = f.in_assessment()
    services.application_decide(
        application=app, actor=oc.programme(), outcome="reject", reason_code="priority"
    )
    app.refresh_from_db()
    assert app.status == ApplicationStatus.REJECTED


def test_the_council_cannot_approve_an_application_that_skipped_assessment():
    app = f.in_assessment(amount=Decimal("2500000.00"))
    app.__class__.objects.filter(pk=app.pk).update(status=ApplicationStatus.AWAITING_COUNCIL)
    with pytest.raises(services.FundError):
        services.council_decision_record(
            application=app,
            actor=oc.programme(),
            decided_on=dt.date(YEAR, 4, 1),
            case_number="S-1",
            outcome="approved",
        )
    assert not LedgerEntry.objects.exists()


# --- Pages ----------------------------------------------------------------------------------------------


VIEW_STEPS = {
    "screen": ("submitted", "fund:screen", lambda app: {"screen-decision": "accept"}),
    "recommend": ("assessed", "fund:recommend", lambda app: {"rec-recommendation": "recommend"}),
    "decide": (
        "assessed",
        "fund:decide",
        lambda app: {"dec-outcome": "grant", "dec-reason_code": "strong_case"},
    ),
    "shortlist": ("in_assessment", "fund:shortlist", lambda app: {"shortlisted": "1"}),
}


@pytest.mark.parametrize("step", sorted(VIEW_STEPS))
@pytest.mark.parametrize("party", ["applicant", "leader"])
def test_a_party_is_refused_on_the_page_with_the_reason(client, party, step):
    stage, url_name, data = VIEW_STEPS[step]
    app, actor = oc.case(party, stage)
    before = oc.fingerprint(app)
    client.force_login(actor)
    page = _page(client, client.post(reverse(url_name, args=[app.pk]), data(app)))
    assert oc.fingerprint(app) == before
    assert _danish(permissions.party_to_case_reason(actor, app)) in page


@pytest.mark.parametrize("party", oc.PARTIES)
def test_the_case_page_hides_the_steps_from_a_party(client, party):
    app, actor = oc.case(party, "submitted")
    client.force_login(actor)
    page = client.get(reverse("fund:manage-application", args=[app.pk])).content.decode()
    assert _danish(permissions.party_to_case_reason(actor, app)) in page
    assert reverse("fund:screen", args=[app.pk]) not in page
    client.force_login(oc.programme())
    page = client.get(reverse("fund:manage-application", args=[app.pk])).content.decode()
    assert reverse("fund:screen", args=[app.pk]) in page


def test_an_applicant_who_is_assessor_cannot_score_on_the_page(client):
    app, actor = oc.case("applicant", "in_assessment")
    assignment = oc.own_assignment(app, actor)
    client.force_login(actor)
    page = client.get(reverse("fund:assess", args=[assignment.pk])).content.decode()
    assert _danish(permissions.party_to_case_reason(actor, app)) in page and 'name="finish"' not in page
    data = {f"score_{c.pk}": "5" for c in Criterion.objects.filter(fund=app.round.fund, is_active=True)}
    page = _page(client, client.post(reverse("fund:assess", args=[assignment.pk]), {**data, "finish": "1"}))
    assert not assignment.scores.exists()


def test_a_grant_without_finished_assessment_is_refused_on_the_page(client):
    app = f.in_assessment()
    programme = oc.programme()
    client.force_login(programme)
    page = _page(
        client,
        client.post(
            reverse("fund:decide", args=[app.pk]), {"dec-outcome": "grant", "dec-reason_code": "strong_case"}
        ),
    )
    app.refresh_from_db()
    assert app.status == ApplicationStatus.IN_ASSESSMENT
    with pytest.raises(services.FundError) as caught:
        services.application_decide(
            application=app, actor=programme, outcome="grant", reason_code="strong_case"
        )
    assert _danish(caught.value.message) in page


def test_the_normal_path_works_and_the_case_page_shows_who_did_what(client):
    programme = oc.programme()
    director = f.user("direktoer@test.kompas.dk", roles=oc.EVERY_FUND_ROLE, name="Dina Direktør")
    app = f.application()
    DirectorsGroupMember.objects.create(fund=app.round.fund, user=director, title="Direktør")
    client.force_login(programme)
    client.post(reverse("fund:screen", args=[app.pk]), {"screen-decision": "accept"})
    client.post(reverse("fund:assign", args=[app.pk]), {"assign-assessor": oc.assessor().pk})
    assignment = Assignment.objects.get(application=app)
    client.force_login(oc.assessor())
    client.post(reverse("fund:assess", args=[assignment.pk]), {"conflict": ConflictGround.NONE})
    data = {f"score_{c.pk}": "4" for c in Criterion.objects.filter(fund=app.round.fund, is_active=True)}
    client.post(reverse("fund:assess", args=[assignment.pk]), {**data, "finish": "1"})
    client.force_login(director)
    client.post(reverse("fund:recommend", args=[app.pk]), {"rec-recommendation": "recommend"})
    client.force_login(programme)
    client.post(
        reverse("fund:decide", args=[app.pk]), {"dec-outcome": "grant", "dec-reason_code": "strong_case"}
    )
    app.refresh_from_db()
    assert app.status == ApplicationStatus.GRANTED and app.project
    assert (app.screened_by, app.recommended_by, app.decided_by) == (programme, director, programme)
    assert app.screened_at and app.recommended_at and app.decided_at
    page = client.get(reverse("fund:manage-application", args=[app.pk])).content.decode()
    steps = page[page.index('id="case-steps"') :]
    for name in ("Pia Fond", "Bent Bedømmer", "Dina Direktør"):
        assert name in steps
    assert app.screened_at.strftime("%Y") in steps


def test_the_council_decision_records_who_recorded_it(client):
    app, _actor = oc.case("conflicted", "council")
    programme = oc.programme()
    client.force_login(programme)
    client.post(
        reverse("fund:council", args=[app.pk]),
        {"decided_on": f"{YEAR}-04-01", "case_number": "S-2", "outcome": "approved"},
    )
    app.refresh_from_db()
    assert app.status == ApplicationStatus.GRANTED
    assert app.council_recorded_by == programme and app.council_recorded_at
    page = client.get(reverse("fund:manage-application", args=[app.pk])).content.decode()
    assert page[page.index('id="case-steps"') :].count("Pia Fond") >= 3  # screened, decided, council


@pytest.mark.parametrize("party", ["applicant", "leader"])
def test_a_party_reads_no_assessment_of_their_own_case(client, party):
    """Programme staff who applied (or confirmed for a department) see neither who assessed nor the scores:
    not on the case page, not in the round's overview, not on the decision page."""
    app, actor = oc.case(party, "assessed")
    assessor_name = oc.assessor().full_name
    client.force_login(actor)
    response = client.get(reverse("fund:manage-application", args=[app.pk]))
    assert response.status_code == 403
    page = response.content.decode()
    assert _danish(permissions.party_to_case_reason(actor, app)) in page
    assert assessor_name not in page
    for url_name in ("fund:overview", "fund:decisions"):
        page = client.get(reverse(url_name, args=[app.round_id])).content.decode()
        assert app.title in page
        assert _danish(_("Not shown: you are a party to this case.")) in page
    # Another member of the programme staff sees the assessment as before.
    client.force_login(oc.programme())
    page = client.get(reverse("fund:manage-application", args=[app.pk])).content.decode()
    assert assessor_name in page
    page = client.get(reverse("fund:overview", args=[app.round_id])).content.decode()
    assert _danish(_("Not shown: you are a party to this case.")) not in page


@pytest.mark.parametrize("party", ["applicant", "leader"])
def test_the_decision_page_does_not_offer_a_party_their_own_case(client, party):
    app, actor = oc.case(party, "assessed")
    other = f.assessed(title="En anden ansøgning", round_=app.round)
    client.force_login(actor)
    response = client.get(reverse("fund:decisions", args=[app.round_id]))
    choices = {choice.data["value"].value for choice in response.context["form"]["applications"]}
    assert other.pk in choices
    assert app.pk not in choices
