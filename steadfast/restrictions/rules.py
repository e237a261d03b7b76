"""When a restricted record's next review falls due: pure dates, tested without a database."""

import datetime
from dataclasses import dataclass

DUE = "due"
OVERDUE = "overdue"
NOT_YET_DUE = "not yet due"


@dataclass(frozen=True)
class ReviewSchedule:
    last_reviewed: datetime.date | None
    next_due: datetime.date
    state: str


def review_schedule(
    *,
    last_reviewed: datetime.date | None,
    restricted_since: datetime.date,
    today: datetime.date,
    every_days: int,
    warn_days: int,
) -> ReviewSchedule:
    """The next review is `every_days` after the last one or, for a record never reviewed,
    after the day it was first held as restricted. It is overdue after that day, due from
    `warn_days` before it."""
    next_due = (last_reviewed or restricted_since) + datetime.timedelta(days=every_days)
    if today > next_due:
        state = OVERDUE
    elif today >= next_due - datetime.timedelta(days=warn_days):
        state = DUE
    else:
        state = NOT_YET_DUE
    return ReviewSchedule(last_reviewed=last_reviewed, next_due=next_due, state=state)
