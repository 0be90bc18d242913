"""The one CSV writer: formula-safe text, numbers kept as numbers, a BOM and ``;`` for Excel, and no module
may write CSV any other way."""

import csv
import datetime as dt
import io
import re
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kompas.core.csv_export import FORMULA_STARTS, csv_response, csv_text, lines, neutralise, restore

KOMPAS = Path(__file__).resolve().parents[2]
ALLOWED = {KOMPAS / "core" / "csv_export.py"}


@pytest.mark.parametrize(
    ("value", "written"),
    [
        ('=HYPERLINK("http://x";"klik")', '\'=HYPERLINK("http://x";"klik")'),
        ("+4520304050", "'+4520304050"),
        ("-12,5", "'-12,5"),  # text that looks like a number is still text
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1+1", "'\t=1+1"),
        ("\r=1+1", "'\r=1+1"),
        ("Helt almindelig tekst", "Helt almindelig tekst"),
        ("", ""),
    ],
)
def test_neutralise(value, written):
    assert neutralise(value) == written
    assert restore(written) == value


def test_numbers_dates_and_none_keep_their_meaning():
    text = csv_text(
        [[-12, Decimal("-3.50"), -0.25, None, dt.date(2025, 1, 31), True, "=1+1"]], bom=False, delimiter=";"
    )
    assert text == "-12;-3.50;-0.25;;2025-01-31;1;'=1+1\r\n"


def test_excel_defaults_and_machine_format():
    assert csv_text([["a", "b"]], header=["x", "y"]) == "\ufeffx;y\r\na;b\r\n"
    assert csv_text([["a", "b"]], delimiter=",", bom=False) == "a,b\r\n"


def test_csv_response_plain_and_streaming():
    response = csv_response([["=1"]], header=["h"], filename="f.csv")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == "attachment; filename=\"f.csv\"; filename*=UTF-8''f.csv"
    assert response.content.decode() == "\ufeffh\r\n'=1\r\n"
    streaming = csv_response(iter([["=1"]]), header=["h"], filename="f.csv", streaming=True)
    assert b"".join(streaming.streaming_content).decode() == "\ufeffh\r\n'=1\r\n"


@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.lists(st.text(), min_size=1, max_size=4), max_size=5))
def test_no_text_cell_ever_starts_a_formula_and_every_cell_reads_back(rows):
    text = "".join(lines(rows, bom=False))
    read = list(csv.reader(io.StringIO(text, newline=""), delimiter=";"))
    assert len(read) == len(rows)
    for original, cells in zip(rows, read, strict=True):
        for value, cell in zip(original, cells, strict=True):
            assert not cell.startswith(FORMULA_STARTS)
            assert restore(cell) == value


WRITER_RE = re.compile(
    r"\bcsv\s*\.\s*(?:writer|DictWriter)\s*\(|\bfrom\s+csv\s+import\b[^\n]*\b(?:writer|DictWriter)\b"
)


def test_no_module_writes_csv_except_through_core_csv_export():
    offenders = [
        str(path.relative_to(KOMPAS.parent))
        for path in KOMPAS.rglob("*.py")
        if path not in ALLOWED
        and "/tests/" not in path.as_posix()
        and WRITER_RE.search(path.read_text(encoding="utf-8"))
    ]
    assert offenders == [], f"write CSV with kompas.core.csv_export, not csv.writer: {offenders}"


def test_the_scan_would_catch_a_bypass():
    assert WRITER_RE.search("w = csv.writer(response, delimiter=';')")
    assert WRITER_RE.search("w = csv.DictWriter(f, fieldnames=x)")
    assert WRITER_RE.search("from csv import writer")
    assert not WRITER_RE.search("reader = csv.reader(io.StringIO(text))")


@pytest.mark.parametrize("value", ["'=", "''=1", "'+45 12 34 56 78"])
def test_text_that_already_looks_neutralised_reads_back_unchanged(value):
    (cell,) = next(csv.reader(io.StringIO("".join(lines([[value]], bom=False)), newline=""), delimiter=";"))
    assert restore(cell) == value and not cell.startswith(FORMULA_STARTS)
