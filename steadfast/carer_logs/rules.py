"""Pure rules about carer logs: when an unreviewed log is overdue, and the weeks a tone trend
covers."""

import datetime
from dataclasses import dataclass


@dataclass(frozen=True)
class Policy:
    review_within_days: int


# A week: carers write most days, and the SSW reads them at least weekly, so a log still unread
# more than seven days after its date has been missed rather than not yet reached.
DEFAULT_POLICY = Policy(review_within_days=7)

# How many weeks the tone trend looks back over.
TREND_WEEKS = 8


def overdue_before(today: datetime.date, policy: Policy) -> datetime.date:
    """A log dated before this day and still unreviewed is overdue (one dated exactly the
    policy's number of days ago is not yet)."""
    return today - datetime.timedelta(days=policy.review_within_days)


def trend_weeks(today: datetime.date, weeks: int = TREND_WEEKS) -> list[datetime.date]:
    """The Mondays that begin each of the last `weeks` weeks, oldest first, this week last."""
    this_monday = today - datetime.timedelta(days=today.weekday())
    return [this_monday - datetime.timedelta(weeks=n) for n in range(weeks - 1, -1, -1)]


def week_of(day: datetime.date) -> datetime.date:
    return day - datetime.timedelta(days=day.weekday())
