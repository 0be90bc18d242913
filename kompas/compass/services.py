"""Writes of the compass: the texts of the paths and pivots, and the further paths a person tags an object with.

Tagging asks the object's owning app, through ``kompas.core.paths.may_tag``, whether the person may change the
object; the compass never decides that itself (ADR 0015).
"""

from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from kompas import activity
from kompas.activity.services import wording_update
from kompas.core import object_access, versions
from kompas.core import paths as core_paths

from . import verbs
from .models import Path, PathTag, Pivot
from .selectors import content_type_for

if TYPE_CHECKING:
    from kompas.accounts.models import User

PATH_FIELDS = ("name", "short_name", "summary", "text")
PIVOT_FIELDS = ("name", "tagline", "text", "questions")


@transaction.atomic
def path_update(*, path: Path, name: str, short_name: str, summary: str, text: str, actor: "User") -> Path:
    values = {"name": name, "short_name": short_name, "summary": summary, "text": text}
    return wording_update(
        instance=path, actor=actor, verb=verbs.PATH_UPDATED, fields=PATH_FIELDS, values=values
    )


@transaction.atomic
def pivot_update(*, pivot: Pivot, name: str, tagline: str, text: str, questions: str, actor: "User") -> Pivot:
    values = {"name": name, "tagline": tagline, "text": text, "questions": questions.strip()}
    return wording_update(
        instance=pivot, actor=actor, verb=verbs.PIVOT_UPDATED, fields=PIVOT_FIELDS, values=values
    )


@transaction.atomic
def paths_tag(*, label: str, pk: int, codes: Iterable[str], actor: "User") -> list[str]:
    """Put the object ``label``/``pk`` on exactly the further paths ``codes`` (beyond its natural ones).

    The actor must be allowed to read the object and to change it by its owning app's rules; otherwise
    ``PermissionDenied``. Returns the codes of the further paths the object is on afterwards.
    """
    label = label.lower()
    target = object_access.get_for_user(user=actor, label=label, pk=pk)
    if target is None or not core_paths.may_tag(user=actor, label=label, pk=pk):
        raise PermissionDenied
    content_type = content_type_for(label)
    if content_type is None:
        raise PermissionDenied
    wanted = set(codes)
    unknown = wanted - set(core_paths.PATHS)
    if unknown:
        raise ValidationError({"paths": _("Choose among the four paths.")})
    wanted -= core_paths.natural_paths(label)
    existing = {
        tag.path.code: tag
        for tag in PathTag.objects.select_for_update()
        .filter(content_type=content_type, object_id=pk)
        .select_related("path")
    }
    before = sorted(existing)
    for code, tag in existing.items():
        if code not in wanted:
            tag.delete()
    by_code = {path.code: path for path in Path.objects.filter(code__in=wanted - set(existing))}
    PathTag.objects.bulk_create(
        [
            PathTag(content_type=content_type, object_id=pk, path=by_code[code], tagged_by=actor)
            for code in sorted(by_code)
        ]
    )
    after = sorted((set(existing) & wanted) | set(by_code))
    if after != before:
        versions.bump("content")
        activity.record(
            actor=actor, verb=verbs.PATHS_TAGGED, target=target, changes={"paths": [before, after]}
        )
    return after
