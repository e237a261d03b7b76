"""Requests for help: what the carers asked for, how soon, and where it has got to, read as the
fostering service and the child's workers read them on the pages."""

import datetime
from collections.abc import Callable
from typing import Literal

from django.db.models import QuerySet
from django.http import Http404, HttpRequest
from django.utils import timezone
from ninja import Field, Path, Query, Router, Schema

from steadfast.accounts.models import Scope
from steadfast.support_requests import rules
from steadfast.support_requests.models import SupportRequest, SupportRequestStatus
from steadfast.support_requests.selectors import (
    get_support_request_for_user_or_404,
    support_requests_visible_to,
)

from .auth import require
from .fields import Id
from .paging import ChildRecordsQuery, Page, of_the_children, page_of
from .people import PersonOut, person
from .problems import PROBLEMS, not_found
from .reading import audit_read

router = Router(tags=["Requests for help"])

StatusCode = Literal[tuple(SupportRequestStatus.values)]


class SupportRequestOut(Schema):
    id: int
    household_id: int
    child_id: int | None = Field(description="The child the help is for; null for the household as a whole")
    kind: str = Field(description="What help is asked for")
    urgency: str = Field(description="How soon it is needed, in the carers' words")
    what_is_needed: str
    asked_by: PersonOut | None
    on_behalf_of_carer: bool = Field(description="Asked by a worker on the carers' behalf")
    asked_at: datetime.datetime
    status: str
    acknowledgement_due: datetime.date
    acknowledged_at: datetime.datetime | None
    acknowledged_by: PersonOut | None
    response_due: datetime.date = Field(description="The day an answer is due by")
    responded_at: datetime.datetime | None = Field(description="When it was answered")
    responded_by: PersonOut | None = Field(description="Who answered it")
    response: str = Field(description="What will happen, or what was provided")
    escalated_at: datetime.datetime | None
    escalated_to: PersonOut | None = Field(description="The manager who answers it once escalated")
    escalation_reason: str
    closed_at: datetime.datetime | None
    late: str = Field(description="Why it is late, in plain words; empty when it is not")
    version: int
    created_at: datetime.datetime
    updated_at: datetime.datetime


class SupportRequestFilters(ChildRecordsQuery):
    household_id: Id | None = Field(None, description="Only this household's requests")
    status: StatusCode | None = Field(None, description="Only the requests where they are now")


def _with_people(requests: QuerySet[SupportRequest]) -> QuerySet[SupportRequest]:
    return requests.select_related("created_by", "acknowledged_by", "responded_by", "escalated_to")


def _out_on(today: datetime.date) -> Callable[[SupportRequest], dict]:
    def out(support_request: SupportRequest) -> dict:
        return {
            **{
                field: getattr(support_request, field)
                for field in SupportRequestOut.model_fields
                if field not in {"asked_by", "acknowledged_by", "responded_by", "escalated_to", "late"}
            },
            "asked_by": person(support_request.created_by),
            "acknowledged_by": person(support_request.acknowledged_by),
            "responded_by": person(support_request.responded_by),
            "escalated_to": person(support_request.escalated_to),
            "late": rules.lateness(support_request, today),
        }

    return out


@router.get("", response={200: Page[SupportRequestOut], **PROBLEMS}, summary="List requests for help")
def support_request_list(request: HttpRequest, filters: Query[SupportRequestFilters]) -> dict:
    """The requests for help the caller may read, in the order they last changed: every request
    of a household they see as the fostering service, and every request about a child they may
    see. A request about a restricted child is listed only for those who may see the child."""
    require(request, Scope.READ)
    requests = support_requests_visible_to(request.user)
    if filters.household_id is not None:
        requests = requests.filter(household_id=filters.household_id)
    requests = of_the_children(requests, filters)
    if filters.status is not None:
        requests = requests.filter(status=filters.status)
    page = page_of(_with_people(requests), filters, _out_on(timezone.localdate()))
    audit_read(
        request,
        what="requests for help",
        child_ids=[item["child_id"] for item in page["items"]],
        household_ids=[item["household_id"] for item in page["items"]],
    )
    return page


@router.get("/{request_id}", response={200: SupportRequestOut, **PROBLEMS}, summary="Read a request for help")
def support_request_detail(request: HttpRequest, request_id: Path[Id]) -> dict:
    """One request for help and where it has got to."""
    require(request, Scope.READ)
    try:
        found = get_support_request_for_user_or_404(request.user, request_id)
    except Http404:
        raise not_found("request for help") from None
    support_request = _with_people(SupportRequest.objects.filter(pk=found.pk)).get()
    audit_read(
        request,
        what="request for help",
        child_ids=[support_request.child_id],
        household_ids=[support_request.household_id],
    )
    return _out_on(timezone.localdate())(support_request)
