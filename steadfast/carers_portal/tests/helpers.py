"""Meetings about the carer's children, built through the services as the pages build them."""

import datetime

from django.utils import timezone

from steadfast.meetings import services
from steadfast.meetings.models import MeetingStatus, OwnerKind, StabilityMeeting
from steadfast.meetings.selectors import household_for_meeting, proposed_invitees
from steadfast.meetings.tests.helpers import a_meeting_ready_to_submit

CARER_ACTION = "Keep a short diary of the evenings for the next review"
CARER_ACTION_MEASURE = "The diary shows calmer evenings"


def an_authorised_meeting_with_a_carer_action(scenario, **extra) -> StabilityMeeting:
    """A meeting held two hours ago about Owen, in the carer's home, whose plan gives the carer
    one action and the supervising social worker another, authorised by a manager."""
    meeting = a_meeting_ready_to_submit(scenario, **extra)
    chair = scenario.users["senior_practitioner"]
    services.add_stability_action(
        actor=chair,
        meeting=meeting,
        what=CARER_ACTION,
        owner_kind=OwnerKind.CARER,
        owner_name="Test Carer",
        due_date=timezone.localdate() + datetime.timedelta(days=21),
        measure=CARER_ACTION_MEASURE,
    )
    services.submit_stability_plan(actor=chair, meeting=meeting)
    meeting = services.authorise_stability_plan(actor=scenario.users["team_manager"], meeting=meeting)
    assert meeting.status == MeetingStatus.AUTHORISED
    return meeting


def an_upcoming_meeting(scenario, child=None) -> StabilityMeeting:
    """A meeting in three days' time about a child (Owen unless told) where they live now; the
    carers of that home are always invited."""
    child = child or scenario.children["own"]
    return services.arrange_stability_meeting(
        actor=scenario.users["social_worker"],
        child=child,
        kind="strengthening_stability",
        scheduled_at=timezone.now() + datetime.timedelta(days=3),
        venue="Family room, Town Hall",
        chair=scenario.users["senior_practitioner"],
        invitees=proposed_invitees(child, household_for_meeting(child)),
    )
