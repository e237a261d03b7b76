"""A child's legal status over time: read with the child, and recorded by the authority's case
system. Recording a new status ends the one open before it the day before the new one starts."""

import datetime
from typing import Literal

from django.http import HttpRequest
from ninja import Field, Path, Query, Router, Schema, Status

from steadfast.accounts import access
from steadfast.accounts.models import Scope, User
from steadfast.children import services as children_services
from steadfast.children.models import Child, LegalStatus, LegalStatusKind

from .auth import require
from .fields import Day, Id
from .paging import Page, PageQuery, page_of
from .problems import PROBLEMS, Problem, visible_or_404
from .reading import audit_read

router = Router(tags=["Legal status"])

MAY_NOT_CHANGE = "This account may not record this child's legal status."
END_BEFORE_START = "The end date must be the same as or after the start date."

LegalStatusCode = Literal[tuple(LegalStatusKind.values)]


class LegalStatusOut(Schema):
    id: int
    child_id: int
    status: str
    start_date: datetime.date
    end_date: datetime.date | None
    version: int
    updated_at: datetime.datetime


class LegalStatusFilters(PageQuery):
    current: bool | None = Field(
        None, description="true: only the status not ended; false: only statuses that have ended"
    )


class LegalStatusIn(Schema):
    status: LegalStatusCode
    start_date: Day
    end_date: Day | None = Field(None, description="Only for a status that has already ended")


def _out(status: LegalStatus) -> dict:
    return {field: getattr(status, field) for field in LegalStatusOut.model_fields}


def _visible_child(user: User, child_id: int) -> Child:
    return visible_or_404(user, access.children_visible_to(user), child_id, what="child")


@router.get(
    "/{child_id}/legal-statuses",
    response={200: Page[LegalStatusOut], **PROBLEMS},
    summary="List a child's legal statuses",
)
def legal_status_list(request: HttpRequest, child_id: Path[Id], filters: Query[LegalStatusFilters]) -> dict:
    """The legal statuses of a child the caller may see, in the order they last changed."""
    require(request, Scope.READ)
    child = _visible_child(request.user, child_id)
    statuses = LegalStatus.objects.filter(child=child)
    if filters.current is not None:
        statuses = statuses.filter(end_date__isnull=filters.current)
    page = page_of(statuses, filters, _out)
    audit_read(request, what="legal statuses", child_ids=[child.pk])
    return page


@router.post(
    "/{child_id}/legal-statuses",
    response={201: LegalStatusOut, **PROBLEMS},
    summary="Record a child's legal status",
)
def legal_status_add(request: HttpRequest, child_id: Path[Id], payload: LegalStatusIn) -> Status:
    """Record the legal basis on which the child is looked after, from its start date. The
    status open before it, if it started earlier, ends the day before this one starts."""
    require(request, Scope.WRITE_CHILDREN)
    child = _visible_child(request.user, child_id)
    if not access.can_change_child(request.user, child):
        raise Problem(403, "not-permitted", "Not permitted", MAY_NOT_CHANGE)
    if payload.end_date is not None and payload.end_date < payload.start_date:
        raise Problem(
            422,
            "refused",
            "The change cannot be made",
            END_BEFORE_START,
            errors={"end_date": END_BEFORE_START},
        )
    status = children_services.record_legal_status(
        actor=request.user,
        child=child,
        status=payload.status,
        start_date=payload.start_date,
        end_date=payload.end_date,
    )
    return Status(201, _out(status))
