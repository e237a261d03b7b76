import datetime

from steadfast.carer_logs.rules import DEFAULT_POLICY, Policy, overdue_before, trend_weeks

TODAY = datetime.date(2026, 11, 30)  # a Monday


def test_by_default_a_log_unreviewed_more_than_seven_days_after_its_date_is_overdue():
    # Logs dated before the day returned are overdue: one dated exactly seven days ago is not yet.
    assert overdue_before(TODAY, DEFAULT_POLICY) == datetime.date(2026, 11, 23)


def test_the_authoritys_policy_sets_the_threshold():
    assert overdue_before(TODAY, Policy(review_within_days=3)) == datetime.date(2026, 11, 27)


def test_the_trend_covers_eight_weeks_from_monday_oldest_first():
    weeks = trend_weeks(datetime.date(2026, 12, 3))
    assert len(weeks) == 8
    assert weeks[-1] == TODAY and weeks[0] == datetime.date(2026, 10, 12)
    assert all(w.weekday() == 0 for w in weeks)
