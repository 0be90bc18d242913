"""The exported proposal as it prints: the Word file is A4 with the municipality's margins, the PDF never ends
on a page that holds only the footer box, and both download names keep æ, ø and å (with an ASCII fallback)."""

import io
from urllib.parse import unquote

import pytest
from docx import Document
from pypdf import PdfReader

from kompas.core.docx_layout import MARGIN_CM
from kompas.proposals import export
from kompas.proposals.tests import factories

pytestmark = pytest.mark.django_db

LONG_LINE = "Lang tekst om borgerne og værdien for dem, gentaget mange gange her."


def _names(header: str) -> tuple[str, str]:
    ascii_name = header.split('filename="', 1)[1].split('"', 1)[0]
    utf8_name = unquote(header.split("filename*=UTF-8''", 1)[1])
    return ascii_name, utf8_name


def test_the_docx_is_a4_with_the_municipality_margins_and_a_danish_file_name(client_for, role_users):
    proposal = factories.proposal(title="Grønne skolegårde på Åby Skole")
    response = client_for("leader").get(f"/proposals/{proposal.pk}/export.docx")
    assert response.status_code == 200
    assert _names(response["Content-Disposition"]) == (
        f"indstilling-{proposal.pk}-groenne-skolegaarde-paa-aaby-skole.docx",
        f"indstilling-{proposal.pk}-grønne-skolegårde-på-åby-skole.docx",
    )
    for section in Document(io.BytesIO(response.content)).sections:
        assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
        margins = (section.top_margin, section.bottom_margin, section.left_margin, section.right_margin)
        assert [round(margin.cm, 2) for margin in margins] == [MARGIN_CM] * 4


def test_the_pdf_download_name_keeps_the_danish_letters(client_for, role_users):
    proposal = factories.proposal(title="Ældre borgeres hverdag")
    response = client_for("leader").get(f"/proposals/{proposal.pk}/export.pdf")
    assert response.status_code == 200
    assert _names(response["Content-Disposition"]) == (
        f"indstilling-{proposal.pk}-aeldre-borgeres-hverdag.pdf",
        f"indstilling-{proposal.pk}-ældre-borgeres-hverdag.pdf",
    )


def test_the_last_pdf_page_never_holds_only_the_footer(role_users):
    """Lengths of text around the point where, before the fix, the footer box fell onto a page of its own
    (or was split over two pages): the last page always has the end of the last section, and the whole
    footer box is on it."""
    proposal = factories.proposal()
    first = proposal.sections.first()
    for lines in range(54, 62):
        first.text = "\n".join([LONG_LINE] * lines)
        first.save(update_fields=["text"])
        pages = PdfReader(io.BytesIO(export.to_pdf(proposal))).pages
        last = pages[-1].extract_text()
        # Every section of the factory's proposal ends "Borgerne skal forstå det."; the footer box does not.
        assert "Borgerne skal" in last, (
            f"{lines} lines: the last of {len(pages)} pages has no body text: {last!r}"
        )
        assert "Sagsnummer" in last and "E-post" in last, f"{lines} lines: the footer box is split: {last!r}"
