"""Invitations to a stability meeting: noting when they went, and the link and code through
which someone outside the authority, or a carer by email, sends their views without a sign-in.
`notifications` makes the links as it tells invitees, and the views page checks them; nothing
here needs `services` or `notifications`, so that neither has to import the other back."""

import datetime
import hashlib
import secrets
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone

from steadfast.accounts.models import User
from steadfast.core.services import update_audited

from .models import Invitee, MeetingStatus, StabilityMeeting

INVITEE_TOLD = "MEETING_INVITEE_TOLD"
VIEWS_LINK_ISSUED = "MEETING_VIEWS_LINK_ISSUED"
VIEWS_CODE_REFUSED = "MEETING_VIEWS_CODE_REFUSED"


def _whose(meeting: StabilityMeeting) -> dict[str, Any]:
    return {"child": meeting.child_id, "household": meeting.household_id}


@transaction.atomic
def record_invitees_told(*, meeting: StabilityMeeting, invitee_ids: Iterable[int]) -> None:
    """Note when invitees were sent their invitation, once it has gone."""
    now = timezone.now()
    for invitee in meeting.invitees.filter(pk__in=list(invitee_ids), told_at__isnull=True):
        invitee.told_at = now
        update_audited(invitee, actor=None, fields=["told_at"], event_type=INVITEE_TOLD, **_whose(meeting))


def hash_views_link(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


# Letters and digits that cannot be mistaken for one another when read from an email.
VIEWS_CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
VIEWS_CODE_LENGTH = 6
"""Six characters from 32 (a billion codes), read aloud in two halves: with five tries before
the link closes, a guess succeeds about once in two hundred million links."""
VIEWS_CODE_TRIES = 5
VIEWS_LINK_DAYS = 30
"""A link works for this many days from being sent, or until the meeting starts if sooner."""


@dataclass(frozen=True)
class ViewsLink:
    """A link for an invitee outside the authority to send their views, and the short code
    that, with it, shows them again what they sent."""

    token: str
    code: str

    @property
    def spoken_code(self) -> str:
        half = VIEWS_CODE_LENGTH // 2
        return f"{self.code[:half]}-{self.code[half:]}"


def _normalised_code(code: str) -> str:
    return "".join(c for c in code.upper() if c.isalnum())


@transaction.atomic
def issue_views_link(*, actor: User | None, invitee: Invitee) -> ViewsLink:
    """A fresh link, and code, for an invitee outside the authority to send their views
    without a sign-in. Only their hashes are kept; the link opens this invitee's request and
    nothing else, and a new one replaces the old."""
    link = ViewsLink(
        token=secrets.token_urlsafe(32),
        code="".join(secrets.choice(VIEWS_CODE_ALPHABET) for _ in range(VIEWS_CODE_LENGTH)),
    )
    invitee.views_link_hash = hash_views_link(link.token)
    invitee.views_code_hash = hash_views_link(link.code)
    invitee.views_code_failures = 0
    invitee.views_link_sent_at = timezone.now()
    update_audited(
        invitee,
        actor=actor,
        fields=["views_link_hash", "views_code_hash", "views_code_failures", "views_link_sent_at"],
        event_type=VIEWS_LINK_ISSUED,
        details={"invitee": invitee.pk},
        **_whose(invitee.meeting),
    )
    return link


def views_link_expires_at(invitee: Invitee) -> datetime.datetime:
    """When the invitee's link stops working: when the meeting starts, or VIEWS_LINK_DAYS after
    the link was sent, whichever is sooner (the meeting's start for a link made before links
    were dated)."""
    starts = invitee.meeting.scheduled_at
    if invitee.views_link_sent_at is None:
        return starts
    return min(starts, invitee.views_link_sent_at + datetime.timedelta(days=VIEWS_LINK_DAYS))


def views_link_expired(invitee: Invitee, *, now: datetime.datetime | None = None) -> bool:
    """Whether the link no longer works: it has run out of time, or the meeting's record has
    been begun (the meeting was held early, or its record opened)."""
    now = now or timezone.now()
    return invitee.meeting.status not in (
        MeetingStatus.PLANNED,
        MeetingStatus.DRAFT,
    ) or now >= views_link_expires_at(invitee)


def views_code_tries_left(invitee: Invitee) -> int:
    return max(VIEWS_CODE_TRIES - invitee.views_code_failures, 0)


@transaction.atomic
def check_views_code(*, invitee: Invitee, code: str) -> bool:
    """Whether `code` is the one sent with the invitee's link. Each wrong code is counted; after
    a few, none is accepted until a new invitation is sent."""
    invitee = Invitee.objects.select_for_update().get(pk=invitee.pk)
    if not invitee.views_code_hash or not views_code_tries_left(invitee):
        return False
    if secrets.compare_digest(hash_views_link(_normalised_code(code)), invitee.views_code_hash):
        return True
    invitee.views_code_failures += 1
    update_audited(
        invitee,
        actor=None,
        fields=["views_code_failures"],
        event_type=VIEWS_CODE_REFUSED,
        details={"invitee": invitee.pk},
        **_whose(invitee.meeting),
    )
    return False
