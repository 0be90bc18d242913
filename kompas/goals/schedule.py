"""When the next follow-up of a goal is due. Plain dates in and out; no Django."""

import calendar
import datetime as dt


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day ``months`` later; the last day of the month when that day does not exist (31 Jan + 1)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def next_follow_up(*, last: dt.date | None, period_start: dt.date, cadence_months: int) -> dt.date:
    """Due ``cadence_months`` after the last follow-up, or after the start of the period if none was written."""
    return add_months(last or period_start, cadence_months)


def is_due(*, next_on: dt.date | None, today: dt.date, warn_days: int = 14) -> bool:
    """Due, or due within ``warn_days``: it shows on the owner's front page."""
    return next_on is not None and (next_on - today).days <= warn_days
