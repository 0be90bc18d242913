"""Download names keep æ, ø and å (RFC 5987) with a Danish ASCII fallback, every Word document is A4 with the
municipality's margins, and no module names a download or starts a DOCX any other way."""

import re
from pathlib import Path
from urllib.parse import unquote

from django.http import HttpResponse

from kompas.core.docx_layout import MARGIN_CM, new_document
from kompas.core.downloads import (
    ascii_filename,
    content_disposition,
    file_slug,
    set_download_name,
    transliterate,
)

KOMPAS = Path(__file__).resolve().parents[2]
HEADER_RE = re.compile(r"""\[["']Content-Disposition["']\]\s*=""")
DOCX_RE = re.compile(r"\bdocx\.Document\(|from docx import Document\b")


def test_danish_letters_are_written_out_the_danish_way():
    assert transliterate("Æble øl på Ærø, Åby og Østergade") == "Aeble oel paa Aeroe, Aaby og Oestergade"
    assert transliterate("café über straße") == "cafe uber strasse"


def test_the_header_carries_an_ascii_name_and_the_utf8_name():
    header = content_disposition("indstilling-7-flere-børn-på-skåde-skole.docx")
    assert header.startswith('attachment; filename="indstilling-7-flere-boern-paa-skaade-skole.docx"; ')
    encoded = header.split("filename*=UTF-8''", 1)[1]
    assert unquote(encoded) == "indstilling-7-flere-børn-på-skåde-skole.docx"
    assert all(ord(c) < 128 for c in header)


def test_a_name_cannot_break_the_header_or_name_a_path():
    header = content_disposition('../"Byråd"\r\nSet-Cookie: x\\y.pdf')
    assert "\r" not in header and "\n" not in header
    ascii_part = header.split('filename="', 1)[1].split('"', 1)[0]
    assert "/" not in ascii_part and "\\" not in ascii_part
    assert ascii_filename("ææ") == "aeae"
    assert ascii_filename('"/"') == "download"


def test_inline_and_set_on_a_response():
    response = set_download_name(HttpResponse(b"x"), "værdikort.pdf", inline=True)
    assert (
        response["Content-Disposition"]
        == "inline; filename=\"vaerdikort.pdf\"; filename*=UTF-8''v%C3%A6rdikort.pdf"
    )


def test_file_slug_keeps_danish_letters():
    assert file_slug("Flere børn cykler i skole!") == "flere-børn-cykler-i-skole"
    assert file_slug("   ") == "uden-titel"
    assert len(file_slug("å" * 200)) == 60


def test_a_new_word_document_is_a4_with_the_municipality_margins():
    document = new_document(title="Flere børn\x0b cykler", author="Børn og Unge")
    section = document.sections[0]
    # Word stores lengths in twentieths of a point, so compare to a tenth of a millimetre.
    assert (round(section.page_width.mm, 1), round(section.page_height.mm, 1)) == (210.0, 297.0)
    for margin in (section.top_margin, section.bottom_margin, section.left_margin, section.right_margin):
        assert round(margin.cm, 2) == MARGIN_CM
    assert document.core_properties.title == "Flere børn cykler"
    assert document.core_properties.author == "Børn og Unge"
    assert document.core_properties.language == "da"


def _offenders(pattern: re.Pattern, allowed: set[Path]) -> list[str]:
    return [
        str(path.relative_to(KOMPAS.parent))
        for path in KOMPAS.rglob("*.py")
        if path not in allowed
        and "/tests/" not in path.as_posix()
        and pattern.search(path.read_text("utf-8"))
    ]


def test_no_module_writes_a_content_disposition_header_itself():
    assert _offenders(HEADER_RE, {KOMPAS / "core" / "downloads.py"}) == []
    assert HEADER_RE.search("""response["Content-Disposition"] = f'attachment; filename="{name}"'""")


def test_no_module_starts_a_word_document_itself():
    assert _offenders(DOCX_RE, {KOMPAS / "core" / "docx_layout.py"}) == []
    assert DOCX_RE.search("    from docx import Document")
