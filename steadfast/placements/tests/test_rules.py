import datetime

from steadfast.placements.rules import age_on, placements_in_last_twelve_months, twelve_months_before

D = datetime.date
TODAY = D(2026, 6, 15)


def test_twelve_months_before_a_leap_day_is_the_28th_of_february():
    assert twelve_months_before(D(2028, 2, 29)) == D(2027, 2, 28)


def test_a_placement_open_all_year_counts_once():
    assert placements_in_last_twelve_months([(D(2020, 1, 1), None)], today=TODAY) == 1


def test_a_placement_that_ended_before_the_window_does_not_count():
    spans = [(D(2020, 1, 1), D(2025, 6, 14)), (D(2025, 6, 14), None)]
    assert placements_in_last_twelve_months(spans, today=TODAY) == 1


def test_a_placement_ending_on_the_first_day_of_the_window_counts():
    spans = [(D(2020, 1, 1), D(2025, 6, 15)), (D(2025, 6, 15), None)]
    assert placements_in_last_twelve_months(spans, today=TODAY) == 2


def test_three_placements_in_the_year_are_counted_as_three():
    spans = [(D(2025, 1, 1), D(2025, 9, 1)), (D(2025, 9, 1), D(2026, 2, 1)), (D(2026, 2, 1), None)]
    assert placements_in_last_twelve_months(spans, today=TODAY) == 3


def test_a_placement_starting_after_today_is_not_counted():
    spans = [(D(2026, 1, 1), None), (D(2026, 7, 1), None)]
    assert placements_in_last_twelve_months(spans, today=TODAY) == 1


def test_age_turns_on_the_birthday_itself():
    assert age_on(D(2010, 6, 15), D(2026, 6, 14)) == 15
    assert age_on(D(2010, 6, 15), D(2026, 6, 15)) == 16
