"""Reads about statutory visits: the policy in force, a child's visits, and when the next is due."""

import datetime

from django.db.models import QuerySet

from .models import StatutoryVisit, VisitingPolicy
from .rules import DEFAULT_POLICY, Policy, next_visit_due


def policy_in_force() -> Policy:
    row = VisitingPolicy.objects.first()
    if row is None:
        return DEFAULT_POLICY
    return Policy(
        first_visit_within_days=row.first_visit_within_days,
        interval_days=row.interval_days,
        long_term_interval_days=row.long_term_interval_days,
    )


def visits_of_child(child: object) -> QuerySet[StatutoryVisit]:
    """The child's statutory visits, newest first. Ask only once the viewer may read them
    (`access.can_see_statutory_visits`)."""
    return StatutoryVisit.objects.filter(child=child).select_related(
        "created_by", "placement__household", "placement__provider"
    )


def next_visit_due_for(child: object, *, placement: object | None) -> datetime.date | None:
    """When the child's next statutory visit is due in `placement`, their current one; None when
    they have none. Only the latest visit since the placement began decides it, so only that
    one date is read, however many visits there have been."""
    if placement is None:
        return None
    latest = (
        StatutoryVisit.objects.filter(child=child, date__gte=placement.start_date)
        .order_by("-date")
        .values_list("date", flat=True)[:1]
    )
    return next_visit_due(
        placement_start=placement.start_date,
        agreed_long_term_on=placement.agreed_long_term_on,
        visits=list(latest),
        policy=policy_in_force(),
    )
