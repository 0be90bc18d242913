"""Reading a staff population from CSV: plain data in, rows and row errors (with line numbers) out.

Every cell passes the CPR guard first (``core.cpr.lines_with_cpr``): an employee number that looks like a CPR
number is reported as an error on its line (code ``cpr``, no detail, so the number is never echoed back), and
the caller saves nothing while any error remains.
"""

import csv
import io
from dataclasses import dataclass

from kompas.core.cpr import lines_with_cpr

MAX_ROWS = 100_000
COLUMNS = {
    "employee_id": ("medarbejdernr", "medarbejdernummer", "employee_id", "id"),
    "role": ("rolle", "role"),
    "department": ("afdeling", "magistratsafdeling", "department"),
    "unit": ("enhed", "unit"),
    "email": ("email", "e-mail", "mail"),
}
ROLES = {"leder": "leader", "leader": "leader", "medarbejder": "employee", "employee": "employee"}


@dataclass(frozen=True)
class PersonRow:
    line: int
    employee_id: str
    role: str
    department: str
    unit: str
    email: str


@dataclass(frozen=True)
class RowError:
    line: int
    code: str  # missing_header, missing_field, bad_role, duplicate, cpr, unknown_department, ...
    detail: str = ""


def parse(text: str) -> tuple[list[PersonRow], list[RowError]]:
    text = text.lstrip("\ufeff")
    sample = text[:2048]
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=";,\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.reader(io.StringIO(text), dialect)
    try:
        records = list(enumerate(reader, start=1))
    except csv.Error:
        return [], [RowError(1, "not_csv")]
    cpr_lines = set(lines_with_cpr(records))
    if 1 in cpr_lines:
        return [], [RowError(1, "cpr")]
    header = records[0][1] if records else None
    if not header:
        return [], [RowError(1, "missing_header", ", ".join(c[0] for c in COLUMNS.values()))]
    names = [h.strip().lower() for h in header]
    where: dict[str, int] = {}
    for field, aliases in COLUMNS.items():
        for alias in aliases:
            if alias in names:
                where[field] = names.index(alias)
                break
    missing = [COLUMNS[f][0] for f in ("employee_id", "role", "department", "unit") if f not in where]
    if missing:
        return [], [RowError(1, "missing_header", ", ".join(missing))]
    rows: list[PersonRow] = []
    errors: list[RowError] = []
    seen: dict[str, int] = {}  # employee id -> the line it was first on
    for line, record in records[1:]:
        if not any(cell.strip() for cell in record):
            continue
        if len(rows) + len(errors) >= MAX_ROWS:
            errors.append(RowError(line, "too_many_rows", str(MAX_ROWS)))
            break
        if line in cpr_lines:
            errors.append(RowError(line, "cpr"))
            continue

        def get(field: str, record: list[str] = record) -> str:
            i = where.get(field)
            return record[i].strip() if i is not None and i < len(record) else ""

        values = {field: get(field) for field in COLUMNS}
        empty = [COLUMNS[f][0] for f in ("employee_id", "role", "department", "unit") if not values[f]]
        if empty:
            errors.append(RowError(line, "missing_field", ", ".join(empty)))
            continue
        role = ROLES.get(values["role"].lower())
        if role is None:
            errors.append(RowError(line, "bad_role", values["role"]))
            continue
        if values["employee_id"] in seen:
            errors.append(RowError(line, "duplicate", str(seen[values["employee_id"]])))
            continue
        if values["email"] and ("@" not in values["email"] or " " in values["email"]):
            errors.append(RowError(line, "bad_email", values["email"]))
            continue
        seen[values["employee_id"]] = line
        rows.append(
            PersonRow(
                line, values["employee_id"], role, values["department"], values["unit"], values["email"]
            )
        )
    return rows, errors
