"""Starting and ending placements. Each refuses, with a plain message, what cannot be true."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from steadfast.accounts.access import can_authorise_approval_exception, can_change_child, children_visible_to
from steadfast.accounts.models import User
from steadfast.children.models import Child
from steadfast.core.services import create_audited, refuse_if_stale, update_audited
from steadfast.households.models import Household, Provider

from .models import EndReason, Placement, PlacementType
from .rules import age_on

PLACEMENT_STARTED = "PLACEMENT_STARTED"
PLACEMENT_ENDED = "PLACEMENT_ENDED"
PLACEMENT_AGREED_LONG_TERM = "PLACEMENT_AGREED_LONG_TERM"

START_IN_FUTURE = "The start date must be today or in the past. Record the placement on the day it begins."
START_BEFORE_BIRTH = (
    "The start date must be on or after the child's date of birth, {born}. Check the start date, "
    "or correct the child's date of birth first."
)
END_IN_FUTURE = "The end date must be today or in the past. End the placement on the day the child moves."
END_BEFORE_START = "The end date must be the same as or after the start date of the placement."
ALREADY_ENDED = "This placement has already ended."
ONE_HOME = "Choose either a fostering household or a provider, not both."
NO_HOME = "Choose the fostering household or provider the child is living with."
STILL_PLACED = (
    "The child is still living in their current placement. End that placement before starting a new one."
)
OVERLAPS = (
    "The child already has a placement covering that date. Choose a start date on or after "
    "the day their last placement ended."
)
OVER_APPROVAL = (
    "This would place the child outside the household's approval ({why}). A manager must "
    "agree: give their reason and choose the manager who authorised it."
)
AUTHORISER_NOT_MANAGER = "The person who authorised this must be a manager."
LONG_TERM_NOT_ALLOWED = (
    "Only a social worker, senior practitioner, team manager or assistant team manager who can "
    "change this child's record can record that a placement is agreed as long-term."
)
LONG_TERM_PLACEMENT_ENDED = "This placement has ended. Only a current placement can be agreed as long-term."
ALREADY_LONG_TERM = "This placement has already been recorded as agreed as long-term."
LONG_TERM_IN_FUTURE = "The date it was agreed must be today or in the past."
LONG_TERM_BEFORE_START = (
    "The date it was agreed must be the same as or after the start date of the placement."
)


def _lock_child(child: Child) -> Child:
    # Serialises placement changes for one child, so two users cannot create overlapping ones.
    return Child.objects.select_for_update().get(pk=child.pk)


def approval_breaches(*, household: Household, child: Child, on: datetime.date) -> list[str]:
    """The ways placing `child` with `household` on `on` would go beyond its approval."""
    breaches = []
    placed = Placement.objects.filter(household=household, end_date__isnull=True).exclude(child=child)
    if placed.count() >= household.approved_places:
        breaches.append(
            f"it is approved for {household.approved_places} "
            f"{'child' if household.approved_places == 1 else 'children'}"
        )
    age = age_on(child.date_of_birth, on)
    if not household.approved_age_from <= age <= household.approved_age_to:
        breaches.append(
            f"it is approved for ages {household.approved_age_from} to "
            f"{household.approved_age_to} and the child is {age}"
        )
    return breaches


@transaction.atomic
def start_placement(
    *,
    actor: User,
    child: Child,
    placement_type: PlacementType | str,
    start_date: datetime.date,
    household: Household | None = None,
    provider: Provider | None = None,
    approval_exception_reason: str = "",
    approval_exception_authorised_by: User | None = None,
) -> Placement:
    """Record that the child has begun living with a household or provider."""
    child = _lock_child(child)
    if household is not None and provider is not None:
        raise ValidationError(ONE_HOME)
    if household is None and provider is None:
        raise ValidationError(NO_HOME)
    if start_date > timezone.localdate():
        raise ValidationError({"start_date": START_IN_FUTURE})
    if start_date < child.date_of_birth:
        raise ValidationError(
            {"start_date": START_BEFORE_BIRTH.format(born=f"{child.date_of_birth:%-d %B %Y}")}
        )
    existing = Placement.objects.filter(child=child)
    if existing.filter(end_date__isnull=True).exists():
        raise ValidationError(STILL_PLACED)
    if existing.filter(Q(end_date__gt=start_date) | Q(start_date__gte=start_date)).exists():
        raise ValidationError({"start_date": OVERLAPS})

    approval_exception_reason = approval_exception_reason.strip()
    if household is not None:
        breaches = approval_breaches(household=household, child=child, on=start_date)
        if breaches and not (approval_exception_reason and approval_exception_authorised_by):
            raise ValidationError(
                {"approval_exception_reason": OVER_APPROVAL.format(why="; ".join(breaches))}
            )
        if breaches and not can_authorise_approval_exception(approval_exception_authorised_by):
            raise ValidationError({"approval_exception_authorised_by": AUTHORISER_NOT_MANAGER})
        if not breaches:
            approval_exception_reason, approval_exception_authorised_by = "", None

    placement = Placement(
        child=child,
        household=household,
        provider=provider,
        placement_type=placement_type,
        start_date=start_date,
        approval_exception_reason=approval_exception_reason,
        approval_exception_authorised_by=approval_exception_authorised_by,
    )
    return create_audited(
        placement,
        actor=actor,
        event_type=PLACEMENT_STARTED,
        child=child,
        household=household,
        details={
            "start_date": start_date.isoformat(),
            "placement_type": str(placement_type),
            "provider_id": provider.pk if provider else None,
            "approval_exception": bool(approval_exception_reason),
        },
    )


@transaction.atomic
def end_placement(
    *,
    actor: User,
    placement: Placement,
    end_date: datetime.date,
    end_reason: EndReason | str,
    ending_planned: bool,
    seen_version: int | None = None,
) -> Placement:
    """Record that the child has stopped living in this placement, why, and whether it was
    a planned ending. Refused with StaleEditError when the placement changed after the version
    the person's form was drawn from (`seen_version`; left out where no form is involved)."""
    _lock_child(placement.child)
    placement = Placement.objects.select_for_update().get(pk=placement.pk)
    if seen_version is not None:
        refuse_if_stale(placement, seen_version)
    if placement.end_date is not None:
        raise ValidationError(ALREADY_ENDED)
    if end_date > timezone.localdate():
        raise ValidationError({"end_date": END_IN_FUTURE})
    if end_date < placement.start_date:
        raise ValidationError({"end_date": END_BEFORE_START})
    placement.end_date = end_date
    placement.end_reason = end_reason
    placement.ending_planned = ending_planned
    return update_audited(
        placement,
        actor=actor,
        fields=["end_date", "end_reason", "ending_planned"],
        event_type=PLACEMENT_ENDED,
        child=placement.child_id,
        household=placement.household_id,
        details={
            "end_date": end_date.isoformat(),
            "end_reason": str(end_reason),
            "ending_planned": ending_planned,
        },
    )


@transaction.atomic
def agree_placement_long_term(
    *, actor: User, placement: Placement, agreed_on: datetime.date, seen_version: int | None = None
) -> Placement:
    """Record that the child's current placement has been agreed as their home until they are
    18, and on which day. Statutory visits may then be further apart after its first year.
    Refused with StaleEditError when the placement changed after `seen_version`."""
    child = _lock_child(placement.child)
    if not (can_change_child(actor, child) and children_visible_to(actor).filter(pk=child.pk).exists()):
        raise ValidationError(LONG_TERM_NOT_ALLOWED)
    placement = Placement.objects.select_for_update().get(pk=placement.pk)
    if seen_version is not None:
        refuse_if_stale(placement, seen_version)
    if placement.end_date is not None:
        raise ValidationError(LONG_TERM_PLACEMENT_ENDED)
    if placement.agreed_long_term_on is not None:
        raise ValidationError(ALREADY_LONG_TERM)
    if agreed_on > timezone.localdate():
        raise ValidationError({"agreed_on": LONG_TERM_IN_FUTURE})
    if agreed_on < placement.start_date:
        raise ValidationError({"agreed_on": LONG_TERM_BEFORE_START})
    placement.agreed_long_term_on = agreed_on
    return update_audited(
        placement,
        actor=actor,
        fields=["agreed_long_term_on"],
        event_type=PLACEMENT_AGREED_LONG_TERM,
        child=placement.child_id,
        household=placement.household_id,
        details={"agreed_on": agreed_on.isoformat()},
    )
