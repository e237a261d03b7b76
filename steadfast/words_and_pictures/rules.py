"""When a child's words and pictures story is next due: pure calculations, no database."""

import datetime

from steadfast.core.dates import add_months

# A story is looked at again with the child, and brought up to date, at least once a year...
STORY_REVIEW_MONTHS = 12
# ...and within four weeks of the child moving to a new home, since a move is exactly what the
# story is there to help them understand. A child in care with no story is due one within four
# weeks of their current placement beginning.
STORY_AFTER_NEW_PLACEMENT_DAYS = 28


def story_due_on(
    *, last_updated_on: datetime.date | None, placement_start: datetime.date | None
) -> datetime.date | None:
    """The day the child's story is next due: STORY_REVIEW_MONTHS after it was last updated, or,
    sooner, STORY_AFTER_NEW_PLACEMENT_DAYS after a placement that began after that update; for
    a child with no story, STORY_AFTER_NEW_PLACEMENT_DAYS after their current placement began.
    None for a child with no story and no current placement."""
    due: list[datetime.date] = []
    if last_updated_on is not None:
        due.append(add_months(last_updated_on, STORY_REVIEW_MONTHS))
    if placement_start is not None and (last_updated_on is None or placement_start > last_updated_on):
        due.append(placement_start + datetime.timedelta(days=STORY_AFTER_NEW_PLACEMENT_DAYS))
    return min(due) if due else None
