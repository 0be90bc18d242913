"""A control character pasted into a proposal (a vertical tab from Word) must not break the DOCX or PDF export:
both go through ``core.document_text.xml_safe`` and come out without it."""

import io

import pytest
from django.db import connection
from docx import Document
from pypdf import PdfReader

from kompas.proposals.tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def proposal(role_users):
    proposal = factories.proposal(title="Flere børn\x0bcykler i skole")
    section = proposal.sections.first()
    # NUL only where the database can hold it (PostgreSQL refuses it in text, so it never reaches an export).
    nul = "\x00" if connection.vendor == "sqlite" else "\x1b"
    section.text = f"Første linje\x0banden del\x0c og mere{nul}."
    section.save(update_fields=["text"])
    point = proposal.decision_points.first()
    point.text = "Byrådet\x1f godkender forsøget"
    point.save(update_fields=["text"])
    return proposal


def test_the_docx_of_a_proposal_with_control_characters_is_made_without_them(client_for, proposal):
    response = client_for("leader").get(f"/proposals/{proposal.pk}/export.docx")
    assert response.status_code == 200
    document = Document(io.BytesIO(response.content))
    texts = "\n".join(p.text for p in document.paragraphs)
    assert "Flere børncykler i skole" in texts
    assert "Første linje" in texts and "og mere." in texts  # \x0b and \x0c count as line breaks in a section
    assert "Byrådet godkender forsøget" in texts
    assert not any(c in texts for c in "\x00\x0b\x0c\x1b\x1f")


def test_the_pdf_of_a_proposal_with_control_characters_is_made_without_them(client_for, proposal):
    response = client_for("leader").get(f"/proposals/{proposal.pk}/export.pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert "Flere børncykler i skole" in text
    assert not any(c in text for c in "\x00\x0b\x0c\x1b\x1f")
