"""Recording a statutory visit to a child."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from steadfast.accounts import access
from steadfast.accounts.models import User
from steadfast.children.models import Child
from steadfast.core.services import create_audited
from steadfast.placements.selectors import placement_on

from .models import StatutoryVisit

STATUTORY_VISIT_RECORDED = "STATUTORY_VISIT_RECORDED"

NOT_ALLOWED = (
    "Only a social worker, senior practitioner, team manager or assistant team manager who can "
    "change this child's record can record a statutory visit."
)
DATE_IN_FUTURE = "The date of the visit must be today or in the past"
NOT_PLACED_ON_DATE = (
    "The child was not living in any of their placements on that date. Give a date when they "
    "were living in one of the homes in their placement history"
)
PLACE_NEEDED = "Say where the visit took place"
SEEN_ALONE_NOT_SEEN = "A child can only be seen alone if they were seen"
CHILD_SAID_NEEDED = "Write down what the child said, in their own words"


@transaction.atomic
def record_statutory_visit(
    *,
    actor: User,
    child: Child,
    date: datetime.date,
    place: str,
    child_seen: bool,
    seen_alone: bool,
    child_said: str,
    observations: str,
) -> StatutoryVisit:
    """Record the social worker's visit to the child, in the home they were living in on its
    date (`placement_on`), which may be an earlier placement than their current one. Refused
    whole, saving nothing, with each problem against its field, when anything is missing or
    cannot be true, or when the date falls in none of the child's placements."""
    if not (
        access.can_record_statutory_visit(actor, child)
        and access.children_visible_to(actor).filter(pk=child.pk).exists()
    ):
        raise ValidationError(NOT_ALLOWED)
    errors: dict[str, str] = {}
    placement = None
    if date > timezone.localdate():
        errors["date"] = DATE_IN_FUTURE
    elif (placement := placement_on(child, date)) is None:
        errors["date"] = NOT_PLACED_ON_DATE
    if not place.strip():
        errors["place"] = PLACE_NEEDED
    if seen_alone and not child_seen:
        errors["seen_alone"] = SEEN_ALONE_NOT_SEEN
    if child_seen and not child_said.strip():
        errors["child_said"] = CHILD_SAID_NEEDED
    if errors:
        raise ValidationError(errors)
    return create_audited(
        StatutoryVisit(
            child=child,
            date=date,
            placement=placement,
            place=place.strip(),
            child_seen=child_seen,
            seen_alone=seen_alone,
            child_said=child_said.strip(),
            observations=observations.strip(),
        ),
        actor=actor,
        event_type=STATUTORY_VISIT_RECORDED,
        child=child,
        details={
            "date": date.isoformat(),
            "placement": placement.pk,
            "child_seen": child_seen,
            "seen_alone": seen_alone,
        },
    )
