"""Pure rules about requests for help: when acknowledgement and an answer are due, when a
request is late, and when it needs a manager.

The defaults, used until the authority sets its own timescale in the admin:
- every request is acknowledged within 1 working day;
- it is answered (what will happen, or what was provided) within 2 working days when it is
  urgent, 5 when it is needed soon, and 10 when it can wait until it can be arranged.

A day is late once it has passed: a request due on Tuesday is on time all of Tuesday.
"""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from steadfast.core.working_days import add_working_days

# The state of a request that the rules need, as plain values: status values are the strings
# of models.SupportRequestStatus, kept here so the rules import no model.
CLOSED = "closed"
RESPONDED = "responded"
ESCALATED = "escalated"


@dataclass(frozen=True)
class Timescale:
    acknowledge_working_days: int
    urgent_working_days: int
    soon_working_days: int
    routine_working_days: int

    def respond_working_days(self, urgency: str) -> int:
        return {
            "urgent": self.urgent_working_days,
            "soon": self.soon_working_days,
            "routine": self.routine_working_days,
        }[str(urgency)]


DEFAULT_TIMESCALE = Timescale(
    acknowledge_working_days=1, urgent_working_days=2, soon_working_days=5, routine_working_days=10
)

NOT_ACKNOWLEDGED = "It was not acknowledged by {due}."
NOT_ANSWERED = "It was not answered by {due}."
SERVICE_NOT_OBTAINED = "The help asked for could not be obtained: {why}"


@dataclass(frozen=True)
class Due:
    acknowledgement: datetime.date
    response: datetime.date


def due_dates(
    *,
    asked_on: datetime.date,
    urgency: str,
    timescale: Timescale,
    holidays: Iterable[datetime.date] | None = None,
) -> Due:
    """When the request must be acknowledged and answered, in working days after the day it
    was asked (England and Wales bank holidays do not count). An answer is never due before
    the acknowledgement: answering acknowledges too."""
    acknowledgement = add_working_days(asked_on, timescale.acknowledge_working_days, holidays=holidays)
    response = add_working_days(asked_on, timescale.respond_working_days(urgency), holidays=holidays)
    return Due(acknowledgement=acknowledgement, response=max(acknowledgement, response))


def _day(value: datetime.date) -> str:
    return f"{value.day} {value:%B %Y}"


def lateness(request: object, today: datetime.date) -> str:
    """Why the request is late, in plain words, or "" when it is not. `request` has `status`,
    `acknowledged_at`, `acknowledgement_due`, `responded_at` and `response_due`. An answered or
    closed request is never late."""
    if request.status in (CLOSED, RESPONDED) or request.responded_at is not None:
        return ""
    if request.acknowledged_at is None and today > request.acknowledgement_due:
        return NOT_ACKNOWLEDGED.format(due=_day(request.acknowledgement_due))
    if today > request.response_due:
        return NOT_ANSWERED.format(due=_day(request.response_due))
    return ""


def is_late(request: object, today: datetime.date) -> bool:
    return bool(lateness(request, today))


def needs_escalation(request: object, today: datetime.date, *, service_not_obtained: str = "") -> str:
    """Why the request needs a manager, in plain words, or "" when it does not: the help could
    not be obtained (`service_not_obtained` says why), or it is late and not already with a
    manager. A closed request needs nobody."""
    if request.status == CLOSED:
        return ""
    if service_not_obtained.strip():
        return SERVICE_NOT_OBTAINED.format(why=service_not_obtained.strip())
    if request.status == ESCALATED:
        return ""
    return lateness(request, today)
