"""The city council's place: committees and their fields, the proposals' council stage, the digest, the group
chairs' view and the yearly evaluation, checked against the data behind them."""

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core import mail
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from kompas.council import selectors, services
from kompas.council.choices import CommitteeKind
from kompas.council.tests import factories
from kompas.fund.choices import ApplicationStatus, LedgerKind, ProjectStatus
from kompas.fund.models import Application, EffectReport, LedgerEntry, PoolYear, Project, Round
from kompas.fund.tests import factories as fund_factories
from kompas.organisations.models import Department
from kompas.proposals import services as proposal_services
from kompas.proposals.choices import ProposalStatus
from kompas.proposals.tests import factories as proposal_factories

pytestmark = pytest.mark.django_db

TZ = timezone.get_current_timezone()


def _at(day: dt.date, hour: int = 12) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour), tzinfo=TZ)


def _department(slug: str) -> Department:
    return Department.objects.get(slug=slug)


def _round(*, title: str, closes: dt.date, sealed: bool = False) -> Round:
    pool = fund_factories.cross_pool()
    return Round.objects.create(
        fund=pool.fund,
        pool=pool,
        title=title,
        opens_at=_at(closes - dt.timedelta(days=30)),
        closes_at=_at(closes),
        sealed=sealed,
    )


def _application(round_: Round, *, title: str, status: str, amount: str = "500000", **extra) -> Application:
    applicant = fund_factories.user("ansoeger@test.kompas.dk", name="Anna Ansøger")
    return Application.objects.create(
        round=round_,
        applicant=applicant,
        title=title,
        status=status,
        amount=Decimal(amount),
        submitted_at=round_.closes_at - dt.timedelta(days=2),
        summary=f"{title}: hemmeligt resumé",
        **extra,
    )


def _project(title: str, slug: str, *, started: dt.date | None = None, status: str = ProjectStatus.RUNNING):
    round_ = _round(
        title=f"Runde for {title}", closes=(started or timezone.localdate()) - dt.timedelta(days=40)
    )
    application = _application(
        round_, title=title, status=ApplicationStatus.GRANTED, granted_amount=Decimal("250000")
    )
    return Project.objects.create(
        application=application,
        title=title,
        lead_department=_department(slug),
        started_on=started or timezone.localdate(),
        status=status,
    )


def _send_on(proposal, *to: str):
    for status in to:
        proposal = proposal_services.proposal_transition(
            proposal=proposal, actor=proposal.author, to_status=status
        )
    return proposal


@pytest.fixture
def seats(role_users):
    member = factories.politician("bu-udvalg@test.kompas.dk", "Birgit Udvalgsmedlem")
    factories.seat(member, "boern-og-unge-udvalget")
    oeu = factories.politician("oeu@test.kompas.dk", "Ole Økonomiudvalg")
    factories.seat(oeu, "oekonomiudvalget")
    chair = factories.politician("gruppeformand@test.kompas.dk", "Grete Gruppeformand")
    factories.seat(chair, "teknik-og-miljoeudvalget", group_chair=True)
    outsider = factories.politician("uden-udvalg@test.kompas.dk", "Uffe Udenudvalg")
    return {"member": member, "oeu": oeu, "chair": chair, "outsider": outsider}


def _client(client, user):
    client.force_login(user)
    return client


# --- Committees as data ------------------------------------------------------------------------------------


def test_the_default_committees_map_the_departments_and_say_which_are_our_default():
    committees = factories.committees()
    oeu = committees["oekonomiudvalget"]
    assert oeu.kind == CommitteeKind.ECONOMIC and oeu.from_seeds
    assert oeu.departments.count() == Department.objects.count() == 6
    assert committees["magistraten"].kind == CommitteeKind.MAGISTRATE
    standing = [c for c in committees.values() if c.kind == CommitteeKind.STANDING]
    assert len(standing) == 5 and not any(c.from_seeds for c in standing)
    assert {d.slug for d in committees["boern-og-unge-udvalget"].departments.all()} == {"boern-og-unge"}
    assert "Standardformulering" in committees["sundheds-og-omsorgsudvalget"].description


def test_only_a_member_of_the_city_council_can_sit_on_a_committee(role_users):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as caught:
        factories.seat(role_users["employee"], "boern-og-unge-udvalget")
    assert "Kun et medlem af byrådet" in " ".join(caught.value.messages)


# --- A committee's field -----------------------------------------------------------------------------------


def test_a_standing_committee_member_sees_only_the_projects_of_the_field(client, seats):
    _project("Lektiehjælp i klubben", "boern-og-unge")
    _project("Grønne tage på Godsbanen", "teknik-og-miljoe")
    page = _client(client, seats["member"]).get(reverse("council:committee", args=["boern-og-unge-udvalget"]))
    text = page.content.decode()
    assert page.status_code == 200
    assert "Lektiehjælp i klubben" in text
    assert "Grønne tage på Godsbanen" not in text
    # Another committee's page is the same 404 as a missing one.
    assert client.get(reverse("council:committee", args=["teknik-og-miljoeudvalget"])).status_code == 404
    assert client.get(reverse("council:committee", args=["findes-ikke"])).status_code == 404


def test_the_finance_committee_sees_all_departments_in_general_terms(client, seats):
    _project("Lektiehjælp i klubben", "boern-og-unge")
    _project("Grønne tage på Godsbanen", "teknik-og-miljoe")
    _project("Velfærdsteknologi i hjemmeplejen", "sundhed-og-omsorg", status=ProjectStatus.COMPLETED)
    page = _client(client, seats["oeu"]).get(reverse("council:committee", args=["oekonomiudvalget"]))
    text = page.content.decode()
    assert page.status_code == 200
    # In general terms: counts and money per department, not the projects' names.
    assert "Lektiehjælp i klubben" not in text
    lines = {line.department.slug: line for line in page.context["lines"]}
    assert lines["boern-og-unge"].running == 1 and lines["teknik-og-miljoe"].running == 1
    assert lines["sundhed-og-omsorg"].completed == 1 and lines["kultur-og-borgerservice"].running == 0
    assert page.context["totals"]["granted"] == Decimal("750000")
    assert "750.000 kr." in text


def test_the_council_start_page_lists_the_members_own_committees(client, seats):
    text = _client(client, seats["member"]).get(reverse("council:index")).content.decode()
    assert "Børn og Unge-udvalget" in text and "Teknik- og Miljøudvalget" not in text
    text = _client(client, seats["outsider"]).get(reverse("council:index")).content.decode()
    assert "Du er ikke medlem af et udvalg" in text


# --- Proposals from the council stage ----------------------------------------------------------------------


@pytest.fixture
def proposal(role_users):
    return proposal_factories.proposal(title="Skolecykler til alle")


def test_a_politician_reads_a_proposal_only_from_the_configured_stage(client, seats, proposal, role_users):
    detail = reverse("proposals:detail", args=[proposal.pk])
    docx = reverse("proposals:export-docx", args=[proposal.pk])
    client = _client(client, seats["outsider"])
    assert client.get(detail).status_code == 404  # a draft
    proposal = _send_on(proposal, ProposalStatus.MAGISTRATE)
    assert client.get(detail).status_code == 404  # Magistraten: not yet, by default
    assert client.get(docx).status_code == 404
    with override_settings(KOMPAS_PROPOSALS_POLITICIANS_FROM="magistrate"):
        assert client.get(detail).status_code == 200
    proposal = _send_on(proposal, ProposalStatus.COMMITTEE)
    page = client.get(detail)
    assert page.status_code == 200
    assert "Skolecykler til alle" in page.content.decode()
    assert "Kommentarer fra kolleger" not in page.content.decode()  # the staff's comments stay theirs
    assert client.get(docx).status_code == 200
    # A citizen still gets nothing.
    client.force_login(role_users["citizen"])
    assert client.get(detail).status_code == 403


def test_the_history_and_search_follow_the_same_stage(client, seats, proposal):
    from kompas.core import object_access

    history = reverse(
        "activity:history",
        kwargs={"type_id": ContentType.objects.get_for_model(proposal).pk, "object_id": proposal.pk},
    )
    outsider = seats["outsider"]
    client = _client(client, outsider)
    proposal = _send_on(proposal, ProposalStatus.MAGISTRATE)
    assert object_access.get_for_user(user=outsider, label="proposals.proposal", pk=proposal.pk) is None
    search = client.get(reverse("core:search"), {"q": "Skolecykler"})
    assert "Skolecykler til alle" not in search.content.decode()
    _send_on(proposal, ProposalStatus.COMMITTEE)
    assert object_access.get_for_user(user=outsider, label="proposals.proposal", pk=proposal.pk) == proposal
    search = client.get(reverse("core:search"), {"q": "Skolecykler"})
    assert "Skolecykler til alle" in search.content.decode()
    # The audit trail itself stays the staff's page (who did what in the administration).
    assert client.get(history).status_code == 403
    # The open API holds published proposals only: a proposal in committee is not open data.
    listing = client.get("/api/open/proposals").json()
    assert all(item["title"] != "Skolecykler til alle" for item in listing["items"])


def test_the_committee_page_lists_the_proposals_of_its_field_at_the_stage(client, seats, proposal):
    other = proposal_factories.proposal(title="Grønne gårde", department_slug="teknik-og-miljoe")
    _send_on(proposal, ProposalStatus.MAGISTRATE, ProposalStatus.COMMITTEE)
    _send_on(other, ProposalStatus.MAGISTRATE, ProposalStatus.COMMITTEE)
    text = _client(client, seats["member"]).get(reverse("council:committee", args=["boern-og-unge-udvalget"]))
    assert "Skolecykler til alle" in text.content.decode()
    assert "Grønne gårde" not in text.content.decode()


# --- The calm digest ---------------------------------------------------------------------------------------


def test_the_digest_is_sent_once_a_period_and_only_with_news_in_the_field(seats):
    today = timezone.localdate()
    last_month = today.replace(day=1) - dt.timedelta(days=1)
    _project("Lektiehjælp i klubben", "boern-og-unge", started=last_month)
    mail.outbox.clear()
    assert services.committee_digests_send(today=today) == 2  # the BU member and Økonomiudvalget's member
    recipients = sorted(address for message in mail.outbox for address in message.to)
    assert recipients == ["bu-udvalg@test.kompas.dk", "oeu@test.kompas.dk"]
    message = next(m for m in mail.outbox if m.to == ["bu-udvalg@test.kompas.dk"])
    assert "Børn og Unge-udvalget: 1 nyt punkt" in message.subject
    assert "Lektiehjælp i klubben" in message.body
    # a link the member can open from the mail, on the site's own address
    assert f"{settings.KOMPAS_SITE_URL}/council/committees/boern-og-unge-udvalget/" in message.body
    # Run again (the task runs daily): nothing more this period.
    assert services.committee_digests_send(today=today) == 0
    assert len(mail.outbox) == 2


# --- The group chairs' view --------------------------------------------------------------------------------


def test_group_chairs_see_the_projects_in_development_in_general_terms(client, seats):
    open_round = _round(title="Forårsrunden", closes=timezone.localdate() - dt.timedelta(days=3))
    _application(
        open_round, title="Digital tandpleje", status=ApplicationStatus.IN_ASSESSMENT, amount="800000"
    )
    _application(open_round, title="Kladden", status=ApplicationStatus.DRAFT)
    sealed = Round.objects.create(
        fund=open_round.fund,
        pool=open_round.pool,
        title="Lukket runde",
        opens_at=timezone.now() - dt.timedelta(days=3),
        closes_at=timezone.now() + dt.timedelta(days=10),
        sealed=True,
    )
    _application(sealed, title="Forseglet idé", status=ApplicationStatus.SUBMITTED)
    page = _client(client, seats["chair"]).get(reverse("council:development"))
    text = page.content.decode()
    assert page.status_code == 200
    assert "Digital tandpleje" in text and "800.000 kr." in text
    assert "hemmeligt resumé" not in text and "Kladden" not in text and "Forseglet idé" not in text
    assert "1 ansøgning mere" in text
    assert _client(client, seats["member"]).get(reverse("council:development")).status_code == 403


# --- The yearly evaluation ---------------------------------------------------------------------------------


@pytest.fixture
def year_of_data(role_users):
    year = 2031
    deadline = dt.date(year, 3, 1)
    round_ = _round(title="Forårsrunden 2031", closes=deadline)
    granted = _application(
        round_,
        title="Robotter",
        status=ApplicationStatus.GRANTED,
        granted_amount=Decimal("400000.50"),
        decided_at=_at(deadline + dt.timedelta(days=10)),
    )
    _application(
        round_,
        title="Afvist",
        status=ApplicationStatus.REJECTED,
        decided_at=_at(deadline + dt.timedelta(days=20)),
    )
    _application(
        round_,
        title="Frasorteret",
        status=ApplicationStatus.SCREENED_OUT,
        screened_at=_at(deadline + dt.timedelta(days=4)),
    )
    _application(round_, title="Venter", status=ApplicationStatus.RECOMMENDED)
    _application(round_, title="Trukket", status=ApplicationStatus.WITHDRAWN)
    _round(title="Efterårsrunden 2030", closes=dt.date(year - 1, 9, 1))
    pool_year = PoolYear.objects.create(pool=round_.pool, year=year, budget=Decimal("1000000"))
    for kind, amount in [
        (LedgerKind.COMMITMENT, "400000.50"),
        (LedgerKind.RELEASE, "50000"),
        (LedgerKind.DISBURSEMENT, "150000"),
    ]:
        LedgerEntry.objects.create(
            pool_year=pool_year, kind=kind, amount=Decimal(amount), application=granted
        )
    project = Project.objects.create(
        application=granted,
        title="Robotter",
        lead_department=_department("sundhed-og-omsorg"),
        started_on=deadline,
    )
    for end, gain in [
        (dt.date(year, 6, 30), "30000"),
        (dt.date(year, 12, 31), "45000"),
        (dt.date(year + 1, 6, 30), "1"),
    ]:
        EffectReport.objects.create(
            project=project,
            author=role_users["programme"],
            period_start=end.replace(day=1),
            period_end=end,
            what_was_done="Vi prøvede robotterne.",
            economic_gain_realised=Decimal(gain),
        )
    return year


def test_the_evaluation_figures_come_from_the_data(year_of_data):
    report = selectors.evaluation(year=year_of_data)
    (line,) = report.rounds
    assert (line.applications, line.granted, line.not_granted, line.waiting) == (4, 1, 2, 1)
    assert line.granted_amount == Decimal("400000.50")
    assert (line.median_days, line.longest_days) == (10.0, 20)  # answers after 10, 20 and 4 days
    (money,) = report.money
    assert money.budget == Decimal("1000000")
    assert money.committed == Decimal("350000.50")
    assert money.disbursed == Decimal("150000")
    assert money.released == Decimal("50000")
    assert money.remaining == Decimal("649999.50")
    assert report.reports == 2 and report.gain == Decimal("75000")
    assert report.projects_started == 1
    assert isinstance(report.gain, Decimal)


def test_the_evaluation_page_and_word_file_show_the_figures_in_danish(client, seats, year_of_data):
    client = _client(client, seats["outsider"])
    page = client.get(reverse("council:evaluation"), {"year": year_of_data})
    text = page.content.decode()
    assert page.status_code == 200
    assert "Byrådets evaluering af udviklingspuljen 2031" in text
    assert "400.000,50 kr." in text and "649.999,50 kr." in text and "75.000 kr." in text
    response = client.get(reverse("council:evaluation-docx"), {"year": year_of_data})
    assert response.status_code == 200
    import docx

    document = docx.Document(io.BytesIO(response.content))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    assert (
        "400.000,50 kr." in cells
        and "50.000 kr." in cells
        and "Forårsrunden 2031 (Den tværgående innovationspulje)" in cells
    )
    assert "byraadets-evaluering-2031.docx" in response["Content-Disposition"]


def test_the_evaluation_pdf_holds_the_figures(client, seats, year_of_data):
    pytest.importorskip("weasyprint")
    from pypdf import PdfReader

    response = _client(client, seats["outsider"]).get(
        reverse("council:evaluation-pdf"), {"year": year_of_data}
    )
    assert response.status_code == 200
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert "400.000,50 kr." in text


# --- Dialogues: politicians take part as politicians -------------------------------------------------------


def test_a_politician_joins_a_forum_as_a_politician_and_only_they_can(seats, role_users):
    from kompas.dialogues.forms import JoinForm

    form = JoinForm(user=seats["outsider"])
    assert form.fields["stakeholder_type"].initial == "politician"
    citizen_form = JoinForm({"stakeholder_type": "politician"}, user=role_users["citizen"])
    assert "politician" not in dict(citizen_form.fields["stakeholder_type"].choices)
    assert not citizen_form.is_valid()


# --- Demo data ---------------------------------------------------------------------------------------------


def test_the_demo_seats_politicians_on_every_committee_and_runs_twice_the_same():
    import random

    from kompas.council import demo
    from kompas.council.models import CommitteeMembership
    from kompas.demo.builders import DemoContext

    ctx = DemoContext(scale="small", rng=random.Random(1))
    demo.build(ctx)
    seats = CommitteeMembership.objects.count()
    demo.build(ctx)
    assert CommitteeMembership.objects.count() == seats == sum(demo.SMALL_SEATS.values())
    login = ctx.users["byraadsmedlem"]
    membership = CommitteeMembership.objects.get(user=login, committee__slug="boern-og-unge-udvalget")
    assert membership.is_group_chair and "politician" in login.role_codes()
    assert all(c.memberships.exists() for c in factories.committees().values())


def test_only_a_politician_joins_as_a_politician_through_the_api(client, seats, role_users):
    from kompas.dialogues.tests import factories as dialogue_factories

    forum = dialogue_factories.forum()
    url = f"/api/dialogues/{forum.pk}/participants"
    client.force_login(role_users["citizen"])
    refused = client.post(url, {"stakeholder_type": "politician"}, content_type="application/json")
    assert refused.status_code == 400
    assert refused.json()["detail"] == "Kun et medlem af byrådet deltager som politiker."
    client.force_login(seats["outsider"])
    joined = client.post(url, {"stakeholder_type": "politician"}, content_type="application/json")
    assert joined.status_code == 200 and joined.json()["stakeholder_type"] == "politician"


# --- The configured stage is checked -----------------------------------------------------------------------


def test_an_unknown_council_stage_is_a_configuration_error():
    from kompas.proposals.checks import check_politician_stage

    assert check_politician_stage() == []
    with override_settings(KOMPAS_PROPOSALS_POLITICIANS_FROM="council_first"):
        (error,) = check_politician_stage()
    assert error.id == "kompas.E201"
