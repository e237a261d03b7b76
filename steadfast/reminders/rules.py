"""When reminders, escalations and scheduled sweeps fall due: pure, without the database."""

import datetime
from collections.abc import Iterable

from steadfast.core.working_days import add_working_days

# Work whose lateness already goes to a manager by its own rule, once: a late request for help
# is escalated by `support_requests.services.escalate_late_support_requests`, which the sweep
# runs, so it is not escalated a second time here.
ESCALATED_BY_ITS_OWN_RULE = frozenset({"request_late"})


def reminder_stage(*, overdue: bool) -> str:
    """The stage a piece of work has reached: due, or overdue."""
    return "overdue" if overdue else "due"


def escalation_is_due(
    *,
    kind: str,
    overdue: bool,
    due: datetime.date,
    today: datetime.date,
    working_days: int,
    holidays: Iterable[datetime.date] | None = None,
) -> bool:
    """Overdue work goes to the owner's manager once `working_days` working days have passed
    since its due date (the day it fell due does not count), unless its own rule escalates it."""
    if not overdue or kind in ESCALATED_BY_ITS_OWN_RULE:
        return False
    return today >= add_working_days(due, working_days, holidays=holidays)


def parse_time_of_day(value: str) -> datetime.time:
    """ "07:00" as a time; a setting that is not a time of day is a mistake to stop on."""
    return datetime.time.fromisoformat(value)


def sweep_slot(now: datetime.datetime, *, every_minutes: int) -> datetime.datetime:
    """The start of the `every_minutes` slot `now` falls in, in UTC: the same for every
    scheduler whatever its clock's time zone, and the same on a restart within the slot."""
    seconds = every_minutes * 60
    stamp = int(now.timestamp())
    return datetime.datetime.fromtimestamp(stamp - stamp % seconds, tz=datetime.UTC)


def daily_slot(local_now: datetime.datetime, *, at: datetime.time) -> datetime.datetime | None:
    """Today's daily slot (today at `at`, local time) once that time has come, so a scheduler
    started later in the day still runs it; before then, none."""
    if local_now.time() < at:
        return None
    return local_now.replace(hour=at.hour, minute=at.minute, second=0, microsecond=0)
