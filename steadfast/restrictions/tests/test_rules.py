import datetime

from steadfast.restrictions.rules import DUE, NOT_YET_DUE, OVERDUE, review_schedule

DAY = datetime.date(2026, 6, 1)


def _schedule(**kwargs):
    return review_schedule(**{"every_days": 90, "warn_days": 14, "today": DAY, **kwargs})


def test_the_next_review_is_ninety_days_after_the_last():
    s = _schedule(
        last_reviewed=DAY - datetime.timedelta(days=10), restricted_since=DAY - datetime.timedelta(days=400)
    )
    assert s.next_due == DAY + datetime.timedelta(days=80)
    assert s.state == NOT_YET_DUE


def test_a_record_never_reviewed_is_due_ninety_days_after_it_was_restricted():
    s = _schedule(last_reviewed=None, restricted_since=DAY - datetime.timedelta(days=80))
    assert s.next_due == DAY + datetime.timedelta(days=10)
    assert s.state == DUE


def test_a_review_is_overdue_the_day_after_it_falls_due_and_not_on_the_day():
    on_the_day = _schedule(last_reviewed=DAY - datetime.timedelta(days=90), restricted_since=DAY)
    assert on_the_day.state == DUE
    after = _schedule(last_reviewed=DAY - datetime.timedelta(days=91), restricted_since=DAY)
    assert after.state == OVERDUE
