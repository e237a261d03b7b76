"""Allocating workers to children and households, and granting named access."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from steadfast.core.services import create_audited, update_audited

from .models import (
    ROLES_FOR_ALLOCATION,
    AccessGrant,
    Allocation,
    AllocationRole,
    HouseholdAllocation,
    Role,
    User,
)

WORKER_ALLOCATED = "WORKER_ALLOCATED"
ALLOCATION_ENDED = "ALLOCATION_ENDED"
SUPERVISING_SOCIAL_WORKER_ALLOCATED = "SUPERVISING_SOCIAL_WORKER_ALLOCATED"
SUPERVISING_SOCIAL_WORKER_ALLOCATION_ENDED = "SUPERVISING_SOCIAL_WORKER_ALLOCATION_ENDED"
ACCESS_GRANTED = "ACCESS_GRANTED"
ACCESS_REVOKED = "ACCESS_REVOKED"
GRANT_ALREADY_REVOKED = "This grant has already been revoked."
ALREADY_GRANTED = "{user} already has access to this record by name."

WRONG_ROLE_FOR_ALLOCATION = "{worker} cannot be allocated as {role}. Choose someone in that role."
NOT_A_SUPERVISING_SOCIAL_WORKER = "{worker} is not a supervising social worker."
ALLOCATION_ALREADY_ENDED = "This allocation has already ended."
ALLOCATION_END_BEFORE_START = "The end date must be on or after the date the allocation began."


@transaction.atomic
def allocate_worker(
    *,
    actor: User,
    child: object,
    worker: User,
    role: AllocationRole | str,
    start_date: datetime.date,
) -> Allocation:
    """Allocate `worker` to the child in `role`. A child has one social worker and one IRO at
    a time, so the previous holder's allocation ends the day before; placement support
    workers can be several."""
    role = AllocationRole(role)
    if worker.role not in ROLES_FOR_ALLOCATION[role]:
        raise ValidationError(
            {"worker": WRONG_ROLE_FOR_ALLOCATION.format(worker=worker, role=role.label.lower())}
        )
    if role != AllocationRole.PLACEMENT_SUPPORT:
        current = Allocation.objects.select_for_update().filter(child=child, role=role, end_date__isnull=True)
        for previous in current:
            if previous.worker_id == worker.pk:
                return previous
            _end(
                actor=actor,
                allocation=previous,
                end_date=max(previous.start_date, start_date - datetime.timedelta(days=1)),
            )
    return create_audited(
        Allocation(worker=worker, child=child, role=role, start_date=start_date),
        actor=actor,
        event_type=WORKER_ALLOCATED,
        child=child,
        details={"worker_id": worker.pk, "role": str(role), "start_date": start_date.isoformat()},
    )


def _end(*, actor: User, allocation: Allocation, end_date: datetime.date) -> None:
    allocation.end_date = end_date
    update_audited(
        allocation,
        actor=actor,
        fields=["end_date"],
        event_type=ALLOCATION_ENDED,
        child=allocation.child_id,
        details={"worker_id": allocation.worker_id, "end_date": end_date.isoformat()},
    )


@transaction.atomic
def end_allocation(*, actor: User, allocation: Allocation, end_date: datetime.date) -> Allocation:
    allocation = Allocation.objects.select_for_update().get(pk=allocation.pk)
    if allocation.end_date is not None:
        raise ValidationError(ALLOCATION_ALREADY_ENDED)
    if end_date < allocation.start_date:
        raise ValidationError({"end_date": ALLOCATION_END_BEFORE_START})
    _end(actor=actor, allocation=allocation, end_date=end_date)
    return allocation


@transaction.atomic
def allocate_supervising_social_worker(
    *, actor: User, household: object, worker: User, start_date: datetime.date
) -> HouseholdAllocation:
    """Make `worker` the household's supervising social worker from `start_date`."""
    if worker.role not in {Role.SUPERVISING_SOCIAL_WORKER, Role.FOSTERING_TEAM_MANAGER}:
        raise ValidationError({"worker": NOT_A_SUPERVISING_SOCIAL_WORKER.format(worker=worker)})
    for previous in HouseholdAllocation.objects.select_for_update().filter(
        household=household, end_date__isnull=True
    ):
        previous.end_date = max(previous.start_date, start_date - datetime.timedelta(days=1))
        update_audited(
            previous,
            actor=actor,
            fields=["end_date"],
            event_type=SUPERVISING_SOCIAL_WORKER_ALLOCATION_ENDED,
            household=previous.household_id,
            details={"worker_id": previous.worker_id, "end_date": previous.end_date.isoformat()},
        )
    return create_audited(
        HouseholdAllocation(worker=worker, household=household, start_date=start_date),
        actor=actor,
        event_type=SUPERVISING_SOCIAL_WORKER_ALLOCATED,
        household=household,
        details={"worker_id": worker.pk, "start_date": start_date.isoformat()},
    )


@transaction.atomic
def grant_access(
    *, actor: User, user: User, reason: str, child: object = None, household: object = None
) -> AccessGrant:
    """Grant `user` by name the right to see one child's or household's record. This is the
    only way anyone sees a restricted record."""
    existing = AccessGrant.objects.filter(
        user=user, child=child, household=household, revoked_at__isnull=True
    )
    if existing.exists():
        raise ValidationError({"user": ALREADY_GRANTED.format(user=user)})
    return create_audited(
        AccessGrant(user=user, child=child, household=household, reason=reason.strip()),
        actor=actor,
        event_type=ACCESS_GRANTED,
        child=child,
        household=household,
        details={"user_id": user.pk, "reason": reason.strip()},
    )


@transaction.atomic
def revoke_access(*, actor: User, grant: AccessGrant) -> AccessGrant:
    """End a named grant. The row stays, so who had access and when is always answerable."""
    grant = AccessGrant.objects.select_for_update().get(pk=grant.pk)
    if grant.revoked_at is not None:
        raise ValidationError(GRANT_ALREADY_REVOKED)
    grant.revoked_at = timezone.now()
    return update_audited(
        grant,
        actor=actor,
        fields=["revoked_at"],
        event_type=ACCESS_REVOKED,
        child=grant.child_id,
        household=grant.household_id,
        details={"user_id": grant.user_id},
    )
