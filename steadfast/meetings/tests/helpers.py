"""Building meetings through the services, as the pages do, for the meetings tests."""

import datetime

from django.utils import timezone

from steadfast.concerns import services as concern_services
from steadfast.meetings import services
from steadfast.meetings.models import MeetingStatus, OwnerKind, StabilityMeeting
from steadfast.meetings.selectors import proposed_invitees
from steadfast.voice.tests.helpers import the_childs_voice_recorded


def a_concern_needing_a_meeting(scenario, *, raised_days_ago: int = 3):
    concern = concern_services.raise_stability_concern(
        actor=scenario.users["supervising_social_worker"],
        child=scenario.children["own"],
        urgency="breakdown_imminent",
        factors=["carer_may_not_go_on"],
        what_is_happening="The carer says she may not be able to go on.",
        raised_by="carer",
        raised_at=timezone.now() - datetime.timedelta(days=raised_days_ago),
    )
    concern_services.triage_stability_concern(
        actor=scenario.users["team_manager"],
        concern=concern,
        response="meeting",
        meeting_kind="placement_stability",
        reason="Breakdown is imminent.",
    )
    concern.refresh_from_db()
    return concern


def an_arranged_meeting(scenario, *, when: datetime.datetime | None = None, **extra) -> StabilityMeeting:
    child = scenario.children["own"]
    return services.arrange_stability_meeting(
        actor=scenario.users["social_worker"],
        child=child,
        kind=extra.pop("kind", "placement_stability"),
        scheduled_at=when or timezone.now() - datetime.timedelta(hours=2),
        venue="Family room, Town Hall",
        chair=extra.pop("chair", scenario.users["senior_practitioner"]),
        invitees=extra.pop("invitees", proposed_invitees(child, scenario.households["own"])),
        **extra,
    )


def a_meeting_ready_to_submit(scenario, **extra) -> StabilityMeeting:
    """A meeting held two hours ago with everyone present scored, an action, a summary and the
    child's voice."""
    meeting = an_arranged_meeting(scenario, **extra)
    chair = scenario.users["senior_practitioner"]
    present = list(meeting.invitees.values_list("pk", flat=True))
    meeting = services.save_meeting_record(
        actor=chair,
        meeting=meeting,
        seen_version=meeting.version,
        changes={
            "summary": "The home can hold with respite and more visits.",
            "next_review_date": timezone.localdate() + datetime.timedelta(days=42),
        },
        present=present,
    )
    for n, invitee in enumerate(meeting.invitees.all()):
        services.record_stability_score(
            actor=chair, meeting=meeting, invitee=invitee, score=3 + n, reason=f"Reason {n} for the score"
        )
    services.add_stability_action(
        actor=chair,
        meeting=meeting,
        what="Arrange two weekends of respite",
        owner_kind=OwnerKind.WORKER,
        owner=scenario.users["supervising_social_worker"],
        due_date=timezone.localdate() + datetime.timedelta(days=14),
        measure="The carer says she feels rested",
    )
    the_childs_voice_recorded(meeting, actor=chair)
    return meeting


def an_authorised_meeting(scenario, **extra) -> StabilityMeeting:
    meeting = a_meeting_ready_to_submit(scenario, **extra)
    services.submit_stability_plan(actor=scenario.users["senior_practitioner"], meeting=meeting)
    meeting = services.authorise_stability_plan(actor=scenario.users["team_manager"], meeting=meeting)
    assert meeting.status == MeetingStatus.AUTHORISED
    return meeting
