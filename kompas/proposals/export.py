"""Export a proposal as a Word document (python-docx) and as PDF (WeasyPrint), laid out like the
municipality's own: header block (Til, Fra, Dato), title, numbered sections with the decision points as
"At 1) …", Bilag, Tidligere beslutninger, and the footer (Sagsnummer, Antal tegn, department, case officer,
phone, e-mail).

WeasyPrint needs system libraries (Pango). It is imported only when a PDF is asked for; when it cannot be
loaded, ``PdfUnavailable`` is raised and the page says so in Danish, while everything else keeps working.
"""

import io
from typing import Any, cast

from django.template.loader import render_to_string
from django.utils import translation
from django.utils.formats import number_format
from django.utils.translation import pgettext

from kompas.core.document_text import xml_safe, xml_safe_tree
from kompas.core.docx_layout import new_document
from kompas.core.downloads import file_slug

from .choices import SectionKind
from .models import Proposal
from .selectors import date_text, decision_point_label


class PdfUnavailable(Exception):
    """WeasyPrint or its system libraries are not installed on this server."""


def file_name(proposal: Proposal, extension: str) -> str:
    """The download name, with the title's æ, ø and å (``core.downloads`` writes the ASCII fallback)."""
    return f"indstilling-{proposal.pk}-{file_slug(proposal.title)}.{extension}"


def document_data(proposal: Proposal) -> dict:
    """The document in reading order; the page and both exports use it.

    Its labels use the translation context "proposal document", so they read as in the municipality's
    documents (Til, Fra, Sagsnummer, Antal tegn, ...) whatever other apps call the same English words."""
    points = [(decision_point_label(p.number), p.text) for p in proposal.decision_points.all()]
    sections = []
    for section in proposal.sections.all():
        template_section = section.template_section
        sections.append(
            {
                "number": template_section.position,
                "heading": template_section.heading,
                "paragraphs": [line.strip() for line in section.text.splitlines() if line.strip()],
                "decision_points": points if template_section.kind == SectionKind.DECISIONS else [],
            }
        )
    footer = [
        (pgettext("proposal document", "Case number"), proposal.case_number),
        (
            pgettext("proposal document", "Number of characters"),
            number_format(proposal.characters, force_grouping=True),
        ),
        ("", proposal.department.name),
        (pgettext("proposal document", "Case officer"), proposal.case_officer),
        (pgettext("proposal document", "Phone"), proposal.phone),
        (pgettext("proposal document", "E-mail"), proposal.email),
    ]
    return {
        "proposal": proposal,
        "header": [
            (pgettext("proposal document", "To"), proposal.to_line),
            (pgettext("proposal document", "From"), proposal.from_line),
            (pgettext("proposal document", "Date"), date_text(proposal.dated)),
        ],
        "sections": sections,
        "attachments": proposal.attachment_lines(),
        "earlier_decisions": proposal.earlier_decision_lines(),
        "signatures": proposal.signatures,
        "footer": [(label, value) for label, value in footer if value],
    }


def to_docx(proposal: Proposal) -> bytes:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm, Pt, RGBColor

    # a pasted control character must not break the file
    data = cast(dict[str, Any], xml_safe_tree(document_data(proposal)))
    title = xml_safe(proposal.title)
    document = new_document(
        title=title, author=proposal.department.name, language=translation.get_language() or "da"
    )
    normal = document.styles["Normal"]
    normal.font.name = "Arial"
    normal.font.size = Pt(10.5)
    primary = RGBColor(0x00, 0x3B, 0x6E)

    kind = document.add_paragraph()
    run = kind.add_run(pgettext("proposal document", "Proposal"))
    run.bold = True
    run.font.size = Pt(20)
    run.font.color.rgb = primary

    table = document.add_table(rows=0, cols=2)
    for label, value in data["header"]:
        cells = table.add_row().cells
        cells[0].width, cells[1].width = Cm(2.5), Cm(13)
        cells[0].paragraphs[0].add_run(label).bold = True
        cells[1].paragraphs[0].add_run(value)

    document.add_heading(title, level=1)
    for section in data["sections"]:
        document.add_heading(f"{section['number']}. {section['heading']}", level=2)
        for paragraph in section["paragraphs"]:
            document.add_paragraph(paragraph)
        for label, text in section["decision_points"]:
            point = document.add_paragraph()
            point.paragraph_format.left_indent = Cm(1)
            point.add_run(f"{label} ").bold = True
            point.add_run(text)

    if data["signatures"]:
        signature = document.add_paragraph(data["signatures"])
        signature.alignment = WD_ALIGN_PARAGRAPH.LEFT
    if data["attachments"]:
        document.add_heading(pgettext("proposal document", "Attachments"), level=2)
        for line in data["attachments"]:
            document.add_paragraph(line)
    if data["earlier_decisions"]:
        document.add_heading(pgettext("proposal document", "Earlier decisions"), level=2)
        for line in data["earlier_decisions"]:
            document.add_paragraph(line)

    footer = document.sections[0].footer.paragraphs[0]
    footer.text = " · ".join(f"{label}: {value}" if label else value for label, value in data["footer"])
    for run in footer.runs:
        run.font.size = Pt(8)
    box = document.add_paragraph()
    box.paragraph_format.space_before = Pt(18)
    for index, (label, value) in enumerate(data["footer"]):
        if index:
            box.add_run().add_break()
        if label:
            box.add_run(f"{label}: ").bold = True
        box.add_run(value)

    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def to_html(proposal: Proposal) -> str:
    """The print page, without characters XML cannot hold (WeasyPrint and the PDF get clean text)."""
    return xml_safe(render_to_string("proposals/export/proposal_print.html", document_data(proposal)))


def to_pdf(proposal: Proposal) -> bytes:
    """The PDF, from the print template. It links to nothing outside itself, so WeasyPrint fetches nothing."""
    try:
        from weasyprint import HTML
    except (ImportError, OSError) as exc:  # the package, or Pango and friends, are missing
        raise PdfUnavailable(str(exc)) from exc
    return HTML(string=to_html(proposal)).write_pdf()
