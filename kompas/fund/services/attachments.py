"""Attachments to an application: type sniffed, size capped, text read through the CPR guard."""

from pathlib import PurePath
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from kompas import activity
from kompas.core.cpr import contains_cpr
from kompas.core.document_text import READABLE_SUFFIXES, UnreadableDocument, extract_text
from kompas.core.validators import report_cpr_hit

from .. import verbs
from ..models import (
    Application,
    Attachment,
)
from .base import FundError, Upload, _cpr_guard, _require_draft

if TYPE_CHECKING:
    from kompas.accounts.models import User

ALLOWED_ATTACHMENTS = {
    ".pdf": (b"%PDF",),
    ".png": (b"\x89PNG",),
    ".jpg": (b"\xff\xd8\xff",),
    ".jpeg": (b"\xff\xd8\xff",),
    ".docx": (b"PK",),
    ".xlsx": (b"PK",),
    ".pptx": (b"PK",),
    ".odt": (b"PK",),
    ".ods": (b"PK",),
    ".txt": (),
    ".csv": (),
}


MAX_ATTACHMENT_BYTES = 5 * 1024 * 1024


MAX_ATTACHMENTS = 10


def attachment_check(uploaded: Upload) -> None:
    suffix = PurePath(uploaded.name).suffix.lower()
    if suffix not in ALLOWED_ATTACHMENTS:
        raise FundError(
            _(
                "Files of this type cannot be attached. "
                "Use PDF, Word, Excel, PowerPoint, OpenDocument, PNG, JPEG, text or CSV."
            ),
            "file",
        )
    if uploaded.size > MAX_ATTACHMENT_BYTES:
        raise FundError(_("The file is larger than 5 MB. Make it smaller or split it."), "file")
    if uploaded.size == 0:
        raise FundError(_("The file is empty."), "file")
    head = uploaded.read(8)
    uploaded.seek(0)
    magics = ALLOWED_ATTACHMENTS[suffix]
    if magics and not any(head.startswith(m) for m in magics):
        raise FundError(_("The file's content does not match its type."), "file")
    if suffix in READABLE_SUFFIXES:  # text, CSV, Office/OpenDocument and PDF: the CPR guard reads the text
        data = uploaded.read(MAX_ATTACHMENT_BYTES)
        uploaded.seek(0)
        try:
            text = extract_text(uploaded.name, data)
        except UnreadableDocument as exc:
            raise FundError(
                _(
                    "The file could not be read, so it could not be checked for CPR numbers. "
                    "Save it again, e.g. as PDF, and attach it."
                ),
                "file",
            ) from exc
        if contains_cpr(text):
            report_cpr_hit(text=text, where="fund.attachment")
            raise FundError(
                _("The file appears to contain a CPR number. Remove it and attach the file again."), "file"
            )


@transaction.atomic
def attachment_add(*, application: Application, uploaded: Upload, actor: "User") -> Attachment:
    _require_draft(application)
    if application.attachments.count() >= MAX_ATTACHMENTS:
        raise FundError(
            _("An application can have at most %(n)s attachments.") % {"n": MAX_ATTACHMENTS}, "file"
        )
    attachment_check(uploaded)
    name = PurePath(uploaded.name).name[:200]
    _cpr_guard(file=name)
    attachment = Attachment(
        application=application,
        name=name,
        size=uploaded.size,
        content_type=(getattr(uploaded, "content_type", "") or "application/octet-stream")[:100],
        uploaded_by=actor,
    )
    attachment.file.save(name, uploaded, save=False)
    attachment.save()
    activity.record(
        actor=actor, verb=verbs.ATTACHMENT_ADDED, target=application, changes={"attachment": [None, name]}
    )
    return attachment


@transaction.atomic
def attachment_delete(*, attachment: Attachment, actor: "User") -> None:
    _require_draft(attachment.application)
    activity.record(
        actor=actor,
        verb=verbs.ATTACHMENT_REMOVED,
        target=attachment.application,
        changes={"attachment": [attachment.name, None]},
    )
    attachment.file.delete(save=False)
    attachment.delete()
