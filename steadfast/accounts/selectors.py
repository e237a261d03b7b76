"""Reads about people: who can be chosen for an allocation, and a child's current workers."""

from django.db.models import Max, Q, QuerySet
from django.utils import timezone

from .access import MANAGER_ROLES, colleague_ids, grant_in_force, holds_no_emergency_grant
from .models import (
    ROLES_FOR_ALLOCATION,
    AccessGrant,
    Allocation,
    AllocationRole,
    ApiClient,
    ApiToken,
    GrantKind,
    HouseholdAllocation,
    Role,
    User,
)


def allocatable_workers(user: User) -> QuerySet[User]:
    """Whom `user` can choose to allocate to a child: social workers and managers in their own
    team and management line, and any independent reviewing officer or placement support
    worker, since those services allocate across the whole authority."""
    social_work = Q(role__in=ROLES_FOR_ALLOCATION[AllocationRole.SOCIAL_WORKER], pk__in=colleague_ids(user))
    authority_wide = Q(role__in=[Role.IRO, Role.PLACEMENT_SUPPORT_WORKER])
    return User.objects.filter(social_work | authority_wide, is_active=True).select_related("team")


def managers() -> QuerySet[User]:
    return User.objects.filter(is_active=True, role__in=MANAGER_ROLES)


def grantable_people() -> QuerySet[User]:
    """Staff who can be granted a child's record by name (carers have their own portal)."""
    return User.objects.filter(is_active=True).exclude(role=Role.FOSTER_CARER).select_related("team")


def active_grants_for_child(child: object) -> QuerySet[AccessGrant]:
    """The grants in force on a child's record, by name and in an emergency (the emergency ones
    until they end)."""
    return (
        AccessGrant.objects.filter(grant_in_force(), child=child)
        .select_related("user", "created_by")
        .order_by("kind", "created_at")
    )


def emergency_grant_of(user: User, child: object) -> AccessGrant | None:
    """The user's own emergency opening of the child's record in force now, the latest-ending
    if several, or None. Asks nothing of the database when the request already knows the user
    holds no emergency grant, as it does for nearly everyone."""
    if holds_no_emergency_grant(user):
        return None
    return (
        AccessGrant.objects.filter(grant_in_force(), user=user, child=child, kind=GrantKind.EMERGENCY)
        .order_by("-expires_at")
        .first()
    )


def active_grants_for_household(household: object) -> QuerySet[AccessGrant]:
    return AccessGrant.objects.filter(household=household, revoked_at__isnull=True).select_related(
        "user", "created_by"
    )


def current_allocations_for(child: object) -> QuerySet[Allocation]:
    return (
        Allocation.objects.filter(child=child, end_date__isnull=True)
        .select_related("worker", "worker__team")
        .order_by("role", "start_date")
    )


def allocation_history_of(child: object) -> QuerySet:
    """Every change saved to the child's allocations, as one set of rows
    (`core.selectors.rows_version`): allocating a worker ends another's allocation, so the form
    guards them all, not one row."""
    return Allocation.history.filter(child_id=getattr(child, "pk", child))


def current_supervising_social_worker_for(household: object) -> HouseholdAllocation | None:
    return (
        HouseholdAllocation.objects.filter(household=household, end_date__isnull=True)
        .select_related("worker", "worker__team")
        .first()
    )


def manager_of(worker: User) -> User | None:
    """Whom a worker's work is taken to when it needs a manager: their team's manager, or else
    their line manager; never the worker themself, and never someone whose account is off."""
    team_manager = worker.team.manager if worker.team_id else None
    for manager in (team_manager, worker.line_manager):
        if manager is not None and manager.is_active and manager.pk != worker.pk:
            return manager
    return None


# API credentials -----------------------------------------------------------------------------


def personal_tokens_of(user: User) -> QuerySet[ApiToken]:
    """The person's own personal access tokens, in force or not, newest first. A system's tokens
    (from its client credentials) are never among them."""
    return ApiToken.objects.filter(user=user, client__isnull=True).order_by("-created_at", "-id")


def personal_tokens_in_force() -> QuerySet[ApiToken]:
    """Every personal access token that still works (not revoked, not expired), with its
    holder, the soonest to expire first."""
    return (
        ApiToken.objects.filter(client__isnull=True, revoked_at__isnull=True, expires_at__gt=timezone.now())
        .select_related("user")
        .order_by("expires_at", "id")
    )


def api_clients_with_last_use() -> QuerySet[ApiClient]:
    """Every registered system, revoked ones too, with who registered it, its teams, and when it
    last called the API (`last_used_at`: the latest of its tokens' last use, or None)."""
    return (
        ApiClient.objects.select_related("registered_by")
        .prefetch_related("teams")
        .annotate(last_used_at=Max("tokens__last_used_at"))
        .order_by("name")
    )
