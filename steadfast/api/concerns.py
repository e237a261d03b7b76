"""Stability concerns: read as the concern's page shows them (who raised it, how urgent, what
is happening, the status and the manager's decision), and raised by other systems as the
"raise a concern" page raises them."""

import datetime
from typing import Literal

from django.db import transaction
from django.db.models import Prefetch, QuerySet
from django.http import Http404, HttpRequest
from ninja import Field, Path, Query, Router, Schema, Status

from steadfast.accounts import access
from steadfast.accounts.models import Scope
from steadfast.children.models import Child
from steadfast.concerns import selectors, services
from steadfast.concerns.models import (
    ConcernStatus,
    InstabilityFactor,
    ManagementOversightNote,
    RaisedBy,
    StabilityConcern,
    Urgency,
)
from steadfast.meetings.models import StabilityMeeting

from .auth import require
from .fields import Id, text
from .paging import ChildRecordsQuery, Page, of_the_children, page_of
from .people import PersonOut, person
from .problems import PROBLEMS, not_found
from .reading import audit_read

router = Router(tags=["Concerns"])

UrgencyCode = Literal[tuple(Urgency.values)]
FactorCode = Literal[tuple(InstabilityFactor.values)]
RaisedByCode = Literal[tuple(RaisedBy.values)]
StatusCode = Literal[tuple(ConcernStatus.values)]


class OversightNoteOut(Schema):
    id: int
    decision: str
    interim_support: str
    recorded_by: PersonOut | None
    recorded_at: datetime.datetime


class ConcernOut(Schema):
    id: int
    child_id: int
    household_id: int | None = Field(description="The fostering household the child lived with when raised")
    raised_at: datetime.datetime
    raised_by: str = Field(description="Who raised it, as a RaisedBy code")
    raised_by_name: str
    recorded_by: PersonOut | None = Field(description="The account that recorded the concern")
    factors: list[str] = Field(description="What is happening, as InstabilityFactor codes")
    what_is_happening: str
    urgency: str
    due_date: datetime.date = Field(description="When the response is due")
    status: str
    late: bool = Field(description="Still awaiting its response after its due date")
    triaged_by: PersonOut | None
    triaged_at: datetime.datetime | None
    response: str = Field(description="What the manager decided happens next; empty until then")
    meeting_kind: str
    response_reason: str
    oversight_notes: list[OversightNoteOut]
    meeting_ids: list[int] = Field(description="The stability meetings arranged to answer it")
    version: int
    created_at: datetime.datetime
    updated_at: datetime.datetime


class ConcernFilters(ChildRecordsQuery):
    household_id: Id | None = Field(None, description="Only concerns raised about this household")
    status: StatusCode | None = Field(None, description="Only concerns with this status")


class ConcernIn(Schema):
    child_id: Id = Field(description="The child the concern is about")
    factors: list[FactorCode] = Field(min_length=1, max_length=len(InstabilityFactor.values))
    what_is_happening: text(5000) = Field(description="What happened, in plain words")
    urgency: UrgencyCode
    raised_by: RaisedByCode
    raised_by_name: text(200, required=False) = Field(
        "", description="The name of who raised it, if not the caller's account"
    )


def _with_details(concerns: QuerySet[StabilityConcern]) -> QuerySet[StabilityConcern]:
    return concerns.select_related("created_by", "triaged_by").prefetch_related(
        Prefetch(
            "oversight_notes",
            queryset=ManagementOversightNote.objects.select_related("created_by").order_by(
                "created_at", "id"
            ),
            to_attr="note_list",
        ),
        Prefetch(
            "meetings", queryset=StabilityMeeting.objects.only("pk", "concern_id"), to_attr="meeting_list"
        ),
    )


def _out(concern: StabilityConcern) -> dict:
    return {
        **{field: getattr(concern, field) for field in ConcernOut.model_fields if hasattr(concern, field)},
        "recorded_by": person(concern.created_by),
        "late": selectors.is_late(concern),
        "triaged_by": person(concern.triaged_by),
        "oversight_notes": [
            {
                "id": note.pk,
                "decision": note.decision,
                "interim_support": note.interim_support,
                "recorded_by": person(note.created_by),
                "recorded_at": note.created_at,
            }
            for note in concern.note_list
        ],
        "meeting_ids": [meeting.pk for meeting in concern.meeting_list],
    }


@router.get("", response={200: Page[ConcernOut], **PROBLEMS}, summary="List stability concerns")
def concern_list(request: HttpRequest, filters: Query[ConcernFilters]) -> dict:
    """The stability concerns about children the caller may see, in the order they last
    changed."""
    require(request, Scope.READ)
    concerns = selectors.concerns_visible_to(request.user)
    concerns = of_the_children(concerns, filters)
    if filters.household_id is not None:
        concerns = concerns.filter(household_id=filters.household_id)
    if filters.status is not None:
        concerns = concerns.filter(status=filters.status)
    page = page_of(_with_details(concerns), filters, _out)
    audit_read(
        request,
        what="concerns",
        child_ids={item["child_id"] for item in page["items"]},
        household_ids={item["household_id"] for item in page["items"]},
    )
    return page


@router.get("/{concern_id}", response={200: ConcernOut, **PROBLEMS}, summary="Read a stability concern")
def concern_detail(request: HttpRequest, concern_id: Path[Id]) -> dict:
    """One stability concern, with the manager's decision and oversight notes once made."""
    require(request, Scope.READ)
    try:
        concern = selectors.get_concern_for_user_or_404(request.user, concern_id)
    except Http404:
        raise not_found("concern") from None
    concern = _with_details(StabilityConcern.objects.filter(pk=concern.pk)).get()
    audit_read(request, what="concern", child_ids=[concern.child_id], household_ids=[concern.household_id])
    return _out(concern)


@router.post("", response={201: ConcernOut, **PROBLEMS}, summary="Raise a stability concern")
def concern_raise(request: HttpRequest, payload: ConcernIn) -> Status:
    """Raise a stability concern about a child the caller may see, as from the child's record:
    the response is due in working days by its urgency, and the child's and the household's
    workers and their managers are told, without naming the child."""
    require(request, Scope.WRITE_CONCERNS)
    child = access.children_visible_to(request.user).filter(pk=payload.child_id).first()
    if child is None:
        access.refused(request.user, Child.objects.all(), "child", payload.child_id)
        raise not_found("child")
    with transaction.atomic():
        concern = services.raise_stability_concern(
            actor=request.user,
            child=child,
            urgency=payload.urgency,
            factors=payload.factors,
            what_is_happening=payload.what_is_happening,
            raised_by=payload.raised_by,
            raised_by_name=payload.raised_by_name,
        )
    return Status(201, _out(_with_details(StabilityConcern.objects.filter(pk=concern.pk)).get()))
