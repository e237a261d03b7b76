"""When a record's retention ends: pure dates, tested without a database.

- A child's record is kept until the child's 75th birthday (`RETENTION_CHILD_UNTIL_AGE`), or,
  for a child who died before 18 (`RETENTION_CHILD_DIED_BEFORE_AGE`), 15 years after the death
  (`RETENTION_CHILD_YEARS_AFTER_DEATH`); see docs/adr/0040.
- A carer's record (the fostering household's) is kept 10 years after approval ends
  (`RETENTION_CARER_YEARS_AFTER_APPROVAL`). The record holds no date approval ended; the end of
  the household's last supervision allocation, with none open and no child living there, stands
  for it.
- The audit trail is kept 7 years (`RETENTION_AUDIT_YEARS`).
"""

import datetime


def years_after(day: datetime.date, years: int) -> datetime.date:
    """The same day `years` later; 29 February becomes 28 February in a common year."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def child_kept_until(
    date_of_birth: datetime.date,
    *,
    until_age: int,
    date_of_death: datetime.date | None = None,
    died_before_age: int = 18,
    years_after_death: int = 15,
) -> datetime.date:
    """Until the child's `until_age` birthday; for a child who died before their
    `died_before_age` birthday, `years_after_death` years after the death instead."""
    if date_of_death is not None and date_of_death < years_after(date_of_birth, died_before_age):
        return years_after(date_of_death, years_after_death)
    return years_after(date_of_birth, until_age)


def carer_kept_until(approval_ended: datetime.date, *, years: int) -> datetime.date:
    return years_after(approval_ended, years)


def born_on_or_before_for_retention_ended(today: datetime.date, *, until_age: int) -> datetime.date:
    """Children born on or before this day have reached the age their record is kept until."""
    return years_after(today, -until_age)
