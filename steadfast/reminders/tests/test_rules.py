"""When reminders, escalations and scheduled sweeps fall due, without a database."""

import datetime
from zoneinfo import ZoneInfo

import pytest

from steadfast.reminders import rules

LONDON = ZoneInfo("Europe/London")
NO_HOLIDAYS: frozenset[datetime.date] = frozenset()
MONDAY = datetime.date(2026, 11, 2)


def test_work_not_yet_overdue_is_at_the_due_stage_and_overdue_work_at_the_overdue_stage():
    assert rules.reminder_stage(overdue=False) == "due"
    assert rules.reminder_stage(overdue=True) == "overdue"


def _escalates(
    today: datetime.date, *, kind="visit_overdue", overdue=True, days=5, holidays=NO_HOLIDAYS
) -> bool:
    return rules.escalation_is_due(
        kind=kind, overdue=overdue, due=MONDAY, today=today, working_days=days, holidays=holidays
    )


def test_overdue_work_escalates_once_it_has_been_overdue_five_working_days():
    assert not _escalates(datetime.date(2026, 11, 6))  # Friday: four working days on
    assert _escalates(datetime.date(2026, 11, 9))  # the next Monday: five
    assert _escalates(datetime.date(2026, 11, 20))


def test_weekends_and_bank_holidays_do_not_count_towards_escalation():
    holiday = datetime.date(2026, 11, 4)
    assert not _escalates(datetime.date(2026, 11, 9), holidays={holiday})
    assert _escalates(datetime.date(2026, 11, 10), holidays={holiday})


def test_the_number_of_working_days_is_a_setting():
    assert not _escalates(datetime.date(2026, 11, 3), days=2)
    assert _escalates(datetime.date(2026, 11, 4), days=2)


def test_work_that_is_only_due_never_escalates():
    assert not _escalates(datetime.date(2027, 1, 1), overdue=False)


def test_a_late_request_for_help_is_left_to_its_own_escalation():
    assert not _escalates(datetime.date(2027, 1, 1), kind="request_late")


def test_the_daily_time_is_read_as_hours_and_minutes():
    assert rules.parse_time_of_day("07:00") == datetime.time(7, 0)
    with pytest.raises(ValueError):
        rules.parse_time_of_day("seven")


def test_every_moment_in_a_five_minute_slot_has_the_slot_start_in_utc():
    start = datetime.datetime(2026, 11, 2, 9, 5, tzinfo=datetime.UTC)
    for seconds in (0, 1, 150, 299):
        assert rules.sweep_slot(start + datetime.timedelta(seconds=seconds), every_minutes=5) == start
    assert rules.sweep_slot(start + datetime.timedelta(seconds=300), every_minutes=5) == start.replace(
        minute=10
    )


def test_the_slot_is_the_same_whatever_the_clocks_time_zone():
    in_london = datetime.datetime(2026, 7, 1, 10, 7, tzinfo=LONDON)  # summer time: 09:07 UTC
    assert rules.sweep_slot(in_london, every_minutes=5) == datetime.datetime(
        2026, 7, 1, 9, 5, tzinfo=datetime.UTC
    )


def test_the_daily_slot_comes_at_its_local_time_and_stays_all_day():
    seven = datetime.time(7, 0)
    assert rules.daily_slot(datetime.datetime(2026, 7, 1, 6, 59, tzinfo=LONDON), at=seven) is None
    expected = datetime.datetime(2026, 7, 1, 7, 0, tzinfo=LONDON)
    assert rules.daily_slot(datetime.datetime(2026, 7, 1, 7, 0, tzinfo=LONDON), at=seven) == expected
    # A schedule started later in the day still finds the day's slot, the same one.
    assert rules.daily_slot(datetime.datetime(2026, 7, 1, 23, 59, 59, tzinfo=LONDON), at=seven) == expected


def test_the_daily_slot_is_seven_local_time_in_winter_and_in_summer():
    seven = datetime.time(7, 0)
    winter = rules.daily_slot(datetime.datetime(2026, 1, 5, 8, 0, tzinfo=LONDON), at=seven)
    summer = rules.daily_slot(datetime.datetime(2026, 7, 6, 8, 0, tzinfo=LONDON), at=seven)
    assert winter.astimezone(datetime.UTC).hour == 7
    assert summer.astimezone(datetime.UTC).hour == 6
