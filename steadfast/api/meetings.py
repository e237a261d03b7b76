"""Stability meetings: read as the meeting's page shows them (when, what kind, its status and
chair, the concern it answers, its Stability Actions) and, for one meeting, every member's
score beside their last. A cancelled meeting is listed with who cancelled it and why, as the
records show it, and counts nowhere else."""

import datetime

from django.db.models import Prefetch, QuerySet
from django.http import Http404, HttpRequest
from ninja import Field, Path, Query, Router, Schema

from steadfast.accounts.models import Scope
from steadfast.meetings import selectors
from steadfast.meetings.models import StabilityAction, StabilityMeeting

from .actions import ActionOut, action_out, with_reviews
from .auth import require
from .fields import Id
from .paging import ChildRecordsQuery, Page, of_the_children, page_of
from .problems import PROBLEMS, not_found
from .reading import audit_read

router = Router(tags=["Meetings"])


class ChairOut(Schema):
    id: int | None = Field(description="The chair's account; null for an independent chair")
    name: str
    role: str


class CancellationOut(Schema):
    cancelled_at: datetime.datetime
    cancelled_by: str
    reason: str


class MeetingOut(Schema):
    id: int
    child_id: int
    household_id: int | None
    concern_id: int | None = Field(description="The stability concern the meeting answers")
    reviews_id: int | None = Field(description="For a review meeting, the meeting whose actions it looks at")
    placement_id: int | None = Field(description="For a meeting after an ending, the placement that ended")
    kind: str
    status: str
    scheduled_at: datetime.datetime
    due_date: datetime.date | None
    late: bool
    venue: str
    chair: ChairOut
    summary: str
    next_review_date: datetime.date | None
    outcome: str
    authorised_at: datetime.datetime | None
    cancellation: CancellationOut | None = Field(description="Who cancelled the meeting, when and why")
    actions: list[ActionOut]
    version: int
    created_at: datetime.datetime
    updated_at: datetime.datetime


class ScoreOut(Schema):
    name: str = Field(description="Who scored")
    role: str = Field(description="Their part in the meeting, as an InviteeRole code")
    question: str = Field(description="What was scored")
    score: int = Field(description="0 (no stability) to 10")
    reason: str
    previous: int | None = Field(description="The same person's score at the child's last meeting")
    invitee_id: int


class MeetingDetailOut(MeetingOut):
    scores: list[ScoreOut] = Field(description="Every member's score, lowest first; never averaged")


class MeetingFilters(ChildRecordsQuery):
    household_id: Id | None = Field(None, description="Only meetings about this household")


SCORE_QUESTION = "How stable is the home, from 0 (no stability) to 10?"


def _with_details(meetings: QuerySet[StabilityMeeting]) -> QuerySet[StabilityMeeting]:
    return meetings.select_related("chair", "cancelled_by").prefetch_related(
        Prefetch(
            "actions",
            queryset=with_reviews(StabilityAction.objects.order_by("due_date", "id")),
            to_attr="action_list",
        )
    )


def _out(meeting: StabilityMeeting) -> dict:
    return {
        **{field: getattr(meeting, field) for field in MeetingOut.model_fields if hasattr(meeting, field)},
        "late": selectors.is_late(meeting),
        "chair": {
            "id": meeting.chair_id,
            "name": meeting.chair_name if meeting.chair is None else meeting.chair.get_full_name(),
            "role": meeting.chair_role,
        },
        "cancellation": (
            {
                "cancelled_at": meeting.cancelled_at,
                "cancelled_by": meeting.cancelled_by.get_full_name() if meeting.cancelled_by else "",
                "reason": meeting.cancellation_reason,
            }
            if meeting.cancelled_at
            else None
        ),
        "actions": [action_out(action) for action in meeting.action_list],
    }


@router.get("", response={200: Page[MeetingOut], **PROBLEMS}, summary="List stability meetings")
def meeting_list(request: HttpRequest, filters: Query[MeetingFilters]) -> dict:
    """The stability meetings about children the caller may see, cancelled ones included (with
    status `cancelled`), in the order they last changed."""
    require(request, Scope.READ)
    meetings = selectors.meetings_visible_to(request.user)
    meetings = of_the_children(meetings, filters)
    if filters.household_id is not None:
        meetings = meetings.filter(household_id=filters.household_id)
    page = page_of(_with_details(meetings), filters, _out)
    audit_read(
        request,
        what="meetings",
        child_ids={item["child_id"] for item in page["items"]},
        household_ids={item["household_id"] for item in page["items"]},
    )
    return page


@router.get("/{meeting_id}", response={200: MeetingDetailOut, **PROBLEMS}, summary="Read a stability meeting")
def meeting_detail(request: HttpRequest, meeting_id: Path[Id]) -> dict:
    """One stability meeting with its actions and every member's score beside the score they
    gave at the child's last meeting."""
    require(request, Scope.READ)
    try:
        found = selectors.get_meeting_for_user_or_404(request.user, meeting_id)
    except Http404:
        raise not_found("meeting") from None
    meeting = _with_details(StabilityMeeting.with_cancelled.filter(pk=found.pk)).get()
    roles = dict(meeting.invitees.values_list("pk", "role"))
    scores = [
        {
            "name": row.name,
            "role": roles.get(row.invitee_id, ""),
            "question": SCORE_QUESTION,
            "score": row.score,
            "reason": row.reason,
            "previous": row.previous,
            "invitee_id": row.invitee_id,
        }
        for row in selectors.score_table_for(meeting)
    ]
    audit_read(request, what="meeting", child_ids=[meeting.child_id], household_ids=[meeting.household_id])
    return {**_out(meeting), "scores": scores}
