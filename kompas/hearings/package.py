"""The hearing as one package for the records system (journalisering, offentlighedsloven § 15).

A zip with ``manifest.json`` (what the package holds, with the size and SHA-256 of every file), the hearing note
as PDF (``hoeringsnotat.pdf``), every counted answer as CSV rows (``svar.csv``, one row per answered question and
one for the other remarks), who helped enter assisted answers in a file of its own (``assisteret.csv``), the
answers' attachments under ``bilag/`` and the draft file under ``udkast/``. Text goes through ``xml_safe`` into
the PDF and through ``core.csv_export`` into the CSV.
"""

import hashlib
import io
import json
import zipfile
from typing import Any

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext

from kompas.core.csv_export import csv_text
from kompas.core.document_text import xml_safe
from kompas.core.downloads import file_slug

from . import selectors
from .models import Answer, AssistedEntry, Hearing

MANIFEST = "manifest.json"
NOTE_PDF = "hoeringsnotat.pdf"
ANSWERS_CSV = "svar.csv"
ASSISTED_CSV = "assisteret.csv"


class PdfUnavailable(Exception):
    """WeasyPrint or its system libraries are missing: the package cannot hold the PDF right now."""


def file_name(hearing: Hearing) -> str:
    return f"hoering-{hearing.pk}-{file_slug(hearing.title)}.zip"


def note_html(hearing: Hearing, *, include_assisted: bool = True) -> str:
    context = {
        "hearing": hearing,
        "note": selectors.note_view(hearing=hearing, include_assisted=include_assisted),
        "counts": selectors.answer_counts(hearing=hearing),
        "questions": list(hearing.questions.all()),
        "municipality": getattr(settings, "KOMPAS_MUNICIPALITY", "Aarhus Kommune"),
        "generated": timezone.localtime(),
    }
    return xml_safe(render_to_string("hearings/export/note_print.html", context))


def note_pdf(hearing: Hearing) -> bytes:
    try:
        from weasyprint import HTML
    except (ImportError, OSError) as exc:  # the package, or Pango and friends, are missing
        raise PdfUnavailable(str(exc)) from exc
    return bytes(HTML(string=note_html(hearing)).write_pdf())


def _answer_rows(answers: list[Answer]) -> list[list[object]]:
    rows: list[list[object]] = []
    for answer in answers:
        base: list[object] = [
            answer.pk,
            timezone.localtime(answer.confirmed_at or answer.created_at).isoformat(timespec="minutes"),
            answer.name,
            answer.email,
            str(answer.get_respondent_kind_display()),
            answer.organisation_name,
            gettext("Yes") if answer.assisted else gettext("No"),
            answer.theme.title if answer.theme else "",
        ]
        for text in answer.texts.all():
            rows.append([*base, text.question.text, text.text])
        if answer.comment:
            rows.append([*base, gettext("Anything else"), answer.comment])
        for attachment in answer.attachments.all():
            rows.append([*base, gettext("Attachment"), f"bilag/{attachment.answer_id}-{attachment.name}"])
    return rows


def build(hearing: Hearing) -> tuple[bytes, int]:
    """The zip as bytes, and the number of files in it."""
    with translation.override(settings.LANGUAGE_CODE):
        return _build(hearing)


def _build(hearing: Hearing) -> tuple[bytes, int]:
    answers = selectors.counted_answers(hearing=hearing)
    header = [
        gettext("Answer no."),
        gettext("Received"),
        gettext("Name"),
        gettext("E-mail"),
        gettext("Answers"),
        gettext("Organisation"),
        gettext("Assisted"),
        gettext("Theme"),
        gettext("Question"),
        gettext("Answer"),
    ]
    members: list[tuple[str, bytes, str]] = [
        (NOTE_PDF, note_pdf(hearing), "hearing_note"),
        (ANSWERS_CSV, csv_text(_answer_rows(answers), header=header).encode("utf-8"), "answers"),
    ]
    entries = AssistedEntry.objects.filter(answer__in=answers).select_related("helper").order_by("answer_id")
    members.append(
        (
            ASSISTED_CSV,
            csv_text(
                [
                    [e.answer_id, e.helper_id, e.helper.get_full_name(), e.place, e.created_at.date()]
                    for e in entries
                ],
                header=[
                    gettext("Answer no."),
                    gettext("Helper id"),
                    gettext("Helper"),
                    gettext("Where"),
                    gettext("Date"),
                ],
            ).encode("utf-8"),
            "assisted",
        )
    )
    for answer in answers:
        for attachment in answer.attachments.all():
            with attachment.file.open("rb") as handle:
                members.append((f"bilag/{answer.pk}-{attachment.name}", handle.read(), "attachment"))
    if hearing.draft_file:
        with hearing.draft_file.open("rb") as handle:
            members.append((f"udkast/{hearing.draft_file_name or 'udkast'}", handle.read(), "draft"))
    manifest: dict[str, Any] = {
        "hearing": {
            "id": hearing.pk,
            "title": hearing.title,
            "department": hearing.department.name,
            "owner": hearing.owner.get_full_name(),
            "deadline": hearing.deadline.isoformat(),
            "status": hearing.status,
            "note_published_at": hearing.note_published_at.isoformat() if hearing.note_published_at else None,
            "proposal": hearing.proposal.title if hearing.proposal else None,
            "case_number": hearing.proposal.case_number if hearing.proposal else "",
        },
        "purpose": gettext("For journalising in the records system (offentlighedsloven § 15)."),
        "generated_at": timezone.now().isoformat(timespec="seconds"),
        "answers": len(answers),
        "assisted_answers": sum(1 for a in answers if a.assisted),
        "files": [
            {"path": path, "kind": kind, "bytes": len(data), "sha256": hashlib.sha256(data).hexdigest()}
            for path, data, kind in members
        ],
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(MANIFEST, json.dumps(manifest, ensure_ascii=False, indent=2))
        for path, data, _kind in members:
            archive.writestr(path, data)
    return buffer.getvalue(), len(members) + 1
