"""Calendar arithmetic the domain rules share."""

import calendar
import datetime


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
