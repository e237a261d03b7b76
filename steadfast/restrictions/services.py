"""Recording the review of a restricted record."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from steadfast.accounts import access
from steadfast.accounts.models import User
from steadfast.children.models import Child
from steadfast.core.services import create_audited, update_audited
from steadfast.households.models import Household

from .models import RestrictionReview, ReviewDecision

RESTRICTION_REVIEWED = "RESTRICTION_REVIEWED"
RESTRICTION_LIFTED = "RESTRICTION_LIFTED"

NOT_RESTRICTED = "This record is not restricted, so there is nothing to review"
MAY_NOT_REVIEW = "Only a manager granted this record by name may review its restriction"
REASON_REQUIRED = "Say why the record should stay restricted or be opened"


@transaction.atomic
def review_restriction(
    *,
    actor: User,
    decision: str,
    reason: str,
    child: Child | None = None,
    household: Household | None = None,
) -> RestrictionReview:
    """Record that `actor` reviewed a restricted child's or household's record and kept or
    lifted the restriction, with why; lifting clears the record's restricted flag in the same
    transaction. Each write is audited. Refused unless the actor is a manager who holds a grant
    for the record."""
    if (child is None) == (household is None):
        raise ValueError("Review one child or one household")
    record = child or household
    model = type(record)
    record = model.objects.select_for_update().get(pk=record.pk)
    if not record.restricted:
        raise ValidationError(NOT_RESTRICTED)
    whose = {"child": record} if child is not None else {"household": record}
    if not access.can_review_restriction(actor, **whose):
        raise ValidationError(MAY_NOT_REVIEW)
    if not reason.strip():
        raise ValidationError({"reason": REASON_REQUIRED})
    review = create_audited(
        RestrictionReview(decision=decision, reason=reason.strip(), reviewed_at=timezone.now(), **whose),
        actor=actor,
        event_type=RESTRICTION_REVIEWED,
        details={"decision": decision},
        **whose,
    )
    if decision == ReviewDecision.LIFT:
        record.restricted = False
        update_audited(record, actor=actor, fields=["restricted"], event_type=RESTRICTION_LIFTED, **whose)
    return review
