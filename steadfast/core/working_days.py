"""Working days in England and Wales, for deadlines such as "a meeting within 5 working days".

A working day is a weekday that is not an England and Wales bank holiday. Bank holidays come
from GOV.UK's published list, as cached offline by the govuk-bank-holidays package, and
beyond the years it holds from the holidays package's rules for England.
"""

import datetime
import functools
from collections.abc import Iterable

import holidays
from govuk_bank_holidays.bank_holidays import BankHolidays

# How many years past GOV.UK's published list the rules are used for.
YEARS_BEYOND_PUBLISHED = 15


@functools.cache
def bank_holidays() -> frozenset[datetime.date]:
    """Every England and Wales bank holiday known: GOV.UK's published ones, then the rules."""
    published = {
        h["date"]
        for h in BankHolidays(use_cached_holidays=True).get_holidays(division=BankHolidays.ENGLAND_AND_WALES)
    }
    after = max(published).year + 1
    ruled = holidays.country_holidays("GB", subdiv="ENG", years=range(after, after + YEARS_BEYOND_PUBLISHED))
    return frozenset(published | set(ruled))


def is_working_day(day: datetime.date, *, holidays: Iterable[datetime.date] | None = None) -> bool:
    closed = bank_holidays() if holidays is None else holidays
    return day.weekday() < 5 and day not in closed


def add_working_days(
    start: datetime.date, days: int, *, holidays: Iterable[datetime.date] | None = None
) -> datetime.date:
    """The date `days` working days after `start`. The day itself never counts, whatever time
    of day and whether or not it is a working day: a concern raised on a Friday evening, a
    Saturday or a bank holiday is due that many working days after it."""
    closed = frozenset(bank_holidays() if holidays is None else holidays)
    day, counted = start, 0
    while counted < days:
        day += datetime.timedelta(days=1)
        if is_working_day(day, holidays=closed):
            counted += 1
    return day
