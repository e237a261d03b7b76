"""Pure rules about supervision: when the next session and the next unannounced visit are
due, and when a placement stability scale should prompt a stability concern."""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from steadfast.core.dates import add_years


@dataclass(frozen=True)
class Policy:
    first_year_interval_days: int
    later_interval_days: int
    unannounced_interval_days: int


# Monthly in the first year after approval, then at least every three months, and at least one
# unannounced visit a year.
DEFAULT_POLICY = Policy(first_year_interval_days=31, later_interval_days=91, unannounced_interval_days=365)

# A scale at or below this, or a fall of at least this much since the last, suggests a concern.
LOW_SCALE = 4
STEEP_FALL = 3


@dataclass(frozen=True)
class Due:
    supervision: datetime.date
    unannounced_visit: datetime.date


def supervision_due(
    *, approved_on: datetime.date, sessions: Iterable[tuple[datetime.date, bool]], policy: Policy
) -> Due:
    """When the next session and the next unannounced visit are due, from the approval date and
    the sessions held so far (each its date and whether it was unannounced). The interval is the
    first year's while the last session (or the approval) falls in the first year."""
    sessions = sorted(sessions)
    last = sessions[-1][0] if sessions else approved_on
    first_year_ends = add_years(approved_on, 1)
    interval = policy.first_year_interval_days if last < first_year_ends else policy.later_interval_days
    unannounced = [day for day, was_unannounced in sessions if was_unannounced]
    last_unannounced = unannounced[-1] if unannounced else approved_on
    return Due(
        supervision=last + datetime.timedelta(days=interval),
        unannounced_visit=last_unannounced + datetime.timedelta(days=policy.unannounced_interval_days),
    )


def scale_suggests_concern(score: int, previous: int | None) -> str:
    """Why this scale suggests a stability concern, in plain words, or "" when it does not."""
    if score <= LOW_SCALE:
        return f"The placement stability scale is {score}, at or below {LOW_SCALE}."
    if previous is not None and previous - score >= STEEP_FALL:
        return f"The placement stability scale fell from {previous} to {score}."
    return ""
