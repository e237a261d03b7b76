"""Pure rules about statutory visits: when the child's next visit is due under the visiting
policy, from the current placement's start, whether it is agreed as long-term, and the visits
made."""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from steadfast.core.dates import add_years


@dataclass(frozen=True)
class Policy:
    first_visit_within_days: int
    interval_days: int
    long_term_interval_days: int


# Within a week of a placement starting, then at least every six weeks, and, after the
# placement's first year, at least every three months once it is agreed as long-term.
DEFAULT_POLICY = Policy(first_visit_within_days=7, interval_days=42, long_term_interval_days=91)


def next_visit_due(
    *,
    placement_start: datetime.date,
    agreed_long_term_on: datetime.date | None,
    visits: Iterable[datetime.date],
    policy: Policy,
) -> datetime.date:
    """When the child's next statutory visit is due in their current placement.

    Only visits on or after the day the placement started count: one made in an earlier home
    does not stand for the first visit in this one. With none, the first visit is due within
    `first_visit_within_days` of the start. After that the next is due `interval_days` after
    the last, unless that visit was made once the placement's first year was over and
    on or after the day it was agreed as long-term: then `long_term_interval_days` after it.
    A gap that began before the agreement keeps the shorter interval, so no visit already due
    is put back by recording the agreement."""
    counted = [day for day in visits if day >= placement_start]
    if not counted:
        return placement_start + datetime.timedelta(days=policy.first_visit_within_days)
    last = max(counted)
    long_term = (
        agreed_long_term_on is not None
        and last >= agreed_long_term_on
        and last >= add_years(placement_start, 1)
    )
    interval = policy.long_term_interval_days if long_term else policy.interval_days
    return last + datetime.timedelta(days=interval)
