"""Pages: the applicant's path, assessor access, sealed rounds, leaks of internal things, query counts."""

import datetime as dt
import json
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kompas.core.roles import RoleCode
from kompas.fund import services
from kompas.fund.choices import ApplicationStatus, ConflictGround
from kompas.fund.models import Application, Criterion, SealedPeek
from kompas.fund.tests import factories as f

pytestmark = pytest.mark.django_db
YEAR = f.YEAR


@pytest.fixture
def programme(db):
    return f.user("pf@test.kompas.dk", roles=(RoleCode.EMPLOYEE, RoleCode.PROGRAMME), name="Pia Fond")


@pytest.fixture
def assessor(db):
    return f.user("bedoemmer@test.kompas.dk", roles=(RoleCode.ASSESSOR,), name="Bent Bedømmer")


def _login(client, user):
    client.logout()
    client.force_login(user)
    return client


def test_applicant_writes_a_draft_and_sees_the_business_case_message(client):
    applicant = f.user("forening@test.kompas.dk", roles=(RoleCode.PARTNER,), name="Foreningen")
    round_ = f.open_round()
    _login(client, applicant)
    response = client.post(reverse("fund:apply", args=[round_.pk]), {"title": "Cykelvenner"})
    app = Application.objects.get(title="Cykelvenner")
    assert response.status_code == 302 and response["Location"] == reverse("fund:edit", args=[app.pk])
    data = {
        "title": "Cykelvenner",
        "summary": "Frivillige cykler med ældre",
        "amount": "150.000,00",
        "first_year": str(YEAR),
        "last_year": str(YEAR),
        "budget-year_0": str(YEAR),
        "budget-amount_0": "150.000,00",
    }
    response = client.post(reverse("fund:autosave", args=[app.pk]), data)
    assert response.status_code == 200
    assert "gemt" in response.content.decode()
    app.refresh_from_db()
    assert app.summary == "Frivillige cykler med ældre" and app.amount == Decimal("150000.00")
    assert app.budget_lines.get().amount == Decimal("150000.00")
    response = client.post(reverse("fund:edit", args=[app.pk]), {**data, "submit": "1"}, follow=True)
    page = response.content.decode()
    assert "businesscase" in page.lower()
    assert "hovedkriterium" in page.lower()
    app.refresh_from_db()
    assert app.status == ApplicationStatus.DRAFT


def test_a_form_error_keeps_what_was_typed(client):
    app = f.application(submit=False)
    _login(client, app.applicant)
    response = client.post(
        reverse("fund:edit", args=[app.pk]),
        {
            "title": "Ny titel",
            "summary": "Mit resumé",
            "first_year": "2030",
            "last_year": "2029",
            "save": "1",
        },
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Mit resumé" in page and "form-error-message" in page


def _blank_pdf() -> bytes:
    import io

    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def test_attachment_upload_limits_through_the_page(client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    app = f.application(submit=False)
    _login(client, app.applicant)
    client.post(reverse("fund:attachment-add", args=[app.pk]), {"file": SimpleUploadedFile("a.exe", b"MZ")})
    assert app.attachments.count() == 0
    client.post(
        reverse("fund:attachment-add", args=[app.pk]), {"file": SimpleUploadedFile("a.pdf", b"%PDF-1.4")}
    )
    assert app.attachments.count() == 0  # cannot be read, so cannot be checked for CPR numbers
    client.post(
        reverse("fund:attachment-add", args=[app.pk]), {"file": SimpleUploadedFile("a.pdf", _blank_pdf())}
    )
    attachment = app.attachments.get()
    assert client.get(reverse("fund:attachment", args=[attachment.pk])).status_code == 200


def test_department_leader_confirms(client):
    app = f.application(submit=False)
    leader, department = f.department_leader()
    services.co_applicant_add(application=app, department=department, actor=app.applicant)
    _login(client, leader)
    co = app.co_applicants.get()
    assert app.title in client.get(reverse("fund:confirmations")).content.decode()
    response = client.post(reverse("fund:confirm", args=[co.pk]), {"answer": "yes"})
    assert response.status_code == 302
    co.refresh_from_db()
    assert co.status == "confirmed"
    # A leader of another department cannot answer.
    other, _d = f.department_leader(email="anden@test.kompas.dk", slug="teknik-og-miljoe")
    _login(client, other)
    assert client.get(reverse("fund:confirm", args=[co.pk])).status_code == 404


def test_assessor_must_declare_before_seeing_the_application(client, programme, assessor):
    app = f.in_assessment(summary="HEMMELIGT-INDHOLD")
    assignment = services.assessor_assign(application=app, assessor=assessor, actor=programme)
    _login(client, assessor)
    page = client.get(reverse("fund:assess", args=[assignment.pk])).content.decode()
    assert "forvaltningsloven" in page and "HEMMELIGT-INDHOLD" not in page
    client.post(reverse("fund:assess", args=[assignment.pk]), {"conflict": ConflictGround.PERSONAL_INTEREST})
    page = client.get(reverse("fund:assess", args=[assignment.pk])).content.decode()
    assert "HEMMELIGT-INDHOLD" not in page and "inhabil" in page.lower()
    # Someone else's assignment is not found; citizens are refused.
    other = f.user("b2@test.kompas.dk", roles=(RoleCode.ASSESSOR,))
    _login(client, other)
    assert client.get(reverse("fund:assess", args=[assignment.pk])).status_code == 404
    _login(client, app.applicant)
    assert client.get(reverse("fund:assess", args=[assignment.pk])).status_code == 403
    assert client.get(reverse("fund:assessor-home")).status_code == 403


def test_assessor_scores_and_anonymised_applicant(client, programme, assessor):
    round_ = f.open_round(anonymise=True)
    app = f.in_assessment(round_=round_)
    assignment = services.assessor_assign(application=app, assessor=assessor, actor=programme)
    _login(client, assessor)
    client.post(reverse("fund:assess", args=[assignment.pk]), {"conflict": ConflictGround.NONE})
    page = client.get(reverse("fund:assess", args=[assignment.pk])).content.decode()
    assert app.summary in page and "Anna Ansøger" not in page
    criteria = Criterion.objects.filter(fund=round_.fund, is_active=True)
    data = {f"score_{c.pk}": "4" for c in criteria}
    data[f"score_{criteria.filter(is_main=False)[0].pk}"] = "na"  # the main criterion is never n/a
    data["finish"] = "1"
    response = client.post(reverse("fund:assess", args=[assignment.pk]), data)
    assert response.status_code == 302
    assert assignment.scores.filter(value__isnull=True).count() == 1
    assert assignment.scores.filter(value=4).count() == criteria.count() - 1


def test_finishing_needs_every_criterion(client, programme, assessor):
    app = f.in_assessment()
    assignment = services.assessor_assign(application=app, assessor=assessor, actor=programme)
    services.conflict_declare(assignment=assignment, actor=assessor, conflict=ConflictGround.NONE)
    _login(client, assessor)
    response = client.post(reverse("fund:assess", args=[assignment.pk]), {"finish": "1"})
    assert response.status_code == 200 and "form-error-message" in response.content.decode()


def test_advisory_board_sees_only_the_shortlist(client, programme):
    advisor = f.user("advisory@test.kompas.dk", roles=(RoleCode.ADVISORY,))
    app = f.assessed(recommend=False)
    _login(client, advisor)
    assert client.get(reverse("fund:advisory-application", args=[app.pk])).status_code == 404
    services.shortlist_set(application=app, actor=programme, shortlisted=True)
    response = client.post(reverse("fund:advisory-application", args=[app.pk]), {"text": "Godt forslag"})
    assert response.status_code == 302 and app.advisory_comments.count() == 1
    assert client.get(reverse("fund:manage")).status_code == 403


def test_sealed_round_asks_and_logs_a_peek(client, programme):
    round_ = f.open_round(sealed=True)
    app = f.application(round_=round_)
    _login(client, programme)
    page = client.get(reverse("fund:manage-application", args=[app.pk])).content.decode()
    assert app.summary not in page and "forsegl" in page.lower()
    client.post(reverse("fund:peek", args=[app.pk]), {"reason": "Kontrol af fejl"})
    assert SealedPeek.objects.filter(application=app, user=programme, reason="Kontrol af fejl").exists()
    assert app.summary in client.get(reverse("fund:manage-application", args=[app.pk])).content.decode()


def test_other_peoples_drafts_are_not_found(client, programme):
    app = f.application(submit=False)
    _login(client, f.user("someone@test.kompas.dk"))
    assert client.get(reverse("fund:application", args=[app.pk])).status_code == 404
    assert client.get(reverse("fund:edit", args=[app.pk])).status_code == 404
    _login(client, programme)
    assert client.get(reverse("fund:manage-application", args=[app.pk])).status_code == 404


def test_council_bound_page_and_decision(client, programme):
    app = f.assessed(amount=Decimal("2500000.00"))
    _login(client, programme)
    page = client.get(reverse("fund:manage-application", args=[app.pk])).content.decode()
    assert "byrådet" in page.lower()
    client.post(
        reverse("fund:decide", args=[app.pk]), {"dec-outcome": "grant", "dec-reason_code": "strong_case"}
    )
    app.refresh_from_db()
    assert app.status == ApplicationStatus.AWAITING_COUNCIL
    response = client.post(
        reverse("fund:council", args=[app.pk]),
        {"decided_on": f"{YEAR}-04-01", "case_number": "S-2024-1", "outcome": "approved"},
    )
    assert response.status_code == 302
    app.refresh_from_db()
    assert app.status == ApplicationStatus.GRANTED and app.project


def test_account_page_csv_and_pdf(client, programme):
    app = f.assessed()
    services.application_decide(application=app, actor=programme, outcome="grant", reason_code="strong_case")
    services.effect_report_create(
        project=app.project,
        actor=app.applicant,
        period_start=dt.date(YEAR, 1, 1),
        period_end=dt.date(YEAR, 3, 31),
        what_was_done="Prøvet af",
        economic_gain_realised=Decimal("12345.00"),
        learning="",
        shareable=False,
    )
    _login(client, programme)
    page = client.get(reverse("fund:account", args=["boern-og-unge", YEAR])).content.decode()
    assert app.title in page and "12.345 kr." in page
    csv_text = client.get(reverse("fund:account-csv", args=["boern-og-unge", YEAR])).content.decode(
        "utf-8-sig"
    )
    assert app.title in csv_text and "12345.00" in csv_text
    response = client.get(reverse("fund:account-pdf", args=["boern-og-unge", YEAR]))
    # WeasyPrint must make the PDF here (it needs Pango: see README); its absence is its own test below.
    assert response.status_code == 200, "no PDF: is WeasyPrint (with Pango) installed?"
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")


def test_pdf_failure_keeps_the_page_working(client, programme, monkeypatch):
    import sys

    monkeypatch.setitem(sys.modules, "weasyprint", None)  # the import fails
    _login(client, programme)
    response = client.get(reverse("fund:account-pdf", args=["boern-og-unge", YEAR]), follow=True)
    assert response.redirect_chain == [(reverse("fund:account", args=["boern-og-unge", YEAR]), 302)]
    assert response.status_code == 200
    assert [m.level_tag for m in response.context["messages"]] == ["error"]


# --- Marker strings: internal things never reach the applicant or the public ---------------------------

MARKERS = {
    "score": "MARK-SCORE-COMMENT-7f3",
    "conflict": "MARK-CONFLICT-NOTE-91a",
    "advisory": "MARK-ADVISORY-55c",
    "screening": "MARK-SCREENING-2b1",
    "recommendation": "MARK-RECOMMEND-0d4",
    "draft": "MARK-OTHER-DRAFT-e88",
}


def _plant(programme, assessor):
    app = f.in_assessment(title="Markørprojekt")
    Application.objects.filter(pk=app.pk).update(screening_note=MARKERS["screening"])
    a = services.assessor_assign(application=app, assessor=assessor, actor=programme)
    services.conflict_declare(assignment=a, actor=assessor, conflict=ConflictGround.NONE)
    criteria = list(Criterion.objects.filter(fund=app.round.fund, is_active=True))
    services.scores_save(
        assignment=a,
        actor=assessor,
        scores={c.pk: (5, MARKERS["score"] if i == 0 else "") for i, c in enumerate(criteria)},
        finish=True,
    )
    conflicted = f.user("b3@test.kompas.dk", roles=(RoleCode.ASSESSOR,))
    a2 = services.assessor_assign(application=app, assessor=conflicted, actor=programme)
    services.conflict_declare(assignment=a2, actor=conflicted, conflict="nr3", note=MARKERS["conflict"])
    services.shortlist_set(application=app, actor=programme, shortlisted=True)
    services.advisory_comment_add(application=app, actor=programme, text=MARKERS["advisory"])
    services.recommendation_record(
        application=app, actor=f.director(), recommendation="recommend", note=MARKERS["recommendation"]
    )
    services.application_decide(application=app, actor=programme, outcome="grant", reason_code="strong_case")
    other = f.user("anden-ansoeger@test.kompas.dk", name="Anden Ansøger")
    f.application(
        applicant=other, round_=app.round, submit=False, title="Anden kladde", summary=MARKERS["draft"]
    )
    app.refresh_from_db()
    return app


def test_markers_never_reach_the_applicant_or_the_public(
    client, programme, assessor, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        app = _plant(programme, assessor)
    project = app.project
    urls = [
        reverse("fund:index"),
        reverse("fund:round", args=[app.round_id]),
        reverse("fund:projects"),
        reverse("fund:project", args=[project.pk]),
        reverse("api:fund_list_funds"),
        reverse("api:fund_list_rounds"),
        reverse("api:fund_list_projects"),
        reverse("api:fund_list_themes"),
    ]
    applicant_urls = [
        *urls,
        reverse("fund:mine"),
        reverse("fund:application", args=[app.pk]),
        reverse("activity:notifications"),
    ]
    for who, targets in ((None, urls), (app.applicant, applicant_urls)):
        client.logout()
        if who:
            client.force_login(who)
        for url in targets:
            response = client.get(url)
            assert response.status_code == 200, url
            body = response.content.decode()
            for kind, marker in MARKERS.items():
                assert marker not in body, f"{kind} marker leaked on {url}"
            assert "Bent Bedømmer" not in body
    # And the internal pages do show them to programme staff (so the test plants what it thinks).
    _login(client, programme)
    body = client.get(reverse("fund:manage-application", args=[app.pk])).content.decode()
    assert MARKERS["score"] in body and MARKERS["advisory"] in body and MARKERS["conflict"] in body
    # GDPR export of the applicant holds only their own.
    from kompas.fund.personal import export

    dump = json.dumps(export(app.applicant), default=str)
    assert not any(marker in dump for marker in MARKERS.values())


# --- Query counts ----------------------------------------------------------------------------------------


def _bulk(round_, n: int, programme, assessor):
    for i in range(n):
        app = f.in_assessment(
            round_=round_, title=f"Ansøgning {i}", applicant=f.user(f"a{i}-{n}@test.kompas.dk")
        )
        a = services.assessor_assign(application=app, assessor=assessor, actor=programme)
        services.conflict_declare(assignment=a, actor=assessor, conflict=ConflictGround.NONE)
        criteria = {c.pk: (i % 6, "") for c in Criterion.objects.filter(fund=round_.fund)}
        services.scores_save(assignment=a, actor=assessor, scores=criteria, finish=True)


def _count(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:  # a fresh render, not the reader's cached copy (ADR 0025)
        assert client.get(url, HTTP_CACHE_CONTROL="no-cache").status_code == 200
    return len(ctx.captured_queries)


def test_list_and_overview_queries_do_not_grow(client, programme, assessor):
    round_ = f.open_round()
    _bulk(round_, 2, programme, assessor)
    _login(client, programme)
    urls = [
        reverse("fund:manage"),
        reverse("fund:overview", args=[round_.pk]),
        reverse("fund:decisions", args=[round_.pk]),
    ]
    small = [_count(client, url) for url in urls]
    _bulk(round_, 18, programme, assessor)
    large = [_count(client, url) for url in urls]
    assert large == small, (small, large)


# --- Settings, local funds, projects ---------------------------------------------------------------------


def test_programme_edits_themes_and_criteria(client, programme):
    _login(client, programme)
    response = client.post(
        reverse("fund:config-new", args=["theme"]),
        {"name": "Klima", "description": "", "order": "8", "is_active": "on"},
    )
    assert response.status_code == 302
    assert f.fund().themes.filter(name="Klima").exists()
    criterion = Criterion.objects.filter(fund=f.fund()).last()
    client.post(
        reverse("fund:config-edit", args=["criterion", criterion.pk]),
        {"name": "Medfinansiering (vægtet)", "description": "", "order": "8"},
    )
    criterion.refresh_from_db()
    assert criterion.name == "Medfinansiering (vægtet)" and not criterion.is_active
    assert client.get(reverse("fund:config-new", args=["nonsense"])).status_code == 404


def test_local_funds_split_and_local_project(client, programme):
    from kompas.fund.models import LocalAllocation, LocalProject
    from kompas.organisations.models import Department

    _login(client, programme)
    departments = list(Department.objects.all())
    # The seed's trial: 2014 is one of its years.
    data = {"year": "2014", **{f"payroll_{d.pk}": f"{100 + i}.000.000" for i, d in enumerate(departments)}}
    assert client.post(reverse("fund:local-allocate"), data).status_code == 302
    shares = LocalAllocation.objects.filter(pool_year__year=2014)
    assert sum(a.amount for a in shares) == Decimal("10000000.00") and shares.count() == len(departments)
    leader, department = f.department_leader()
    _login(client, leader)
    response = client.post(
        reverse("fund:local-project-create"),
        {
            "department": department.pk,
            "year": str(YEAR),
            "title": "Idéværksted",
            "description": "Et værksted",
            "amount": "25.000",
            "learning": "Start småt",
            "shareable": "on",
        },
    )
    assert response.status_code == 302 and LocalProject.objects.get().department == department
    other = Department.objects.exclude(pk=department.pk).first()
    response = client.post(
        reverse("fund:local-project-create"),
        {"department": other.pk, "year": str(YEAR), "title": "Ikke min", "description": "x", "amount": "1"},
    )
    assert (
        response.status_code == 200 and LocalProject.objects.count() == 1
    )  # not one of the leader's choices


def test_applicant_stops_a_project_and_the_public_reads_the_learning(client, programme):
    app = f.assessed()
    services.application_decide(application=app, actor=programme, outcome="grant", reason_code="strong_case")
    project = app.project
    _login(client, app.applicant)
    client.post(
        reverse("fund:milestone-add", args=[project.pk]), {"title": "Første test", "due_on": f"{YEAR}-05-01"}
    )
    assert project.milestones.count() == 1
    # The applicant proposes; Borgmesterens Afdeling, which granted the money, decides.
    response = client.post(
        reverse("fund:stop", args=[project.pk]), {"reason": "Borgerne ville ikke bruge den"}
    )
    assert response.status_code == 302
    project.refresh_from_db()
    assert project.status == "running" and project.stop_proposal == "Borgerne ville ikke bruge den"
    _login(client, programme)
    response = client.post(
        reverse("fund:stop", args=[project.pk]),
        {"reason": "Borgerne ville ikke bruge den", "learning": "Test med borgerne først", "shareable": "on"},
    )
    assert response.status_code == 302
    project.refresh_from_db()
    assert (project.stop_decided_by, project.stop_body) == (programme, "programme")
    client.logout()
    page = client.get(reverse("fund:project", args=[project.pk])).content.decode()
    assert "Test med borgerne først" in page and "Stoppet før tid" in page
    assert client.get(reverse("fund:stop", args=[project.pk])).status_code == 302  # login first


def test_gdpr_erase_removes_drafts_and_keeps_submitted():
    from kompas.fund.personal import erase

    draft = f.application(submit=False, title="Kladde")
    submitted = f.application(applicant=draft.applicant, title="Indsendt")
    assert erase(draft.applicant) == 1
    assert not Application.objects.filter(pk=draft.pk).exists()
    assert Application.objects.filter(pk=submitted.pk).exists()


def test_programme_staff_do_not_read_drafts_on_the_applicant_page(client, programme):
    draft = f.application(submit=False)
    _login(client, programme)
    assert client.get(reverse("fund:application", args=[draft.pk])).status_code == 404
