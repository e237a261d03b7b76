"""Reads about households, always starting from what the user may see."""

from collections.abc import Iterable

from django.db.models import (
    BooleanField,
    Case,
    CharField,
    Count,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce, Concat

from steadfast.accounts.access import (
    children_named_on_household,
    children_visible_to,
    households_visible_to,
)
from steadfast.accounts.models import HouseholdAllocation, User
from steadfast.placements.models import Placement
from steadfast.placements.selectors import with_placement_counts

from .models import Household, HouseholdMember, MemberRole


def carers_prefetch(path: str = "members") -> Prefetch:
    """Read the approved carers of the households at `path` in one more query, for
    `Household.label` and `carer_names` in a list."""
    return Prefetch(path, queryset=HouseholdMember.objects.filter(role=MemberRole.APPROVED_CARER))


def household_labels(ids: Iterable[int]) -> dict[int, str]:
    """Each household's `label` by id, in two queries, for lists built from rows, not records.
    Asks nothing of access: the caller has already chosen households the reader may see."""
    ids = set(ids)
    if not ids:
        return {}
    households = Household.objects.filter(pk__in=ids).prefetch_related(carers_prefetch())
    return {household.pk: household.label for household in households}


def household_list_for(user: User, *, search: str = "") -> QuerySet[Household]:
    """Households the user may see, each with its supervising social worker's name and the
    number of children living there now whom the user may see."""
    households = households_visible_to(user)
    if search:
        households = households.filter(
            Q(name__icontains=search.strip()) | Q(reference__iexact=search.strip())
        )
    placed_now = (
        Placement.objects.filter(
            household=OuterRef("pk"),
            end_date__isnull=True,
            child__in=children_visible_to(user).values("pk"),
        )
        .order_by()
        .values("household")
        .annotate(n=Count("pk"))
        .values("n")
    )
    supervising = HouseholdAllocation.objects.filter(
        household=OuterRef("pk"), end_date__isnull=True
    ).annotate(name=Concat("worker__first_name", Value(" "), "worker__last_name", output_field=CharField()))
    return (
        households.prefetch_related(carers_prefetch())
        .annotate(
            children_placed_now=Coalesce(Subquery(placed_now, output_field=IntegerField()), 0),
            supervising_social_worker_name=Subquery(supervising.values("name")[:1]),
        )
        .order_by("name", "pk")
    )


def placements_shown_in_household(household: Household, *, viewer: User) -> list[dict]:
    """Every child the household has cared for, as the viewer may see them.

    The fostering service (its supervising social worker, their team and managers, its own
    carers, a named grant) sees the whole history, because it is the household's history;
    a child's worker, who sees the household only as that child's home, sees only the children
    they may see. A restricted child is shown only to those who may see the child. Names link
    to the child's record only when the viewer may open it."""
    placements = list(
        Placement.objects.filter(household=household).select_related("child").order_by("-start_date", "-pk")
    )
    # The children the viewer may read about here, whether they may open each one's record,
    # and each one's count, in one query.
    named = with_placement_counts(
        children_named_on_household(viewer, household).filter(pk__in={p.child_id for p in placements})
    ).annotate(
        openable=Case(
            When(pk__in=children_visible_to(viewer).values("pk"), then=Value(True)),
            default=Value(False),
            output_field=BooleanField(),
        )
    )
    rows = {
        pk: (openable, count)
        for pk, openable, count in named.values_list("pk", "openable", "placements_last_12_months")
    }
    return [
        {
            "placement": p,
            "child_visible": rows[p.child_id][0],
            "placements_last_12_months": rows[p.child_id][1],
        }
        for p in placements
        if p.child_id in rows
    ]
