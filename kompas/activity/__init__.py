"""The activity log, which is also the audit trail, and calm notifications.

Services call ``activity.record(actor=..., verb=..., target=..., changes=...)`` inside their transaction.
"""

import datetime as dt
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, NotRequired, TypedDict, Unpack

if TYPE_CHECKING:
    from django.contrib.auth.models import _AnyUser, _User
    from django.db import models

    from .models import ActivityEntry


class _RecordArgs(TypedDict):
    """The keyword arguments of ``services.activity_record``."""

    actor: "_AnyUser | None"
    verb: str
    target: NotRequired["models.Model | None"]
    changes: NotRequired[dict[str, list[Any]] | None]
    private: NotRequired[Iterable[str]]


class _NotifyArgs(TypedDict):
    """The keyword arguments of ``services.notification_send``."""

    recipients: "Iterable[_User | None]"
    message: str
    url: NotRequired[str]


class _NotifiedArgs(TypedDict):
    """The keyword arguments of ``services.notification_exists``."""

    recipient: "_User"
    message: str
    url: str
    since: dt.datetime


def record(**kwargs: Unpack[_RecordArgs]) -> "ActivityEntry":
    from .services import activity_record

    return activity_record(**kwargs)


def notify(**kwargs: Unpack[_NotifyArgs]) -> None:
    from .services import notification_send

    return notification_send(**kwargs)


def notified(**kwargs: Unpack[_NotifiedArgs]) -> bool:
    from .services import notification_exists

    return notification_exists(**kwargs)
