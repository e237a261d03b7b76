"""Restricted records in the demo: a few fictional households marked restricted, with grants to
the people who work with them, and grants to the managers who review the restricted children, so
that the review of restricted records (`restrictions`) has something to show. Everything here is
synthetic."""

import datetime

from django.utils import timezone

from steadfast.accounts.models import AccessGrant, HouseholdAllocation
from steadfast.children.models import Child
from steadfast.households.models import Household, HouseholdMember
from steadfast.placements.models import Placement
from steadfast.restrictions.models import RestrictionReview, ReviewDecision

# How many households are restricted: among those the demo supervising social worker supervises
# (not the demo carer's) with no child living there now, so that what every other demo sign-in
# sees, as the README counts it, stays the same.
RESTRICTED_HOUSEHOLDS = 2
DEMO_REASON = "{who} of a restricted record (demo)"


def seed_restricted_records(
    *, today: datetime.date, fostering_team_manager, supervising_social_worker
) -> None:
    """Mark some households restricted and grant them to their supervising social worker and
    the fostering team manager; grant each restricted child to their social worker's team
    manager; and record one earlier review, so the demo shows a record reviewed and others due."""
    now = timezone.now()
    living_somewhere_now = Placement.objects.filter(end_date__isnull=True, household__isnull=False)
    supervised = (
        Household.objects.filter(
            pk__in=HouseholdAllocation.objects.filter(
                worker=supervising_social_worker, end_date__isnull=True
            ).values("household")
        )
        .exclude(pk__in=HouseholdMember.objects.filter(user__isnull=False).values("household"))
        .order_by("pk")
    )
    # Empty homes first; a small demo may have none, and then takes homes with children.
    empty = list(supervised.exclude(pk__in=living_somewhere_now.values("household"))[:RESTRICTED_HOUSEHOLDS])
    households = empty + [h for h in supervised[: RESTRICTED_HOUSEHOLDS * 2] if h not in empty]
    households = households[:RESTRICTED_HOUSEHOLDS]
    grants = []
    for household in households:
        household.restricted = True
        household.save(update_fields=["restricted"])
        allocation = HouseholdAllocation.objects.filter(household=household, end_date__isnull=True).first()
        if allocation is not None:
            grants.append(
                AccessGrant(
                    user=allocation.worker,
                    household=household,
                    reason=DEMO_REASON.format(who="Supervising social worker"),
                )
            )
        grants.append(
            AccessGrant(
                user=fostering_team_manager,
                household=household,
                reason=DEMO_REASON.format(who="Fostering team manager"),
            )
        )
    reviews = []
    for child in Child.objects.filter(restricted=True).prefetch_related("allocations__worker__team"):
        managers = sorted(
            {
                a.worker.team.manager_id
                for a in child.allocations.all()
                if a.end_date is None and a.worker.team is not None and a.worker.team.manager_id
            }
        )
        grants.extend(
            AccessGrant(user_id=m, child=child, reason=DEMO_REASON.format(who="Team manager"))
            for m in managers
        )
        if managers:  # reviewed 80 days ago: the next review falls due within the fortnight
            reviews.append(
                RestrictionReview(
                    child=child,
                    decision=ReviewDecision.KEEP,
                    reason="Court-ordered confidentiality of the placement continues (demo).",
                    reviewed_at=now - datetime.timedelta(days=80),
                    created_by_id=managers[0],
                )
            )
    AccessGrant.objects.bulk_create(grants)
    if households:
        # The first was reviewed a month ago; the others were restricted 120 days ago and never
        # reviewed, so they are overdue.
        reviews.append(
            RestrictionReview(
                household=households[0],
                decision=ReviewDecision.KEEP,
                reason="The risk from a former partner remains; police advice unchanged (demo).",
                reviewed_at=now - datetime.timedelta(days=30),
                created_by=fostering_team_manager,
            )
        )
        Household.history.filter(id__in=[h.pk for h in households]).update(
            history_date=now - datetime.timedelta(days=120)
        )
    RestrictionReview.objects.bulk_create(reviews)
