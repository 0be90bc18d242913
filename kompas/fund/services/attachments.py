"""Attachments to an application: type sniffed, size capped, text read through the CPR guard."""

from pathlib import PurePath
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from kompas import activity
from kompas.core import uploads

from .. import verbs
from ..models import (
    Application,
    Attachment,
)
from .base import FundError, Upload, _require_draft

if TYPE_CHECKING:
    from kompas.accounts.models import User

# The project's one upload check (kompas.core.uploads) with the kinds of file an application takes.
ATTACHMENT_RULES = uploads.UploadRules(
    suffixes=frozenset(
        {".pdf", ".png", ".jpg", ".jpeg", ".docx", ".xlsx", ".pptx", ".odt", ".ods", ".txt", ".csv"}
    ),
    kinds=_("PDF, Word, Excel, PowerPoint, OpenDocument, PNG, JPEG, text or CSV"),
    where="fund.attachment",
)
MAX_ATTACHMENT_BYTES = uploads.MAX_BYTES
MAX_ATTACHMENTS = 10


def attachment_check(uploaded: Upload) -> None:
    """Type, size, CPR guard and virus-scan hook, as for every upload; a refusal is shown beside the file field."""
    try:
        uploads.check_upload(uploaded, rules=ATTACHMENT_RULES, field="file")
    except ValidationError as exc:
        raise FundError(exc.message_dict["file"][0], "file") from exc


@transaction.atomic
def attachment_add(*, application: Application, uploaded: Upload, actor: "User") -> Attachment:
    _require_draft(application)
    if application.attachments.count() >= MAX_ATTACHMENTS:
        raise FundError(
            _("An application can have at most %(n)s attachments.") % {"n": MAX_ATTACHMENTS}, "file"
        )
    attachment_check(uploaded)  # the file's name passes the CPR guard there too
    name = PurePath(uploaded.name).name[:200]
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
