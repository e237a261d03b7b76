"""Changes to a child's own record: adding a child, editing their details, legal status and
relationships. Allocation of workers lives in accounts.services; placements in placements."""

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from steadfast.accounts.models import AllocationRole, User
from steadfast.accounts.services import allocate_worker
from steadfast.core.dates import EARLIEST_DATE
from steadfast.core.services import create_audited, refuse_if_stale, update_audited

from .models import Child, LegalStatus, LegalStatusKind, Relationship, RelationshipKind

CHILD_ADDED = "CHILD_ADDED"
CHILD_UPDATED = "CHILD_UPDATED"
LEGAL_STATUS_RECORDED = "LEGAL_STATUS_RECORDED"
LEGAL_STATUS_ENDED = "LEGAL_STATUS_ENDED"
RELATIONSHIP_RECORDED = "RELATIONSHIP_RECORDED"

# The fields a social worker edits on the child's details form.
EDITABLE_FIELDS = (
    "legal_first_name",
    "legal_last_name",
    "preferred_name",
    "date_of_birth",
    "sex",
    "gender",
    "ethnicity",
    "school",
    "date_of_death",
)
BIRTH_IN_FUTURE = "Date of birth must be in the past."
BIRTH_AFTER_PLACEMENT = (
    "Date of birth must be on or before {start}, the day the child's first placement began. "
    "Check the date of birth, or correct the placement first."
)
BIRTH_TOO_EARLY = "Date of birth must be in 1900 or later"
DEATH_IN_FUTURE = "Date of death must be today or in the past"
DEATH_BEFORE_BIRTH = "Date of death must be on or after the date of birth, {birth}"


def _check_date_of_birth(date_of_birth: datetime.date, *, child: Child | None = None) -> None:
    """A date of birth neither in the future nor after any of the child's placements began:
    every measure takes a child's age at a placement's start, and a negative one is nonsense."""
    if date_of_birth > timezone.localdate():
        raise ValidationError({"date_of_birth": BIRTH_IN_FUTURE})
    if date_of_birth < EARLIEST_DATE:
        raise ValidationError({"date_of_birth": BIRTH_TOO_EARLY})
    if child is not None:
        first = child.placements.order_by("start_date").values_list("start_date", flat=True).first()
        if first is not None and date_of_birth > first:
            raise ValidationError({"date_of_birth": BIRTH_AFTER_PLACEMENT.format(start=f"{first:%-d %B %Y}")})


def _check_date_of_death(date_of_death: datetime.date | None, *, date_of_birth: datetime.date) -> None:
    """A date of death, when there is one, neither in the future nor before the birth. A child
    may die during a placement, so it may fall before a placement's end."""
    if date_of_death is None:
        return
    if date_of_death > timezone.localdate():
        raise ValidationError({"date_of_death": DEATH_IN_FUTURE})
    if date_of_death < date_of_birth:
        raise ValidationError(
            {"date_of_death": DEATH_BEFORE_BIRTH.format(birth=f"{date_of_birth:%-d %B %Y}")}
        )


@transaction.atomic
def add_child(
    *,
    actor: User,
    social_worker: User,
    child_identifier: str,
    legal_first_name: str,
    legal_last_name: str,
    date_of_birth: datetime.date,
    sex: str,
    ethnicity: str,
    preferred_name: str = "",
    gender: str = "",
    school: str = "",
    allocated_from: datetime.date | None = None,
) -> Child:
    """Add a child to the authority's records and allocate their social worker, so that the
    child is never on the system without someone responsible for them."""
    _check_date_of_birth(date_of_birth)
    child = Child(
        child_identifier=child_identifier.strip(),
        legal_first_name=legal_first_name.strip(),
        legal_last_name=legal_last_name.strip(),
        preferred_name=preferred_name.strip(),
        date_of_birth=date_of_birth,
        sex=sex,
        gender=gender.strip(),
        ethnicity=ethnicity,
        school=school.strip(),
    )
    create_audited(child, actor=actor, event_type=CHILD_ADDED, child=child)
    allocate_worker(
        actor=actor,
        child=child,
        worker=social_worker,
        role=AllocationRole.SOCIAL_WORKER,
        start_date=allocated_from or timezone.localdate(),
    )
    return child


@transaction.atomic
def update_child_details(*, actor: User, child: Child, seen_version: int, changes: dict[str, Any]) -> Child:
    """Change the child's details. Refuses with StaleEditError when the record changed after
    the user opened it (`seen_version`), so no one silently overwrites an edit made meanwhile,
    theirs in another tab included."""
    child = Child.objects.select_for_update().get(pk=child.pk)
    refuse_if_stale(child, seen_version)
    unknown = set(changes) - set(EDITABLE_FIELDS)
    if unknown:
        raise ValueError(f"Not editable here: {sorted(unknown)}")
    if "date_of_birth" in changes:
        _check_date_of_birth(changes["date_of_birth"], child=child)
    if "date_of_death" in changes or "date_of_birth" in changes:
        _check_date_of_death(
            changes.get("date_of_death", child.date_of_death),
            date_of_birth=changes.get("date_of_birth", child.date_of_birth),
        )
    changed = {k: v for k, v in changes.items() if getattr(child, k) != v}
    if not changed:
        return child
    before = {k: str(getattr(child, k)) for k in changed}
    for field, value in changed.items():
        setattr(child, field, value)
    return update_audited(
        child,
        actor=actor,
        fields=list(changed),
        event_type=CHILD_UPDATED,
        child=child,
        details={"fields": sorted(changed), "before": before},
    )


@transaction.atomic
def record_legal_status(
    *,
    actor: User,
    child: Child,
    status: LegalStatusKind | str,
    start_date: datetime.date,
    end_date: datetime.date | None = None,
) -> LegalStatus:
    """Record a legal status. The one open before it ends the day the new one starts."""
    open_statuses = LegalStatus.objects.select_for_update().filter(child=child, end_date__isnull=True)
    for previous in open_statuses:
        if previous.start_date < start_date:
            previous.end_date = start_date - datetime.timedelta(days=1)
            update_audited(
                previous,
                actor=actor,
                fields=["end_date"],
                event_type=LEGAL_STATUS_ENDED,
                child=child,
                details={"status": previous.status, "end_date": previous.end_date.isoformat()},
            )
    return create_audited(
        LegalStatus(child=child, status=status, start_date=start_date, end_date=end_date),
        actor=actor,
        event_type=LEGAL_STATUS_RECORDED,
        child=child,
        details={"status": str(status), "start_date": start_date.isoformat()},
    )


@transaction.atomic
def record_relationship(
    *,
    actor: User,
    child: Child,
    kind: RelationshipKind | str,
    related_child: Child | None = None,
    person_name: str = "",
    notes: str = "",
) -> Relationship:
    """Record someone who matters to the child: a looked-after sibling by record, anyone
    else by name."""
    return create_audited(
        Relationship(
            child=child,
            kind=kind,
            related_child=related_child,
            person_name=person_name.strip(),
            notes=notes.strip(),
        ),
        actor=actor,
        event_type=RELATIONSHIP_RECORDED,
        child=child,
        details={"kind": str(kind), "related_child_id": related_child.pk if related_child else None},
    )
