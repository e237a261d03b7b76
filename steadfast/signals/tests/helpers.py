"""Records to set the scene for the signals, My work and oversight tests: a concern raised today through the
service, and records dated in the past, written directly for the signals tests (the services
record today's events, and the signals read what happened weeks ago)."""

import datetime

from django.utils import timezone

from steadfast.carer_logs.models import CarerLog
from steadfast.concerns import services as concern_services
from steadfast.concerns.models import ConcernStatus, StabilityConcern
from steadfast.meetings.models import (
    ActionReview,
    ActionStatus,
    ChairRole,
    MeetingKind,
    MeetingStatus,
    OwnerKind,
    StabilityAction,
    StabilityMeeting,
)
from steadfast.supervision.models import PlacementStabilityScale, SupervisionSession
from steadfast.support_requests.models import SupportRequest
from steadfast.visits.models import StatutoryVisit
from tests.factories import UserFactory


def raise_concern(
    scenario, *, child: str = "own", actor: str = "social_worker", urgency: str = "under_pressure"
) -> StabilityConcern:
    """A concern about school, raised today through the service by `actor` (a scenario user)
    about the scenario child `child`."""
    return concern_services.raise_stability_concern(
        actor=scenario.users[actor],
        child=scenario.children[child],
        urgency=urgency,
        factors=["school"],
        what_is_happening="Excluded twice this month (test).",
        raised_by="social_worker",
    )


def ago(days: int) -> datetime.date:
    return timezone.localdate() - datetime.timedelta(days=days)


def at(days_ago: int, hour: int = 10) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(ago(days_ago), datetime.time(hour)))


def a_session(household, *, days_ago: int) -> SupervisionSession:
    return SupervisionSession.objects.create(
        household=household, date=ago(days_ago), present="Test Carer", household_managing="Managing."
    )


def a_scale(child, household, *, days_ago: int, score: int) -> PlacementStabilityScale:
    """A stability score given for the child at a supervision session `days_ago`."""
    return PlacementStabilityScale.objects.create(
        session=a_session(household, days_ago=days_ago), child=child, score=score, reason="Because."
    )


def a_log(
    child,
    household,
    *,
    days_ago: int,
    text: str = "A calm evening.",
    event: str = "",
    reviewed: int | None = None,
) -> CarerLog:
    """A log written `days_ago`, reviewed `reviewed` days ago (or never)."""
    log = CarerLog(
        household=household,
        child=child,
        date=ago(days_ago),
        category="home_life",
        what_happened=text,
        significant_event=event,
    )
    if reviewed is not None:
        log.reviewed_at = at(reviewed)
        log.reviewed_by = UserFactory(role="supervising_social_worker")
    log.save()
    return log


def a_concern(
    child,
    household,
    *,
    days_ago: int,
    factors: list[str],
    due_days_ago: int | None = None,
    other_response_days_ago: int | None = None,
) -> StabilityConcern:
    """A concern raised `days_ago`, its response due `due_days_ago` (five days after raising by
    default); with `other_response_days_ago`, a manager agreed another response then."""
    decided = {}
    if other_response_days_ago is not None:
        decided = {
            "status": ConcernStatus.OTHER_RESPONSE,
            "response": "joint_visit",
            "response_reason": "A joint visit first.",
            "triaged_at": at(other_response_days_ago),
            "triaged_by": UserFactory(role="team_manager"),
        }
    return StabilityConcern.objects.create(
        child=child,
        household=household,
        raised_at=at(days_ago),
        raised_by="carer",
        factors=factors,
        what_is_happening="Things are hard at home.",
        urgency="under_pressure",
        due_date=ago(due_days_ago if due_days_ago is not None else days_ago - 5),
        **decided,
    )


def a_request(
    household, *, child=None, days_ago: int, acknowledge_by: int, answer_by: int, answered: int | None = None
) -> SupportRequest:
    """A request asked `days_ago`, to be acknowledged and answered by those many days ago
    (negative: in the days to come); answered `answered` days ago, or not yet."""
    return SupportRequest.objects.create(
        household=household,
        child=child,
        kind="respite",
        urgency="soon",
        what_is_needed="A weekend's respite.",
        asked_at=at(days_ago),
        acknowledgement_due=ago(acknowledge_by),
        response_due=ago(answer_by),
        status="responded" if answered is not None else "awaiting_acknowledgement",
        responded_at=at(answered) if answered is not None else None,
    )


def a_visit(child, *, days_ago: int) -> StatutoryVisit:
    return StatutoryVisit.objects.create(
        child=child, date=ago(days_ago), place="At home", child_seen=True, child_said="Fine."
    )


def a_meeting(
    child,
    household,
    *,
    days_ago: int,
    arranged_days_ago: int | None = None,
    authorised_days_ago: int | None = None,
    kind: str = MeetingKind.PLACEMENT_STABILITY,
) -> StabilityMeeting:
    """A meeting held (or to be held, when negative) `days_ago`, recorded `arranged_days_ago`
    (the same day by default), and authorised `authorised_days_ago`, if at all."""
    chair = UserFactory(role="team_manager")
    authorised = {}
    if authorised_days_ago is not None:
        authorised = {
            "status": MeetingStatus.AUTHORISED,
            "authorised_by": UserFactory(role="team_manager"),
            "authorised_at": at(authorised_days_ago),
        }
    meeting = StabilityMeeting.objects.create(
        child=child,
        household=household,
        kind=kind,
        scheduled_at=at(days_ago),
        venue="Family room",
        chair=chair,
        chair_role=ChairRole.TEAM_MANAGER,
        **authorised,
    )
    arranged = arranged_days_ago if arranged_days_ago is not None else max(days_ago, 0)
    StabilityMeeting.objects.filter(pk=meeting.pk).update(created_at=at(arranged, 9))
    return meeting


def an_action(meeting, *, due_days_ago: int, status: str = ActionStatus.AGREED) -> StabilityAction:
    return StabilityAction.objects.create(
        meeting=meeting,
        child=meeting.child,
        what="Arrange respite",
        owner_kind=OwnerKind.CARER,
        owner_name="Test Carer",
        due_date=ago(due_days_ago),
        measure="The carer feels rested",
        status=status,
    )


def a_review(review_meeting, action, *, progress: str) -> ActionReview:
    return ActionReview.objects.create(
        meeting=review_meeting, action=action, progress=progress, evidence="Seen."
    )
