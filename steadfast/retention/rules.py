"""When a record's retention ends: pure dates, tested without a database.

- A child's record is kept until the child's 75th birthday (`RETENTION_CHILD_UNTIL_AGE`). The
  rule for a child who died before 18 (15 years after death) needs a date of death, which the
  record does not hold; see docs/adr/0040.
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


def child_kept_until(date_of_birth: datetime.date, *, until_age: int) -> datetime.date:
    return years_after(date_of_birth, until_age)


def carer_kept_until(approval_ended: datetime.date, *, years: int) -> datetime.date:
    return years_after(approval_ended, years)


def born_on_or_before_for_retention_ended(today: datetime.date, *, until_age: int) -> datetime.date:
    """Children born on or before this day have reached the age their record is kept until."""
    return years_after(today, -until_age)
