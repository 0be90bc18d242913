"""Read conversations exported by Pol.is (comments.csv, votes.csv, participants-votes.csv). Pure; no Django.

The export format (as in the Computational Democracy Project's openData repository):

- ``votes.csv``: ``timestamp, datetime, comment-id, voter-id, vote`` with vote 1 agree, -1 disagree, 0 pass.
  The same voter and comment may appear several times; the row with the later timestamp is the vote.
- ``comments.csv``: ``timestamp, datetime, comment-id, author-id, agrees, disagrees, moderated, comment-body``;
  ``moderated`` is -1 (moderated out), 0 (not moderated) or 1 (accepted).
- ``participants-votes.csv``: one row per participant: ``participant, group-id, n-comments, n-votes, n-agree,
  n-disagree`` and one column per comment id with the participant's last vote (empty: no vote). ``group-id``
  is the group Pol.is put the participant in (empty: not clustered).
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

__all__ = [
    "PolisConversation",
    "PolisParticipant",
    "read_comments",
    "read_conversation",
    "read_groups",
    "read_participants",
    "read_votes",
]


@dataclass(frozen=True)
class PolisConversation:
    """One exported conversation: votes in time order, the statements' moderation and Pol.is' groups."""

    name: str
    votes: list[tuple[int, int, int]]
    moderated: dict[int, int]
    polis_groups: dict[int, int]

    def latest_votes(self) -> dict[tuple[int, int], int]:
        """(participant, statement) → the last vote, later rows replacing earlier ones."""
        return {(participant, statement): vote for participant, statement, vote in self.votes}


def read_votes(path: Path) -> list[tuple[int, int, int]]:
    """``(voter-id, comment-id, vote)`` from a votes.csv, oldest first (ties keep the file's order)."""
    with path.open(newline="", encoding="utf-8") as handle:
        rows = [
            (int(row["timestamp"]), index, int(row["voter-id"]), int(row["comment-id"]), int(row["vote"]))
            for index, row in enumerate(csv.DictReader(handle))
        ]
    rows.sort(key=lambda row: (row[0], row[1]))
    return [(voter, comment, vote) for _stamp, _index, voter, comment, vote in rows]


def read_comments(path: Path) -> dict[int, int]:
    """comment-id → ``moderated`` (-1 moderated out, 0 not moderated, 1 accepted) from a comments.csv."""
    with path.open(newline="", encoding="utf-8") as handle:
        return {int(row["comment-id"]): int(row["moderated"]) for row in csv.DictReader(handle)}


def read_groups(path: Path) -> dict[int, int]:
    """participant → Pol.is' ``group-id`` from a participants-votes.csv (participants without a group left out)."""
    with path.open(newline="", encoding="utf-8") as handle:
        return {
            int(row["participant"]): int(row["group-id"])
            for row in csv.DictReader(handle)
            if row["group-id"].strip()
        }


@dataclass(frozen=True)
class PolisParticipant:
    """One row of participants-votes.csv: Pol.is' group, its vote counts and the votes themselves."""

    group: int | None
    n_votes: int
    n_agree: int
    n_disagree: int
    votes: dict[int, int]


def read_participants(path: Path) -> dict[int, PolisParticipant]:
    """participant → ``PolisParticipant`` from a participants-votes.csv (comment columns are the digit ones)."""
    participants: dict[int, PolisParticipant] = {}
    with path.open(newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            group = row["group-id"].strip()
            participants[int(row["participant"])] = PolisParticipant(
                group=int(group) if group else None,
                n_votes=int(row["n-votes"]),
                n_agree=int(row["n-agree"]),
                n_disagree=int(row["n-disagree"]),
                votes={
                    int(column): int(value) for column, value in row.items() if column.isdigit() and value
                },
            )
    return participants


def read_conversation(folder: Path) -> PolisConversation:
    """Read the three files of one exported conversation folder."""
    return PolisConversation(
        name=folder.name,
        votes=read_votes(folder / "votes.csv"),
        moderated=read_comments(folder / "comments.csv"),
        polis_groups=read_groups(folder / "participants-votes.csv"),
    )
