"""Shareable learnings travel from the apps that produce them to the knowledge library (Vidensbanken).

Trials, goal follow-ups and fund effect reports sit below the library in the layers (docs/architecture.md),
so they cannot import it. Instead each of them

- registers a *source* in ``AppConfig.ready``: a function that yields every learning it currently shares,
  used to rebuild the library's index from scratch (after the demo data's bulk inserts, or by a command); and
- calls :func:`announce` after a write commits, with the learning as it now is (``shared=False`` withdraws it).

The library listens to :data:`learning_changed` and keeps one row per ``key``. Nothing here knows the library.
"""

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.db import transaction
from django.dispatch import Signal

# The four paths of the compass (lytte, løse, lære, lede); learnings and library items are tagged with them.
PATHS = ("listen", "solve", "learn", "lead")

learning_changed = Signal()  # sent with ``learning=SharedLearning``


@dataclass(frozen=True)
class SharedLearning:
    key: str  # stable identity of the source row, e.g. "trials.iteration:42"
    kind: str  # "trial" | "follow_up" | "fund_report" | … – what the learning came from
    title: str
    body: str
    url: str  # the page the learning links back to
    date: dt.date
    shared: bool = True  # False withdraws a learning that was shared before
    department_id: int | None = None
    city_goal_ids: tuple[int, ...] = ()
    paths: tuple[str, ...] = field(default=())  # a subset of PATHS


Source = Callable[[], Iterable[SharedLearning]]
_sources: dict[str, Source] = {}


def register_source(kind: str, source: Source) -> None:
    _sources[kind] = source


def sources() -> dict[str, Source]:
    return dict(_sources)


def announce(learning: SharedLearning) -> None:
    """Tell the library about a learning once the surrounding transaction has committed."""
    transaction.on_commit(lambda: learning_changed.send(sender=SharedLearning, learning=learning))
