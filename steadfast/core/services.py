"""The two ways a service writes a case record: add it, or change some of its fields. Each
validates, saves with the field-history row attributed to the actor, and appends the audit
event, all inside the caller's transaction."""

from typing import Any

from django.db import models

from steadfast.audit.services import record_event

from .errors import STALE_EDIT, StaleEditError
from .models import BaseModel
from .selectors import rows_version


def create_audited(record: models.Model, *, actor: Any, event_type: str, **whose: Any) -> Any:
    """Validate and insert `record` as `actor`, with its history row and audit event.
    `child` and `household` (records or ids) say whose record it belongs to; either may be
    `record` itself, whose id is known only once it is saved. `details` go into the event."""
    record.created_by = actor
    return _save(record, actor=actor, event_type=event_type, update_fields=None, **whose)


def update_audited(
    record: models.Model, *, actor: Any, fields: list[str], event_type: str, **whose: Any
) -> Any:
    """Validate `record` and save only `fields` as `actor`, with its history row and audit
    event, as its next version. The caller has already set the new values, and has the row
    locked (`select_for_update`) when it checked a version the person saw (`refuse_if_stale`)."""
    versioned = isinstance(record, BaseModel)
    if versioned:
        record.version += 1
    return _save(
        record,
        actor=actor,
        event_type=event_type,
        update_fields=[*fields, "updated_by", "updated_at", *(["version"] if versioned else [])],
        **whose,
    )


def refuse_if_stale(record: BaseModel, seen_version: int | None, *, message: str = STALE_EDIT) -> None:
    """Refuse a change drawn from an earlier version of `record` than the one saved: someone
    changed it meanwhile (another person, or the same person in another tab), and saving would
    replace their change unseen. The caller holds the row locked."""
    if seen_version != record.version:
        raise StaleEditError(message)


def refuse_if_rows_changed(rows: models.QuerySet, seen_version: int | None) -> None:
    """Refuse a change to a set of rows (`core.selectors.rows_version`) drawn from before a
    change someone else, or another tab, saved to them. The caller holds the rows' parent
    locked, so that two such changes are compared one after the other."""
    if seen_version != rows_version(rows):
        raise StaleEditError(STALE_EDIT)


def delete_audited(
    record: models.Model,
    *,
    actor: Any,
    event_type: str,
    reason: str,
    child: Any = None,
    household: Any = None,
    details: dict[str, Any] | None = None,
) -> None:
    """Delete `record` as `actor` for `reason`: its history keeps its last state, who removed it
    and why, and the audit trail the event, so nothing recorded is lost."""
    record_event(
        actor=actor,
        event_type=event_type,
        subject=record,
        child_id=getattr(child, "pk", child),
        household_id=getattr(household, "pk", household),
        details={**(details or {}), "reason": reason},
    )
    record._history_user = actor
    record._change_reason = reason
    record.delete()


def _save(
    record: models.Model,
    *,
    actor: Any,
    event_type: str,
    update_fields: list[str] | None,
    child: Any = None,
    household: Any = None,
    details: dict[str, Any] | None = None,
) -> Any:
    record.updated_by = actor
    record._history_user = actor
    record.full_clean()
    record.save(update_fields=update_fields)
    record_event(
        actor=actor,
        event_type=event_type,
        subject=record,
        child_id=getattr(child, "pk", child),
        household_id=getattr(household, "pk", household),
        details=details,
    )
    return record
