"""The calendar file of a session: valid iCalendar that calendar programs read the same way."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kompas.learning.calendar_file import Event, calendar, escape, fold

CPH = ZoneInfo("Europe/Copenhagen")


def _event(**extra) -> Event:
    values = {
        "uid": "learning-session-7@kompas",
        "starts_at": dt.datetime(2026, 3, 12, 9, 0, tzinfo=CPH),
        "ends_at": dt.datetime(2026, 3, 12, 11, 30, tzinfo=CPH),
        "summary": "Første mødegang – Lær at lytte",
        **extra,
    }
    return Event(**values)


def test_times_are_written_in_utc_and_lines_end_with_crlf():
    text = calendar(_event(location="Dokk1, mødelokale 3; 2. sal"))
    assert text.startswith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n")
    assert text.endswith("END:VEVENT\r\nEND:VCALENDAR\r\n")
    assert "DTSTART:20260312T080000Z\r\n" in text  # 9.00 in Copenhagen in March is 8.00 UTC
    assert "DTEND:20260312T103000Z\r\n" in text
    assert "LOCATION:Dokk1\\, mødelokale 3\\; 2. sal\r\n" in text
    assert "STATUS:CONFIRMED" in text


def test_a_cancelled_session_says_so_and_keeps_its_uid():
    text = calendar(_event(cancelled=True))
    assert "STATUS:CANCELLED" in text
    assert "UID:learning-session-7@kompas" in text


def test_text_values_escape_what_the_standard_reserves():
    assert escape("a,b;c\\d\nnæste linje\r\nsidste") == "a\\,b\\;c\\\\d\\nnæste linje\\nsidste"


def test_naive_times_and_an_end_before_the_start_are_refused():
    with pytest.raises(ValueError):
        calendar(_event(starts_at=dt.datetime(2026, 3, 12, 9), ends_at=dt.datetime(2026, 3, 12, 10)))
    with pytest.raises(ValueError):
        calendar(_event(ends_at=dt.datetime(2026, 3, 12, 8, 0, tzinfo=CPH)))


@given(st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), max_size=400))
def test_folded_lines_hold_at_most_75_octets_and_unfold_to_the_original(text):
    line = f"DESCRIPTION:{escape(text)}"
    folded = fold(line)
    parts = folded.split("\r\n")
    assert all(len(part.encode()) <= 75 for part in parts)
    assert parts[0] + "".join(part[1:] for part in parts[1:]) == line
