"""Reads about statutory visits: the policy in force, a child's visits, and when the next is due."""

import datetime

from django.db.models import Max, QuerySet

from steadfast.accounts import access
from steadfast.placements.models import Placement

from .models import StatutoryVisit, VisitingPolicy
from .rules import DEFAULT_POLICY, Policy, next_visit_due

# How many of the visits made in a household its record lists, newest first.
HOUSEHOLD_VISITS_SHOWN = 10


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


def visit_on(child: object, day: datetime.date) -> StatutoryVisit | None:
    """The visit to the child on `day` saved last, if any: one like it may be the same visit
    entered twice."""
    return (
        StatutoryVisit.objects.filter(child=child, date=day)
        .select_related("created_by")
        .order_by("-created_at", "-pk")
        .first()
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


def visits_in_household(household: object, *, viewer: object) -> dict:
    """The statutory visits to the children living in the household, as `viewer` may read them:
    for each child living there now, when they were last visited there and when the next visit
    is due; and the latest visits made there, to any child who has lived there. Only children
    the viewer may see, and only if they may read those children's visits. A fixed number of
    queries, however many children and visits."""
    visible = access.children_visible_to(viewer).values("pk")
    placed_now = (
        Placement.objects.filter(household=household, end_date__isnull=True, child__in=visible)
        .select_related("child")
        .annotate(last_visit=Max("statutory_visits__date"))
        .order_by("child__legal_first_name", "child__pk")
    )
    policy = policy_in_force()
    children = [
        {
            "child": placement.child,
            "last_visit": placement.last_visit,
            "due": next_visit_due(
                placement_start=placement.start_date,
                agreed_long_term_on=placement.agreed_long_term_on,
                visits=[placement.last_visit] if placement.last_visit else [],
                policy=policy,
            ),
        }
        for placement in placed_now
        if access.can_see_statutory_visits(viewer, placement.child)
    ]
    recent = StatutoryVisit.objects.filter(placement__household=household, child__in=visible).select_related(
        "child"
    )[:HOUSEHOLD_VISITS_SHOWN]
    return {
        "children": children,
        "recent": [visit for visit in recent if access.can_see_statutory_visits(viewer, visit.child)],
    }
