"""Reads about placements: the current home, the counts shown wherever a child is listed, and
the children living with a carer now."""

import datetime

from django.db.models import Count, IntegerField, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from steadfast.accounts.access import children_named_on_household

from .models import Placement
from .rules import twelve_months_before


def _count_subquery(condition: Q) -> Coalesce:
    counted = (
        Placement.objects.filter(condition, child=OuterRef("pk"))
        .order_by()
        .values("child")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


def in_last_twelve_months(today: datetime.date) -> Q:
    """The placements counted as in the last 12 months, by the rule of
    `rules.placements_in_last_twelve_months`, as a filter on placements."""
    return Q(start_date__lte=today) & (
        Q(end_date__isnull=True) | Q(end_date__gte=twelve_months_before(today))
    )


def with_placement_counts(children: QuerySet, *, today: datetime.date | None = None) -> QuerySet:
    """Annotate each child with `placements_last_12_months` and `placements_in_care`, counted
    by the same rule as `rules.placements_in_last_twelve_months`, in the same single query."""
    today = today or timezone.localdate()
    return children.annotate(
        placements_last_12_months=_count_subquery(in_last_twelve_months(today)),
        placements_in_care=_count_subquery(Q(start_date__lte=today)),
    )


def current_placement_for(child: object) -> Placement | None:
    return (
        Placement.objects.filter(child=child, end_date__isnull=True)
        .select_related("household", "provider")
        .first()
    )


def placement_on(child: object, day: datetime.date) -> Placement | None:
    """The placement the child was living in on `day`, if any. On the day of a move, the one
    they moved to."""
    return (
        Placement.objects.filter(
            Q(end_date__isnull=True) | Q(end_date__gte=day), child=child, start_date__lte=day
        )
        .order_by("-start_date", "-pk")
        .first()
    )


def placements_of_child(child: object) -> QuerySet[Placement]:
    """The child's placement history, newest first, with the home of each."""
    return Placement.objects.filter(child=child).select_related("household", "provider")


def children_placed_with_carer(carer: object, household: object) -> QuerySet:
    """The children living with the carer's household now whom the carer may name. A restricted
    child's record stays with those granted it by name, as everywhere else."""
    return (
        children_named_on_household(carer, household)
        .filter(placements__household=household, placements__end_date__isnull=True)
        .distinct()
        .order_by("legal_first_name", "pk")
    )
