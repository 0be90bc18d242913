"""The council's yearly evaluation of the framework as a document: the page, a Word file (python-docx through
``kompas.core.docx_layout``) and a PDF (WeasyPrint, imported only when asked for, as the proposals' export).

``document_data`` turns the figures (``selectors.evaluation``) into headed tables of Danish-formatted text;
the page, the DOCX and the PDF all show that one data structure, so they cannot disagree.
"""

import io
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from kompas.core.document_text import xml_safe
from kompas.core.docx_layout import new_document
from kompas.core.formats import kroner, number

from .selectors import Evaluation, MoneyLine, RoundLine


class PdfUnavailable(Exception):
    """WeasyPrint or its system libraries are not installed on this server."""


@dataclass(frozen=True)
class Table:
    heading: str
    intro: str
    columns: list[str]
    rows: list[list[str]]
    total: list[str] | None = None
    empty: str = ""


def _days(value: float | None) -> str:
    return number(value, decimals=None) if value is not None else "–"


def _answer_cells(figures: RoundLine | Evaluation) -> list[str]:
    """Applications to days to answer, for one round's line or for the year (the same figures on both)."""
    return [
        number(figures.applications),
        number(figures.granted),
        kroner(figures.granted_amount),
        number(figures.not_granted),
        number(figures.waiting),
        _days(figures.median_days),
        _days(figures.longest_days),
    ]


def _money_cells(figures: MoneyLine) -> list[str]:
    """Budget to what is left, for one pool's line or for all pools (``Evaluation.money_total``)."""
    return [
        kroner(figures.budget),
        kroner(figures.committed),
        kroner(figures.disbursed),
        kroner(figures.released),
        kroner(figures.remaining),
    ]


def file_name(evaluation: Evaluation, extension: str) -> str:
    return f"byraadets-evaluering-{evaluation.year}.{extension}"


def document_data(evaluation: Evaluation) -> dict[str, Any]:
    """The report in reading order: a summary of key figures, then one table per subject."""
    money = evaluation.money_total
    summary = [
        (_("Rounds with a deadline in the year"), number(len(evaluation.rounds))),
        (_("Applications"), number(evaluation.applications)),
        (_("Grants"), number(evaluation.granted)),
        (_("Granted in all"), kroner(evaluation.granted_amount)),
        (_("Not granted"), number(evaluation.not_granted)),
        (_("Not yet answered"), number(evaluation.waiting)),
        (_("Days from deadline to answer (median)"), _days(evaluation.median_days)),
        (_("Days from deadline to answer (longest)"), _days(evaluation.longest_days)),
        (_("Committed in the budget year"), kroner(money.committed)),
        (_("Paid out in the budget year"), kroner(money.disbursed)),
        (_("Returned to the pool (released commitments)"), kroner(money.released)),
        (_("Effect reports"), number(evaluation.reports)),
        (_("Economic gain reported"), kroner(evaluation.gain)),
        (_("Projects started"), number(evaluation.projects_started)),
        (_("Projects completed"), number(evaluation.projects_completed)),
        (_("Projects stopped early"), number(evaluation.projects_stopped)),
    ]
    tables = [
        Table(
            heading=_("Rounds, applications and answers"),
            intro=_(
                "Each round whose deadline fell in the year, with its applications and the days from the "
                "deadline to the applicant's answer."
            ),
            columns=[
                _("Round"),
                _("Deadline"),
                _("Applications"),
                _("Grants"),
                _("Granted"),
                _("Not granted"),
                _("Not yet answered"),
                _("Days to answer (median)"),
                _("Days to answer (longest)"),
            ],
            rows=[
                [
                    f"{line.title} ({line.pool})",
                    date_format(line.deadline, "SHORT_DATE_FORMAT"),
                    *_answer_cells(line),
                ]
                for line in evaluation.rounds
            ],
            total=[_("All rounds"), "", *_answer_cells(evaluation)] if evaluation.rounds else None,
            empty=_("No round had its deadline in the year."),
        ),
        Table(
            heading=_("Money used and returned"),
            intro=_(
                "The budget year in the pools' ledger: the budget, what was committed to projects (less what "
                "was released again), what was paid out, and what was returned to the pool."
            ),
            columns=[_("Pool"), _("Budget"), _("Committed"), _("Paid out"), _("Returned"), _("Left")],
            rows=[[line.pool, *_money_cells(line)] for line in evaluation.money],
            total=[_("All pools"), *_money_cells(money)] if evaluation.money else None,
            empty=_("The pools have no budget for the year."),
        ),
        Table(
            heading=_("Effects reported"),
            intro=_(
                "The effect reports whose period ended in the year, per project, with the economic gain."
            ),
            columns=[_("Project"), _("Department"), _("Effect reports"), _("Economic gain reported")],
            rows=[
                [line.project, line.department, number(line.reports), kroner(line.gain)]
                for line in evaluation.effects
            ],
            total=[_("All projects"), "", number(evaluation.reports), kroner(evaluation.gain)]
            if evaluation.effects
            else None,
            empty=_("No effect report covers a period that ended in the year."),
        ),
    ]
    return {
        "evaluation": evaluation,
        "title": _("The city council's evaluation of the development fund %(year)s")
        % {"year": evaluation.year},
        "summary": summary,
        "tables": tables,
    }


def to_docx(evaluation: Evaluation) -> bytes:
    from docx.shared import Pt

    data = document_data(evaluation)
    document = new_document(
        title=data["title"], author=settings.KOMPAS_MUNICIPALITY, language=translation.get_language() or "da"
    )
    document.styles["Normal"].font.name = "Arial"
    document.styles["Normal"].font.size = Pt(10)
    document.add_heading(xml_safe(data["title"]), level=1)
    summary = document.add_table(rows=0, cols=2)
    summary.style = "Table Grid"
    for label, value in data["summary"]:
        cells = summary.add_row().cells
        cells[0].text = xml_safe(label)
        cells[1].text = xml_safe(value)
    for table in data["tables"]:
        document.add_heading(xml_safe(table.heading), level=2)
        document.add_paragraph(xml_safe(table.intro))
        if not table.rows:
            document.add_paragraph(xml_safe(table.empty))
            continue
        grid = document.add_table(rows=1, cols=len(table.columns))
        grid.style = "Table Grid"
        for cell, heading in zip(grid.rows[0].cells, table.columns, strict=True):
            cell.text = ""
            cell.paragraphs[0].add_run(xml_safe(heading)).bold = True
        for row in [*table.rows, *([table.total] if table.total else [])]:
            cells = grid.add_row().cells
            for cell, value in zip(cells, row, strict=True):
                cell.text = xml_safe(value)
        if table.total:
            for cell in grid.rows[-1].cells:
                for run in cell.paragraphs[0].runs:
                    run.bold = True
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def to_html(evaluation: Evaluation) -> str:
    return xml_safe(render_to_string("council/evaluation_print.html", document_data(evaluation)))


def to_pdf(evaluation: Evaluation) -> bytes:
    """The PDF from the print template; it links to nothing outside itself, so WeasyPrint fetches nothing."""
    try:
        from weasyprint import HTML
    except (ImportError, OSError) as exc:  # the package, or Pango and friends, are missing
        raise PdfUnavailable(str(exc)) from exc
    pdf: bytes = HTML(string=to_html(evaluation)).write_pdf()
    return pdf
