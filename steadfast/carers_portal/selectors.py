"""Reads for the carers' portal: what a carer needs to know about the children living with them.

Which meetings are the carer's: those about a child living with them now (and whose name they
may read) and held about their own household, or about no household at all. A meeting about
the same child in another home (the home the child left, say) is that home's, not theirs; a
meeting about a child who has moved on is no longer theirs to read. Which actions are the
carer's: those the meeting gave to "the carer" in such a meeting. An action names its carer
only in words (`owner_name`), so it is the meeting, not the name, that says whose it is."""

import datetime
from dataclasses import dataclass

from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from steadfast.accounts.models import Allocation, AllocationRole, User
from steadfast.children.models import Child
from steadfast.households.models import Household
from steadfast.meetings.models import (
    Invitee,
    MeetingStatus,
    OwnerKind,
    StabilityAction,
    StabilityMeeting,
)
from steadfast.meetings.selectors import OPEN_ACTION_STATUSES, meetings_for_carer
from steadfast.placements.rules import age_on
from steadfast.placements.selectors import children_placed_with_carer


def get_child_placed_with_carer_or_404(carer: User, household: Household, pk: object) -> Child:
    """A child living with the carer now; 404 for any other, as if there were no such child."""
    try:
        return children_placed_with_carer(carer, household).get(pk=pk)
    except (Child.DoesNotExist, ValueError, TypeError):
        raise Http404("No such child") from None


@dataclass(frozen=True)
class ChildForCarer:
    """What a carer needs to know about a child living with them, and nothing more."""

    pk: int
    name: str
    date_of_birth: datetime.date
    age: int
    school: str
    social_workers: list[str]


def what_carer_needs_to_know(carer: User, household: Household) -> list[ChildForCarer]:
    """For each child living with the carer now: the name they prefer, their age and date of
    birth, their school and their social worker's name, from the allocations in force today."""
    today = timezone.localdate()
    social_workers = Prefetch(
        "allocations",
        queryset=Allocation.objects.filter(
            Q(end_date__isnull=True) | Q(end_date__gte=today),
            role=AllocationRole.SOCIAL_WORKER,
            start_date__lte=today,
        )
        .select_related("worker")
        .order_by("start_date", "pk"),
        to_attr="social_worker_allocations",
    )
    return [
        ChildForCarer(
            pk=child.pk,
            name=child.display_name,
            date_of_birth=child.date_of_birth,
            age=age_on(child.date_of_birth, today),
            school=child.school,
            social_workers=[str(a.worker) for a in child.social_worker_allocations],
        )
        for child in children_placed_with_carer(carer, household).prefetch_related(social_workers)
    ]


def carer_actions(carer: User, household: Household) -> QuerySet[StabilityAction]:
    """The Stability Actions the carer owns that are still to be done, soonest first."""
    return (
        StabilityAction.objects.filter(
            owner_kind=OwnerKind.CARER,
            status__in=OPEN_ACTION_STATUSES,
            meeting__in=meetings_for_carer(carer, household).values("pk"),
        )
        .select_related("child")
        .order_by("due_date", "pk")
    )


def carer_invitations(carer: User, household: Household) -> QuerySet[Invitee]:
    """The carer's own invitations to meetings still to happen, whose views are still open."""
    return (
        Invitee.objects.filter(
            user=carer,
            meeting__in=meetings_for_carer(carer, household).values("pk"),
            meeting__status__in=(MeetingStatus.PLANNED, MeetingStatus.DRAFT),
            meeting__scheduled_at__gt=timezone.now(),
        )
        .select_related("meeting", "meeting__child")
        .order_by("meeting__scheduled_at", "pk")
    )


def agreed_meetings(carer: User, household: Household) -> QuerySet[StabilityMeeting]:
    """The carer's authorised meetings, newest first: what was agreed."""
    return (
        meetings_for_carer(carer, household)
        .filter(status=MeetingStatus.AUTHORISED)
        .select_related("child")
        .order_by("-scheduled_at", "-pk")
    )


def get_carer_invitation_or_404(carer: User, household: Household, meeting_pk: object) -> Invitee:
    """The carer's own invitation to a meeting that stands: open for their views until it
    starts, and showing what they sent after; 404 otherwise, as if there were no such meeting."""
    try:
        invitation = (
            Invitee.objects.filter(
                user=carer, meeting__in=meetings_for_carer(carer, household).values("pk"), meeting=meeting_pk
            )
            .select_related("meeting", "meeting__child")
            .first()
        )
    except (ValueError, TypeError):
        invitation = None
    if invitation is None:
        raise Http404("No such meeting")
    return invitation


def get_agreed_meeting_or_404(carer: User, household: Household, pk: object) -> StabilityMeeting:
    """An authorised meeting of the carer's; 404 for any other, as if there were none."""
    try:
        return agreed_meetings(carer, household).select_related("chair").get(pk=pk)
    except (StabilityMeeting.DoesNotExist, ValueError, TypeError):
        raise Http404("No such meeting") from None


def who_was_there(meeting: StabilityMeeting) -> QuerySet[Invitee]:
    """The people recorded as present, with their roles."""
    return meeting.invitees.filter(attended=True).order_by("group", "pk")


def actions_agreed_at(meeting: StabilityMeeting) -> QuerySet[StabilityAction]:
    return meeting.actions.select_related("owner").order_by("due_date", "pk")
