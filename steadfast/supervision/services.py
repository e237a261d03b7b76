"""Recording a supervision session with the placement stability scale for each child placed."""

import datetime
from collections.abc import Iterable, Sequence

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from steadfast.accounts import access
from steadfast.accounts.models import User
from steadfast.core.services import create_audited
from steadfast.households.models import Household

from .models import PlacementStabilityScale, ScaleNotGiven, SupervisionSession, SupervisionTopic
from .selectors import children_placed_on

SUPERVISION_RECORDED = "SUPERVISION_SESSION_RECORDED"
SCALE_RECORDED = "PLACEMENT_STABILITY_SCALE_RECORDED"
SCALE_NOT_GIVEN_RECORDED = "SCALE_NOT_GIVEN_RECORDED"

NOT_ALLOWED = (
    "Only a supervising social worker or fostering team manager with access to this household "
    "can record its supervision."
)
DATE_IN_FUTURE = "The date must be today or in the past"
PRESENT_NEEDED = "Say who was there"
MANAGING_NEEDED = "Say how the household is managing"
UNKNOWN_TOPIC = "Choose topics from the list"
SCALE_RANGE = "Give a score from 0 to 10 for {name}"
SCALE_REASON = "Say why you gave {name} this score"
NO_SCALE_REASON = "Give a placement stability scale for {name}, or say why no scale was given"
SCALE_AND_NO_SCALE_REASON = (
    "You gave {name} a scale and a reason no scale was given: keep the scale and its reason, "
    "or clear the score"
)
NOT_PLACED = "A scale can only be given for a child placed with the household on that date"


@transaction.atomic
def record_supervision_session(
    *,
    actor: User,
    household: Household,
    date: datetime.date,
    unannounced: bool,
    present: str,
    topics: Iterable[str],
    household_managing: str,
    actions: str,
    scales: Sequence[tuple[object, int | None, str]],
    reasons_no_scale: Sequence[tuple[object, str]] = (),
) -> SupervisionSession:
    """Record a session and, for each child placed with the household that day, their placement
    stability scale (child, score, reason) or, in `reasons_no_scale`, why none was given (child,
    reason). Refused whole when a child placed has neither, or anything else is missing."""
    if not (
        access.can_record_fostering_work(actor, household)
        and access.households_visible_to(actor).filter(pk=household.pk).exists()
    ):
        raise ValidationError(NOT_ALLOWED)
    topics = list(dict.fromkeys(topics))
    errors: dict[str, str] = {}
    if date > timezone.localdate():
        errors["date"] = DATE_IN_FUTURE
    if not present.strip():
        errors["present"] = PRESENT_NEEDED
    if not household_managing.strip():
        errors["household_managing"] = MANAGING_NEEDED
    if set(topics) - set(SupervisionTopic.values):
        errors["topics"] = UNKNOWN_TOPIC
    # Scales are asked for the children the actor may name: a restricted child's is recorded
    # by someone who may see them.
    nameable = access.children_named_on_household(actor, household)
    placed = {
        child.pk: child for child in children_placed_on(household, date).filter(pk__in=nameable.values("pk"))
    }
    # A scale left wholly blank, with no reason why, is for a child not placed on the session's date.
    given = {
        getattr(child, "pk", child): (score, reason)
        for child, score, reason in scales
        if score is not None or (reason or "").strip()
    }
    not_given = {
        getattr(child, "pk", child): reason.strip()
        for child, reason in reasons_no_scale
        if (reason or "").strip()
    }
    if (set(given) | set(not_given)) - set(placed):
        errors["__all__"] = NOT_PLACED
    for pk, child in placed.items():
        if pk in given and pk in not_given:
            errors[f"no_scale_reason_{pk}"] = SCALE_AND_NO_SCALE_REASON.format(name=child)
        elif pk not in given and pk not in not_given:
            errors[f"no_scale_reason_{pk}"] = NO_SCALE_REASON.format(name=child)
    for pk, (score, reason) in given.items():
        name = str(placed.get(pk, "this child"))
        if score is None or not 0 <= score <= 10:
            errors[f"score_{pk}"] = SCALE_RANGE.format(name=name)
        if not (reason or "").strip():
            errors[f"reason_{pk}"] = SCALE_REASON.format(name=name)
    if errors:
        raise ValidationError(errors)
    session = create_audited(
        SupervisionSession(
            household=household,
            date=date,
            unannounced=unannounced,
            present=present.strip(),
            topics=topics,
            household_managing=household_managing.strip(),
            actions=actions.strip(),
        ),
        actor=actor,
        event_type=SUPERVISION_RECORDED,
        household=household,
        details={"unannounced": unannounced},
    )
    for pk, (score, reason) in given.items():
        create_audited(
            PlacementStabilityScale(session=session, child_id=pk, score=score, reason=reason.strip()),
            actor=actor,
            event_type=SCALE_RECORDED,
            child=pk,
            household=household,
            details={"score": score},
        )
    for pk, reason in not_given.items():
        create_audited(
            ScaleNotGiven(session=session, child_id=pk, reason=reason),
            actor=actor,
            event_type=SCALE_NOT_GIVEN_RECORDED,
            child=pk,
            household=household,
        )
    return session
