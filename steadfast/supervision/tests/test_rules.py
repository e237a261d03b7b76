import datetime

import pytest

from steadfast.supervision.rules import DEFAULT_POLICY, scale_suggests_concern, supervision_due

APPROVED = datetime.date(2026, 1, 10)


def test_with_no_sessions_the_first_is_due_a_month_after_approval():
    due = supervision_due(approved_on=APPROVED, sessions=[], policy=DEFAULT_POLICY)
    assert due.supervision == datetime.date(2026, 2, 10)
    assert due.unannounced_visit == datetime.date(2027, 1, 10)


def test_in_the_first_year_sessions_are_due_monthly_then_every_three_months():
    in_first_year = supervision_due(
        approved_on=APPROVED, sessions=[(datetime.date(2026, 6, 1), False)], policy=DEFAULT_POLICY
    )
    assert in_first_year.supervision == datetime.date(2026, 7, 2)
    after = supervision_due(
        approved_on=APPROVED, sessions=[(datetime.date(2027, 3, 1), False)], policy=DEFAULT_POLICY
    )
    assert after.supervision == datetime.date(2027, 5, 31)


def test_an_unannounced_visit_is_due_a_year_after_the_last_one():
    due = supervision_due(
        approved_on=APPROVED,
        sessions=[(datetime.date(2026, 3, 1), True), (datetime.date(2026, 4, 1), False)],
        policy=DEFAULT_POLICY,
    )
    assert due.unannounced_visit == datetime.date(2027, 3, 1)
    assert due.supervision == datetime.date(2026, 5, 2)


def test_a_scale_of_four_or_below_or_a_fall_of_three_suggests_a_concern():
    assert scale_suggests_concern(4, None)
    assert scale_suggests_concern(6, 9) == "The placement stability scale fell from 9 to 6."
    assert scale_suggests_concern(5, 7) == ""
    assert scale_suggests_concern(8, None) == ""


@pytest.mark.parametrize(
    ("score", "previous", "suggests"),
    [
        (4, None, True),
        (5, None, False),
        (0, None, True),
        (5, 8, True),
        (5, 7, False),
        (7, 10, True),
        (8, 10, False),
    ],
)
def test_a_scale_suggests_a_concern_at_4_or_below_or_after_a_fall_of_3(score, previous, suggests):
    assert bool(scale_suggests_concern(score, previous)) is suggests
