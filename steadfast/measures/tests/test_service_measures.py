"""The service measures, each worked by hand on a small history. Dates are real: 25 and 26
December 2025 and 1 January 2026 are bank holidays in England and Wales."""

import datetime

import pytest

from steadfast.core.dates import add_months
from steadfast.measures.service_measures import (
    ConcernRecord,
    MeetingRecord,
    PlacementRecord,
    Quarter,
    Share,
    imminent_concerns_met,
    learning_themes,
    meetings_fed_back_in_time,
    meetings_with_childs_own_words,
    meetings_with_childs_views,
    meetings_with_influence_recorded,
    plans_authorised_in_time,
    quarters_to,
    scale_trend,
    share_by_quarter,
    still_together_after_meeting,
)

d = datetime.date
BORN = d(2012, 5, 1)
Q4_2025 = Quarter(2025, 4)
Q1_2026 = Quarter(2026, 1)


def meeting(child_id, on, kind="placement_stability", status="authorised", **extra):
    return MeetingRecord(child_id=child_id, kind=kind, status=status, on=on, **extra)


def placement(pk, child_id, start, end=None, planned=None, kind="foster_approved_carer"):
    return PlacementRecord(pk, child_id, BORN, start, end, kind, planned)


# Quarters and months ---------------------------------------------------------------------------


def test_a_quarter_knows_its_days_and_its_label():
    quarter = Quarter.of(d(2026, 2, 10))
    assert quarter == Q1_2026
    assert (quarter.first_day, quarter.last_day) == (d(2026, 1, 1), d(2026, 3, 31))
    assert quarter.label == "Jan to Mar 2026"
    assert Quarter(2025, 4).last_day == d(2025, 12, 31)
    assert Q1_2026.previous() == Q4_2025


def test_the_quarters_shown_end_with_todays_and_cross_the_year():
    assert quarters_to(d(2026, 1, 15), 3) == (Quarter(2025, 3), Q4_2025, Q1_2026)
    assert len(quarters_to(d(2026, 11, 30))) == 8


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (d(2025, 1, 15), 3, d(2025, 4, 15)),
        (d(2025, 8, 31), 6, d(2026, 2, 28)),
        (d(2027, 8, 31), 6, d(2028, 2, 29)),
        (d(2025, 11, 30), 12, d(2026, 11, 30)),
        (d(2026, 11, 30), -3, d(2026, 8, 30)),
    ],
)
def test_adding_months_keeps_the_day_or_takes_the_months_last(day, months, expected):
    assert add_months(day, months) == expected


def test_a_share_leaves_out_what_falls_outside_the_quarters():
    share = share_by_quarter(
        [(d(2025, 12, 1), True), (d(2025, 10, 1), False), (d(2026, 1, 2), True), (d(2025, 9, 30), True)],
        (Q4_2025, Q1_2026),
    )
    assert share.by_quarter == ((Q4_2025, Share(1, 2)), (Q1_2026, Share(1, 1)))
    assert share.total == Share(2, 3)
    assert Share(0, 0).percentage is None
    assert Share(1, 4).percentage == 25


# Timeliness ------------------------------------------------------------------------------------


def test_an_imminent_concern_counts_as_met_with_a_stability_meeting_held_within_five_working_days():
    friday = d(2025, 12, 5)  # due on Friday 12 December
    before_christmas = d(2025, 12, 19)  # due on Tuesday 30 December, across two bank holidays
    concerns = [
        ConcernRecord(1, friday, "breakdown_imminent"),  # met on the fifth working day
        ConcernRecord(2, friday, "breakdown_imminent"),  # a meeting before, and one too late
        ConcernRecord(3, friday, "breakdown_imminent"),  # arranged in time, never held
        ConcernRecord(4, friday, "breakdown_imminent"),  # only a disruption meeting
        ConcernRecord(5, before_christmas, "breakdown_imminent"),  # met on 30 December
        ConcernRecord(6, friday, "under_pressure"),  # not imminent: not counted
        ConcernRecord(7, d(2026, 1, 13), "breakdown_imminent"),  # still within its time
    ]
    meetings = [
        meeting(1, d(2025, 12, 12)),
        meeting(2, d(2025, 12, 1)),
        meeting(2, d(2025, 12, 15)),
        meeting(3, d(2025, 12, 12), status="planned"),
        meeting(4, d(2025, 12, 8), kind="disruption"),
        meeting(5, d(2025, 12, 30), kind="strengthening_stability"),
    ]
    result = imminent_concerns_met(concerns, meetings, today=d(2026, 1, 15), quarters=(Q4_2025, Q1_2026))
    assert result.by_quarter == ((Q4_2025, Share(2, 5)), (Q1_2026, Share(0, 0)))
    assert result.total.percentage == 40


def test_a_concern_whose_fifth_working_day_is_today_is_not_counted_yet():
    concerns = [ConcernRecord(1, d(2025, 12, 5), "breakdown_imminent")]
    on_the_day = imminent_concerns_met(concerns, [], today=d(2025, 12, 12), quarters=(Q4_2025,))
    next_day = imminent_concerns_met(concerns, [], today=d(2025, 12, 13), quarters=(Q4_2025,))
    assert on_the_day.total == Share(0, 0)
    assert next_day.total == Share(0, 1)


def test_the_childs_views_are_counted_for_stability_meetings_held():
    meetings = [
        meeting(1, d(2025, 11, 3), childs_views=True),
        meeting(2, d(2025, 11, 4), kind="review"),
        meeting(3, d(2026, 1, 5), kind="fostering_stability", childs_views=True),
        meeting(4, d(2026, 1, 6), status="planned", childs_views=True),  # not held
        meeting(5, d(2026, 1, 20), status="draft"),  # in the future
        meeting(6, d(2026, 1, 7), kind="learning_circle"),  # looks back: not counted
    ]
    result = meetings_with_childs_views(meetings, today=d(2026, 1, 15), quarters=(Q4_2025, Q1_2026))
    assert result.by_quarter == ((Q4_2025, Share(1, 2)), (Q1_2026, Share(1, 1)))


def test_a_plan_counts_as_authorised_in_time_up_to_the_last_working_day_of_the_timescale():
    sent = d(2025, 12, 5)  # 5 working days: due on 12 December
    meetings = [
        meeting(1, sent, sent_on=sent, authorised_on=d(2025, 12, 12)),
        meeting(2, sent, sent_on=sent, authorised_on=d(2025, 12, 15)),  # late
        meeting(3, sent, status="awaiting_authorisation", sent_on=sent),  # never authorised
        meeting(4, sent, sent_on=sent, authorised_on=d(2025, 12, 1)),  # authorised before this sending
        meeting(5, sent, status="draft"),  # never sent
        meeting(6, d(2026, 1, 12), sent_on=d(2026, 1, 12)),  # still within its time on 15 January
    ]
    result = plans_authorised_in_time(
        meetings, today=d(2026, 1, 15), quarters=(Q4_2025, Q1_2026), working_days=5
    )
    assert result.by_quarter == ((Q4_2025, Share(1, 4)), (Q1_2026, Share(0, 0)))


def test_the_authority_can_set_a_shorter_timescale_for_authorising():
    sent = d(2025, 12, 5)  # 2 working days: due on Tuesday 9 December
    meetings = [
        meeting(1, sent, sent_on=sent, authorised_on=d(2025, 12, 9)),
        meeting(2, sent, sent_on=sent, authorised_on=d(2025, 12, 10)),
    ]
    result = plans_authorised_in_time(meetings, today=d(2026, 1, 15), quarters=(Q4_2025,), working_days=2)
    assert result.total == Share(1, 2)


# Outcomes --------------------------------------------------------------------------------------


def test_homes_are_counted_3_6_and_12_months_after_their_first_stability_meeting():
    placements = [
        placement(10, 1, d(2024, 1, 1), d(2024, 12, 31), planned=True),  # earlier home, no meeting
        placement(11, 1, d(2025, 1, 1)),  # still going
        placement(20, 2, d(2025, 1, 1), d(2025, 7, 1), planned=False),
        placement(30, 3, d(2024, 6, 1), d(2025, 11, 30), planned=True),
        placement(40, 4, d(2026, 1, 1)),  # its meeting is too recent to count
        placement(50, 5, d(2025, 6, 1)),  # its meeting came before it
        placement(60, 6, d(2025, 1, 1)),  # its meeting never happened
    ]
    meetings = [
        meeting(1, d(2025, 3, 10)),
        meeting(1, d(2025, 5, 1), kind="review"),
        meeting(2, d(2025, 2, 15)),
        meeting(3, d(2025, 8, 31), kind="strengthening_stability"),
        meeting(4, d(2026, 5, 1)),
        meeting(5, d(2025, 5, 1)),
        meeting(6, d(2025, 3, 1), status="planned"),
        meeting(2, d(2025, 7, 20), kind="disruption"),
    ]
    three, six, twelve = still_together_after_meeting(placements, meetings, today=d(2026, 6, 30))
    # Three months: 11 together; 20 together (ended in July); 30 ended on 30 November, the very day.
    assert (three.homes, three.together, three.ended_planned, three.ended_unplanned) == (3, 2, 1, 0)
    # Six months: 20 had ended unplanned by 15 August; 30 is counted on 28 February.
    assert (six.homes, six.together, six.ended_planned, six.ended_unplanned) == (3, 1, 1, 1)
    # Twelve months: 30's day (31 August 2026) has not come yet.
    assert (twelve.homes, twelve.together, twelve.ended_planned, twelve.ended_unplanned) == (2, 1, 0, 1)
    assert twelve.share.percentage == 50


def test_scales_are_counted_averaged_and_the_low_ones_counted_by_quarter():
    # Each is a day, a score and how many gave it that day.
    scores = [(d(2026, 1, 10), 8, 2), (d(2026, 2, 20), 4, 1), (d(2026, 3, 1), 3, 1), (d(2025, 9, 30), 0, 5)]
    q1, q2 = scale_trend(scores, (Q1_2026, Quarter(2026, 2)))
    assert (q1.count, q1.mean, q1.low) == (4, 5.75, 2)
    assert q1.low_share == Share(2, 4)
    assert (q2.count, q2.mean, q2.low) == (0, None, 0)


def test_learning_themes_are_counted_once_a_meeting_across_children_and_quarters():
    meetings = [
        meeting(1, d(2025, 11, 1), kind="disruption", themes=("support", "supervision")),
        meeting(2, d(2025, 12, 1), kind="learning_circle", themes=("support",)),
        meeting(1, d(2026, 1, 5), kind="learning_circle", themes=("support", "support", "unknown")),
        meeting(3, d(2026, 1, 6), kind="learning_circle", status="planned", themes=("recording",)),
        meeting(3, d(2026, 1, 7), themes=("recording",)),  # not a meeting that looks back
        meeting(4, d(2025, 9, 1), kind="disruption", themes=("recording",)),  # before the quarters
    ]
    support, supervision, recording = learning_themes(
        meetings,
        today=d(2026, 1, 15),
        quarters=(Q4_2025, Q1_2026),
        themes=("recording", "supervision", "support"),
    )
    assert (support.theme, support.meetings, support.children, support.by_quarter) == (
        "support",
        3,
        2,
        (2, 1),
    )
    assert (supervision.theme, supervision.meetings, supervision.children) == ("supervision", 1, 1)
    assert (recording.theme, recording.meetings, recording.by_quarter) == ("recording", 0, (0, 0))


def test_the_childs_own_words_are_counted_for_stability_meetings_held():
    meetings = [
        meeting(1, d(2026, 1, 5), own_words=True),
        meeting(2, d(2026, 1, 6)),
        meeting(3, d(2026, 1, 7), kind="disruption", own_words=True),  # looks back: not counted
        meeting(4, d(2026, 1, 8), status="planned", own_words=True),  # not held
    ]
    result = meetings_with_childs_own_words(meetings, today=d(2026, 1, 15), quarters=(Q4_2025, Q1_2026))
    assert (result.total.numerator, result.total.denominator) == (1, 2)


def test_influence_and_feedback_are_counted_once_the_ten_working_days_to_feed_back_have_passed():
    meetings = [
        meeting(1, d(2026, 1, 5), influence_recorded=True, fed_back_on=d(2026, 1, 19)),  # the 10th day
        meeting(2, d(2026, 1, 5), fed_back_on=d(2026, 1, 20)),  # a day late
        meeting(3, d(2026, 1, 6)),
        meeting(4, d(2026, 1, 14), influence_recorded=True, fed_back_on=d(2026, 1, 15)),  # still in time
    ]
    today, quarters = d(2026, 1, 21), (Q4_2025, Q1_2026)
    influence = meetings_with_influence_recorded(meetings, today=today, quarters=quarters)
    fed_back = meetings_fed_back_in_time(meetings, today=today, quarters=quarters)
    assert (influence.total.numerator, influence.total.denominator) == (1, 3)
    assert (fed_back.total.numerator, fed_back.total.denominator) == (1, 3)
