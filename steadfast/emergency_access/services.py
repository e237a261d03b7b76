"""Opening a child's record in an emergency ("break-glass"): a member of staff in a casework role
types the child's identifier and why, and sees the record for a set time, recorded, audited and
told at once to the child's managers. See docs/access-control.md and ADR 0041."""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from steadfast.accounts import access
from steadfast.accounts.models import AccessGrant, User
from steadfast.accounts.services import open_emergency_access
from steadfast.audit.services import record_event
from steadfast.children.models import Child
from steadfast.reminders.services import raise_notice

from . import notifications
from .selectors import child_with_identifier, managers_to_tell

BREAK_GLASS_REFUSED = "BREAK_GLASS_REFUSED"
# The one answer for an identifier that names no child and for a restricted child's, so that
# the page never tells anyone that a restricted record exists.
NO_RECORD_TO_OPEN = (
    "No record can be opened in an emergency with this identifier. Check the identifier, "
    "or ask a manager to grant you access by name"
)
ENTER_IDENTIFIER = "Enter the child's identifier"
SAY_WHY = "Say why you need to open this record now"
MIN_REASON_WORDS = 4
REASON_TOO_SHORT = f"Say why you need to open this record now, in at least {MIN_REASON_WORDS} words"
NOT_IN_CASEWORK = "Only staff who work on children's cases can open a record in an emergency"
NOTICE_WORK_KIND = "emergency_opening"


@dataclass(frozen=True)
class Opening:
    """What opening a record in an emergency did: the child, and the new emergency grant, or
    None when the person could already see the child and needed none."""

    child: Child
    grant: AccessGrant | None


def ends_text(expires_at: datetime.datetime, *, now: datetime.datetime) -> str:
    """When an emergency opening ends, as people say it: "14:05 today", or "01:30 on 6 December
    2026" when that is another day."""
    ends = timezone.localtime(expires_at)
    if ends.date() == timezone.localtime(now).date():
        return f"{ends:%H:%M} today"
    return f"{ends:%H:%M} on {ends.day} {ends:%B %Y}"


def _check_reason(reason: str) -> str:
    reason = " ".join(reason.split())
    if not reason:
        raise ValidationError({"reason": SAY_WHY})
    if len(reason.split()) < MIN_REASON_WORDS:
        raise ValidationError({"reason": REASON_TOO_SHORT})
    return reason


def open_record_in_emergency(
    *, actor: User, child_identifier: str, reason: str, now: datetime.datetime | None = None
) -> Opening:
    """Open the record of the child with exactly this identifier for `actor`, for
    `EMERGENCY_ACCESS_DURATION`, for `reason`. Refused, with the same message and an audit row
    (`BREAK_GLASS_REFUSED`), for an identifier that names no child and for a restricted child:
    a restricted record is opened only by a grant by name. A child the actor already sees needs
    no opening, and none is made."""
    if not access.can_open_in_emergency(actor):
        raise ValidationError(NOT_IN_CASEWORK)
    typed = child_identifier.strip()
    if not typed:
        raise ValidationError({"child_identifier": ENTER_IDENTIFIER})
    reason = _check_reason(reason)
    now = now or timezone.now()
    child = child_with_identifier(typed)
    if child is None or child.restricted:
        record_event(
            actor=actor,
            event_type=BREAK_GLASS_REFUSED,
            details={"child_identifier": typed[:40], "reason": reason},
        )
        raise ValidationError({"child_identifier": NO_RECORD_TO_OPEN})
    if access.children_visible_to(actor).filter(pk=child.pk).exists():
        return Opening(child=child, grant=None)
    return Opening(child=child, grant=_open(actor=actor, child=child, reason=reason, now=now))


@transaction.atomic
def _open(*, actor: User, child: Child, reason: str, now: datetime.datetime) -> AccessGrant:
    grant = open_emergency_access(
        actor=actor, child=child, reason=reason, expires_at=now + settings.EMERGENCY_ACCESS_DURATION
    )
    managers = managers_to_tell(child, opener=actor)
    opener = actor.get_full_name() or actor.username
    for manager in managers:
        raise_notice(
            recipient=manager,
            key=f"emergency-opening:{grant.pk}",
            work_kind=NOTICE_WORK_KIND,
            title=f"{opener} opened a child's record in an emergency",
            url=notifications.record_link(grant),
            owner=actor,
            now=now,
            child_id=child.pk,
        )
    ends = ends_text(grant.expires_at, now=now)
    transaction.on_commit(lambda: notifications.tell_managers_of_opening(grant, managers, ends=ends))
    return grant
