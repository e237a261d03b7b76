"""Stability Actions: what will happen, who owns it, by when and how everyone will know it
worked, with how review meetings found it went.

An action's progress is recorded as the pages record it: at the review meeting that looks back
at its meeting's plan (`meetings.services.review_stability_action`), and its status in the
Child's Plan changes to what the review found when a manager authorises the review. Steadfast
records no change to an action's status between reviews."""

import datetime
from typing import Literal

from django.db import transaction
from django.db.models import Prefetch, QuerySet
from django.http import HttpRequest
from django.utils import timezone
from ninja import Field, Path, Query, Router, Schema

from steadfast.accounts import access
from steadfast.accounts.models import Scope, User
from steadfast.core.errors import StaleEditError
from steadfast.core.services import refuse_if_stale
from steadfast.meetings import services as meeting_services
from steadfast.meetings.models import (
    ActionReview,
    ActionStatus,
    MeetingStatus,
    StabilityAction,
    StabilityMeeting,
)
from steadfast.meetings.selectors import OPEN_ACTION_STATUSES

from .auth import require
from .fields import Id, Version, text
from .paging import ChildRecordsQuery, Page, of_the_children, page_of
from .problems import PROBLEMS, Problem, refusing_stale, visible_or_404
from .reading import audit_read

router = Router(tags=["Stability Actions"])

StatusCode = Literal[tuple(ActionStatus.values)]
REVIEWED = (ActionStatus.DONE, ActionStatus.PARTLY_DONE, ActionStatus.NOT_DONE)
ProgressCode = Literal[tuple(str(status) for status in REVIEWED)]
# A review meeting whose record is still being written up: progress can be recorded in it.
REVIEW_OPEN = (MeetingStatus.PLANNED, MeetingStatus.DRAFT, MeetingStatus.RETURNED)

NO_OPEN_REVIEW = (
    "No review meeting of this action's plan is being written up. An action's progress is "
    "recorded at a review meeting: arrange one from the meeting's page."
)
WHICH_REVIEW = (
    "More than one review meeting of this plan is being written up. Say which, as review_meeting_id."
)
MAY_NOT_RECORD = "This account may not write up meetings, so may not record how an action went."
REVIEW_CHANGED = (
    "Someone recorded how this action went at the review meeting after the version you sent. "
    "Read the action again, and send your change with its review's version now."
)


class OwnerOut(Schema):
    kind: str = Field(description="An OwnerKind code: a worker, the carer, an agency, a named person")
    id: int | None = Field(description="The owner's account, when the owner is a worker")
    name: str


class ReviewOut(Schema):
    meeting_id: int = Field(description="The review meeting that found this")
    progress: str = Field(description="done, partly_done or not_done")
    evidence: str
    authorised: bool = Field(description="Whether the review meeting's plan is authorised yet")
    version: int


class ActionOut(Schema):
    id: int
    child_id: int
    household_id: int | None = Field(description="The household of the meeting that agreed it")
    meeting_id: int
    what: str
    owner: OwnerOut
    due_date: datetime.date
    measure: str = Field(description="How everyone will know it worked")
    status: str
    overdue: bool = Field(description="Still to do once its date has passed")
    reviews: list[ReviewOut]
    version: int
    created_at: datetime.datetime
    updated_at: datetime.datetime


class ActionFilters(ChildRecordsQuery):
    meeting_id: Id | None = Field(None, description="Only actions agreed at this meeting")
    status: StatusCode | None = Field(None, description="Only actions with this status")


class ActionProgress(Schema):
    version: Version
    progress: ProgressCode = Field(description="How the action went: done, partly_done or not_done")
    evidence: text(5000) = Field(description="The evidence for how it went")
    review_meeting_id: Id | None = Field(
        None, description="The review meeting recording it; needed only when more than one is open"
    )
    review_version: int = Field(
        0,
        ge=0,
        le=2_000_000_000,
        description="The version of this action's review at that meeting as read; 0 when none yet",
    )


def with_reviews(actions: QuerySet[StabilityAction]) -> QuerySet[StabilityAction]:
    """The actions with what `action_out` gives, in a fixed number of queries."""
    return actions.select_related("owner", "meeting").prefetch_related(
        Prefetch(
            "reviews",
            queryset=ActionReview.objects.select_related("meeting").order_by("id"),
            to_attr="api_reviews",
        )
    )


def _owner(action: StabilityAction) -> dict:
    if action.owner is not None:
        return {"kind": action.owner_kind, "id": action.owner_id, "name": action.owner.get_full_name()}
    return {"kind": action.owner_kind, "id": None, "name": action.owner_name}


def action_out(action: StabilityAction) -> dict:
    reviews = getattr(action, "api_reviews", None)
    if reviews is None:
        reviews = list(action.reviews.select_related("meeting").order_by("id"))
    return {
        **{field: getattr(action, field) for field in ActionOut.model_fields if hasattr(action, field)},
        "household_id": action.meeting.household_id,
        "owner": _owner(action),
        "overdue": action.status in OPEN_ACTION_STATUSES and action.due_date < timezone.localdate(),
        "reviews": [
            {
                "meeting_id": review.meeting_id,
                "progress": review.progress,
                "evidence": review.evidence,
                "authorised": review.meeting.status == MeetingStatus.AUTHORISED,
                "version": review.version,
            }
            for review in reviews
        ],
    }


def actions_visible_to(user: User) -> QuerySet[StabilityAction]:
    return StabilityAction.objects.filter(child__in=access.children_visible_to(user).values("pk"))


def _visible_action(user: User, action_id: int) -> StabilityAction:
    return visible_or_404(user, with_reviews(actions_visible_to(user)), action_id, what="action")


@router.get("", response={200: Page[ActionOut], **PROBLEMS}, summary="List Stability Actions")
def action_list(request: HttpRequest, filters: Query[ActionFilters]) -> dict:
    """The Stability Actions for children the caller may see, proposed ones included, in the
    order they last changed."""
    require(request, Scope.READ)
    actions = actions_visible_to(request.user)
    actions = of_the_children(actions, filters)
    if filters.meeting_id is not None:
        actions = actions.filter(meeting_id=filters.meeting_id)
    if filters.status is not None:
        actions = actions.filter(status=filters.status)
    page = page_of(with_reviews(actions), filters, action_out)
    audit_read(
        request,
        what="actions",
        child_ids={item["child_id"] for item in page["items"]},
        household_ids={item["household_id"] for item in page["items"]},
    )
    return page


@router.get("/{action_id}", response={200: ActionOut, **PROBLEMS}, summary="Read a Stability Action")
def action_detail(request: HttpRequest, action_id: Path[Id]) -> dict:
    """One Stability Action, with what each review meeting found."""
    require(request, Scope.READ)
    action = _visible_action(request.user, action_id)
    body = action_out(action)
    audit_read(request, what="action", child_ids=[action.child_id], household_ids=[body["household_id"]])
    return body


def _open_review(action: StabilityAction, review_meeting_id: int | None) -> StabilityMeeting:
    reviews = StabilityMeeting.objects.filter(reviews=action.meeting_id, status__in=REVIEW_OPEN)
    if review_meeting_id is not None:
        reviews = reviews.filter(pk=review_meeting_id)
    found = list(reviews.order_by("scheduled_at", "id")[:2])
    if not found:
        raise Problem(
            422,
            "refused",
            "No review meeting open",
            NO_OPEN_REVIEW,
            errors={"review_meeting_id": NO_OPEN_REVIEW},
        )
    if len(found) > 1:
        raise Problem(
            422, "refused", "Which review meeting", WHICH_REVIEW, errors={"review_meeting_id": WHICH_REVIEW}
        )
    return found[0]


@router.patch(
    "/{action_id}", response={200: ActionOut, **PROBLEMS}, summary="Record how a Stability Action went"
)
def action_progress(request: HttpRequest, payload: ActionProgress, action_id: Path[Id]) -> dict:
    """Record how the action went (done, partly done or not done, with the evidence) at the
    review meeting of its plan, as the review meeting's page does. The action's `status`
    becomes what was found when a manager authorises the review; until then the finding is in
    `reviews`, not yet authorised. Sent from an earlier version of the action, or of its
    review (`review_version`), it is refused with 409."""
    require(request, Scope.WRITE_ACTIONS)
    action = _visible_action(request.user, action_id)
    if not access.can_record_meeting(request.user):
        raise Problem(403, "not-permitted", "Not permitted", MAY_NOT_RECORD)
    review_meeting = _open_review(action, payload.review_meeting_id)
    with transaction.atomic():
        locked = StabilityAction.objects.select_for_update().get(pk=action.pk)
        with refusing_stale(StabilityAction, action.pk):
            refuse_if_stale(locked, payload.version)
        try:
            meeting_services.review_stability_action(
                actor=request.user,
                meeting=review_meeting,
                action=locked,
                progress=payload.progress,
                evidence=payload.evidence,
                seen_version=payload.review_version,
            )
        except StaleEditError:
            current = (
                ActionReview.objects.filter(meeting=review_meeting, action=locked)
                .values_list("version", flat=True)
                .first()
            )
            raise Problem(
                409,
                "stale-version",
                "The action's review changed since that version",
                REVIEW_CHANGED,
                errors={"review_version": REVIEW_CHANGED},
                current_version=current or 0,
            ) from None
    return action_out(with_reviews(StabilityAction.objects.filter(pk=action.pk)).get())
