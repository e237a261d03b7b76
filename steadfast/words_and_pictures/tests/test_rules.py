import datetime

from steadfast.words_and_pictures.rules import (
    STORY_AFTER_NEW_PLACEMENT_DAYS,
    story_due_on,
)

DAY = datetime.date


def test_a_story_is_due_a_year_after_it_was_last_updated():
    assert story_due_on(last_updated_on=DAY(2026, 3, 3), placement_start=DAY(2025, 1, 1)) == DAY(2027, 3, 3)


def test_a_move_after_the_last_update_makes_the_story_due_four_weeks_after_the_move():
    moved = DAY(2026, 6, 1)
    due = story_due_on(last_updated_on=DAY(2026, 3, 3), placement_start=moved)
    assert due == moved + datetime.timedelta(days=STORY_AFTER_NEW_PLACEMENT_DAYS)


def test_a_story_updated_since_the_move_is_due_a_year_after_the_update():
    assert story_due_on(last_updated_on=DAY(2026, 6, 20), placement_start=DAY(2026, 6, 1)) == DAY(2027, 6, 20)


def test_a_child_in_care_with_no_story_is_due_one_four_weeks_after_their_placement_began():
    assert story_due_on(last_updated_on=None, placement_start=DAY(2026, 1, 1)) == DAY(2026, 1, 29)


def test_a_child_with_no_story_and_no_placement_is_not_due_one():
    assert story_due_on(last_updated_on=None, placement_start=None) is None


def test_the_year_ends_on_the_last_day_of_february_for_a_leap_day():
    assert story_due_on(last_updated_on=DAY(2028, 2, 29), placement_start=None) == DAY(2029, 2, 28)
