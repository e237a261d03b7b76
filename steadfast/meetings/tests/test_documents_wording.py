"""What the minutes say about the Child's Plan and their authorisation at each status of the
record, with the record taken there through the services, as the pages do."""

import datetime
import io

import docx
import pytest
from django.utils import timezone
from pypdf import PdfReader

from steadfast.core.jinja2 import govuk_date
from steadfast.meetings import services
from steadfast.meetings.documents import minutes_content, minutes_docx, minutes_pdf
from steadfast.meetings.models import MeetingStatus, OwnerKind
from steadfast.meetings.tests.helpers import a_meeting_ready_to_submit, an_arranged_meeting

pytestmark = pytest.mark.django_db

BEFORE = "a manager authorises"
PART_OF_THE_PLAN = "These actions are part of the Child's Plan."


def _add_action(scenario, meeting, what="Visit the school together"):
    return services.add_stability_action(
        actor=scenario.users["senior_practitioner"],
        meeting=meeting,
        what=what,
        owner_kind=OwnerKind.CARER,
        owner_name="Test Carer",
        due_date=timezone.localdate() + datetime.timedelta(days=21),
        measure="The school says it has happened",
    )


def _submitted(scenario):
    meeting = a_meeting_ready_to_submit(scenario)
    return services.submit_stability_plan(actor=scenario.users["senior_practitioner"], meeting=meeting)


def _authorised(scenario):
    return services.authorise_stability_plan(
        actor=scenario.users["team_manager"], meeting=_submitted(scenario)
    )


def _section(meeting, heading: str) -> str:
    content = minutes_content(meeting)
    section = next(s for s in content.sections if s.heading == heading)
    parts = []
    for block in section.blocks:
        if block.kind == "text":
            parts.extend(block.paragraphs)
        elif block.kind == "facts":
            parts.extend(value for _, value in block.rows)
    return " ".join(parts)


def _actions_say(meeting) -> str:
    return _section(meeting, "Stability Actions")


def _authorisation_says(meeting) -> str:
    return _section(meeting, "Authorisation")


def test_a_planned_meetings_actions_join_the_plan_once_a_manager_authorises(scenario):
    meeting = an_arranged_meeting(scenario)
    _add_action(scenario, meeting)
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.PLANNED
    assert "Once a manager authorises these minutes, the actions join the Child's Plan." in _actions_say(
        meeting
    )
    assert _authorisation_says(meeting) == "Not yet authorised. The meeting has not been written up yet"


def test_a_draft_says_it_is_still_being_written_up(scenario):
    meeting = a_meeting_ready_to_submit(scenario)
    assert meeting.status == MeetingStatus.DRAFT
    said = _actions_say(meeting)
    assert "still being written up" in said and BEFORE in said.lower()
    assert PART_OF_THE_PLAN not in said
    assert _authorisation_says(meeting) == "Not yet authorised. The record is still being written up"


def test_minutes_awaiting_authorisation_say_when_they_were_sent(scenario):
    meeting = _submitted(scenario)
    said = _actions_say(meeting)
    assert "waiting for a manager to authorise them" in said and BEFORE in said.lower()
    assert _authorisation_says(meeting) == (
        f"Not yet authorised. Sent to a manager to authorise on {govuk_date(meeting.submitted_at)}"
    )


def test_returned_minutes_say_a_manager_returned_them_and_when(scenario):
    meeting = services.return_stability_plan(
        actor=scenario.users["team_manager"], meeting=_submitted(scenario), comments="Add the school's view."
    )
    said = _actions_say(meeting)
    assert "A manager returned these minutes with comments." in said and BEFORE in said.lower()
    assert _authorisation_says(meeting) == (
        f"Not yet authorised. A manager returned them with comments on {govuk_date(meeting.returned_at)}"
    )
    # What the manager wrote stays on the meeting page, for the people writing the record up.
    word = docx.Document(io.BytesIO(minutes_docx(meeting)))
    assert "Add the school's view." not in "\n".join(p.text for p in word.paragraphs)


def test_authorised_minutes_say_who_authorised_the_plan_and_when_and_nothing_about_once(scenario):
    meeting = _authorised(scenario)
    manager, when = scenario.users["team_manager"], govuk_date(meeting.authorised_at)
    said = _actions_say(meeting)
    assert f"The plan was authorised by {manager} on {when}." in said
    assert PART_OF_THE_PLAN in said
    assert BEFORE not in said.lower()
    assert _authorisation_says(meeting) == f"Authorised by {manager} on {when}"


def test_neither_authorised_document_says_once_a_manager_authorises(scenario):
    meeting = _authorised(scenario)
    manager = str(scenario.users["team_manager"])
    pdf = " ".join(
        " ".join(p.extract_text() for p in PdfReader(io.BytesIO(minutes_pdf(meeting))).pages).split()
    )
    word = "\n".join(p.text for p in docx.Document(io.BytesIO(minutes_docx(meeting))).paragraphs)
    for text in (pdf, word):
        assert BEFORE not in text.lower()
        assert "Not yet authorised" not in text
        assert f"The plan was authorised by {manager} on" in text
        assert PART_OF_THE_PLAN in text


def test_reopened_minutes_say_the_agreed_actions_stay_in_the_plan_and_a_new_one_waits(scenario):
    meeting = services.reopen_stability_meeting(
        actor=scenario.users["team_manager"], meeting=_authorised(scenario), reason="The date was wrong."
    )
    assert meeting.status == MeetingStatus.DRAFT
    said = _actions_say(meeting)
    assert "The actions agreed then are still part of the Child's Plan." in said
    assert "an action marked Proposed" not in said
    assert BEFORE not in said.lower()

    _add_action(scenario, meeting)
    said = _actions_say(meeting)
    assert "an action marked Proposed joins it once a manager authorises these minutes again" in said
    assert PART_OF_THE_PLAN not in said
    assert _authorisation_says(meeting) == "Not yet authorised. The record is still being written up"
