"""What is past its retention date, as the records team may see it."""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Exists, Max, OuterRef, Q, QuerySet

from steadfast.accounts import access
from steadfast.accounts.models import HouseholdAllocation, User
from steadfast.audit.models import AuditEvent
from steadfast.children.models import Child
from steadfast.households.models import Household
from steadfast.households.selectors import carers_prefetch
from steadfast.placements.models import Placement

from . import rules
from .models import DestructionProposal, ProposalStatus


def _destroyed(field: str) -> QuerySet:
    return DestructionProposal.objects.filter(status=ProposalStatus.CONFIRMED, **{field: OuterRef("pk")})


def child_kept_until(child: Child) -> datetime.date:
    """The day the child's record may be destroyed from, under the settings' periods."""
    return rules.child_kept_until(
        child.date_of_birth,
        until_age=settings.RETENTION_CHILD_UNTIL_AGE,
        date_of_death=child.date_of_death,
        died_before_age=settings.RETENTION_CHILD_DIED_BEFORE_AGE,
        years_after_death=settings.RETENTION_CHILD_YEARS_AFTER_DEATH,
    )


def children_past_retention(user: User, *, today: datetime.date) -> QuerySet[Child]:
    """Children whose record has reached its retention date and is not yet destroyed, of those
    the records officer may reach (a restricted one only with a grant): those who reached the
    age their record is kept until, and those who died young long enough ago."""
    born_by = rules.born_on_or_before_for_retention_ended(today, until_age=settings.RETENTION_CHILD_UNTIL_AGE)
    reachable = access.children_for_records_team(user).exclude(Exists(_destroyed("child")))
    # Few children have died, and whether one died young is a matter of years, not days: the
    # rule itself decides, over those who died long enough ago for it to apply.
    died_by = rules.years_after(today, -settings.RETENTION_CHILD_YEARS_AFTER_DEATH)
    died_young = [
        child.pk
        for child in reachable.filter(date_of_death__lte=died_by).only("date_of_birth", "date_of_death")
        if child_kept_until(child) <= today
    ]
    return reachable.filter(Q(date_of_birth__lte=born_by) | Q(pk__in=died_young)).order_by(
        "date_of_birth", "pk"
    )


@dataclass(frozen=True)
class HouseholdPastRetention:
    household: Household
    approval_ended: datetime.date
    kept_until: datetime.date


def households_past_retention(user: User, *, today: datetime.date) -> list[HouseholdPastRetention]:
    """Households no longer supervised, with no child living there, whose last supervision
    ended more than `RETENTION_CARER_YEARS_AFTER_APPROVAL` years ago."""
    years = settings.RETENTION_CARER_YEARS_AFTER_APPROVAL
    ended_by = rules.years_after(today, -years)
    open_allocation = HouseholdAllocation.objects.filter(household=OuterRef("pk"), end_date__isnull=True)
    open_placement = Placement.objects.filter(household=OuterRef("pk"), end_date__isnull=True)
    households = (
        access.households_for_records_team(user)
        .exclude(Exists(open_allocation))
        .exclude(Exists(open_placement))
        .exclude(Exists(_destroyed("household")))
        .annotate(approval_ended=Max("allocations__end_date"))
        .filter(approval_ended__lte=ended_by)
        .order_by("approval_ended", "pk")
        .prefetch_related(carers_prefetch())
    )
    return [
        HouseholdPastRetention(h, h.approval_ended, rules.carer_kept_until(h.approval_ended, years=years))
        for h in households
    ]


def audit_cutoff(today: datetime.date) -> datetime.date:
    return rules.years_after(today, -settings.RETENTION_AUDIT_YEARS)


def audit_events_past_retention(*, today: datetime.date) -> int:
    return AuditEvent.objects.filter(occurred_at__date__lt=audit_cutoff(today)).count()


def proposals_for(user: User) -> QuerySet[DestructionProposal]:
    """Proposals about records the officer may reach, and about the audit trail."""
    return (
        DestructionProposal.objects.filter(
            Q(child__in=access.children_for_records_team(user))
            | Q(household__in=access.households_for_records_team(user))
            | Q(kind="audit_trail")
        )
        .select_related("created_by", "decided_by", "child", "household")
        .order_by("-created_at", "-id")
    )
