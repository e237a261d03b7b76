"""Reads about people: who can be chosen for an allocation, and a child's current workers."""

from django.db.models import QuerySet

from .access import CASEWORK_ROLES
from .models import AccessGrant, Allocation, HouseholdAllocation, Role, User


def allocatable_workers() -> QuerySet[User]:
    """Active staff who can hold an allocation to a child."""
    return (
        User.objects.filter(is_active=True, role__in=CASEWORK_ROLES)
        .exclude(role__in=[Role.SUPERVISING_SOCIAL_WORKER, Role.FOSTERING_TEAM_MANAGER])
        .select_related("team")
    )


def managers() -> QuerySet[User]:
    from .access import MANAGER_ROLES

    return User.objects.filter(is_active=True, role__in=MANAGER_ROLES)


def grantable_people() -> QuerySet[User]:
    """Staff who can be granted a child's record by name (carers have their own portal)."""
    return User.objects.filter(is_active=True).exclude(role=Role.FOSTER_CARER).select_related("team")


def active_grants_for_child(child: object) -> QuerySet[AccessGrant]:
    return AccessGrant.objects.filter(child=child, revoked_at__isnull=True).select_related(
        "user", "created_by"
    )


def current_allocations_for(child: object) -> QuerySet[Allocation]:
    return (
        Allocation.objects.filter(child=child, end_date__isnull=True)
        .select_related("worker", "worker__team")
        .order_by("role", "start_date")
    )


def current_supervising_social_worker_for(household: object) -> HouseholdAllocation | None:
    return (
        HouseholdAllocation.objects.filter(household=household, end_date__isnull=True)
        .select_related("worker", "worker__team")
        .first()
    )
