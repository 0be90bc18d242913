"""The learning forums' side of shared learnings (kompas.core.learnings): what a session log shares with the
library. A forum on one of the compass's paths tags its learnings with that path; a forum on a theme with
"learn" – practising together and learning from each other is the path of learning."""

from collections.abc import Iterator

from django.utils import timezone

from kompas.core.learnings import SharedLearning

from .models import Session, SessionLog

KIND = "learning_session"


def key_of(log: SessionLog) -> str:
    return f"learning.session:{log.session_id}"


def learning_of(log: SessionLog, session: Session | None = None) -> SharedLearning:
    session = session or log.session
    forum = session.forum
    body = log.learned
    if log.try_next:
        body = f"{body}\n\n{log.try_next}"
    when = session.starts_at or log.updated_at or timezone.now()
    return SharedLearning(
        key=key_of(log),
        kind=KIND,
        title=f"{forum.title} – {session.title}",
        body=body,
        url=f"{session.get_absolute_url()}#log",
        date=timezone.localdate(when),
        shared=log.shareable and bool(log.learned.strip()),
        department_id=forum.host_unit.department_id if forum.host_unit is not None else None,
        paths=(forum.path,) if forum.path else ("learn",),
    )


def source() -> Iterator[SharedLearning]:
    """Every learning the forums currently share (for rebuilding the library's index)."""
    logs = (
        SessionLog.objects.filter(shareable=True)
        .exclude(learned="")
        .select_related("session__forum__host_unit")
        .order_by("pk")
    )
    for log in logs.iterator(chunk_size=500):
        yield learning_of(log)
