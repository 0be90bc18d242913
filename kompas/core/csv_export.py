"""The one way Kompas writes CSV: every cell neutralised against formula injection, Excel-friendly by default.

A spreadsheet program runs a cell that starts with ``=``, ``+``, ``-`` or ``@`` as a formula (and a leading tab
or carriage return can hide one), so a statement written as ``=HYPERLINK("http://…")`` would become a live
link in the reader's Excel. As OWASP recommends, such a text cell is written with an apostrophe in front
(``'=HYPERLINK(…)``), which the spreadsheet shows as the text itself.

Numbers stay numbers: a cell passed as ``int``, ``float`` or ``Decimal`` is a value Kompas computed, not text a
person wrote, and is written as it is, so ``-12.5`` is still a negative number in the sheet. Text that merely
looks like a negative number (``"-12,5"``) is neutralised like any other text; callers pass numbers as numbers.
Dates are written in ISO form, ``None`` as an empty cell.

Exports that people open in Excel (the default) get a UTF-8 byte-order mark, so æ, ø and å read right, and the
Danish ``;`` delimiter. Machine formats (the Pol.is export) pass ``delimiter=","`` and ``bom=False``.
Everything but ``csv_response`` is plain Python (no Django), so pure modules may use ``neutralise``/``restore``.

A test in ``kompas/core/tests/test_csv_export.py`` fails if any other module calls ``csv.writer`` itself.
"""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Iterable, Iterator
from decimal import Decimal
from typing import TYPE_CHECKING

from kompas.core.downloads import set_download_name

if TYPE_CHECKING:
    from django.http import HttpResponse, StreamingHttpResponse

__all__ = ["BOM", "FORMULA_STARTS", "csv_response", "csv_text", "lines", "neutralise", "restore"]

BOM = "\ufeff"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _marked(text: str) -> bool:
    """Whether ``text`` reads as neutralised: apostrophes followed by what a spreadsheet takes for a formula."""
    return text.startswith("'") and text.lstrip("'").startswith(FORMULA_STARTS)


def neutralise(text: str) -> str:
    """``text`` with an apostrophe in front if a spreadsheet would read it as a formula, or if it already looks
    neutralised (so that ``restore`` gives back exactly what was written)."""
    return "'" + text if text.startswith(FORMULA_STARTS) or _marked(text) else text


def restore(text: str) -> str:
    """Undo ``neutralise`` on text read back from a Kompas export (the Pol.is round trip)."""
    return text[1:] if _marked(text) else text


def cell(value: object) -> object:
    """One value as it is written: numbers as numbers, dates in ISO form, everything else as neutralised text."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, int | float | Decimal):
        return value
    if isinstance(value, dt.date | dt.datetime | dt.time):
        return value.isoformat()
    return neutralise(str(value))


class _Line:
    """A file-like object that hands back what the csv module writes, one row at a time."""

    def write(self, value: str) -> str:
        return value


def lines(
    rows: Iterable[Iterable[object]],
    *,
    header: Iterable[object] | None = None,
    delimiter: str = ";",
    bom: bool = True,
) -> Iterator[str]:
    """The CSV file as text, one row at a time (for a streaming response or a file)."""
    writer = csv.writer(_Line(), delimiter=delimiter)
    if bom:
        yield BOM
    if header is not None:
        yield writer.writerow([cell(value) for value in header])
    for row in rows:
        yield writer.writerow([cell(value) for value in row])


def csv_text(
    rows: Iterable[Iterable[object]],
    *,
    header: Iterable[object] | None = None,
    delimiter: str = ";",
    bom: bool = True,
) -> str:
    """The whole CSV file as one string (for a zip archive or a small response)."""
    return "".join(lines(rows, header=header, delimiter=delimiter, bom=bom))


def csv_response(
    rows: Iterable[Iterable[object]],
    *,
    filename: str,
    header: Iterable[object] | None = None,
    delimiter: str = ";",
    bom: bool = True,
    streaming: bool = False,
) -> HttpResponse | StreamingHttpResponse:
    """A download of the rows as CSV. ``streaming`` for large tables that should not be held in memory."""
    from django.http import HttpResponse, StreamingHttpResponse  # the rest of this module is plain Python

    content = lines(rows, header=header, delimiter=delimiter, bom=bom)
    content_type = "text/csv; charset=utf-8"
    if streaming:
        response: HttpResponse | StreamingHttpResponse = StreamingHttpResponse(
            content, content_type=content_type
        )
    else:
        response = HttpResponse("".join(content), content_type=content_type)
    set_download_name(response, filename)
    return response
