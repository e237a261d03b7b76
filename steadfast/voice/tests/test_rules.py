"""The pure rules of the child's voice: when feeding back is due, what is left to follow
through, and the first draft of what the child is told."""

import datetime

from steadfast.voice import rules
from steadfast.voice.models import LundyStage, VoiceRecord

MONDAY = datetime.date(2026, 3, 2)
NO_HOLIDAYS: frozenset = frozenset()


def test_feedback_is_due_ten_working_days_after_the_decision():
    assert rules.feedback_due(MONDAY) == datetime.date(2026, 3, 16)
    assert rules.fed_back_in_time(MONDAY, datetime.date(2026, 3, 16))
    assert not rules.fed_back_in_time(MONDAY, datetime.date(2026, 3, 17))
    assert not rules.fed_back_in_time(MONDAY, None)


def test_views_not_sought_is_the_only_gap_it_shows():
    found = rules.gaps(
        views_sought=False, influence_rows=0, decided_on=MONDAY, fed_back_on=None, today=MONDAY
    )
    assert found == [rules.NOT_SOUGHT]


def test_nothing_is_left_to_do_while_there_is_still_time_to_feed_back():
    found = rules.gaps(
        views_sought=True,
        influence_rows=0,
        decided_on=MONDAY,
        fed_back_on=None,
        today=datetime.date(2026, 3, 16),
    )
    assert found == []


def test_once_the_time_has_passed_missing_influence_and_feedback_are_both_named():
    late = datetime.date(2026, 3, 17)
    assert rules.gaps(
        views_sought=True, influence_rows=0, decided_on=MONDAY, fed_back_on=None, today=late
    ) == [
        rules.NO_INFLUENCE,
        rules.NOT_FED_BACK,
    ]
    assert (
        rules.gaps(views_sought=True, influence_rows=2, decided_on=MONDAY, fed_back_on=late, today=late) == []
    )


def test_the_draft_says_back_each_thing_the_child_asked_for_in_plain_words():
    draft = rules.draft_feedback(
        first_name="Sam",
        about="your meeting",
        asked=[
            rules.Asked("I want to stay at my school", "changed", "you are staying at your school"),
            rules.Asked("A later bedtime", "not_changed", "you need your sleep for school"),
        ],
        worker="Alex",
    )
    assert draft.startswith("Dear Sam,")
    assert "You told us: I want to stay at my school.\nBecause of what you said, you are staying" in draft
    assert "We have not been able to do this. This is why: you need your sleep for school." in draft
    assert draft.endswith("From Alex")


def test_what_changed_reads_on_after_the_comma_unless_it_begins_with_a_name():
    draft = rules.draft_feedback(
        first_name="Sam",
        about="your meeting",
        asked=[
            rules.Asked("To stay at my school", "changed", "You are staying at your school"),
            rules.Asked("To see Nan", "changed", "Nan will visit on Sundays"),
        ],
        worker="Alex",
    )
    assert "Because of what you said, you are staying at your school." in draft
    assert "Because of what you said, Nan will visit on Sundays." in draft


def test_the_lundy_stage_is_the_furthest_reached_with_every_stage_before_it():
    record = VoiceRecord(decided_on=MONDAY)
    assert record.stage(influence_rows=0) == LundyStage.NOT_STARTED
    record.views_sought, record.not_sought_reason = False, "In hospital"
    assert record.stage(influence_rows=0) == LundyStage.NOT_SOUGHT
    record.views_sought = True
    assert record.stage(influence_rows=3) == LundyStage.SPACE
    record.child_said = "I want to stay"
    assert record.stage(influence_rows=0) == LundyStage.VOICE
    record.heard_by = "The meeting"
    assert record.stage(influence_rows=0) == LundyStage.AUDIENCE
    assert record.stage(influence_rows=1) == LundyStage.INFLUENCE
    record.fed_back_on = MONDAY
    assert record.stage(influence_rows=1) == LundyStage.FED_BACK
    assert record.stage(influence_rows=0) == LundyStage.AUDIENCE
