"""Placement survival, worked by hand."""

import datetime

import pytest

from steadfast.core.working_days import add_working_days
from steadfast.measures import survival
from steadfast.measures.service_measures import ConcernRecord, MeetingRecord, PlacementRecord
from steadfast.measures.survival import Observation, Step, kaplan_meier, observe

d = datetime.date
TODAY = d(2026, 6, 30)
BORN = d(2015, 1, 1)


def placement(pk, child_id, start, end=None, planned=None, kind="foster_approved_carer", born=BORN):
    return PlacementRecord(pk, child_id, born, start, end, kind, planned)


# Five placements, followed for 10 days (ended unplanned), 20 (still going), 30 (ended unplanned),
# 30 (ended as planned) and 40 days (ended unplanned).
FIVE = [
    Observation(10, True),
    Observation(20, False),
    Observation(30, True),
    Observation(30, False),
    Observation(40, True),
]


def test_the_kaplan_meier_estimate_of_five_placements():
    curve = kaplan_meier(FIVE)
    # Day 10: 1 of 5 at risk ends, 4/5 = 0.8. Day 20: one censored, no drop. Day 30: 1 of the 3
    # at risk ends (the one censored that day still counts as at risk), 0.8 x 2/3. Day 40: the
    # last one at risk ends, 0.
    assert curve.steps == (
        Step(10, 5, 1, 0, pytest.approx(0.8)),
        Step(20, 4, 0, 1, pytest.approx(0.8)),
        Step(30, 3, 1, 1, pytest.approx(0.8 * 2 / 3)),
        Step(40, 1, 1, 0, pytest.approx(0.0)),
    )
    assert (curve.placements, curve.ended, curve.longest) == (5, 3, 40)


@pytest.mark.parametrize(
    ("day", "survival", "at_risk"),
    [
        (0, 1.0, 5),
        (9, 1.0, 5),
        (10, 0.8, 5),
        (11, 0.8, 4),
        (25, 0.8, 3),
        (30, 0.8 * 2 / 3, 3),
        (31, 0.8 * 2 / 3, 1),
        (40, 0.0, 1),
    ],
)
def test_survival_and_the_number_at_risk_at_a_time(day, survival, at_risk):
    curve = kaplan_meier(FIVE)
    assert curve.survival_at(day) == pytest.approx(survival)
    assert curve.at_risk_at(day) == at_risk


def test_beyond_the_longest_time_followed_the_curve_says_nothing():
    curve = kaplan_meier(FIVE)
    assert curve.survival_at(41) is None
    assert curve.at_risk_at(41) == 0
    empty = kaplan_meier([])
    assert (empty.placements, empty.longest, empty.survival_at(0), empty.points(100)) == (0, None, None, [])


def test_the_curve_is_drawn_from_its_corners_and_stops_where_asked():
    curve = kaplan_meier(FIVE)
    assert curve.points(35) == [
        (0, 1.0),
        (10, 0.8),
        (30, pytest.approx(0.8 * 2 / 3)),
        (35, pytest.approx(0.8 * 2 / 3)),
    ]
    assert curve.points(100)[-1] == (40, 0.0)
    # Censored only: a flat line to the longest time followed.
    assert kaplan_meier([Observation(50, False)]).points(100) == [(0, 1.0), (50, 1.0)]


def test_only_an_unplanned_ending_is_an_event():
    start = d(2026, 1, 1)
    assert observe(start, d(2026, 1, 31), True, today=TODAY) == Observation(30, True)
    assert observe(start, d(2026, 1, 31), False, today=TODAY) == Observation(30, False)
    assert observe(start, None, False, today=TODAY) == Observation(180, False)
    assert observe(start, d(2026, 12, 1), True, today=TODAY) == Observation(180, False)  # not ended yet
    assert observe(d(2026, 7, 1), None, False, today=TODAY) is None  # not begun
    assert observe(start, start, True, today=TODAY) == Observation(0, True)


def test_months_are_counted_at_the_mean_length_of_a_month():
    assert [survival.days_in_months(m) for m in (3, 6, 12, 24)] == [91, 183, 365, 730]


@pytest.mark.parametrize(
    ("age", "band"),
    [
        (0, "Under 1"),
        (1, "1 to 4"),
        (4, "1 to 4"),
        (5, "5 to 9"),
        (9, "5 to 9"),
        (10, "10 to 15"),
        (15, "10 to 15"),
        (16, "16 and over"),
        (17, "16 and over"),
    ],
)
def test_age_bands_are_the_departments(age, band):
    assert survival.age_band(age) == band


def test_curves_by_type_and_by_age_at_the_start():
    placements = [
        placement(1, 1, d(2026, 1, 1), d(2026, 3, 1), planned=False, kind="residential", born=d(2010, 6, 1)),
        placement(2, 2, d(2026, 1, 1), kind="residential", born=d(2010, 1, 1)),
        placement(3, 3, d(2026, 1, 1), kind="foster_approved_carer", born=d(2025, 6, 1)),
        placement(4, 4, d(2026, 7, 1), kind="foster_approved_carer"),  # not begun
    ]
    by_type = survival.survival_by(placements, lambda p: p.kind, today=TODAY)
    assert list(by_type) == ["residential", "foster_approved_carer"]
    assert (by_type["residential"].placements, by_type["residential"].ended) == (2, 1)
    assert by_type["residential"].survival_at(100) == 0.5
    by_age = survival.survival_by(placements, survival.age_band_at_start, today=TODAY)
    assert {band: curve.placements for band, curve in by_age.items()} == {
        "10 to 15": 1,
        "16 and over": 1,
        "Under 1": 1,
    }
    assert survival.overall_survival(placements, today=TODAY).placements == 3


def test_homes_in_trouble_are_followed_from_the_twentieth_working_day_after_the_first_concern():
    concern_day = d(2025, 12, 5)
    landmark = add_working_days(concern_day, 20)
    # 20 working days from Friday 5 December, past Christmas, Boxing Day and New Year's Day.
    assert landmark == d(2026, 1, 7)
    placements = [
        placement(1, 1, d(2025, 6, 1)),  # a meeting in the window: followed 7 January to today
        placement(2, 2, d(2025, 6, 1), d(2026, 3, 7), planned=False),  # no meeting; ends 59 days on
        placement(3, 3, d(2025, 6, 1), d(2026, 1, 2), planned=False),  # ended before the landmark
        placement(4, 4, d(2025, 6, 1)),  # its meeting came the day after the landmark
        placement(5, 5, d(2025, 6, 1)),  # trouble began too recently
        placement(6, 6, d(2025, 6, 1)),  # never in trouble
        placement(7, 7, d(2025, 6, 1)),  # only a disruption meeting in the window
    ]
    concerns = [
        ConcernRecord(1, d(2025, 5, 1), "under_pressure"),  # before this home: not its trouble
        ConcernRecord(1, concern_day, "under_pressure"),
        ConcernRecord(2, concern_day, "breakdown_imminent"),
        ConcernRecord(3, concern_day, "breakdown_imminent"),
        ConcernRecord(4, concern_day, "preventive"),
        ConcernRecord(5, d(2026, 6, 20), "under_pressure"),
        ConcernRecord(7, concern_day, "under_pressure"),
    ]
    meetings = [
        MeetingRecord(1, "placement_stability", "authorised", d(2025, 12, 20)),
        MeetingRecord(4, "placement_stability", "authorised", d(2026, 1, 8)),
        MeetingRecord(7, "disruption", "authorised", d(2025, 12, 10)),
    ]
    curves = survival.survival_by_early_meeting(placements, concerns, meetings, today=TODAY)
    with_meeting = curves[survival.WITH_EARLY_MEETING]
    without = curves[survival.WITHOUT_EARLY_MEETING]
    assert (with_meeting.placements, with_meeting.ended, with_meeting.longest) == (1, 0, 174)
    assert (without.placements, without.ended) == (3, 1)
    assert without.steps[0] == Step(59, 3, 1, 0, pytest.approx(2 / 3))


def test_a_survival_table_row_gives_survival_and_the_numbers_at_risk():
    row = survival.survival_table_row(kaplan_meier(FIVE), months=(1, 2))
    # 1 month is 30 days, 2 months 61: beyond the longest time followed.
    assert row == (5, 3, 53.3, None, 3, 0)


def test_a_curve_is_built_again_the_same_from_its_counts():
    """A curve is stored as the counts it was built from; built again, it is the same curve, to
    the last digit of every survival."""
    curve = kaplan_meier(FIVE)
    assert curve.counts() == [(10, 1, 0), (20, 0, 1), (30, 1, 1), (40, 1, 0)]
    assert survival.curve_from_counts(curve.counts()) == curve
    assert survival.curve_from_counts([]) == kaplan_meier([])
