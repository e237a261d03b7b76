"""Allocations: the workers allocated to the children the caller may see, as their social
worker, independent reviewing officer or placement support worker; made and ended by the
authority's case system, as a manager does on the pages."""

import datetime
from typing import Literal

from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone
from ninja import Field, Path, Query, Router, Schema, Status

from steadfast.accounts import access
from steadfast.accounts import services as account_services
from steadfast.accounts.models import Allocation, AllocationRole, Scope, User
from steadfast.accounts.selectors import allocatable_workers
from steadfast.children.models import Child

from .auth import require
from .fields import Day, Id, Version, text
from .paging import ChildRecordsQuery, Page, of_the_children, page_of
from .people import WorkerOut, worker
from .problems import PROBLEMS, Problem, not_found, refusing_stale, visible_or_404
from .reading import audit_read

router = Router(tags=["Allocations"])

MAY_NOT_ALLOCATE = "This account may not allocate workers to this child."
NO_SUCH_WORKER = "No one you may allocate has this username."

AllocationRoleCode = Literal[tuple(AllocationRole.values)]


class AllocationOut(Schema):
    id: int
    child_id: int
    worker: WorkerOut
    role: str
    start_date: datetime.date
    end_date: datetime.date | None
    version: int
    updated_at: datetime.datetime


class AllocationFilters(ChildRecordsQuery):
    worker: text(150) | None = Field(None, description="Only this worker's allocations, by username")
    current: bool | None = Field(
        None, description="true: only allocations in force today; false: only those not in force today"
    )


class AllocationIn(Schema):
    child_id: Id
    worker: text(150) = Field(description="The username of the worker to allocate")
    role: AllocationRoleCode
    start_date: Day = Field(description="When the worker takes the child on")


class AllocationEnd(Schema):
    version: Version
    end_date: Day = Field(description="The last day of the allocation: on or after its start")


def _out(allocation: Allocation) -> dict:
    return {
        **{field: getattr(allocation, field) for field in AllocationOut.model_fields if field != "worker"},
        "worker": worker(allocation.worker),
    }


def allocations_visible_to(user: User) -> QuerySet[Allocation]:
    """The allocations of the children the user may see, each with its worker."""
    return Allocation.objects.filter(child__in=access.children_visible_to(user).values("pk")).select_related(
        "worker"
    )


def _visible_allocation(user: User, allocation_id: int) -> Allocation:
    return visible_or_404(user, allocations_visible_to(user), allocation_id, what="allocation")


@router.get("", response={200: Page[AllocationOut], **PROBLEMS}, summary="List allocations")
def allocation_list(request: HttpRequest, filters: Query[AllocationFilters]) -> dict:
    """The allocations of the children the caller may see, in the order they last changed."""
    require(request, Scope.READ)
    allocations = allocations_visible_to(request.user)
    allocations = of_the_children(allocations, filters)
    if filters.worker is not None:
        allocations = allocations.filter(worker__username=filters.worker)
    if filters.current is not None:
        in_force = access.active_on(timezone.localdate())
        allocations = allocations.filter(in_force if filters.current else ~in_force)
    page = page_of(allocations, filters, _out)
    audit_read(request, what="allocations", child_ids={item["child_id"] for item in page["items"]})
    return page


@router.get("/{allocation_id}", response={200: AllocationOut, **PROBLEMS}, summary="Read an allocation")
def allocation_detail(request: HttpRequest, allocation_id: Path[Id]) -> dict:
    """One allocation of a child the caller may see."""
    require(request, Scope.READ)
    allocation = _visible_allocation(request.user, allocation_id)
    audit_read(request, what="allocation", child_ids=[allocation.child_id])
    return _out(allocation)


@router.post(
    "", response={200: AllocationOut, 201: AllocationOut, **PROBLEMS}, summary="Allocate a worker to a child"
)
def allocation_add(request: HttpRequest, payload: AllocationIn) -> Status:
    """Allocate a worker to a child. A child has one social worker and one independent
    reviewing officer at a time, so the one before's allocation ends the day before this one
    starts; placement support workers may be several. Answered 201 with the new allocation, or
    200 with the one in force when the worker already holds it."""
    require(request, Scope.WRITE_CHILDREN)
    user = request.user
    child = access.children_visible_to(user).filter(pk=payload.child_id).first()
    if child is None:
        access.refused(user, Child.objects.all(), "child", payload.child_id)
        raise not_found("child")
    if not access.can_allocate_to_child(user, child):
        raise Problem(403, "not-permitted", "Not permitted", MAY_NOT_ALLOCATE)
    worker = allocatable_workers(user).filter(username=payload.worker).first()
    if worker is None:
        raise Problem(
            422, "refused", "The change cannot be made", NO_SUCH_WORKER, errors={"worker": NO_SUCH_WORKER}
        )
    held = Allocation.objects.filter(child=child, end_date__isnull=True).values_list("pk", flat=True)
    already = set(held)
    allocation = account_services.allocate_worker(
        actor=user, child=child, worker=worker, role=payload.role, start_date=payload.start_date
    )
    return Status(200 if allocation.pk in already else 201, _out(allocation))


@router.post("/{allocation_id}/end", response={200: AllocationOut, **PROBLEMS}, summary="End an allocation")
def allocation_end(request: HttpRequest, payload: AllocationEnd, allocation_id: Path[Id]) -> dict:
    """End an allocation on the day given, from the version sent: an allocation changed since
    is refused with 409."""
    require(request, Scope.WRITE_CHILDREN)
    allocation = _visible_allocation(request.user, allocation_id)
    if not access.can_allocate_to_child(request.user, allocation.child):
        raise Problem(403, "not-permitted", "Not permitted", MAY_NOT_ALLOCATE)
    with refusing_stale(Allocation, allocation.pk):
        ended = account_services.end_allocation(
            actor=request.user, allocation=allocation, end_date=payload.end_date, seen_version=payload.version
        )
    ended.worker = allocation.worker
    return _out(ended)
