"""An iCalendar file (RFC 5545) for one event: what a session's "add to calendar" link serves.

Plain data in, text out, no Django import. Times are written in UTC (``…Z``), so every calendar program
shows them in its own time zone; text values are escaped (backslash, semicolon, comma, newline) and lines
longer than 75 octets are folded, as the RFC requires.
"""

import datetime as dt
from dataclasses import dataclass

PRODUCT = "-//Kompas//Learning forums//DA"


@dataclass(frozen=True)
class Event:
    uid: str  # stable: the same session gives the same UID, so a calendar updates instead of duplicating
    starts_at: dt.datetime  # aware
    ends_at: dt.datetime  # aware
    summary: str
    description: str = ""
    location: str = ""
    url: str = ""
    stamp: dt.datetime | None = None  # when the file was made (DTSTAMP); aware
    sequence: int = 0
    cancelled: bool = False


def escape(text: str) -> str:
    """A TEXT value with the characters RFC 5545 §3.3.11 reserves escaped."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def fold(line: str) -> str:
    """A content line folded at 75 octets (continuation lines start with a space), never inside a character."""
    out: list[str] = []
    current = ""
    size = 0
    limit = 75
    for char in line:
        width = len(char.encode())
        if size + width > limit:
            out.append(current)
            current, size, limit = " ", 1, 75
        current += char
        size += width
    out.append(current)
    return "\r\n".join(out)


def _utc(moment: dt.datetime) -> str:
    if moment.tzinfo is None:
        raise ValueError("calendar times must be aware")
    return moment.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")


def calendar(event: Event) -> str:
    """The whole file, CRLF line ends, one VEVENT."""
    if event.ends_at <= event.starts_at:
        raise ValueError("an event ends after it starts")
    stamp = event.stamp or event.starts_at
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODUCT}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        "BEGIN:VEVENT",
        f"UID:{escape(event.uid)}",
        f"DTSTAMP:{_utc(stamp)}",
        f"DTSTART:{_utc(event.starts_at)}",
        f"DTEND:{_utc(event.ends_at)}",
        f"SEQUENCE:{event.sequence}",
        f"SUMMARY:{escape(event.summary)}",
    ]
    if event.description:
        lines.append(f"DESCRIPTION:{escape(event.description)}")
    if event.location:
        lines.append(f"LOCATION:{escape(event.location)}")
    if event.url:
        lines.append(f"URL:{event.url}")
    lines.append(f"STATUS:{'CANCELLED' if event.cancelled else 'CONFIRMED'}")
    lines += ["END:VEVENT", "END:VCALENDAR"]
    return "\r\n".join(fold(line) for line in lines) + "\r\n"
