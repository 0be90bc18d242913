"""Authorization matrix of Udviklingspuljen. The matrix application belongs to the citizen test user, so
"citizen" is the applicant here; employees and leaders who are neither applicant nor co-applicant leaders
get the same 404 as for an application that does not exist. The matrix's assessor and advisory-board users
are assigned nothing (their own cases are in test_views.py): they reach their home pages, and get 404 for
another assessor's assignment. A person acting on their own case (the applicant who is programme staff, the
confirming leader, an assessor who declared a conflict) is an object-level actor the matrix cannot express:
test_own_case_matrix.py walks every step URL of a case as each of them."""

from kompas.core.access_matrix import (
    LEADERS,
    PROGRAMME,
    PUBLIC,
    SIGNED_IN,
    STAFF,
    Expect,
    _profile,
    redirecting,
)

APPLICANT = _profile(
    anonymous=302,
    citizen=200,
    employee=404,
    leader=404,
    programme=404,
    admin=404,
    partner=404,
    assessor=404,
    advisory=404,
    politician=404,
)
OWNER = _profile(
    anonymous=302,
    citizen=200,
    employee=404,
    leader=404,
    programme=200,
    admin=200,
    partner=404,
    assessor=404,
    advisory=404,
    politician=404,
)
PROGRAMME_OBJECT = _profile(
    anonymous=302,
    citizen=403,
    employee=404,
    leader=404,
    programme=200,
    admin=200,
    partner=403,
    assessor=403,
    advisory=403,
    politician=403,
)
# The matrix assignment belongs to another assessor: the test assessor gets the same 404 as for a missing one.
ASSESSOR_OBJECT = _profile(
    anonymous=302,
    citizen=403,
    employee=403,
    leader=403,
    programme=404,
    admin=404,
    partner=403,
    assessor=404,
    advisory=403,
    politician=403,
)
# The assessors' and the advisory board's own pages: their role, programme staff and administrators.
ASSESSORS = {**PROGRAMME, "assessor": 200}
ADVISORY = {**PROGRAMME, "advisory": 200}


def _citizen():
    from django.contrib.auth import get_user_model

    return get_user_model().objects.get(email="borger@test.kompas.dk")


def _round_obj():
    from kompas.fund.models import Round
    from kompas.fund.tests import factories

    return Round.objects.filter(title="Matrix-runde").first() or factories.open_round(title="Matrix-runde")


def _round() -> dict:
    return {"pk": _round_obj().pk}


def _app(title: str, **kwargs):
    from kompas.fund.models import Application
    from kompas.fund.tests import factories

    existing = Application.objects.filter(title=title).first()
    return existing or factories.application(applicant=_citizen(), round_=_round_obj(), title=title, **kwargs)


def _draft() -> dict:
    return {"pk": _app("Matrix-kladde", submit=False).pk}


def _submitted() -> dict:
    return {"pk": _app("Matrix-ansøgning").pk}


def _shortlisted() -> dict:
    from kompas.fund.models import Application

    app = _app("Matrix-shortlist")
    Application.objects.filter(pk=app.pk).update(shortlisted=True)
    return {"pk": app.pk}


def _council() -> dict:
    from kompas.fund.choices import ApplicationStatus

    return {"pk": _app("Matrix-byråd", status=ApplicationStatus.AWAITING_COUNCIL).pk}


def _project_obj():
    from kompas.fund.models import Project
    from kompas.organisations.models import Department

    app = _app("Matrix-projekt", status="granted")
    return Project.objects.get_or_create(
        application=app,
        defaults={"title": app.title, "lead_department": Department.objects.get(slug="boern-og-unge")},
    )[0]


def _project() -> dict:
    return {"pk": _project_obj().pk}


def _milestone() -> dict:
    import datetime as dt

    from kompas.fund.models import Milestone

    project = _project_obj()
    milestone = Milestone.objects.filter(project=project).first() or Milestone.objects.create(
        project=project, title="Første prøve", due_on=dt.date(2030, 1, 1)
    )
    return {"pk": milestone.pk}


def _co_applicant() -> dict:
    from kompas.fund.models import CoApplicant

    return {"pk": CoApplicant.objects.filter(application_id=_submitted()["pk"]).first().pk}


def _draft_co_applicant() -> dict:
    from kompas.fund.models import CoApplicant
    from kompas.organisations.models import Department

    co, _created = CoApplicant.objects.get_or_create(
        application_id=_draft()["pk"], department=Department.objects.get(slug="teknik-og-miljoe")
    )
    return {"pk": co.pk}


def _attachment_on(app_pk: int) -> dict:
    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage

    from kompas.fund.models import Attachment

    name = "fund/matrix/plan.pdf"
    if not default_storage.exists(name):
        default_storage.save(name, ContentFile(b"%PDF-1.4 matrix"))
    attachment = Attachment.objects.filter(application_id=app_pk).first() or Attachment.objects.create(
        application_id=app_pk, file=name, name="plan.pdf", size=15, content_type="application/pdf"
    )
    return {"pk": attachment.pk}


def _attachment() -> dict:
    return _attachment_on(_draft()["pk"])


def _submitted_attachment() -> dict:
    return _attachment_on(_submitted()["pk"])


def _assignment() -> dict:
    from kompas.core.roles import RoleCode
    from kompas.fund.models import Assignment
    from kompas.fund.tests import factories

    assessor = factories.user("matrix-bedoemmer@test.kompas.dk", roles=(RoleCode.ASSESSOR,))
    assignment, _created = Assignment.objects.get_or_create(
        application_id=_submitted()["pk"], assessor=assessor
    )
    return {"pk": assignment.pk}


def _theme() -> dict:
    from kompas.fund.models import Theme

    return {"kind": "theme", "pk": Theme.objects.order_by("pk").first().pk}


def _account() -> dict:
    return {"slug": "boern-og-unge", "year": 2026}


def _department_data() -> dict:
    from kompas.organisations.models import Department

    return {"department": Department.objects.get(slug="sundhed-og-omsorg").pk}


ENTRIES = {
    "fund:index": Expect(PUBLIC),
    "fund:round": Expect(PUBLIC, kwargs=_round),
    "fund:apply": Expect(SIGNED_IN, kwargs=_round),
    "fund:projects": Expect(PUBLIC),
    "fund:project": Expect(PUBLIC, kwargs=_project),
    "fund:milestone-add": Expect(OWNER, kwargs=_project),
    "fund:milestone-reached": Expect(redirecting(OWNER), method="post", kwargs=_milestone),
    "fund:report-create": Expect(OWNER, kwargs=_project),
    "fund:stop": Expect(OWNER, kwargs=_project),
    "fund:spread": Expect(
        redirecting(PROGRAMME), method="post", kwargs=_project, data=lambda: {"spread-spread": "on"}
    ),
    "fund:disburse": Expect(
        redirecting(PROGRAMME),
        method="post",
        kwargs=_project,
        data=lambda: {"pay-year": "2026", "pay-amount": "1"},
    ),
    "fund:mine": Expect(SIGNED_IN),
    "fund:application": Expect(OWNER, kwargs=_submitted),
    "fund:edit": Expect(APPLICANT, kwargs=_draft),
    "fund:autosave": Expect(APPLICANT, method="post", kwargs=_draft, data=lambda: {"summary": "Kort"}),
    "fund:submit": Expect(redirecting(APPLICANT), method="post", kwargs=_draft),
    "fund:withdraw": Expect(redirecting(APPLICANT), method="post", kwargs=_submitted),
    "fund:co-applicant-add": Expect(
        redirecting(APPLICANT), method="post", kwargs=_draft, data=_department_data
    ),
    "fund:co-applicant-remove": Expect(redirecting(APPLICANT), method="post", kwargs=_draft_co_applicant),
    "fund:attachment-add": Expect(redirecting(APPLICANT), method="post", kwargs=_draft),
    "fund:attachment": Expect(OWNER, kwargs=_submitted_attachment),
    "fund:attachment-delete": Expect(redirecting(APPLICANT), method="post", kwargs=_attachment),
    "fund:confirmations": Expect(STAFF),
    "fund:confirm": Expect(PROGRAMME_OBJECT, kwargs=_co_applicant),
    "fund:assessor-home": Expect(ASSESSORS),
    "fund:assess": Expect(ASSESSOR_OBJECT, kwargs=_assignment),
    "fund:advisory": Expect(ADVISORY),
    # The directors' group's room: its members (none in the matrix) and programme staff, who read it.
    "fund:directors": Expect(PROGRAMME),
    "fund:director-case": Expect(PROGRAMME, kwargs=_submitted),
    "fund:advisory-application": Expect(ADVISORY, kwargs=_shortlisted),
    "fund:manage": Expect(PROGRAMME),
    "fund:overview": Expect(PROGRAMME, kwargs=_round),
    "fund:decisions": Expect(PROGRAMME, kwargs=_round),
    "fund:manage-application": Expect(PROGRAMME, kwargs=_submitted),
    "fund:peek": Expect(
        redirecting(PROGRAMME), method="post", kwargs=_submitted, data=lambda: {"reason": "Kontrol"}
    ),
    "fund:screen": Expect(
        redirecting(PROGRAMME), method="post", kwargs=_submitted, data=lambda: {"screen-decision": "accept"}
    ),
    "fund:assign": Expect(redirecting(PROGRAMME), method="post", kwargs=_submitted),
    "fund:shortlist": Expect(
        redirecting(PROGRAMME), method="post", kwargs=_submitted, data=lambda: {"shortlisted": "1"}
    ),
    "fund:recommend": Expect(redirecting(PROGRAMME), method="post", kwargs=_submitted),
    "fund:decide": Expect(redirecting(PROGRAMME), method="post", kwargs=_submitted),
    "fund:council": Expect(PROGRAMME, kwargs=_council),
    "fund:ledger": Expect(PROGRAMME),
    "fund:settings": Expect(PROGRAMME),
    "fund:config-new": Expect(PROGRAMME, kwargs=lambda: {"kind": "theme"}),
    "fund:config-edit": Expect(PROGRAMME, kwargs=_theme),
    "fund:local": Expect(STAFF),
    "fund:local-allocate": Expect(PROGRAMME),
    "fund:local-project-create": Expect(LEADERS),
    "fund:accounts": Expect(STAFF),
    "fund:account": Expect(STAFF, kwargs=_account),
    "fund:account-csv": Expect(STAFF, kwargs=_account),
    "fund:account-pdf": Expect(STAFF, kwargs=_account),
    "api:fund_list_funds": Expect(PUBLIC),
    "api:fund_list_themes": Expect(PUBLIC),
    "api:fund_list_rounds": Expect(PUBLIC),
    "api:fund_list_projects": Expect(PUBLIC),
}
