"""Placements: read with the child they belong to; started and ended by the authority's case
system, through the same services and checks as the pages."""

import datetime
from typing import Literal

from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Field, Path, Query, Router, Schema, Status

from steadfast.accounts import access
from steadfast.accounts.models import Scope, User
from steadfast.accounts.selectors import managers
from steadfast.children.models import Child
from steadfast.households.models import Household, Provider
from steadfast.placements import services as placement_services
from steadfast.placements.models import EndReason, Placement, PlacementType

from .auth import require
from .fields import Day, Id, Version, text
from .paging import ChildRecordsQuery, Page, of_the_children, page_of
from .problems import PROBLEMS, Problem, not_found, refusing_stale, visible_or_404
from .reading import audit_read

router = Router(tags=["Placements"])

MAY_NOT_CHANGE = "This account may not start or end this child's placements."
UNKNOWN_HOUSEHOLD = (
    "There is no approved fostering household with this id. Check it with the fostering service."
)
UNKNOWN_PROVIDER = "There is no provider with this id."
NOT_A_MANAGER = "No manager has this username. Give the username of the manager who agreed it."

PlacementTypeCode = Literal[tuple(PlacementType.values)]
EndReasonCode = Literal[tuple(EndReason.values)]


class PlacementOut(Schema):
    id: int
    child_id: int
    household_id: int | None
    provider_id: int | None
    placement_type: str
    start_date: datetime.date
    end_date: datetime.date | None
    end_reason: str = Field(description="Empty while the placement is current")
    ending_planned: bool | None
    agreed_long_term_on: datetime.date | None
    version: int
    updated_at: datetime.datetime


class PlacementFilters(ChildRecordsQuery):
    household_id: Id | None = Field(None, description="Only placements with this fostering household")
    provider_id: Id | None = Field(None, description="Only placements with this provider")
    current: bool | None = Field(
        None, description="true: only placements not ended; false: only placements that have ended"
    )


class PlacementIn(Schema):
    child_id: Id
    placement_type: PlacementTypeCode
    start_date: Day = Field(description="The day the child moved in: today or in the past")
    household_id: Id | None = Field(None, description="The fostering household; or give provider_id")
    provider_id: Id | None = Field(None, description="The provider; or give household_id")
    approval_exception_reason: text(2000, required=False) = Field(
        "", description="Where this is outside the household's approval: the manager's reason"
    )
    approval_exception_authorised_by: text(150) | None = Field(
        None, description="Where this is outside the household's approval: the username of the manager"
    )


class PlacementEnd(Schema):
    version: Version
    end_date: Day = Field(description="The day the child moved out: today or in the past")
    end_reason: EndReasonCode
    ending_planned: bool


def _out(placement: Placement) -> dict:
    return {field: getattr(placement, field) for field in PlacementOut.model_fields}


def placements_visible_to(user: User) -> QuerySet[Placement]:
    """The placements of the children the user may see: a placement is seen with its child."""
    return Placement.objects.filter(child__in=access.children_visible_to(user).values("pk"))


def _visible_placement(user: User, placement_id: int) -> Placement:
    return visible_or_404(user, placements_visible_to(user), placement_id, what="placement")


def _refused(field: str, message: str) -> Problem:
    return Problem(422, "refused", "The change cannot be made", message, errors={field: message})


@router.get("", response={200: Page[PlacementOut], **PROBLEMS}, summary="List placements")
def placement_list(request: HttpRequest, filters: Query[PlacementFilters]) -> dict:
    """The placements of the children the caller may see, in the order they last changed."""
    require(request, Scope.READ)
    placements = placements_visible_to(request.user)
    placements = of_the_children(placements, filters)
    if filters.household_id is not None:
        placements = placements.filter(household_id=filters.household_id)
    if filters.provider_id is not None:
        placements = placements.filter(provider_id=filters.provider_id)
    if filters.current is not None:
        placements = placements.filter(end_date__isnull=filters.current)
    page = page_of(placements, filters, _out)
    audit_read(request, what="placements", child_ids={item["child_id"] for item in page["items"]})
    return page


@router.get("/{placement_id}", response={200: PlacementOut, **PROBLEMS}, summary="Read a placement")
def placement_detail(request: HttpRequest, placement_id: Path[Id]) -> dict:
    """One placement of a child the caller may see."""
    require(request, Scope.READ)
    placement = _visible_placement(request.user, placement_id)
    audit_read(request, what="placement", child_ids=[placement.child_id])
    return _out(placement)


@router.post("", response={201: PlacementOut, **PROBLEMS}, summary="Start a placement")
def placement_start(request: HttpRequest, payload: PlacementIn) -> Status:
    """Record that a child has begun living with a fostering household or a provider (one, not
    both). The child's placement before must have ended. A placement outside the household's
    approval (more children than it is approved for, or a child outside its age range) needs
    the reason and the username of the manager who agreed it."""
    require(request, Scope.WRITE_CHILDREN)
    user = request.user
    child = access.children_visible_to(user).filter(pk=payload.child_id).first()
    if child is None:
        access.refused(user, Child.objects.all(), "child", payload.child_id)
        raise not_found("child")
    if not access.can_change_child(user, child):
        raise Problem(403, "not-permitted", "Not permitted", MAY_NOT_CHANGE)
    household = provider = authoriser = None
    if payload.household_id is not None:
        # As on the page: any household not restricted; a restricted one answers as one that
        # does not exist.
        household = Household.objects.filter(pk=payload.household_id, restricted=False).first()
        if household is None:
            raise _refused("household_id", UNKNOWN_HOUSEHOLD)
    if payload.provider_id is not None:
        provider = Provider.objects.filter(pk=payload.provider_id).first()
        if provider is None:
            raise _refused("provider_id", UNKNOWN_PROVIDER)
    if payload.approval_exception_authorised_by is not None:
        authoriser = managers().filter(username=payload.approval_exception_authorised_by).first()
        if authoriser is None:
            raise _refused("approval_exception_authorised_by", NOT_A_MANAGER)
    placement = placement_services.start_placement(
        actor=user,
        child=child,
        placement_type=payload.placement_type,
        start_date=payload.start_date,
        household=household,
        provider=provider,
        approval_exception_reason=payload.approval_exception_reason,
        approval_exception_authorised_by=authoriser,
    )
    return Status(201, _out(placement))


@router.post("/{placement_id}/end", response={200: PlacementOut, **PROBLEMS}, summary="End a placement")
def placement_end(request: HttpRequest, payload: PlacementEnd, placement_id: Path[Id]) -> dict:
    """Record that the child has stopped living in this placement, why, and whether the ending
    was planned, from the version sent: a placement changed since is refused with 409."""
    require(request, Scope.WRITE_CHILDREN)
    placement = _visible_placement(request.user, placement_id)
    if not access.can_change_child(request.user, placement.child):
        raise Problem(403, "not-permitted", "Not permitted", MAY_NOT_CHANGE)
    with refusing_stale(Placement, placement.pk):
        placement = placement_services.end_placement(
            actor=request.user,
            placement=placement,
            end_date=payload.end_date,
            end_reason=payload.end_reason,
            ending_planned=payload.ending_planned,
            seen_version=payload.version,
        )
    return _out(placement)
