"""Allocating workers to children and households, granting named access, and a person's own
sign-in: their password, their second factor, and ending their sessions."""

import datetime

from django.contrib.auth.hashers import make_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp_webauthn.helpers import WebAuthnHelper
from django_otp_webauthn.models import WebAuthnCredential

from steadfast.audit.services import record_event
from steadfast.core.services import create_audited, refuse_if_rows_changed, refuse_if_stale, update_audited

from . import passkeys, second_factor, signing_in
from .models import (
    ROLES_FOR_ALLOCATION,
    AccessGrant,
    Allocation,
    AllocationRole,
    GrantKind,
    HouseholdAllocation,
    RecoveryCode,
    RecoveryCodeDevice,
    Role,
    User,
)
from .selectors import allocation_history_of

WORKER_ALLOCATED = "WORKER_ALLOCATED"
ALLOCATION_ENDED = "ALLOCATION_ENDED"
SUPERVISING_SOCIAL_WORKER_ALLOCATED = "SUPERVISING_SOCIAL_WORKER_ALLOCATED"
SUPERVISING_SOCIAL_WORKER_ALLOCATION_ENDED = "SUPERVISING_SOCIAL_WORKER_ALLOCATION_ENDED"
ACCESS_GRANTED = "ACCESS_GRANTED"
ACCESS_REVOKED = "ACCESS_REVOKED"
BREAK_GLASS_OPENED = "BREAK_GLASS_OPENED"
BREAK_GLASS_ENDED = "BREAK_GLASS_ENDED"
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
    seen_version: int | None = None,
) -> Allocation:
    """Allocate `worker` to the child in `role`. A child has one social worker and one IRO at
    a time, so the previous holder's allocation ends the day before; placement support
    workers can be several. Refused with StaleEditError when the child's allocations changed
    after `seen_version` (`selectors.allocation_history_of`), which a form always sends."""
    role = AllocationRole(role)
    if seen_version is not None:
        # The child's row, locked, puts allocations to the same child one after the other.
        list(type(child)._default_manager.select_for_update().filter(pk=child.pk).values_list("pk"))
        refuse_if_rows_changed(allocation_history_of(child), seen_version)
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
def end_allocation(
    *, actor: User, allocation: Allocation, end_date: datetime.date, seen_version: int | None = None
) -> Allocation:
    """End the allocation on `end_date`. Refused with StaleEditError when the allocation changed
    after `seen_version` (left out where no version was seen)."""
    allocation = Allocation.objects.select_for_update().get(pk=allocation.pk)
    if seen_version is not None:
        refuse_if_stale(allocation, seen_version)
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
        user=user, child=child, household=household, revoked_at__isnull=True, kind=GrantKind.NAMED
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
def open_emergency_access(
    *, actor: User, child: object, reason: str, expires_at: datetime.datetime
) -> AccessGrant:
    """Record that `actor` opened the child's record in an emergency, for `reason`, until
    `expires_at`: an emergency grant, audited as `BREAK_GLASS_OPENED` with the reason. Who may
    do this, and for which child, is decided by the caller (`emergency_access.services`)."""
    reason = reason.strip()
    return create_audited(
        AccessGrant(user=actor, child=child, reason=reason, kind=GrantKind.EMERGENCY, expires_at=expires_at),
        actor=actor,
        event_type=BREAK_GLASS_OPENED,
        child=child,
        details={"user_id": actor.pk, "reason": reason, "expires_at": expires_at.isoformat()},
    )


@transaction.atomic
def revoke_access(*, actor: User, grant: AccessGrant, seen_version: int | None = None) -> AccessGrant:
    """End a grant, by name or an emergency opening (which is then over before its end). The
    row stays, so who had access and when is always answerable. Refused with StaleEditError
    when the grant changed after `seen_version` (revoked meanwhile, by someone else or in
    another tab)."""
    grant = AccessGrant.objects.select_for_update().get(pk=grant.pk)
    if seen_version is not None:
        refuse_if_stale(grant, seen_version)
    if grant.revoked_at is not None:
        raise ValidationError(GRANT_ALREADY_REVOKED)
    grant.revoked_at = timezone.now()
    emergency = grant.kind == GrantKind.EMERGENCY
    return update_audited(
        grant,
        actor=actor,
        fields=["revoked_at"],
        event_type=BREAK_GLASS_ENDED if emergency else ACCESS_REVOKED,
        child=grant.child_id,
        household=grant.household_id,
        details={"user_id": grant.user_id, **({"kind": grant.kind} if emergency else {})},
    )


PASSWORD_CHANGED = "PASSWORD_CHANGED"
SESSIONS_ENDED = "SESSIONS_ENDED"
SECOND_FACTOR_SET_UP = "SECOND_FACTOR_SET_UP"
SECOND_FACTOR_REMOVED = "SECOND_FACTOR_REMOVED"
SECOND_FACTOR_RESET = "SECOND_FACTOR_RESET"
RECOVERY_CODES_MADE = "RECOVERY_CODES_MADE"
PASSKEY_ADDED = "PASSKEY_ADDED"
PASSKEY_RENAMED = "PASSKEY_RENAMED"
PASSKEY_REMOVED = "PASSKEY_REMOVED"
SECOND_FACTOR_REQUIRED = (
    "Staff must sign in with a second factor. You can set up a new authenticator app instead."
)
WRONG_SET_UP_CODE = "Enter the 6-digit code your authenticator app shows now"


@transaction.atomic
def change_password(*, actor: User, new_password: str) -> User:
    """Set the actor's own password. The form has already checked the old one and run the
    password validators."""
    actor.set_password(new_password)
    actor.save(update_fields=["password"])
    record_event(actor=actor, event_type=PASSWORD_CHANGED, subject=actor)
    return actor


@transaction.atomic
def end_sessions(*, actor: User, user: User) -> User:
    """End every session `user` has: each ends at its next request, on every web server."""
    user.sessions_ended_at = timezone.now()
    user.save(update_fields=["sessions_ended_at"])
    record_event(actor=actor, event_type=SESSIONS_ENDED, subject=user, details={"user_id": user.pk})
    return user


@transaction.atomic
def set_up_authenticator(*, actor: User, device: TOTPDevice, code: str) -> list[str]:
    """Confirm the actor's new authenticator app with a code it shows, in place of any earlier
    one, and give them a fresh set of recovery codes, returned once, in the clear, to be shown
    to them; only their hashes are kept."""
    device = TOTPDevice.objects.select_for_update().get(pk=device.pk, user=actor, confirmed=False)
    if not second_factor.AUTHENTICATOR_CODE.match(code.strip()) or not device.verify_token(code.strip()):
        raise ValidationError({"code": WRONG_SET_UP_CODE})
    TOTPDevice.objects.filter(user=actor).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    codes = _replace_recovery_codes(actor)
    record_event(
        actor=actor, event_type=SECOND_FACTOR_SET_UP, subject=actor, details={"kind": "authenticator app"}
    )
    return codes


@transaction.atomic
def make_new_recovery_codes(*, actor: User) -> list[str]:
    """A new set of recovery codes for the actor; the old ones stop working."""
    codes = _replace_recovery_codes(actor)
    record_event(actor=actor, event_type=RECOVERY_CODES_MADE, subject=actor)
    return codes


def _replace_recovery_codes(user: User) -> list[str]:
    RecoveryCodeDevice.objects.filter(user=user).delete()
    device = RecoveryCodeDevice.objects.create(user=user, name="Recovery codes", confirmed=True)
    codes = second_factor.make_recovery_codes()
    RecoveryCode.objects.bulk_create(RecoveryCode(device=device, code_hash=make_password(c)) for c in codes)
    return codes


@transaction.atomic
def reset_second_factor(*, actor: User, user: User) -> None:
    """An administrator takes away the second factor of someone who has lost it: they sign in
    with their password alone next time and, where it is required, set up a new one there."""
    TOTPDevice.objects.filter(user=user).delete()
    RecoveryCodeDevice.objects.filter(user=user).delete()
    WebAuthnCredential.objects.filter(user=user).delete()
    record_event(actor=actor, event_type=SECOND_FACTOR_RESET, subject=user, details={"user_id": user.pk})


@transaction.atomic
def remove_second_factor(*, actor: User) -> None:
    """Stop asking the actor for a second factor: their authenticator app, recovery codes and
    passkeys go. Staff may not, where the authority requires one."""
    if signing_in.second_factor_required(actor):
        raise ValidationError(SECOND_FACTOR_REQUIRED)
    TOTPDevice.objects.filter(user=actor).delete()
    RecoveryCodeDevice.objects.filter(user=actor).delete()
    WebAuthnCredential.objects.filter(user=actor).delete()
    record_event(actor=actor, event_type=SECOND_FACTOR_REMOVED, subject=actor)


@transaction.atomic
def add_passkey(*, actor: User, helper: WebAuthnHelper, state: dict, response: dict) -> WebAuthnCredential:
    """Check the browser's answer to the registration ceremony begun for the actor (`state`, as
    the beginning kept it) and keep the passkey it made, named "Passkey 2" or the like until they
    name it. A person adds passkeys beside an authenticator app, which stays their way in without
    one, and has at most `passkeys.MOST_PASSKEYS`. Raises ValidationError for those rules, and
    django-otp-webauthn's errors for an answer that does not check out."""
    User.objects.select_for_update().filter(pk=actor.pk).first()  # one addition at a time
    if second_factor.authenticator_for(actor) is None:
        raise ValidationError(passkeys.AUTHENTICATOR_FIRST)
    if passkeys.passkeys_for(actor).count() >= passkeys.MOST_PASSKEYS:
        raise ValidationError(passkeys.TOO_MANY)
    name = passkeys.default_name(actor)
    passkey = helper.register_complete(user=actor, state=state, data=response)
    passkey.name = name
    passkey.save(update_fields=["name"])
    record_event(
        actor=actor,
        event_type=PASSKEY_ADDED,
        subject=actor,
        details={"passkey_id": passkey.pk, "name": name, "aaguid": str(passkey.aaguid or "")},
    )
    return passkey


@transaction.atomic
def rename_passkey(*, actor: User, passkey: WebAuthnCredential, name: str) -> WebAuthnCredential:
    """Give one of the actor's passkeys the name they know it by ("Work laptop")."""
    passkey = passkeys.passkeys_for(actor).select_for_update().get(pk=passkey.pk)
    name = " ".join(name.split())
    if not name:
        raise ValidationError({"name": passkeys.NAME_MISSING})
    if len(name) > passkeys.NAME_LENGTH:
        raise ValidationError({"name": passkeys.NAME_TOO_LONG})
    old_name, passkey.name = passkey.name, name
    passkey.save(update_fields=["name"])
    record_event(
        actor=actor,
        event_type=PASSKEY_RENAMED,
        subject=actor,
        details={"passkey_id": passkey.pk, "name": name, "old_name": old_name},
    )
    return passkey


@transaction.atomic
def remove_passkey(*, actor: User, passkey: WebAuthnCredential) -> None:
    """One of the actor's passkeys stops working. Their authenticator app is still their way in."""
    passkey = passkeys.passkeys_for(actor).select_for_update().get(pk=passkey.pk)
    details = {"passkey_id": passkey.pk, "name": passkey.name}
    passkey.delete()
    record_event(actor=actor, event_type=PASSKEY_REMOVED, subject=actor, details=details)
