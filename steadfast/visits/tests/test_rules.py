import datetime

from steadfast.visits.rules import DEFAULT_POLICY, Policy, next_visit_due

START = datetime.date(2026, 1, 10)
A_YEAR_ON = datetime.date(2027, 1, 10)


def _due(*visits, agreed_long_term_on=None, policy=DEFAULT_POLICY):
    return next_visit_due(
        placement_start=START, agreed_long_term_on=agreed_long_term_on, visits=visits, policy=policy
    )


def test_the_first_visit_is_due_within_a_week_of_the_placement_starting():
    assert _due() == datetime.date(2026, 1, 17)


def test_a_visit_before_the_current_placement_started_does_not_count_as_the_first_visit():
    assert _due(datetime.date(2026, 1, 9)) == datetime.date(2026, 1, 17)


def test_a_visit_on_the_day_the_placement_started_counts():
    assert _due(START) == datetime.date(2026, 2, 21)


def test_in_the_first_year_visits_are_due_every_six_weeks():
    assert _due(datetime.date(2026, 1, 14)) == datetime.date(2026, 2, 25)
    assert _due(datetime.date(2026, 1, 14), datetime.date(2026, 6, 1)) == datetime.date(2026, 7, 13)


def test_the_latest_visit_decides_whatever_order_they_come_in():
    assert _due(datetime.date(2026, 6, 1), datetime.date(2026, 1, 14)) == datetime.date(2026, 7, 13)


def test_a_long_term_placement_is_still_visited_every_six_weeks_in_its_first_year():
    assert _due(datetime.date(2026, 6, 1), agreed_long_term_on=datetime.date(2026, 3, 1)) == datetime.date(
        2026, 7, 13
    )


def test_after_the_first_year_a_long_term_placement_is_visited_every_three_months():
    assert _due(A_YEAR_ON, agreed_long_term_on=datetime.date(2026, 3, 1)) == datetime.date(2027, 4, 11)


def test_after_the_first_year_a_placement_not_agreed_as_long_term_is_still_visited_every_six_weeks():
    assert _due(A_YEAR_ON) == datetime.date(2027, 2, 21)


def test_agreeing_long_term_after_the_last_visit_does_not_put_back_the_visit_already_due():
    last = datetime.date(2027, 3, 1)
    assert _due(last, agreed_long_term_on=datetime.date(2027, 3, 20)) == datetime.date(2027, 4, 12)
    assert _due(last, agreed_long_term_on=last) == datetime.date(2027, 5, 31)


def test_the_authoritys_own_policy_is_followed():
    policy = Policy(first_visit_within_days=5, interval_days=28, long_term_interval_days=60)
    assert _due(policy=policy) == datetime.date(2026, 1, 15)
    assert _due(datetime.date(2026, 2, 1), policy=policy) == datetime.date(2026, 3, 1)
    assert _due(A_YEAR_ON, agreed_long_term_on=START, policy=policy) == datetime.date(2027, 3, 11)


def test_a_placement_starting_on_29_february_has_its_first_year_end_on_28_february():
    leap_start = datetime.date(2028, 2, 29)
    due = next_visit_due(
        placement_start=leap_start,
        agreed_long_term_on=leap_start,
        visits=[datetime.date(2029, 2, 28)],
        policy=DEFAULT_POLICY,
    )
    assert due == datetime.date(2029, 5, 30)
