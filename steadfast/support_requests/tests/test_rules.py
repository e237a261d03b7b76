"""The pure rules about requests for help, without a database."""

import datetime
from types import SimpleNamespace

import pytest

from steadfast.support_requests.rules import (
    DEFAULT_TIMESCALE,
    Timescale,
    due_dates,
    is_late,
    lateness,
    needs_escalation,
)

THURSDAY_BEFORE_EASTER = datetime.date(2026, 4, 2)  # Good Friday 3 April, Easter Monday 6 April
FRIDAY = datetime.date(2026, 3, 6)
AT = datetime.datetime(2026, 3, 6, 9, tzinfo=datetime.UTC)


def a_request(**fields) -> SimpleNamespace:
    values = {
        "status": "awaiting_acknowledgement",
        "acknowledged_at": None,
        "acknowledgement_due": datetime.date(2026, 3, 9),
        "responded_at": None,
        "response_due": datetime.date(2026, 3, 13),
    }
    return SimpleNamespace(**values | fields)


def test_a_request_on_a_friday_is_acknowledged_by_monday():
    due = due_dates(asked_on=FRIDAY, urgency="urgent", timescale=DEFAULT_TIMESCALE)
    assert due.acknowledgement == datetime.date(2026, 3, 9)


@pytest.mark.parametrize(
    ("urgency", "answer_by"),
    [
        ("urgent", datetime.date(2026, 3, 10)),
        ("soon", datetime.date(2026, 3, 13)),
        ("routine", datetime.date(2026, 3, 20)),
    ],
)
def test_an_answer_is_due_in_working_days_by_urgency(urgency, answer_by):
    assert due_dates(asked_on=FRIDAY, urgency=urgency, timescale=DEFAULT_TIMESCALE).response == answer_by


def test_bank_holidays_do_not_count():
    due = due_dates(asked_on=THURSDAY_BEFORE_EASTER, urgency="urgent", timescale=DEFAULT_TIMESCALE)
    assert due.acknowledgement == datetime.date(2026, 4, 7)  # past Good Friday, the weekend and Easter Monday
    assert due.response == datetime.date(2026, 4, 8)


def test_a_request_asked_at_the_weekend_counts_from_the_next_working_day():
    saturday = datetime.date(2026, 3, 7)
    assert due_dates(asked_on=saturday, urgency="urgent", timescale=DEFAULT_TIMESCALE).acknowledgement == (
        datetime.date(2026, 3, 9)
    )


def test_an_answer_is_never_due_before_the_acknowledgement():
    slow_to_acknowledge = Timescale(
        acknowledge_working_days=3, urgent_working_days=1, soon_working_days=5, routine_working_days=10
    )
    due = due_dates(asked_on=FRIDAY, urgency="urgent", timescale=slow_to_acknowledge)
    assert due.response == due.acknowledgement == datetime.date(2026, 3, 11)


def test_a_request_is_on_time_all_of_the_day_it_is_due():
    request = a_request()
    assert not is_late(request, datetime.date(2026, 3, 9))
    assert lateness(request, datetime.date(2026, 3, 10)) == "It was not acknowledged by 9 March 2026."


def test_an_acknowledged_request_is_late_once_its_answer_is_overdue():
    request = a_request(status="acknowledged", acknowledged_at=AT)
    assert not is_late(request, datetime.date(2026, 3, 13))
    assert lateness(request, datetime.date(2026, 3, 16)) == "It was not answered by 13 March 2026."


@pytest.mark.parametrize("status", ["responded", "closed"])
def test_an_answered_or_closed_request_is_never_late(status):
    assert not is_late(a_request(status=status), datetime.date(2027, 1, 1))


def test_a_late_request_needs_a_manager_with_the_reason():
    assert (
        needs_escalation(a_request(), datetime.date(2026, 3, 10))
        == "It was not acknowledged by 9 March 2026."
    )


def test_a_request_on_time_needs_no_manager():
    assert needs_escalation(a_request(), datetime.date(2026, 3, 9)) == ""


def test_a_request_already_with_a_manager_is_not_escalated_again_for_being_late():
    assert needs_escalation(a_request(status="escalated"), datetime.date(2026, 3, 20)) == ""


def test_help_that_could_not_be_obtained_needs_a_manager_even_on_time():
    reason = needs_escalation(
        a_request(), datetime.date(2026, 3, 6), service_not_obtained=" No respite carer free "
    )
    assert reason == "The help asked for could not be obtained: No respite carer free"


def test_a_closed_request_needs_nobody():
    closed = a_request(status="closed")
    assert needs_escalation(closed, datetime.date(2026, 3, 20), service_not_obtained="None free") == ""
