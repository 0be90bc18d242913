"""Read conversations exported by Pol.is (comments.csv, votes.csv, participants-votes.csv). Pure; no Django.

The export format (as in the Computational Democracy Project's openData repository):

- ``votes.csv``: ``timestamp, datetime, comment-id, voter-id, vote`` with vote 1 agree, -1 disagree, 0 pass.
  The same voter and comment may appear several times; the row with the later timestamp is the vote.
- ``comments.csv``: ``timestamp, datetime, comment-id, author-id, agrees, disagrees, moderated, comment-body``;
  ``moderated`` is -1 (moderated out), 0 (not moderated) or 1 (accepted).
- ``participants-votes.csv``: one row per participant: ``participant, group-id, n-comments, n-votes, n-agree,
  n-disagree`` and one column per comment id with the participant's last vote (empty: no vote). ``group-id``
  is the group Pol.is put the participant in (empty: not clustered).

``parse_export`` reads an uploaded comments.csv and votes.csv for the import and checks everything before the
caller saves anything: the columns, every id and vote, no statement twice, no vote on a statement that is not
there, a row limit, and the CPR guard on every text cell (statement text, author, voter, datetime). Problems
come back together, each with its file and line numbers, as a ``PolisFormatError``.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from kompas.core.cpr import lines_with_cpr
from kompas.core.csv_export import restore

__all__ = [
    "COMMENT_COLUMNS",
    "MAX_COMMENT_ROWS",
    "MAX_VOTE_ROWS",
    "VOTE_COLUMNS",
    "PolisConversation",
    "PolisExport",
    "PolisFormatError",
    "PolisParticipant",
    "PolisProblem",
    "PolisStatement",
    "parse_export",
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


# --- The uploaded export, checked whole before anything is saved ------------------------------------------

COMMENT_COLUMNS = (
    "timestamp",
    "datetime",
    "comment-id",
    "author-id",
    "agrees",
    "disagrees",
    "moderated",
    "comment-body",
)
VOTE_COLUMNS = ("timestamp", "datetime", "comment-id", "voter-id", "vote")
REQUIRED_COMMENT_COLUMNS = ("comment-id", "comment-body")
REQUIRED_VOTE_COLUMNS = ("comment-id", "voter-id", "vote")
TEXT_COLUMNS = ("comment-body", "author-id", "voter-id", "datetime")  # what the CPR guard reads
MAX_COMMENT_ROWS = 50_000
MAX_VOTE_ROWS = 1_000_000
MAX_STATEMENT_LENGTH = 280
MAX_LINES_KEPT = 50


@dataclass(frozen=True)
class PolisProblem:
    """One thing wrong with a file: ``code`` says what, ``lines`` where (1 is the header)."""

    file: str  # "comments.csv" or "votes.csv"
    code: str  # empty, not_csv, missing_columns, bad_id, bad_number, bad_vote, bad_moderated, duplicate,
    # unknown_statement, too_many_rows, cpr, no_statements
    lines: tuple[int, ...] = ()
    detail: str = ""


class PolisFormatError(ValueError):
    """The files are not a Pol.is export Kompas can import; nothing was saved."""

    def __init__(self, problems: list[PolisProblem]) -> None:
        super().__init__(", ".join(f"{p.file}:{p.code}" for p in problems))
        self.problems = problems


@dataclass(frozen=True)
class PolisStatement:
    external_id: str
    text: str
    moderated: int


@dataclass(frozen=True)
class PolisExport:
    statements: list[PolisStatement]
    votes: dict[tuple[str, str], int] = field(default_factory=dict)  # (voter, statement) → the last vote


@dataclass
class _Collector:
    """Line numbers per problem code for one file, kept in order and capped."""

    file: str
    found: dict[str, list[int]] = field(default_factory=dict)

    def add(self, code: str, line: int) -> None:
        lines = self.found.setdefault(code, [])
        if len(lines) < MAX_LINES_KEPT:
            lines.append(line)

    def problems(self) -> list[PolisProblem]:
        return [PolisProblem(self.file, code, tuple(lines)) for code, lines in self.found.items()]


def _records(
    text: str, file: str, required: tuple[str, ...], limit: int
) -> Iterator[tuple[int, dict[str, str]]]:
    """``(line, row)`` for each non-empty record; raises ``PolisFormatError`` for what stops reading."""
    if not text.strip():
        raise PolisFormatError([PolisProblem(file, "empty")])
    if "\x00" in text:
        raise PolisFormatError([PolisProblem(file, "not_csv", (1,))])
    reader = csv.reader(io.StringIO(text.lstrip("\ufeff")))
    try:
        header = [name.strip().lower() for name in next(reader)]
        missing = [name for name in required if name not in header]
        if missing:
            raise PolisFormatError([PolisProblem(file, "missing_columns", (1,), ", ".join(missing))])
        count = 0
        start = reader.line_num + 1
        for cells in reader:
            line, start = start, reader.line_num + 1
            if not any(cell.strip() for cell in cells):
                continue
            count += 1
            if count > limit:
                raise PolisFormatError([PolisProblem(file, "too_many_rows", (line,), str(limit))])
            yield line, {name: (cells[i].strip() if i < len(cells) else "") for i, name in enumerate(header)}
    except csv.Error as exc:
        raise PolisFormatError([PolisProblem(file, "not_csv", (reader.line_num or 1,))]) from exc


def _integer(raw: str) -> int | None:
    try:
        return int(raw)
    except ValueError:
        return None


def _number(raw: str) -> float | None:
    if not raw:
        return 0.0
    try:
        value = float(raw)
    except ValueError:
        return None
    return value if value == value and abs(value) != float("inf") else None


def parse_export(comments_text: str, votes_text: str) -> PolisExport:
    """Check and read an uploaded comments.csv and votes.csv; raise ``PolisFormatError`` with every problem."""
    problems: list[PolisProblem] = []
    comments = _Collector("comments.csv")
    comment_rows = list(_records(comments_text, "comments.csv", REQUIRED_COMMENT_COLUMNS, MAX_COMMENT_ROWS))
    cpr_lines = set(
        lines_with_cpr((line, [row.get(c, "") for c in TEXT_COLUMNS]) for line, row in comment_rows)
    )
    statements: dict[str, PolisStatement] = {}
    for line, row in comment_rows:
        if line in cpr_lines:
            continue
        comment_id = _integer(row["comment-id"])
        moderated = _integer(row.get("moderated") or "0")
        if comment_id is None or comment_id < 0:
            comments.add("bad_id", line)
        elif moderated not in (-1, 0, 1):
            comments.add("bad_moderated", line)
        elif str(comment_id) in statements:
            comments.add("duplicate", line)
        else:
            text = restore(row["comment-body"])[:MAX_STATEMENT_LENGTH].strip()
            statements[str(comment_id)] = PolisStatement(str(comment_id), text or "–", moderated)
    if cpr_lines:
        problems.append(PolisProblem("comments.csv", "cpr", tuple(sorted(cpr_lines))))
    problems += comments.problems()
    if not statements and not problems:
        problems.append(PolisProblem("comments.csv", "no_statements"))

    votes = _Collector("votes.csv")
    vote_rows = list(_records(votes_text, "votes.csv", REQUIRED_VOTE_COLUMNS, MAX_VOTE_ROWS))
    cpr_lines = set(lines_with_cpr((line, [row.get(c, "") for c in TEXT_COLUMNS]) for line, row in vote_rows))
    latest: dict[tuple[str, str], tuple[float, int]] = {}
    for line, row in vote_rows:
        if line in cpr_lines:
            continue
        voter, comment, vote, stamp = (
            _integer(row["voter-id"]),
            _integer(row["comment-id"]),
            _integer(row["vote"]),
            _number(row.get("timestamp", "")),
        )
        if voter is None or comment is None or voter < 0 or comment < 0:
            votes.add("bad_id", line)
        elif vote not in (-1, 0, 1):
            votes.add("bad_vote", line)
        elif stamp is None:
            votes.add("bad_number", line)
        elif statements and str(comment) not in statements:
            votes.add("unknown_statement", line)
        else:
            key = (str(voter), str(comment))
            if key not in latest or stamp >= latest[key][0]:
                latest[key] = (stamp, vote)
    if cpr_lines:
        problems.append(PolisProblem("votes.csv", "cpr", tuple(sorted(cpr_lines))))
    problems += votes.problems()
    if problems:
        raise PolisFormatError(problems)
    return PolisExport(
        statements=list(statements.values()), votes={key: vote for key, (_stamp, vote) in latest.items()}
    )
