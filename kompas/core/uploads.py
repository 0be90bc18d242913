"""What an uploaded file must pass before it is stored: the one check the modules share.

A module names the kinds of file it takes (``UploadRules``); ``check_upload`` then holds every upload to the
same rules: a known type, checked by name and by the first bytes; at most ``MAX_BYTES``; no CPR number in the
file's name or in the text of a readable document (text, CSV, Office, OpenDocument, PDF), and a document whose
text cannot be read is refused; then the virus-scan hook. Errors are a ``ValidationError`` on the form's field.

Virus scanning is a hook, not a product: set ``KOMPAS_VIRUS_SCANNER`` to the dotted path of a callable
``scan(name: str, data: bytes) -> bool`` (True when clean), e.g. one that asks clamd over its socket. A file
the scanner calls infected, or a scanner that fails, refuses the upload. Unset, no scanning takes place
(docs/hearings.md).
"""

from collections.abc import Callable
from dataclasses import dataclass
from importlib import import_module
from pathlib import PurePath
from typing import TYPE_CHECKING, Protocol, cast

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext

from .cpr import contains_cpr
from .document_text import READABLE_SUFFIXES, UnreadableDocument, extract_text
from .validators import report_cpr_hit

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

MAX_BYTES = 5 * 1024 * 1024
# The first bytes of each kind of file Kompas takes; text and CSV have none to check.
SIGNATURES: dict[str, tuple[bytes, ...]] = {
    ".pdf": (b"%PDF",),
    ".docx": (b"PK",),
    ".xlsx": (b"PK",),
    ".pptx": (b"PK",),
    ".odt": (b"PK",),
    ".ods": (b"PK",),
    ".odp": (b"PK",),
    ".png": (b"\x89PNG",),
    ".jpg": (b"\xff\xd8\xff",),
    ".jpeg": (b"\xff\xd8\xff",),
    ".txt": (),
    ".csv": (),
}


class Upload(Protocol):
    """An uploaded file as the check reads it (Django's ``UploadedFile``, or any file-like with a name and size)."""

    @property
    def name(self) -> str | None: ...

    @property
    def size(self) -> int | None: ...

    def read(self, size: int = ..., /) -> bytes: ...

    def seek(self, offset: int, /) -> object: ...


@dataclass(frozen=True)
class UploadRules:
    """The kinds of file a module takes (suffixes from ``SIGNATURES``), as the user is told them, and the place
    a CPR hit is reported under."""

    suffixes: frozenset[str]
    kinds: "StrOrPromise"
    where: str

    def __post_init__(self) -> None:
        unknown = self.suffixes - SIGNATURES.keys()
        assert not unknown, f"no signature for {sorted(unknown)}"


def _scanner() -> Callable[[str, bytes], bool] | None:
    path = getattr(settings, "KOMPAS_VIRUS_SCANNER", "")
    if not path:
        return None
    module, _, name = str(path).rpartition(".")
    return cast(Callable[[str, bytes], bool], getattr(import_module(module), name))


def check_upload(uploaded: Upload, *, rules: UploadRules, field: str) -> str:
    """The file's clean name, or a ``ValidationError`` on ``field`` saying what is wrong (in Danish)."""
    name = PurePath(uploaded.name or "").name[:200]
    suffix = PurePath(name).suffix.lower()

    def refuse(message: str) -> ValidationError:
        return ValidationError({field: f"{name}: {message}"})

    if suffix not in rules.suffixes:
        raise refuse(
            gettext("Files of this type cannot be used here. Use %(kinds)s.") % {"kinds": rules.kinds}
        )
    size = uploaded.size or 0
    if size > MAX_BYTES:
        raise refuse(gettext("The file is larger than 5 MB. Make it smaller or split it."))
    if size == 0:
        raise refuse(gettext("The file is empty."))
    uploaded.seek(0)
    data = uploaded.read(MAX_BYTES + 1)
    uploaded.seek(0)
    magics = SIGNATURES[suffix]
    if magics and not any(data.startswith(magic) for magic in magics):
        raise refuse(gettext("The file's content does not match its type."))
    if contains_cpr(name):
        report_cpr_hit(text=name, where=f"{rules.where}_name")
        raise ValidationError(
            {field: gettext("A file name appears to contain a CPR number. Rename the file.")}
        )
    if suffix in READABLE_SUFFIXES:
        try:
            text = extract_text(name, data)
        except UnreadableDocument as exc:
            raise refuse(
                gettext(
                    "The file could not be read, so it could not be checked for CPR numbers. "
                    "Save it again, e.g. as PDF, and attach it."
                )
            ) from exc
        if contains_cpr(text):
            report_cpr_hit(text=text, where=rules.where)
            raise refuse(
                gettext("The file appears to contain a CPR number. Remove it and attach the file again.")
            )
    scan = _scanner()
    if scan is not None:
        try:
            clean = scan(name, data)
        except Exception as exc:  # noqa: BLE001 - any failure of the scanner refuses the file
            raise refuse(
                gettext("The file could not be checked for viruses right now. Try again later.")
            ) from exc
        if not clean:
            raise refuse(gettext("The virus check refused the file."))
    return name
