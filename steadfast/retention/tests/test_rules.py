import datetime

from steadfast.retention.rules import (
    born_on_or_before_for_retention_ended,
    carer_kept_until,
    child_kept_until,
)


def test_a_childs_record_is_kept_until_their_75th_birthday():
    assert child_kept_until(datetime.date(1950, 3, 14), until_age=75) == datetime.date(2025, 3, 14)


def test_a_child_born_on_29_february_is_kept_until_28_february_in_a_common_year():
    assert child_kept_until(datetime.date(1952, 2, 29), until_age=75) == datetime.date(2027, 2, 28)


def test_a_carers_record_is_kept_ten_years_after_approval_ends():
    assert carer_kept_until(datetime.date(2014, 6, 30), years=10) == datetime.date(2024, 6, 30)


def test_a_child_is_past_retention_on_their_75th_birthday_and_not_the_day_before():
    today = datetime.date(2026, 12, 5)
    cutoff = born_on_or_before_for_retention_ended(today, until_age=75)
    assert child_kept_until(cutoff, until_age=75) == today
    assert child_kept_until(cutoff + datetime.timedelta(days=1), until_age=75) > today


def test_a_child_who_died_before_18_is_kept_15_years_after_the_death():
    born, died = datetime.date(2000, 5, 1), datetime.date(2010, 8, 20)
    assert child_kept_until(born, until_age=75, date_of_death=died) == datetime.date(2025, 8, 20)


def test_a_child_who_died_the_day_before_their_18th_birthday_is_kept_15_years_after():
    born = datetime.date(2000, 5, 1)
    died = datetime.date(2018, 4, 30)
    assert child_kept_until(born, until_age=75, date_of_death=died) == datetime.date(2033, 4, 30)


def test_a_child_who_died_on_their_18th_birthday_or_later_is_kept_until_75():
    born = datetime.date(2000, 5, 1)
    for died in (datetime.date(2018, 5, 1), datetime.date(2030, 1, 1)):
        assert child_kept_until(born, until_age=75, date_of_death=died) == datetime.date(2075, 5, 1)


def test_a_child_born_on_29_february_who_died_before_18_is_judged_by_28_february():
    born = datetime.date(2004, 2, 29)
    assert child_kept_until(born, until_age=75, date_of_death=datetime.date(2022, 2, 27)) == datetime.date(
        2037, 2, 27
    )
    assert child_kept_until(born, until_age=75, date_of_death=datetime.date(2022, 2, 28)) == datetime.date(
        2079, 2, 28
    )
