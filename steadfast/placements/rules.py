"""Counting placements: pure rules on plain dates, shared by the pages and the measures."""

import datetime
from collections.abc import Iterable

from steadfast.core.dates import add_years


def twelve_months_before(day: datetime.date) -> datetime.date:
    """The same calendar day a year earlier (28 February for a 29 February)."""
    return add_years(day, -1)


def placements_in_last_twelve_months(
    spans: Iterable[tuple[datetime.date, datetime.date | None]], *, today: datetime.date
) -> int:
    """How many placements a child has lived in during the twelve months to `today`: every
    placement that started on or before today and had not ended before the window opened."""
    window_start = twelve_months_before(today)
    return sum(1 for start, end in spans if start <= today and (end is None or end >= window_start))


def age_on(date_of_birth: datetime.date, day: datetime.date) -> int:
    """Age in whole years on `day`."""
    had_birthday = (day.month, day.day) >= (date_of_birth.month, date_of_birth.day)
    return day.year - date_of_birth.year - (0 if had_birthday else 1)
