import datetime

from steadfast.core.working_days import add_working_days, bank_holidays, is_working_day

D = datetime.date


def test_five_working_days_from_a_friday_evening_is_the_next_friday():
    friday_evening = datetime.datetime(2026, 11, 6, 19, 30)
    assert add_working_days(friday_evening.date(), 5) == D(2026, 11, 13)


def test_christmas_and_boxing_day_are_not_working_days():
    # Raised Monday 22 December 2025: 23, 24, 29, 30 and 31 December are the five.
    assert add_working_days(D(2025, 12, 22), 5) == D(2025, 12, 31)


def test_good_friday_and_easter_monday_are_skipped():
    # Raised Thursday 2 April 2026; Good Friday is 3 April and Easter Monday 6 April.
    assert add_working_days(D(2026, 4, 2), 5) == D(2026, 4, 13)


def test_a_bank_holiday_monday_is_skipped():
    # Raised Friday 22 May 2026; the spring bank holiday is Monday 25 May.
    assert add_working_days(D(2026, 5, 22), 5) == D(2026, 6, 1)


def test_a_concern_raised_on_a_saturday_counts_from_the_monday():
    assert add_working_days(D(2026, 11, 7), 1) == D(2026, 11, 9)


def test_bank_holidays_reach_beyond_govuks_published_years():
    # GOV.UK's offline list stops some years ahead; the rules carry on.
    assert D(2035, 12, 25) in bank_holidays()
    assert D(2035, 3, 26) in bank_holidays()  # Easter Monday 2035
    assert not is_working_day(D(2035, 12, 25))


def test_a_given_list_of_holidays_replaces_the_published_one():
    assert add_working_days(D(2026, 11, 9), 1, holidays={D(2026, 11, 10)}) == D(2026, 11, 11)
    assert is_working_day(D(2025, 12, 25), holidays=set())
