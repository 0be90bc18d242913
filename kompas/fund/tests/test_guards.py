"""The fund's ways in and out: attachments' text passes the CPR guard, and the innovation account's CSV is
formula-safe while its amounts stay numbers."""

import datetime as dt
import io
import zipfile
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from docx import Document

from kompas.core.roles import RoleCode
from kompas.fund import services
from kompas.fund.models import Attachment
from kompas.fund.tests import factories as f

pytestmark = pytest.mark.django_db

YEAR = f.YEAR


def _docx(text: str) -> bytes:
    document = Document()
    document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _odt(text: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        archive.writestr("content.xml", f"<office:text><text:p>{text}</text:p></office:text>")
    return buffer.getvalue()


def _pdf(text: str) -> bytes:
    weasyprint = pytest.importorskip("weasyprint")
    return weasyprint.HTML(string=f"<p>{text}</p>").write_pdf()


@pytest.mark.parametrize(
    ("name", "make"),
    [
        ("deltagere.txt", lambda t: t.encode("utf-16")),
        ("deltagere.csv", lambda t: t.replace("\u2011", "\u2013").encode("cp1252")),  # Excel's en dash
        ("ansøgning.docx", _docx),
        ("ansøgning.odt", _odt),
        ("ansøgning.pdf", _pdf),
    ],
)
def test_an_attachment_whose_text_holds_a_cpr_number_is_refused(name, make):
    app = f.application(submit=False)
    with pytest.raises(services.FundError) as refused:
        services.attachment_add(
            application=app,
            uploaded=SimpleUploadedFile(name, make("Deltager: Anna Hansen, født 010190\u20111234")),
            actor=app.applicant,
        )
    assert "CPR" in str(refused.value.message)
    assert not Attachment.objects.filter(application=app).exists()
    clean = services.attachment_add(
        application=app, uploaded=SimpleUploadedFile(name, make("Deltager: Anna Hansen")), actor=app.applicant
    )
    assert clean.pk


def test_the_innovation_account_csv_neutralises_text_and_keeps_amounts_as_numbers(client):
    programme = f.user("pf@test.kompas.dk", roles=(RoleCode.EMPLOYEE, RoleCode.PROGRAMME), name="Pia Fond")
    app = f.assessed(title='=HYPERLINK("http://evil.example";"Klik")')
    services.application_decide(application=app, actor=programme, outcome="grant", reason_code="strong_case")
    services.effect_report_create(
        project=app.project,
        actor=app.applicant,
        period_start=dt.date(YEAR, 1, 1),
        period_end=dt.date(YEAR, 3, 31),
        what_was_done="Prøvet af",
        economic_gain_realised=Decimal("-250.5"),
        learning="",
        shareable=False,
    )
    client.force_login(programme)
    response = client.get(reverse("fund:account-csv", args=["boern-og-unge", YEAR]))
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeffproject;status;")
    row = next(line for line in text.splitlines() if "HYPERLINK" in line)
    assert row.startswith("\"'=HYPERLINK(")
    assert ";-250.50;" in row  # a negative amount is a number, not neutralised text
