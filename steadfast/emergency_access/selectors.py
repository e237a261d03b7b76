"""Reads for opening a record in an emergency: the child a typed identifier names, the managers
to tell, and the openings a manager oversees."""

import datetime

from django.db.models import Q, QuerySet
from django.utils import timezone

from steadfast.accounts import access
from steadfast.accounts.models import AccessGrant, Allocation, GrantKind, HouseholdAllocation, User
from steadfast.accounts.selectors import manager_of
from steadfast.children.models import Child
from steadfast.placements.models import Placement

# How far back the list of openings looks.
OPENINGS_LIST_DAYS = 90


def child_with_identifier(child_identifier: str) -> Child | None:
    """The child whose identifier is exactly the one typed (spaces around it ignored), or None.
    Not filtered by access: only the break-glass service reads it, and it answers a restricted
    child exactly as one that does not exist."""
    typed = child_identifier.strip()
    if not typed:
        return None
    return Child.objects.filter(child_identifier=typed).first()


def managers_to_tell(child: Child, *, opener: User) -> list[User]:
    """The managers to tell that `opener` opened the child's record in an emergency: the managers
    of the child's workers in force today (the allocated social worker's team manager first
    among them) and of the supervising social worker of the child's current home, up their
    lines of management, who see the child; and, if there are none, the opener's own manager,
    so that someone always knows. Never the opener, never an account switched off."""
    today = timezone.localdate()
    workers = set(
        Allocation.objects.filter(access.active_on(today), child=child).values_list("worker", flat=True)
    ) | set(
        HouseholdAllocation.objects.filter(
            access.active_on(today),
            household__in=Placement.objects.filter(child=child, end_date__isnull=True).values("household"),
        ).values_list("worker", flat=True)
    )
    candidates: set[int] = set()
    people = set(workers)
    for _ in range(access.MANAGEMENT_LINE_DEPTH):
        above = User.objects.filter(pk__in=people).values_list("line_manager", "team__manager")
        people = {pk for pair in above for pk in pair if pk is not None} - candidates
        candidates |= people
    # Managers in a team that shares its caseload see the children of their team's workers.
    candidates |= set(
        User.objects.filter(
            team__in=User.objects.filter(pk__in=workers, team__kind__in=access.SHARED_CASELOAD_TEAMS).values(
                "team"
            ),
            role__in=access.MANAGER_ROLES,
        ).values_list("pk", flat=True)
    )
    managers = [
        m
        for m in User.objects.filter(
            pk__in=candidates - {opener.pk}, is_active=True, role__in=access.MANAGER_ROLES
        )
        if access.children_visible_to(m).filter(pk=child.pk).exists()
    ]
    if not managers:
        own = manager_of(opener)
        managers = [own] if own is not None else []
    return managers


def emergency_openings_for(user: User, *, now: datetime.datetime | None = None) -> QuerySet[AccessGrant]:
    """The emergency openings of the last 90 days a manager oversees, newest first: of children
    they may see, and by the people in their teams and management line; for a security officer,
    every one. The child's name is shown only when the reader may see the child
    (`visible_child_ids`)."""
    if not access.can_see_emergency_openings(user):
        return AccessGrant.objects.none()
    since = (now or timezone.now()) - datetime.timedelta(days=OPENINGS_LIST_DAYS)
    if access.watched_people(user) is None:
        oversees = Q()
    else:
        oversees = Q(child__in=access.children_visible_to(user).values("pk")) | Q(
            user__in=access.colleague_ids(user)
        )
    return (
        AccessGrant.objects.filter(oversees, kind=GrantKind.EMERGENCY, created_at__gte=since)
        .select_related("user", "user__team", "child", "updated_by")
        .order_by("-created_at", "-pk")
    )


def visible_child_ids(user: User, openings: list[AccessGrant]) -> set[int]:
    """Which of the openings' children the user may see, in one query."""
    ids = {o.child_id for o in openings}
    return (
        set(access.children_visible_to(user).filter(pk__in=ids).values_list("pk", flat=True))
        if ids
        else set()
    )
