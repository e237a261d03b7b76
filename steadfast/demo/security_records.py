"""What the pages that watch over the service show in the demo: changes to a few demo accounts
(`/security/account-changes/`), one emergency opening of a child's record, ended when its time
ran out (`/emergency-openings/`), and the record of foster carers who retired long ago, past its
retention date, which one records officer has proposed to destroy and the other has still to
decide on (`/records/retention/`). Restricted records are `demo.restricted_records`. Everything
here is synthetic: the phone numbers are from the range Ofcom keeps for drama."""

import datetime

from django.conf import settings
from django.utils import timezone

from steadfast.accounts.models import (
    AccessGrant,
    Allocation,
    AllocationRole,
    GrantKind,
    HouseholdAllocation,
    User,
)
from steadfast.accounts.services import BREAK_GLASS_OPENED
from steadfast.audit.models import AuditEvent
from steadfast.audit.services import record_event
from steadfast.households.models import ApprovalKind, Household, HouseholdMember, MemberRole
from steadfast.retention.rules import years_after
from steadfast.retention.services import propose_destruction
from steadfast.security.services import change_account

# Demo staff whose mobile number the administrator records, as when someone is issued a phone.
NEW_PHONES = {
    "social.worker": "07700 900461",
    "iro": "07700 900462",
    "placement.support": "07700 900463",
}
EMERGENCY_REASON = (
    "Police rang at 11pm: the child was found after going missing and the carers could not be "
    "reached, so I needed the contact plan to find a safe place for the night (demo)."
)
# When the opening was, before the demo is seeded: well inside the list's 90 days.
OPENED_DAYS_BEFORE = 12
# The retired carers: a surname the demo's households are never given, and how long ago their
# last supervision ended (past the 10 years their record is kept).
FORMER_CARERS_SURNAME = "Quarrington"
FORMER_CARERS_YEARS_SINCE = 11


def seed_security_records(*, named: dict[str, User], today: datetime.date) -> None:
    """Record the account changes through the same service the administrator's pages use;
    write one emergency opening, dated in the past, as the opening service would have written
    it (the grant, its end and its audit row); and add the retired carers' household, proposed
    for destruction through the records team's own service."""
    for username, number in NEW_PHONES.items():
        change_account(actor=named["admin"], user=named[username], changes={"mobile_number": number})
    _past_emergency_opening(opener=named["other.social.worker"], colleague=named["social.worker"])
    former = _former_household(supervising_social_worker=named["supervising.social.worker"], today=today)
    propose_destruction(
        actor=named["records.officer"],
        household=former,
        reason="Approval ended over ten years ago; no complaint, claim or inquiry holds the record (demo).",
        today=today,
    )


def _past_emergency_opening(*, opener: User, colleague: User) -> None:
    """`opener`, in another team, opened a child of `colleague`'s late one evening; the opening
    ended on its own four hours later."""
    allocation = (
        Allocation.objects.filter(
            worker=colleague,
            role=AllocationRole.SOCIAL_WORKER,
            end_date__isnull=True,
            child__restricted=False,
        )
        .order_by("child_id")
        .first()
    )
    if allocation is None:
        return
    day = timezone.localdate() - datetime.timedelta(days=OPENED_DAYS_BEFORE)
    opened = timezone.make_aware(datetime.datetime.combine(day, datetime.time(23, 10)))
    expires = opened + settings.EMERGENCY_ACCESS_DURATION
    grant = AccessGrant.objects.create(
        user=opener,
        child_id=allocation.child_id,
        reason=EMERGENCY_REASON,
        kind=GrantKind.EMERGENCY,
        expires_at=expires,
        created_by=opener,
        updated_by=opener,
    )
    AccessGrant.objects.filter(pk=grant.pk).update(created_at=opened, updated_at=opened)
    AccessGrant.history.filter(id=grant.pk).update(history_date=opened, history_user=opener)
    event = record_event(
        actor=opener,
        event_type=BREAK_GLASS_OPENED,
        subject=grant,
        child_id=allocation.child_id,
        details={"user_id": opener.pk, "reason": EMERGENCY_REASON, "expires_at": expires.isoformat()},
    )
    AuditEvent.objects.filter(pk=event.pk).update(occurred_at=opened)


def _former_household(*, supervising_social_worker: User, today: datetime.date) -> Household:
    """Carers who retired eleven years before the demo was seeded: approved in the 1990s, their
    last supervision ended, no child living there since."""
    ended = years_after(today, -FORMER_CARERS_YEARS_SINCE)
    household = Household.objects.create(
        name=f"The {FORMER_CARERS_SURNAME} household",
        reference="FH-RETIRED-01",
        address_line_1="7 Quarry Lane",
        town="Northbridge",
        postcode="NB2 7DM",
        approval_kind=ApprovalKind.LONG_TERM,
        approval_date=years_after(today, -28),
    )
    HouseholdMember.objects.bulk_create(
        HouseholdMember(
            household=household, full_name=f"{first} {FORMER_CARERS_SURNAME}", role=MemberRole.APPROVED_CARER
        )
        for first in ("Maureen", "Clive")
    )
    HouseholdAllocation.objects.create(
        household=household,
        worker=supervising_social_worker,
        start_date=years_after(today, -19),
        end_date=ended,
    )
    return household
