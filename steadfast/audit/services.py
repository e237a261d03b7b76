"""Writing the audit trail. Every service that changes a case record calls `record_event`
inside its own transaction; every view that shows a child or household calls `record_view`."""

from collections.abc import Iterable
from typing import Any

from django.db import models

from .models import AuditEvent

CHILD_VIEWED = "CHILD_VIEWED"
HOUSEHOLD_VIEWED = "HOUSEHOLD_VIEWED"
USER_SIGNED_IN = "USER_SIGNED_IN"
USER_SIGNED_OUT = "USER_SIGNED_OUT"
SIGN_IN_FAILED = "SIGN_IN_FAILED"
SIGN_IN_LOCKED_OUT = "SIGN_IN_LOCKED_OUT"


def record_event(
    *,
    actor: Any,
    event_type: str,
    subject: models.Model | None = None,
    child_id: int | None = None,
    household_id: int | None = None,
    details: dict[str, Any] | None = None,
    ip_address: str | None = None,
) -> AuditEvent:
    """Append one audit row. `subject` names the record acted on; child and household say whose
    record it belongs to, so that the trail can be read from either side."""
    return AuditEvent.objects.create(
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        event_type=event_type,
        child_id=child_id,
        household_id=household_id,
        object_type=subject._meta.label if subject is not None else "",
        object_id=str(subject.pk) if subject is not None else "",
        details=details or {},
        ip_address=ip_address,
    )


def record_view(
    *, actor: Any, event_type: str, child_id: int | None = None, household_id: int | None = None
) -> AuditEvent:
    """Log that `actor` read a child's or household's record."""
    return record_event(actor=actor, event_type=event_type, child_id=child_id, household_id=household_id)


def record_views(
    *,
    actor: Any,
    child_ids: Iterable[int] = (),
    household_ids: Iterable[int] = (),
    details: dict[str, Any] | None = None,
    ip_address: str | None = None,
) -> None:
    """Log that `actor` read each of these children's or households' records, in one insert:
    a list read through the API reads every record on its page."""
    shared = {"actor": actor, "details": details or {}, "ip_address": ip_address}
    rows = [AuditEvent(event_type=CHILD_VIEWED, child_id=pk, **shared) for pk in dict.fromkeys(child_ids)]
    rows += [
        AuditEvent(event_type=HOUSEHOLD_VIEWED, household_id=pk, **shared)
        for pk in dict.fromkeys(household_ids)
    ]
    AuditEvent.objects.bulk_create(rows)
