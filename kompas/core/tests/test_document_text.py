"""Text into documents (``xml_safe``) and out of uploaded documents (``extract_text``, for the CPR guard)."""

import io
import zipfile

import pytest
from docx import Document
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kompas.core.cpr import contains_cpr
from kompas.core.document_text import UnreadableDocument, extract_text, xml_safe, xml_safe_tree


def test_xml_safe_strips_what_xml_cannot_hold_and_keeps_the_rest():
    assert xml_safe("a\x00b\x0bc\x0cd\x1fe\ud800f\udfffg\ufffeh\uffffi") == "abcdefghi"
    assert xml_safe("tab\tlf\ncr\r æøå – “ok” 😀") == "tab\tlf\ncr\r æøå – “ok” 😀"


def test_xml_safe_tree_cleans_nested_strings_only():
    marker = object()
    cleaned = xml_safe_tree({"a": ["x\x0by", ("z\x00", 3)], "b": marker, "c": None})
    assert cleaned == {"a": ["xy", ("z", 3)], "b": marker, "c": None}


@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text())
def test_xml_safe_output_is_accepted_by_an_xml_writer(text):
    from lxml import etree

    element = etree.Element("p")
    element.text = xml_safe(text)  # lxml refuses exactly what XML 1.0 cannot hold
    assert (etree.fromstring(etree.tostring(element)).text or "") == xml_safe(text)


def _docx(*runs: str, cells: tuple[str, str] = ("12", "34")) -> bytes:
    document = Document()
    paragraph = document.add_paragraph()
    for run in runs:
        paragraph.add_run(run).bold = True
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = cells
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_docx_text_joins_runs_and_keeps_cells_apart():
    text = extract_text("ansøgning.docx", _docx("Mit cpr er 0101", "90-1234"))
    assert "Mit cpr er 010190-1234" in text and contains_cpr(text)
    assert not contains_cpr(extract_text("tal.docx", _docx("Tabellen", cells=("01019", "01234"))))


def _zip(parts: dict[str, str]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in parts.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def test_opendocument_and_spreadsheet_text():
    odt = _zip({"content.xml": "<office:text><text:p>CPR:<text:s/>010190-1234</text:p></office:text>"})
    assert contains_cpr(extract_text("a.odt", odt))
    xlsx = _zip({"xl/sharedStrings.xml": "<sst><si><t>Anna 0101901234</t></si></sst>"})
    assert contains_cpr(extract_text("a.xlsx", xlsx))
    settings_only = _zip({"word/settings.xml": "<w:rsid>0101901234</w:rsid>"})
    assert extract_text("a.docx", settings_only).strip() == ""  # only the parts a reader sees


def test_text_files_in_any_common_encoding():
    assert contains_cpr(extract_text("a.txt", "Født 010190-1234".encode("utf-16")))
    assert contains_cpr(extract_text("a.csv", "Født;010190-1234".encode("cp1252")))
    assert extract_text("billede.png", b"\x89PNG0101901234") == ""


def test_pdf_text(tmp_path):
    pytest.importorskip("weasyprint")
    from weasyprint import HTML

    pdf = HTML(string="<p>Ansøger: Anna, cpr 010190-1234</p>").write_pdf()
    assert contains_cpr(extract_text("a.pdf", pdf))


@pytest.mark.parametrize(("name", "data"), [("a.docx", b"PK\x03\x04 broken"), ("a.pdf", b"%PDF-1.4 broken")])
def test_broken_documents_are_unreadable(name, data):
    with pytest.raises(UnreadableDocument):
        extract_text(name, data)
