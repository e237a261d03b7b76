"""Raising a stability concern and a manager's decision on it."""

import datetime
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from steadfast.accounts.access import can_triage_concern
from steadfast.accounts.models import User
from steadfast.children.models import Child
from steadfast.core.services import create_audited, refuse_if_stale, update_audited
from steadfast.core.working_days import add_working_days
from steadfast.placements.selectors import current_placement_for

from . import notifications
from .models import (
    ConcernStatus,
    ConcernTimescale,
    InstabilityFactor,
    ManagementOversightNote,
    MeetingKind,
    Response,
    StabilityConcern,
    Urgency,
)

CONCERN_RAISED = "STABILITY_CONCERN_RAISED"
CONCERN_TRIAGED = "STABILITY_CONCERN_TRIAGED"
OVERSIGHT_NOTE_ADDED = "MANAGEMENT_OVERSIGHT_NOTE_ADDED"

# Working days to respond, when the authority has set none. Breakdown imminent is always five.
DEFAULT_WORKING_DAYS = {Urgency.BREAKDOWN_IMMINENT: 5, Urgency.UNDER_PRESSURE: 10, Urgency.PREVENTIVE: 20}

NO_FACTORS = "Choose at least one thing that is happening"
UNKNOWN_FACTOR = "Choose what is happening from the list"
RAISED_IN_FUTURE = "A concern cannot be raised at a time still to come."
ALREADY_TRIAGED = "A manager has already decided what happens next for this concern."
NOT_A_MANAGER = "Only a manager can decide what happens next for a concern."
MEETING_KIND_NEEDED = "Choose which kind of meeting"
REASON_NEEDED = "Say why this is the right response"


def working_days_for(urgency: str) -> int:
    """The response time for an urgency: five working days when breakdown is imminent,
    otherwise the authority's own timescale, or the default."""
    if urgency == Urgency.BREAKDOWN_IMMINENT:
        return DEFAULT_WORKING_DAYS[Urgency.BREAKDOWN_IMMINENT]
    local = ConcernTimescale.objects.filter(urgency=urgency).values_list("working_days", flat=True).first()
    return local or DEFAULT_WORKING_DAYS[Urgency(urgency)]


def due_date_for(*, urgency: str, raised_at: datetime.datetime) -> datetime.date:
    return add_working_days(timezone.localdate(raised_at), working_days_for(urgency))


@transaction.atomic
def raise_stability_concern(
    *,
    actor: User,
    child: Child,
    urgency: Urgency | str,
    factors: Iterable[str],
    what_is_happening: str,
    raised_by: str,
    raised_by_name: str = "",
    raised_at: datetime.datetime | None = None,
) -> StabilityConcern:
    """Record that someone says the child's home is under strain, work out when the response
    is due, and tell the child's and the household's workers and their managers once saved."""
    raised_at = raised_at or timezone.now()
    if raised_at > timezone.now():
        raise ValidationError({"raised_at": RAISED_IN_FUTURE})
    factors = list(dict.fromkeys(factors))
    if not factors:
        raise ValidationError({"factors": NO_FACTORS})
    if set(factors) - set(InstabilityFactor.values):
        raise ValidationError({"factors": UNKNOWN_FACTOR})
    placement = current_placement_for(child)
    concern = create_audited(
        StabilityConcern(
            child=child,
            household=placement.household if placement else None,
            raised_at=raised_at,
            raised_by=raised_by,
            raised_by_name=raised_by_name.strip(),
            factors=factors,
            what_is_happening=what_is_happening.strip(),
            urgency=urgency,
            due_date=due_date_for(urgency=urgency, raised_at=raised_at),
        ),
        actor=actor,
        event_type=CONCERN_RAISED,
        child=child,
        household=placement.household_id if placement else None,
        details={"urgency": str(urgency), "factors": factors},
    )
    transaction.on_commit(lambda: notifications.tell_about_raised_concern(concern))
    return concern


@transaction.atomic
def triage_stability_concern(
    *,
    actor: User,
    concern: StabilityConcern,
    response: Response | str,
    reason: str,
    meeting_kind: MeetingKind | str = "",
    interim_support: str = "",
    seen_version: int | None = None,
) -> ManagementOversightNote:
    """A manager decides what happens next: a meeting of a given kind, or another response
    with the reason. The decision and the interim support agreed become a management
    oversight note on the child's and the household's record. Refused with StaleEditError when
    the concern changed after the version the manager's form was drawn from (`seen_version`;
    left out where no form is involved)."""
    if not can_triage_concern(actor):
        raise ValidationError(NOT_A_MANAGER)
    concern = StabilityConcern.objects.select_for_update().get(pk=concern.pk)
    if seen_version is not None:
        refuse_if_stale(concern, seen_version)
    if concern.status != ConcernStatus.AWAITING_TRIAGE:
        raise ValidationError(ALREADY_TRIAGED)
    if response == Response.MEETING and not meeting_kind:
        raise ValidationError({"meeting_kind": MEETING_KIND_NEEDED})
    if not reason.strip():
        raise ValidationError({"reason": REASON_NEEDED})
    concern.status = (
        ConcernStatus.MEETING_TO_ARRANGE if response == Response.MEETING else ConcernStatus.OTHER_RESPONSE
    )
    concern.response = response
    concern.meeting_kind = meeting_kind if response == Response.MEETING else ""
    concern.response_reason = reason.strip()
    concern.triaged_by = actor
    concern.triaged_at = timezone.now()
    update_audited(
        concern,
        actor=actor,
        fields=["status", "response", "meeting_kind", "response_reason", "triaged_by", "triaged_at"],
        event_type=CONCERN_TRIAGED,
        child=concern.child_id,
        household=concern.household_id,
        details={"response": str(response), "meeting_kind": str(meeting_kind)},
    )
    decision = f"{Response(response).label}"
    if response == Response.MEETING:
        decision += f" ({MeetingKind(meeting_kind).label.lower()})"
    return create_audited(
        ManagementOversightNote(
            concern=concern,
            child_id=concern.child_id,
            household_id=concern.household_id,
            decision=f"{decision}: {reason.strip()}",
            interim_support=interim_support.strip(),
        ),
        actor=actor,
        event_type=OVERSIGHT_NOTE_ADDED,
        child=concern.child_id,
        household=concern.household_id,
    )
