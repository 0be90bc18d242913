"""Text going into and coming out of documents. Plain Python; pypdf is imported only when a PDF is read.

``xml_safe`` strips what an XML document cannot hold, so text a person typed (a vertical tab pasted from
Word, a stray NUL) cannot make a DOCX or PDF export fail: C0 control characters except tab, line feed and
carriage return, lone surrogates, and the non-characters U+FFFE and U+FFFF. ``xml_safe_tree`` does the same to
every string in nested dicts, lists and tuples (a document's data), leaving other values alone. Every DOCX and
PDF export runs its text through one of them.

``extract_text`` reads the text of an uploaded document so the CPR guard can look at it: plain text and CSV
(UTF-16 with a byte-order mark, UTF-8, else Windows-1252), the Office Open XML and OpenDocument formats (DOCX,
XLSX, PPTX, ODT, ODS: the parts of the zip that hold the content, tags dropped, paragraph and cell ends kept as
line breaks) and PDF (pypdf). Images have no text to read (no OCR). Every read is bounded (bytes unpacked,
pages), so a zip bomb or a huge PDF costs little; ``UnreadableDocument`` means the file could not be read and
so could not be checked.
"""

from __future__ import annotations

import html
import io
import re
import zipfile
from collections.abc import Mapping
from pathlib import PurePath
from typing import Final

__all__ = ["READABLE_SUFFIXES", "UnreadableDocument", "extract_text", "xml_safe", "xml_safe_tree"]

_NOT_XML_RE: Final = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_safe(text: str) -> str:
    """``text`` without the characters XML 1.0 cannot hold."""
    return _NOT_XML_RE.sub("", text)


def xml_safe_tree(value: object) -> object:
    """``value`` with ``xml_safe`` applied to every string inside dicts, lists and tuples."""
    if isinstance(value, str):
        return xml_safe(value)
    if isinstance(value, Mapping):
        return {key: xml_safe_tree(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return type(value)(xml_safe_tree(item) for item in value)
    return value


class UnreadableDocument(Exception):
    """The file claims a document type but its text could not be read."""


MAX_UNPACKED_BYTES: Final = 50 * 1024 * 1024
MAX_PDF_PAGES: Final = 500
TEXT_SUFFIXES: Final = frozenset({".txt", ".csv"})
ZIP_SUFFIXES: Final = frozenset({".docx", ".xlsx", ".pptx", ".odt", ".ods", ".odp"})
PDF_SUFFIXES: Final = frozenset({".pdf"})
READABLE_SUFFIXES: Final = TEXT_SUFFIXES | ZIP_SUFFIXES | PDF_SUFFIXES

# Elements that end a paragraph, line, cell or shared string: a line break in the text, so that two cells
# never run together into one number. Every other tag is dropped, so runs inside a paragraph join as shown.
_BREAK_ELEMENTS: Final = frozenset(
    {"p", "br", "tab", "tc", "tr", "c", "v", "si", "h", "line-break", "table-cell", "table-row", "list-item"}
)
_TAG_RE: Final = re.compile(r"<(/?)(?:[\w.-]+:)?([\w.-]+)[^>]*?(/?)>")
_DECLARATION_RE: Final = re.compile(r"<\?.*?\?>|<!--.*?-->|<!\[CDATA\[|\]\]>", re.DOTALL)

# The parts of an archive that hold what a reader sees (not styles, settings, themes or metadata, whose
# numbers would run together into false CPR hits).
_CONTENT_PART_RE: Final = re.compile(
    r"""^(?:
        word/(?:document|header\d*|footer\d*|footnotes|endnotes|comments)\.xml
      | xl/sharedStrings\.xml | xl/worksheets/[^/]+\.xml | xl/comments\d*\.xml
      | ppt/(?:slides|notesSlides|comments)/[^/]+\.xml
      | content\.xml
    )$""",
    re.VERBOSE,
)


def _xml_text(xml: str) -> str:
    def replace(match: re.Match[str]) -> str:
        closing, name, empty = match.groups()
        if name == "s" and not closing:  # OpenDocument's run of spaces
            return " "
        return "\n" if name in _BREAK_ELEMENTS and (closing or empty or name in {"br", "tab"}) else ""

    return html.unescape(_TAG_RE.sub(replace, _DECLARATION_RE.sub("", xml)))


def _zip_text(data: bytes) -> str:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        parts = []
        budget = MAX_UNPACKED_BYTES
        for info in archive.infolist():
            if not _CONTENT_PART_RE.match(info.filename) or budget <= 0:
                continue
            with archive.open(info) as member:
                raw = member.read(budget)
            budget -= len(raw)
            parts.append(_xml_text(raw.decode("utf-8", errors="replace")))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, RuntimeError, ValueError, EOFError) as exc:
        raise UnreadableDocument(str(exc)) from exc
    return "\n".join(parts)


def _pdf_text(data: bytes) -> str:
    try:
        from pypdf import PdfReader
        from pypdf.errors import PyPdfError

        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise UnreadableDocument("encrypted")
        return "\n".join(
            page.extract_text() or "" for index, page in enumerate(reader.pages) if index < MAX_PDF_PAGES
        )
    except UnreadableDocument:
        raise
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, IndexError, OSError) as exc:
        raise UnreadableDocument(str(exc)) from exc
    except RecursionError as exc:  # a maliciously nested PDF
        raise UnreadableDocument("nested too deeply") from exc


def extract_text(name: str, data: bytes) -> str:
    """The text of a document named ``name`` (its suffix decides the reader); '' for types without text."""
    suffix = PurePath(name).suffix.lower()
    if suffix in TEXT_SUFFIXES:
        if data.startswith((b"\xff\xfe", b"\xfe\xff")):
            return data.decode("utf-16", errors="replace")
        try:
            return data.decode("utf-8-sig")
        except UnicodeDecodeError:
            return data.decode("cp1252", errors="replace")  # what Excel on Windows writes
    if suffix in ZIP_SUFFIXES:
        return _zip_text(data)
    if suffix in PDF_SUFFIXES:
        return _pdf_text(data)
    return ""
