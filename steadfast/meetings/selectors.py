"""Reads about stability meetings and the Child's Plan, always through what the user may see."""

import datetime
from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from steadfast.accounts.access import children_named_on_household, children_visible_to, refused
from steadfast.accounts.models import AllocationRole, User
from steadfast.accounts.selectors import current_allocations_for, current_supervising_social_worker_for
from steadfast.households.models import Household, HouseholdMember, MemberRole
from steadfast.placements.models import Placement
from steadfast.placements.rules import twelve_months_before
from steadfast.placements.selectors import children_placed_with_carer, current_placement_for
from steadfast.supervision.models import PlacementStabilityScale
from steadfast.supervision.selectors import latest_scale_for

from .models import (
    ActionStatus,
    Invitee,
    InviteeGroup,
    InviteeRole,
    MeetingStatus,
    MinutesCirculation,
    StabilityAction,
    StabilityMeeting,
    StabilityScore,
)
from .rules import ScoreRow, score_rows

# Actions still to be done: in the Child's Plan and not yet reviewed as done.
OPEN_ACTION_STATUSES = (ActionStatus.AGREED, ActionStatus.PARTLY_DONE)


@dataclass(frozen=True)
class ProposedInvitee:
    name: str
    role: str
    group: str
    user: User | None = None
    email: str = ""

    @property
    def key(self) -> str:
        return f"user:{self.user.pk}" if self.user else f"{self.role}:{self.name.lower()}"


def is_late(meeting: StabilityMeeting) -> bool:
    """A meeting is late when it is held, or still to be held, after its due date."""
    if meeting.due_date is None or meeting.status == MeetingStatus.CANCELLED:
        return False
    if meeting.status == MeetingStatus.PLANNED and meeting.scheduled_at > timezone.now():
        return timezone.localdate(meeting.scheduled_at) > meeting.due_date
    if meeting.status == MeetingStatus.PLANNED:
        return timezone.localdate() > meeting.due_date
    return timezone.localdate(meeting.scheduled_at) > meeting.due_date


def views_link_open(meeting: StabilityMeeting) -> bool:
    """A views link works until the meeting starts, while its record is still being prepared."""
    return (
        meeting.status in (MeetingStatus.PLANNED, MeetingStatus.DRAFT)
        and meeting.scheduled_at > timezone.now()
    )


def meetings_visible_to(user: User) -> QuerySet[StabilityMeeting]:
    """The meetings about children the user may see, cancelled ones included."""
    return StabilityMeeting.with_cancelled.filter(child__in=children_visible_to(user).values("pk"))


def get_meeting_for_user_or_404(user: User, pk: object) -> StabilityMeeting:
    """The meeting, if the user may see its child; otherwise 404, as if there were none."""
    try:
        return meetings_visible_to(user).select_related("child", "household", "chair", "concern").get(pk=pk)
    except StabilityMeeting.DoesNotExist:
        refused(user, StabilityMeeting.with_cancelled.all(), "meeting", pk)
        raise Http404("No such meeting") from None
    except (ValueError, TypeError):
        raise Http404("No such meeting") from None


def meetings_of_child(child: object) -> QuerySet[StabilityMeeting]:
    """The child's meetings, cancelled ones included."""
    return StabilityMeeting.with_cancelled.filter(child=child).select_related("household", "chair")


def meetings_of_household(household: Household, *, viewer: User) -> QuerySet[StabilityMeeting]:
    """The household's meetings about the children the viewer may name on its record
    (`access.children_named_on_household`): for its fostering service, those about a child who
    has since moved on too, so that the carers' record keeps the meetings held about their
    home. `may_open` says whether the viewer may open the meeting, that is, see its child."""
    return (
        StabilityMeeting.with_cancelled.filter(
            household=household, child__in=children_named_on_household(viewer, household).values("pk")
        )
        .annotate(may_open=Exists(children_visible_to(viewer).filter(pk=OuterRef("child_id"))))
        .select_related("child", "chair")
    )


def invitees_of(meeting: StabilityMeeting) -> QuerySet[Invitee]:
    return meeting.invitees.select_related("user", "views_recorded_by")


def proposed_invitees(child: object, household: object | None) -> list[ProposedInvitee]:
    """The people a meeting about the child should have, from who is allocated now: the core
    group (the child, the carers, the child's social worker, the supervising social worker, the
    team manager, placement support) and the independent reviewing officer, whose views are
    sought. Carers are always on the list."""
    proposed = [ProposedInvitee(name=str(child), role=InviteeRole.CHILD, group=InviteeGroup.CORE)]
    if household is not None:
        for member in HouseholdMember.objects.filter(
            household=household, role=MemberRole.APPROVED_CARER
        ).select_related("user"):
            proposed.append(
                ProposedInvitee(
                    name=member.full_name,
                    role=InviteeRole.CARER,
                    group=InviteeGroup.CORE,
                    user=member.user,
                    email=member.user.email if member.user else "",
                )
            )
    allocations = list(current_allocations_for(child))
    roles = {
        AllocationRole.SOCIAL_WORKER: (InviteeRole.SOCIAL_WORKER, InviteeGroup.CORE),
        AllocationRole.PLACEMENT_SUPPORT: (InviteeRole.PLACEMENT_SUPPORT, InviteeGroup.CORE),
        AllocationRole.IRO: (InviteeRole.IRO, InviteeGroup.VIEWS_SOUGHT),
    }
    workers = []
    for allocation in allocations:
        role, group = roles[allocation.role]
        workers.append((allocation.worker, role, group))
    if household is not None and (ssw := current_supervising_social_worker_for(household)):
        workers.append((ssw.worker, InviteeRole.SUPERVISING_SOCIAL_WORKER, InviteeGroup.CORE))
    for worker, role, group in workers:
        proposed.append(
            ProposedInvitee(name=str(worker), role=role, group=group, user=worker, email=worker.email)
        )
    social_workers = [w for w, role, _ in workers if role == InviteeRole.SOCIAL_WORKER]
    for social_worker in social_workers:
        manager = social_worker.team.manager if social_worker.team else None
        if manager is not None and manager not in social_workers:
            proposed.append(
                ProposedInvitee(
                    name=str(manager),
                    role=InviteeRole.TEAM_MANAGER,
                    group=InviteeGroup.CORE,
                    user=manager,
                    email=manager.email,
                )
            )
    return list({p.key: p for p in proposed}.values())


def household_for_meeting(
    child: object,
    *,
    concern: object = None,
    reviews: StabilityMeeting | None = None,
    placement: Placement | None = None,
) -> object | None:
    """The fostering household a meeting is about: the home that ended, the home the concern
    was raised in, the home of the meeting under review, or else where the child lives now."""
    if placement is not None:
        return placement.household
    if concern is not None:
        return concern.household
    if reviews is not None:
        return reviews.household
    current = current_placement_for(child)
    return current.household if current else None


def previous_meeting_for(meeting: StabilityMeeting) -> StabilityMeeting | None:
    """The child's last meeting before this one that has scores."""
    return (
        StabilityMeeting.objects.filter(
            child=meeting.child_id, scheduled_at__lt=meeting.scheduled_at, scores__isnull=False
        )
        .exclude(pk=meeting.pk)
        .order_by("-scheduled_at")
        .first()
    )


def supervision_scale_for(meeting: StabilityMeeting) -> PlacementStabilityScale | None:
    """The latest placement stability scale from the carer's supervision, up to the meeting."""
    if meeting.household_id is None:
        return None
    return latest_scale_for(
        meeting.child_id, meeting.household_id, on_or_before=timezone.localdate(meeting.scheduled_at)
    )


def score_table_for(meeting: StabilityMeeting) -> list[ScoreRow]:
    """Every member's score now beside their score at the last meeting."""
    scores = list(StabilityScore.objects.filter(meeting=meeting).select_related("invitee"))
    previous = previous_meeting_for(meeting)
    before = (
        {
            s.invitee.person_key: s.score
            for s in StabilityScore.objects.filter(meeting=previous).select_related("invitee")
        }
        if previous
        else {}
    )
    return score_rows(scores, before)


def plan_of_child(child: object) -> QuerySet[StabilityAction]:
    """The Child's Plan: every action from an authorised meeting, whatever meeting it came from."""
    return (
        StabilityAction.objects.filter(child=child)
        .exclude(status=ActionStatus.PROPOSED)
        .select_related("owner", "meeting")
        .prefetch_related(Prefetch("reviews", to_attr="review_list"))
        .order_by("due_date", "id")
    )


def open_actions_of_household(household: object, *, viewer: User) -> QuerySet[StabilityAction]:
    """Actions still to do from meetings about the household, for children the viewer may see."""
    return (
        StabilityAction.objects.filter(
            meeting__household=household,
            status__in=OPEN_ACTION_STATUSES,
            child__in=children_visible_to(viewer).values("pk"),
        )
        .select_related("owner", "meeting", "child")
        .order_by("due_date", "id")
    )


def actions_to_review(meeting: StabilityMeeting) -> QuerySet[StabilityAction]:
    """The actions a review meeting looks at: those of the meeting it reviews."""
    if meeting.reviews_id is None:
        return StabilityAction.objects.none()
    return StabilityAction.objects.filter(meeting=meeting.reviews_id).select_related("owner")


def unplanned_endings_in_last_twelve_months(
    *, children: QuerySet, household: object = None, today: datetime.date | None = None
) -> int:
    """Unplanned endings in the last twelve months among `children` (already narrowed to what
    the viewer may know of), in `household` if given."""
    today = today or timezone.localdate()
    endings = Placement.objects.filter(
        ending_planned=False,
        end_date__gt=twelve_months_before(today),
        end_date__lte=today,
        child__in=children.values("pk"),
    )
    if household is not None:
        endings = endings.filter(household=household)
    return endings.count()


def endings_without_a_meeting() -> QuerySet[Placement]:
    """Ended placements with no disruption meeting or learning circle standing: a cancelled
    one does not count."""
    return Placement.objects.filter(end_date__isnull=False).exclude(
        Exists(StabilityMeeting.objects.filter(placement=OuterRef("pk")))
    )


def endings_awaiting_a_meeting(child: object) -> QuerySet[Placement]:
    """The child's ended placements with no disruption meeting or learning circle arranged:
    an unplanned ending asks for a disruption meeting, any move for a learning circle. Only
    endings of the last twelve months are asked about."""
    since = twelve_months_before(timezone.localdate())
    return (
        endings_without_a_meeting()
        .filter(child=child, end_date__gt=since)
        .select_related("household", "provider")
        .order_by("-end_date")
    )


def carers_of_meeting(meeting: StabilityMeeting) -> str:
    """The approved carers of the household the meeting is about, as an action owned by "the
    carer" names them ("Pat Fairweather and Sam Fairweather"); "" without a household."""
    if meeting.household_id is None:
        return ""
    names = list(
        HouseholdMember.objects.filter(household_id=meeting.household_id, role=MemberRole.APPROVED_CARER)
        .order_by("full_name", "pk")
        .values_list("full_name", flat=True)
    )
    return " and ".join([", ".join(names[:-1]), names[-1]]) if len(names) > 1 else "".join(names)


def meetings_for_carer(carer: User, household: Household) -> QuerySet[StabilityMeeting]:
    """The meetings the portal may show the carer: about a child living with them now, held
    about their household or about no household."""
    return StabilityMeeting.objects.filter(
        Q(household=household) | Q(household__isnull=True),
        child__in=children_placed_with_carer(carer, household).values("pk"),
    )


def circulation_of(meeting: StabilityMeeting) -> QuerySet[MinutesCirculation]:
    """Who the meeting's minutes were sent to, as one list that is only ever added to
    (`core.selectors.rows_version`), so that the form recording more of them is guarded as a
    whole: two people recording the same sending at once would list it twice."""
    return MinutesCirculation.objects.filter(meeting_id=meeting.pk)
