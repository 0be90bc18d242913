"""The page every Word document from Kompas starts on: A4 with the municipality's margins.

python-docx's blank document is US Letter (8.5 × 11 in) with 1-inch margins, which prints with a strip cut off
or a wide bottom on the A4 paper every Danish printer holds. ``new_document`` is the one way to start a DOCX
export: A4 (210 × 297 mm), 2.5 cm margins on every side, header and footer 1.25 cm from the edge, and the
document's title, author and language filled in. A test in ``kompas/core/tests/test_downloads.py`` fails if
another module calls ``docx.Document()`` itself. python-docx is imported only when a document is made.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

from kompas.core.document_text import xml_safe

if TYPE_CHECKING:
    from docx.document import Document

__all__ = ["A4_HEIGHT_MM", "A4_WIDTH_MM", "EDGE_DISTANCE_CM", "MARGIN_CM", "new_document"]

A4_WIDTH_MM: Final = 210
A4_HEIGHT_MM: Final = 297
MARGIN_CM: Final = 2.5
EDGE_DISTANCE_CM: Final = 1.25


def new_document(*, title: str = "", author: str = "", language: str = "da") -> Document:
    """A blank A4 Word document with the municipality's margins and the given core properties."""
    import docx
    from docx.enum.section import WD_ORIENT
    from docx.shared import Cm, Mm

    document = docx.Document()
    for section in document.sections:
        section.orientation = WD_ORIENT.PORTRAIT
        section.page_width = Mm(A4_WIDTH_MM)
        section.page_height = Mm(A4_HEIGHT_MM)
        section.top_margin = section.bottom_margin = Cm(MARGIN_CM)
        section.left_margin = section.right_margin = Cm(MARGIN_CM)
        section.header_distance = section.footer_distance = Cm(EDGE_DISTANCE_CM)
    properties = document.core_properties
    properties.title = xml_safe(title)
    properties.author = xml_safe(author)
    properties.language = language
    return document
