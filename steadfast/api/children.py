"""Children: read with their social worker, current placement and count of placements in the
last 12 months; added and changed by the authority's case system."""

import datetime
from typing import Literal

from django.db import IntegrityError, transaction
from django.db.models import Prefetch, QuerySet
from django.http import HttpRequest
from ninja import Field, Path, Query, Router, Schema, Status

from steadfast.accounts import access
from steadfast.accounts.models import Allocation, AllocationRole, Scope, User
from steadfast.accounts.selectors import allocatable_workers
from steadfast.children import services as children_services
from steadfast.children.models import Child, Ethnicity, Sex
from steadfast.placements.models import Placement
from steadfast.placements.selectors import with_placement_counts

from .auth import require
from .fields import Day, Id, Version, text
from .paging import Page, PageQuery, children_of_team, page_of
from .people import WorkerOut, worker
from .problems import PROBLEMS, Problem, refusing_stale, visible_or_404
from .reading import audit_read

router = Router(tags=["Children"])

IDENTIFIER_TAKEN = "A child with this identifier is already recorded. Check the identifier."
NO_SUCH_WORKER = "No one you may allocate as social worker has this username."
MAY_NOT_ADD = "This account may not add children."
MAY_NOT_CHANGE = "This account may not change this child's details."

SexCode = Literal[tuple(Sex.values)]
EthnicityCode = Literal[tuple(Ethnicity.values)]


class PlacementSummary(Schema):
    id: int
    household_id: int | None
    provider_id: int | None
    placement_type: str
    start_date: datetime.date


class ChildOut(Schema):
    id: int
    child_identifier: str
    legal_first_name: str
    legal_last_name: str
    preferred_name: str
    date_of_birth: datetime.date
    date_of_death: datetime.date | None
    sex: str
    gender: str
    ethnicity: str
    school: str
    restricted: bool
    social_worker: WorkerOut | None
    current_placement: PlacementSummary | None
    placements_last_12_months: int
    version: int
    created_at: datetime.datetime
    updated_at: datetime.datetime


class ChildFilters(PageQuery):
    team: Id | None = Field(None, description="Only children allocated to a member of this team")
    child_identifier: text(20) | None = Field(None, description="The case system's identifier")


class ChildIn(Schema):
    child_identifier: text(20)
    legal_first_name: text(100)
    legal_last_name: text(100)
    preferred_name: text(100, required=False) = ""
    date_of_birth: Day
    sex: SexCode
    gender: text(100, required=False) = ""
    ethnicity: EthnicityCode
    school: text(200, required=False) = ""
    social_worker: text(150) = Field(description="The username of the child's social worker")
    allocated_from: Day | None = Field(
        None, description="When the social worker took the child on; today if not given"
    )


class ChildChange(Schema):
    version: Version
    legal_first_name: text(100) | None = None
    legal_last_name: text(100) | None = None
    preferred_name: text(100, required=False) | None = None
    date_of_birth: Day | None = None
    date_of_death: Day | None = None
    sex: SexCode | None = None
    gender: text(100, required=False) | None = None
    ethnicity: EthnicityCode | None = None
    school: text(200, required=False) | None = None


def _with_details(children: QuerySet[Child]) -> QuerySet[Child]:
    """The children with what each carries in the API, in a fixed number of queries."""
    return with_placement_counts(children).prefetch_related(
        Prefetch(
            "allocations",
            queryset=Allocation.objects.filter(role=AllocationRole.SOCIAL_WORKER, end_date__isnull=True)
            .select_related("worker")
            .order_by("-start_date"),
            to_attr="social_worker_allocations",
        ),
        Prefetch(
            "placements",
            queryset=Placement.objects.filter(end_date__isnull=True).order_by("-start_date"),
            to_attr="current_placements",
        ),
    )


def _out(child: Child) -> dict:
    allocation = child.social_worker_allocations[0] if child.social_worker_allocations else None
    placement = child.current_placements[0] if child.current_placements else None
    return {
        **{field: getattr(child, field) for field in ChildOut.model_fields if hasattr(child, field)},
        "social_worker": worker(allocation.worker if allocation else None),
        "current_placement": (
            {
                "id": placement.pk,
                "household_id": placement.household_id,
                "provider_id": placement.provider_id,
                "placement_type": placement.placement_type,
                "start_date": placement.start_date,
            }
            if placement
            else None
        ),
    }


def _visible_child(user: User, child_id: int) -> Child:
    return visible_or_404(user, _with_details(access.children_visible_to(user)), child_id, what="child")


@router.get("", response={200: Page[ChildOut], **PROBLEMS}, summary="List children")
def child_list(request: HttpRequest, filters: Query[ChildFilters]) -> dict:
    """The children the caller may see, in the order they last changed."""
    require(request, Scope.READ)
    children = access.children_visible_to(request.user)
    if filters.team is not None:
        children = children.filter(pk__in=children_of_team(filters.team))
    if filters.child_identifier is not None:
        children = children.filter(child_identifier=filters.child_identifier)
    page = page_of(_with_details(children), filters, _out)
    audit_read(request, what="children", child_ids=[item["id"] for item in page["items"]])
    return page


@router.get("/{child_id}", response={200: ChildOut, **PROBLEMS}, summary="Read a child")
def child_detail(request: HttpRequest, child_id: Path[Id]) -> dict:
    require(request, Scope.READ)
    child = _visible_child(request.user, child_id)
    audit_read(request, what="child", child_ids=[child.pk])
    return _out(child)


@router.post("", response={201: ChildOut, **PROBLEMS}, summary="Add a child")
def child_add(request: HttpRequest, payload: ChildIn) -> Status:
    """Add a child and allocate their social worker, as the page does: a child is never on the
    records without someone responsible for them."""
    require(request, Scope.WRITE_CHILDREN)
    if not access.can_add_child(request.user):
        raise Problem(403, "not-permitted", "Not permitted", MAY_NOT_ADD)
    worker = allocatable_workers(request.user).filter(username=payload.social_worker).first()
    if worker is None:
        raise Problem(
            422,
            "refused",
            "The child cannot be added",
            NO_SUCH_WORKER,
            errors={"social_worker": NO_SUCH_WORKER},
        )
    if Child.objects.filter(child_identifier__iexact=payload.child_identifier).exists():
        raise Problem(
            409,
            "identifier-taken",
            "Identifier already recorded",
            IDENTIFIER_TAKEN,
            errors={"child_identifier": IDENTIFIER_TAKEN},
        )
    try:
        with transaction.atomic():
            child = children_services.add_child(
                actor=request.user,
                social_worker=worker,
                **payload.model_dump(exclude={"social_worker"}),
            )
    except IntegrityError:  # the same identifier added at the same moment
        raise Problem(
            409,
            "identifier-taken",
            "Identifier already recorded",
            IDENTIFIER_TAKEN,
            errors={"child_identifier": IDENTIFIER_TAKEN},
        ) from None
    return Status(201, _out(_with_details(Child.objects.filter(pk=child.pk)).get()))


@router.patch("/{child_id}", response={200: ChildOut, **PROBLEMS}, summary="Change a child's details")
def child_change(request: HttpRequest, payload: ChildChange, child_id: Path[Id]) -> dict:
    """Change the fields sent, from the version sent: a change based on an earlier version is
    refused with 409 and the version now."""
    require(request, Scope.WRITE_CHILDREN)
    child = _visible_child(request.user, child_id)
    if not access.can_change_child(request.user, child):
        raise Problem(403, "not-permitted", "Not permitted", MAY_NOT_CHANGE)
    changes = payload.model_dump(exclude_unset=True, exclude={"version"})
    for field in ("legal_first_name", "legal_last_name", "date_of_birth", "sex", "ethnicity"):
        if field in changes and changes[field] is None:
            raise Problem(
                422,
                "invalid",
                "The request is not valid",
                f"{field} cannot be emptied.",
                errors={field: "This cannot be emptied."},
            )
    changes = {
        field: ("" if value is None and field != "date_of_death" else value)
        for field, value in changes.items()
    }
    with refusing_stale(Child, child.pk):
        children_services.update_child_details(
            actor=request.user, child=child, seen_version=payload.version, changes=changes
        )
    return _out(_with_details(Child.objects.filter(pk=child.pk)).get())
