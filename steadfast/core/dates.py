"""Calendar arithmetic the domain rules share."""

import datetime


def add_years(day: datetime.date, years: int) -> datetime.date:
    """The same calendar day `years` later (or earlier, when negative); 28 February for a
    29 February in a year without one."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)
