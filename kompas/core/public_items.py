"""What the published value map copies of the modules' public items (ADR 0007): one plain shape for all.

Trials, collaborations, funded projects, dialogue forums and farewell decisions sit below the value map in the
layers; each offers a ``public_items()`` selector that yields only what its owners marked public, in this shape.
The value map copies the items into its snapshot when programme staff publish. Nothing here knows any module.

``numbers`` are keyed facts (``("iterations", "3")``, ``("granted", "450000.00")``): the value map translates
the keys and formats the values, so a published snapshot reads right in every language.
"""

import datetime as dt
from dataclasses import dataclass

# The kinds of item, in the order the value map shows them.
TRIAL = "trial"
COLLABORATION = "collaboration"
FUND_PROJECT = "fund_project"
DIALOGUE = "dialogue"
FAREWELL = "farewell"
KINDS = (TRIAL, COLLABORATION, FUND_PROJECT, DIALOGUE, FAREWELL)


@dataclass(frozen=True)
class PublicStory:
    """An experience that may be public: staff's own observation, or a citizen's words with consent."""

    title: str
    text: str
    occurred_on: dt.date | None
    source: str


@dataclass(frozen=True)
class PublicItem:
    kind: str  # one of KINDS
    source_id: int
    title: str
    summary: str
    owner: str  # department · unit, never a person
    status: str  # the module's status code; the value map shows its label
    city_goal_ids: tuple[int, ...]
    updated_on: dt.date
    numbers: tuple[tuple[str, str], ...] = ()
    learned: str = ""
    stopped: str = ""  # why it was stopped, or what was said goodbye to
    stories: tuple[PublicStory, ...] = ()
    url: str = ""  # a page everyone may open, or empty
