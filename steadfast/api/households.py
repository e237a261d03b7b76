"""Fostering households: read with their approval, supervising social worker and the children
living there now whom the caller may see; the address only for those who see it on the page."""

import datetime

from django.db.models import BooleanField, Case, Prefetch, Q, QuerySet, Value, When
from django.http import HttpRequest
from django.utils import timezone
from ninja import Field, Path, Query, Router, Schema

from steadfast.accounts import access
from steadfast.accounts.models import Allocation, AllocationRole, HouseholdAllocation, Role, Scope, User
from steadfast.households.models import Household, HouseholdMember
from steadfast.households.selectors import carers_prefetch
from steadfast.placements.models import Placement

from .auth import require
from .fields import Id, text
from .paging import Page, PageQuery, page_of
from .people import WorkerOut, worker
from .problems import PROBLEMS, visible_or_404
from .reading import audit_read

router = Router(tags=["Households"])


class ApprovalOut(Schema):
    kind: str
    age_from: int
    age_to: int
    places: int = Field(description="How many children the household is approved for")
    approval_date: datetime.date


class AddressOut(Schema):
    address_line_1: str
    address_line_2: str
    town: str
    postcode: str


class HouseholdOut(Schema):
    id: int
    name: str
    reference: str = Field(description="The fostering service's reference, for example FH-0123")
    label: str = Field(description="How lists name the household: name, reference and approved carers")
    carer_names: str
    restricted: bool
    approval: ApprovalOut
    supervising_social_worker: WorkerOut | None
    child_ids: list[int] = Field(description="The children living there now whom the caller may see")
    address: AddressOut | None = Field(description="Given only to those who may see the address")
    version: int
    updated_at: datetime.datetime


class HouseholdFilters(PageQuery):
    reference: text(20) | None = Field(None, description="The household with this reference")
    child_id: Id | None = Field(None, description="The household this child lives with now")


def _address_shown(user: User) -> Q:
    """The households whose address the user sees: as `access.can_see_household_address` says
    of each one, asked of a whole page at once (the fostering service's households, a carer's
    own, and the homes of children the user is social worker to now)."""
    if user.role == Role.FOSTER_CARER:
        fostering = Q(pk__in=HouseholdMember.objects.filter(user=user).values("household"))
    else:
        fostering = Q(pk__in=access.households_with_fostering_access(user).values("pk"))
    social_worker_of = Placement.objects.filter(
        end_date__isnull=True,
        household__isnull=False,
        child__in=Allocation.objects.filter(
            access.active_on(timezone.localdate()), worker=user, role=AllocationRole.SOCIAL_WORKER
        ).values("child"),
    ).values("household")
    return fostering | Q(pk__in=social_worker_of)


def with_details(households: QuerySet[Household], user: User) -> QuerySet[Household]:
    """The households with what each carries in the API, in a fixed number of queries."""
    return households.prefetch_related(
        carers_prefetch(),
        Prefetch(
            "allocations",
            queryset=HouseholdAllocation.objects.filter(end_date__isnull=True)
            .select_related("worker")
            .order_by("-start_date", "-pk"),
            to_attr="supervising_now",
        ),
        Prefetch(
            "placements",
            queryset=Placement.objects.filter(
                end_date__isnull=True, child__in=access.children_visible_to(user).values("pk")
            ).only("pk", "household_id", "child_id"),
            to_attr="visible_placed_now",
        ),
    ).annotate(
        address_shown=Case(
            When(_address_shown(user), then=Value(True)), default=Value(False), output_field=BooleanField()
        )
    )


def _out(household: Household) -> dict:
    allocation = household.supervising_now[0] if household.supervising_now else None
    return {
        "id": household.pk,
        "name": household.name,
        "reference": household.reference,
        "label": household.label,
        "carer_names": household.carer_names,
        "restricted": household.restricted,
        "approval": {
            "kind": household.approval_kind,
            "age_from": household.approved_age_from,
            "age_to": household.approved_age_to,
            "places": household.approved_places,
            "approval_date": household.approval_date,
        },
        "supervising_social_worker": worker(allocation.worker if allocation else None),
        "child_ids": sorted(placement.child_id for placement in household.visible_placed_now),
        "address": (
            {
                "address_line_1": household.address_line_1,
                "address_line_2": household.address_line_2,
                "town": household.town,
                "postcode": household.postcode,
            }
            if household.address_shown
            else None
        ),
        "version": household.version,
        "updated_at": household.updated_at,
    }


def _visible_household(user: User, household_id: int) -> Household:
    return visible_or_404(
        user, with_details(access.households_visible_to(user), user), household_id, what="household"
    )


@router.get("", response={200: Page[HouseholdOut], **PROBLEMS}, summary="List fostering households")
def household_list(request: HttpRequest, filters: Query[HouseholdFilters]) -> dict:
    """The fostering households the caller may see, in the order they last changed."""
    require(request, Scope.READ)
    households = access.households_visible_to(request.user)
    if filters.reference is not None:
        households = households.filter(reference__iexact=filters.reference)
    if filters.child_id is not None:
        households = households.filter(
            pk__in=Placement.objects.filter(
                end_date__isnull=True,
                child_id=filters.child_id,
                child__in=access.children_visible_to(request.user).values("pk"),
            ).values("household")
        )
    page = page_of(with_details(households, request.user), filters, _out)
    audit_read(request, what="households", household_ids=[item["id"] for item in page["items"]])
    return page


@router.get("/{household_id}", response={200: HouseholdOut, **PROBLEMS}, summary="Read a fostering household")
def household_detail(request: HttpRequest, household_id: Path[Id]) -> dict:
    """One fostering household the caller may see."""
    require(request, Scope.READ)
    household = _visible_household(request.user, household_id)
    audit_read(request, what="household", household_ids=[household.pk])
    return _out(household)
