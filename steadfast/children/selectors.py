"""Reads about children, always starting from what the user may see."""

from django.db.models import (
    CharField,
    Exists,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.functions import Concat

from steadfast.accounts.access import children_visible_to
from steadfast.accounts.models import Allocation, AllocationRole, User
from steadfast.placements.models import Placement
from steadfast.placements.selectors import with_placement_counts

from .models import Child, LegalStatus, Relationship
from .search import search_words


def _current_social_worker_allocations():
    return Allocation.objects.filter(
        child=OuterRef("pk"), role=AllocationRole.SOCIAL_WORKER, end_date__isnull=True
    ).order_by("-start_date")


def _current_placements():
    return Placement.objects.filter(child=OuterRef("pk"), end_date__isnull=True)


def child_list_for(
    user: User,
    *,
    search: str = "",
    team_id: int | None = None,
    worker_name: str = "",
    placement_type: str = "",
    min_placements_last_12_months: int | None = None,
) -> QuerySet[Child]:
    """The children list: those the user may see, filtered, with the user's own allocated
    children first. Every row carries its placement counts, current placement type and social
    worker's name, so the page costs the same few queries however many rows it has."""
    mine = Exists(Allocation.objects.filter(child=OuterRef("pk"), worker=user, end_date__isnull=True))
    children = children_visible_to(user).annotate(is_mine=mine)
    for word in search_words(search):
        children = children.filter(search_text__contains=word)
    if team_id:
        children = children.filter(
            Exists(
                Allocation.objects.filter(
                    child=OuterRef("pk"), end_date__isnull=True, worker__team_id=team_id
                )
            )
        )
    if worker_name:
        allocated = Allocation.objects.filter(child=OuterRef("pk"), end_date__isnull=True)
        for word in worker_name.split()[:3]:
            allocated = allocated.filter(
                Q(worker__first_name__icontains=word) | Q(worker__last_name__icontains=word)
            )
        children = children.filter(Exists(allocated))
    if placement_type:
        children = children.filter(Exists(_current_placements().filter(placement_type=placement_type)))
    children = with_placement_counts(children)
    if min_placements_last_12_months:
        children = children.filter(placements_last_12_months__gte=min_placements_last_12_months)
    social_worker = _current_social_worker_allocations()
    return children.annotate(
        social_worker_name=Subquery(
            social_worker.annotate(
                name=Concat("worker__first_name", Value(" "), "worker__last_name", output_field=CharField())
            ).values("name")[:1]
        ),
        current_placement_type=Subquery(_current_placements().values("placement_type")[:1]),
    ).order_by("-is_mine", "legal_last_name", "legal_first_name", "pk")


def legal_statuses_of(child: Child) -> QuerySet[LegalStatus]:
    return LegalStatus.objects.filter(child=child).order_by("-start_date")


def relationships_of(child: Child, *, viewer: User) -> list[dict]:
    """The child's relationships as the viewer may see them: a related child's name links to
    their record only when the viewer may see it, and a related child whose record is
    restricted from the viewer is left out entirely."""
    # One query, whatever the child's relationships: the related children the viewer may see,
    # with their placement counts.
    counts = dict(
        with_placement_counts(
            children_visible_to(viewer).filter(
                pk__in=Relationship.objects.filter(child=child).values("related_child")
            )
        ).values_list("pk", "placements_last_12_months")
    )
    visible_ids = counts.keys()
    rows = []
    for relationship in Relationship.objects.filter(child=child).select_related("related_child"):
        related = relationship.related_child
        if related is not None and related.restricted and related.pk not in visible_ids:
            continue
        shown = related is not None and related.pk in visible_ids
        rows.append(
            {
                "relationship": relationship,
                "name": related.display_name if related else relationship.person_name,
                "child_id": related.pk if shown else None,
                "placements_last_12_months": counts[related.pk] if shown else None,
            }
        )
    return rows
