"""Calendar arithmetic the domain rules share."""

import calendar
import datetime

EARLIEST_DATE = datetime.date(1900, 1, 1)
"""No date in a record is before this: nobody in care, nor anything done about them, is older."""
YEARS_AHEAD = 5
"""No date in a record is more than this many years after the day it is entered: a plan or a
review runs months ahead, never decades."""


def latest_date(today: datetime.date) -> datetime.date:
    """The last day a record may name, entered on `today`."""
    return add_years(today, YEARS_AHEAD)


def is_possible_date(day: datetime.date | None, *, today: datetime.date) -> bool:
    """Whether a stored date lies within the bounds a form would let through (None is possible:
    a date not given)."""
    return day is None or EARLIEST_DATE <= day <= latest_date(today)


def add_years(day: datetime.date, years: int) -> datetime.date:
    """The same calendar day `years` later (or earlier, when negative); 28 February for a
    29 February in a year without one."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def add_months(day: datetime.date, months: int) -> datetime.date:
    """The same day of the month `months` later (or earlier, when negative); the month's last
    day when it is shorter (31 August and 6 months is the end of February)."""
    year, month = divmod(day.year * 12 + day.month - 1 + months, 12)
    return datetime.date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))
