"""Parse a CSV file of indicator data points. Plain data in, plain data out; no Django.

Accepted: a header row naming the columns (``dato``/``date``, ``værdi``/``value``, optional ``kilde``/``source``
and ``note``), separated by semicolons or commas. Values may use a decimal comma (``12,5``) and a dot as
thousands separator (``1.234,5``) or a decimal point (``1234.5``). Dates as ``2024-01-31``, ``31-01-2024``,
``31.01.2024`` or ``31/01/2024``. Every bad row is reported with its line number and a reason code. Every cell
passes the CPR guard first (``core.cpr.lines_with_cpr``; code ``cpr``, the text is never echoed back). The caller
saves nothing while any error remains (all or nothing), and tells the user exactly which lines to fix.
"""

import csv
import datetime as dt
import io
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from kompas.core.cpr import lines_with_cpr

MAX_ROWS = 10_000
MAX_DIGITS_BEFORE_POINT = 14

COLUMN_NAMES = {
    "date": {"dato", "date", "tidspunkt"},
    "value": {"værdi", "vaerdi", "value"},
    "source": {"kilde", "source"},
    "note": {"note", "bemærkning", "bemaerkning", "kommentar"},
}

DATE_FORMATS = ("%Y-%m-%d", "%d-%m-%Y", "%d.%m.%Y", "%d/%m/%Y")
THOUSANDS_WITH_COMMA_DECIMAL = re.compile(r"^-?\d{1,3}(\.\d{3})+(,\d+)?$")
THOUSANDS_WITH_POINT_DECIMAL = re.compile(r"^-?\d{1,3}(,\d{3})+(\.\d+)?$")


@dataclass(frozen=True)
class Row:
    line: int
    on: dt.date
    value: Decimal
    source: str
    note: str


@dataclass(frozen=True)
class RowError:
    line: int
    code: (
        str  # missing_header, not_csv, cpr, missing_date, bad_date, missing_value, bad_value, duplicate_date,
        # too_many_rows
    )
    detail: str = ""


@dataclass
class ParseResult:
    rows: list[Row] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)


def parse_decimal(raw: str) -> Decimal | None:
    text = raw.strip().replace(" ", "").replace("\u00a0", "")
    if not text:
        return None
    if THOUSANDS_WITH_COMMA_DECIMAL.match(text):
        text = text.replace(".", "").replace(",", ".")
    elif THOUSANDS_WITH_POINT_DECIMAL.match(text):
        text = text.replace(",", "")
    else:
        text = text.replace(",", ".")
    try:
        value = Decimal(text)
    except InvalidOperation:
        return None
    if not value.is_finite() or value.adjusted() >= MAX_DIGITS_BEFORE_POINT:
        return None
    return value.quantize(Decimal("0.0001"))


def parse_date(raw: str) -> dt.date | None:
    text = raw.strip()
    for fmt in DATE_FORMATS:
        try:
            return dt.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    return None


def _columns(header: list[str]) -> dict[str, int]:
    found = {}
    for index, name in enumerate(header):
        key = name.strip().lower().lstrip("\ufeff")
        for column, names in COLUMN_NAMES.items():
            if key in names and column not in found:
                found[column] = index
    return found


def _dialect(text: str) -> str:
    first = text.splitlines()[0] if text else ""
    return ";" if first.count(";") >= first.count(",") and ";" in first else ","


def parse(text: str) -> ParseResult:
    result = ParseResult()
    reader = csv.reader(io.StringIO(text), delimiter=_dialect(text))
    try:
        records = list(enumerate(reader, start=1))
    except csv.Error:
        result.errors.append(RowError(line=1, code="not_csv"))
        return result
    if not records:
        result.errors.append(RowError(line=1, code="missing_header"))
        return result
    cpr_lines = set(lines_with_cpr(records))
    if 1 in cpr_lines:
        result.errors.append(RowError(line=1, code="cpr"))
        return result
    header = records[0][1]
    columns = _columns(header)
    if "date" not in columns or "value" not in columns:
        result.errors.append(RowError(line=1, code="missing_header", detail=";".join(header)))
        return result
    seen: dict[dt.date, int] = {}
    for line, cells in records[1:]:
        if not any(cell.strip() for cell in cells):
            continue
        if len(result.rows) + len(result.errors) >= MAX_ROWS:
            result.errors.append(RowError(line=line, code="too_many_rows", detail=str(MAX_ROWS)))
            break
        if line in cpr_lines:
            result.errors.append(RowError(line=line, code="cpr"))
            continue
        row_or_error = _parse_row(line, cells, columns, seen)
        if isinstance(row_or_error, RowError):
            result.errors.append(row_or_error)
        else:
            seen[row_or_error.on] = line
            result.rows.append(row_or_error)
    return result


def _cell(cells: list[str], columns: dict[str, int], name: str) -> str:
    index = columns.get(name)
    return cells[index].strip() if index is not None and index < len(cells) else ""


def _parse_row(
    line: int, cells: list[str], columns: dict[str, int], seen: dict[dt.date, int]
) -> Row | RowError:
    raw_date = _cell(cells, columns, "date")
    raw_value = _cell(cells, columns, "value")
    if not raw_date:
        return RowError(line=line, code="missing_date")
    on = parse_date(raw_date)
    if on is None:
        return RowError(line=line, code="bad_date", detail=raw_date)
    if on in seen:
        return RowError(line=line, code="duplicate_date", detail=str(seen[on]))
    if not raw_value:
        return RowError(line=line, code="missing_value")
    value = parse_decimal(raw_value)
    if value is None:
        return RowError(line=line, code="bad_value", detail=raw_value)
    return Row(
        line=line,
        on=on,
        value=value,
        source=_cell(cells, columns, "source")[:200],
        note=_cell(cells, columns, "note")[:500],
    )
