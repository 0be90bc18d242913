"""What an answer's attachment and a hearing's draft file must pass before they are stored: the project's one
upload check (``kompas/core/uploads.py``: type, size, the CPR guard, the virus-scan hook), with the kinds of
file a hearing takes."""

from django.utils.translation import gettext_lazy as _

from kompas.core import uploads
from kompas.core.uploads import Upload

__all__ = ["MAX_FILES", "RULES", "Upload", "check_upload"]

MAX_FILES = 5
RULES = uploads.UploadRules(
    suffixes=frozenset({".pdf", ".docx", ".xlsx", ".odt", ".ods", ".png", ".jpg", ".jpeg", ".txt", ".csv"}),
    kinds=_("PDF, Word, Excel, OpenDocument, PNG, JPEG, text or CSV"),
    where="hearings.attachment",
)


def check_upload(uploaded: Upload, *, field: str = "attachments") -> str:
    """The file's clean name, or a ``ValidationError`` on ``field`` saying what is wrong (in Danish)."""
    return uploads.check_upload(uploaded, rules=RULES, field=field)
