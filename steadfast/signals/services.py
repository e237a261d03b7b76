"""Writing what managers do with stability signals."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from steadfast.accounts import access
from steadfast.accounts.models import User
from steadfast.children.models import Child
from steadfast.core.services import create_audited

from .models import SignalConsideration
from .selectors import signals_of_child

SIGNAL_CONSIDERED = "SIGNAL_CONSIDERED"

NOT_A_MANAGER = "Only a manager who can see this child can record that a signal was considered."
NO_SUCH_SIGNAL = "This signal is not showing for this child now, so there is nothing to record."
REASON_NEEDED = "Say what was considered and what was decided"


@transaction.atomic
def record_signal_considered(*, actor: User, child: Child, rule: str, reason: str) -> SignalConsideration:
    """A manager records that they considered a signal showing on the child's record today, and
    why. It quiets the signal in the child's current home until the signal rests on evidence
    newer than today."""
    if (
        not access.can_consider_signal(actor)
        or not access.children_visible_to(actor).filter(pk=child.pk).exists()
    ):
        raise ValidationError(NOT_A_MANAGER)
    if not reason.strip():
        raise ValidationError({"reason": REASON_NEEDED})
    today = timezone.localdate()
    found = signals_of_child(actor, child, today=today)
    if found is None or not any(signal.rule == rule for signal in found.current):
        raise ValidationError(NO_SUCH_SIGNAL)
    home = found.home
    return create_audited(
        SignalConsideration(
            child=child,
            placement_id=home.placement_id,
            rule=rule,
            considered_on=today,
            considered_by=actor,
            reason=reason.strip(),
        ),
        actor=actor,
        event_type=SIGNAL_CONSIDERED,
        child=child.pk,
        household=home.household_id,
        details={"rule": rule},
    )
