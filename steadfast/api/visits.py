"""Statutory visits: the child's social worker's visits to the child, read by those who may see
the child's visits on the pages, and recorded as the page records them."""

import datetime
from collections.abc import Callable

from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Field, Path, Query, Router, Schema, Status

from steadfast.accounts import access
from steadfast.accounts.models import Scope, User
from steadfast.children.models import Child
from steadfast.visits import services as visit_services
from steadfast.visits.models import StatutoryVisit

from .auth import require
from .fields import Day, Id, text
from .paging import ChildRecordsQuery, Page, of_the_children, page_of
from .people import PersonOut, person
from .problems import PROBLEMS, Problem, not_found
from .reading import audit_read

router = Router(tags=["Statutory visits"])

MAY_NOT_RECORD = "This account may not record a statutory visit to this child."
SEEN_ALONE_NEEDED = "Say whether the child was seen alone"


class StatutoryVisitOut(Schema):
    id: int
    child_id: int
    household_id: int | None = Field(
        description="The fostering household the child was living with on the day; null for a provider's home"
    )
    placement_id: int | None = Field(description="The placement the child was living in on the day")
    date: datetime.date
    place: str = Field(description="Where the visit took place")
    child_seen: bool
    seen_alone: bool
    child_said: str = Field(description="What the child said, in their own words")
    observations: str
    recorded_by: PersonOut | None
    version: int
    created_at: datetime.datetime
    updated_at: datetime.datetime


class StatutoryVisitFilters(ChildRecordsQuery):
    """A child's visits: by the child's id or identifier, or by team."""


class StatutoryVisitIn(Schema):
    child_id: Id
    date: Day
    place: text(200)
    child_seen: bool
    seen_alone: bool | None = Field(None, description="Needed when the child was seen; leave out when not")
    child_said: text(10000, required=False) = Field(
        "", description="What the child said, in their own words; needed when the child was seen"
    )
    observations: text(10000, required=False) = ""


def _with_details(visits: QuerySet[StatutoryVisit]) -> QuerySet[StatutoryVisit]:
    return visits.select_related("child", "created_by", "placement")


def _out(visit: StatutoryVisit) -> dict:
    return {
        **{field: getattr(visit, field) for field in StatutoryVisitOut.model_fields if hasattr(visit, field)},
        "household_id": visit.placement.household_id if visit.placement_id else None,
        "recorded_by": person(visit.created_by),
    }


def _readable(user: User) -> QuerySet[StatutoryVisit]:
    """The visits to the children the caller may see; whether they may read each child's visits
    is asked of each (`access.can_see_statutory_visits`)."""
    visible = access.children_visible_to(user).values("pk")
    return _with_details(StatutoryVisit.objects.filter(child__in=visible))


def _out_for(user: User) -> Callable[[StatutoryVisit], dict | None]:
    def out(visit: StatutoryVisit) -> dict | None:
        return _out(visit) if access.can_see_statutory_visits(user, visit.child) else None

    return out


@router.get("", response={200: Page[StatutoryVisitOut], **PROBLEMS}, summary="List statutory visits")
def statutory_visit_list(request: HttpRequest, filters: Query[StatutoryVisitFilters]) -> dict:
    """The statutory visits to the children the caller may see and whose visits they may read,
    in the order they last changed. Visits to a restricted child are listed only for those who
    may see the child."""
    require(request, Scope.READ)
    visits = _readable(request.user)
    visits = of_the_children(visits, filters)
    page = page_of(visits, filters, _out_for(request.user))
    # A visit the caller may not read is left out of its page; the cursor still moves past it.
    page["items"] = [item for item in page["items"] if item is not None]
    audit_read(request, what="statutory visits", child_ids=[item["child_id"] for item in page["items"]])
    return page


@router.get("/{visit_id}", response={200: StatutoryVisitOut, **PROBLEMS}, summary="Read a statutory visit")
def statutory_visit_detail(request: HttpRequest, visit_id: Path[Id]) -> dict:
    """One statutory visit: where, whether the child was seen and seen alone, what they said and
    what the worker saw."""
    require(request, Scope.READ)
    visit = _readable(request.user).filter(pk=visit_id).first()
    if visit is None or not access.can_see_statutory_visits(request.user, visit.child):
        access.refused(request.user, StatutoryVisit.objects.all(), "statutory_visit", visit_id)
        raise not_found("statutory visit")
    audit_read(request, what="statutory visit", child_ids=[visit.child_id])
    return _out(visit)


@router.post("", response={201: StatutoryVisitOut, **PROBLEMS}, summary="Record a statutory visit")
def statutory_visit_record(request: HttpRequest, payload: StatutoryVisitIn) -> Status:
    """Record a visit to a child, in the home they were living in on its date (which may be an
    earlier placement than their current one). Refused whole, with each problem against its
    field, when anything is missing or cannot be true."""
    require(request, Scope.WRITE_VISITS)
    user = request.user
    child = access.children_visible_to(user).filter(pk=payload.child_id).first()
    if child is None:
        access.refused(user, Child.objects.all(), "child", payload.child_id)
        raise not_found("child")
    if not access.can_record_statutory_visit(user, child):
        raise Problem(403, "not-permitted", "Not permitted", MAY_NOT_RECORD)
    if payload.child_seen and payload.seen_alone is None:
        # As the page's form asks: the service takes a child not said to be seen alone as not.
        raise Problem(
            422,
            "invalid",
            "The request is not valid",
            SEEN_ALONE_NEEDED,
            errors={"seen_alone": SEEN_ALONE_NEEDED},
        )
    visit = visit_services.record_statutory_visit(
        actor=user,
        child=child,
        date=payload.date,
        place=payload.place,
        child_seen=payload.child_seen,
        seen_alone=bool(payload.seen_alone),
        child_said=payload.child_said,
        observations=payload.observations,
    )
    return Status(201, _out(_with_details(StatutoryVisit.objects.filter(pk=visit.pk)).get()))
