"""Reads about supervision: sessions, when the next is due, and the latest scales."""

import datetime
from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.utils import timezone

from steadfast.accounts.access import children_named_on_household
from steadfast.accounts.models import Role
from steadfast.children.models import Child

from .models import PlacementStabilityScale, SupervisionPolicy, SupervisionSession
from .rules import DEFAULT_POLICY, Due, Policy, scale_suggests_concern, supervision_due


def children_placed_on(household: object, day: datetime.date) -> QuerySet[Child]:
    """Children living with the household on `day`: a child who moves that day counts only in
    their new home."""
    return Child.objects.filter(
        Q(placements__end_date__isnull=True) | Q(placements__end_date__gt=day),
        placements__household=household,
        placements__start_date__lte=day,
    ).distinct()


def children_to_scale(household: object, *, viewer: object) -> QuerySet[Child]:
    """The children a session might scale: those the viewer may name who were placed with the
    household at any time in the last 90 days, so a session recorded late still has them."""
    since = timezone.localdate() - datetime.timedelta(days=90)
    return (
        children_named_on_household(viewer, household)
        .filter(
            Q(placements__end_date__isnull=True) | Q(placements__end_date__gte=since),
            placements__household=household,
        )
        .distinct()
        .order_by("legal_first_name", "pk")
    )


def policy_in_force() -> Policy:
    row = SupervisionPolicy.objects.first()
    if row is None:
        return DEFAULT_POLICY
    return Policy(
        first_year_interval_days=row.first_year_interval_days,
        later_interval_days=row.later_interval_days,
        unannounced_interval_days=row.unannounced_interval_days,
    )


def sessions_of_household(household: object) -> QuerySet[SupervisionSession]:
    return SupervisionSession.objects.filter(household=household).select_related("created_by")


def supervision_due_for(household: object) -> Due:
    sessions = SupervisionSession.objects.filter(household=household).values_list("date", "unannounced")
    return supervision_due(approved_on=household.approval_date, sessions=sessions, policy=policy_in_force())


@dataclass(frozen=True)
class LatestScale:
    child: Child
    score: int
    reason: str
    date: datetime.date
    previous: int | None

    @property
    def suggests_concern(self) -> str:
        return scale_suggests_concern(self.score, self.previous)


def latest_scales_in_household(household: object, *, children: QuerySet[Child]) -> list[LatestScale]:
    """For each of `children` scaled in the household's supervision, the latest scale and the
    one before it. `children` is what the viewer may know of, narrowed at the call."""
    scales = (
        PlacementStabilityScale.objects.filter(session__household=household, child__in=children.values("pk"))
        .select_related("child", "session")
        .order_by("child_id", "-session__date", "-id")
    )
    latest: dict[int, LatestScale] = {}
    for scale in scales:
        found = latest.get(scale.child_id)
        if found is None:
            latest[scale.child_id] = LatestScale(
                child=scale.child,
                score=scale.score,
                reason=scale.reason,
                date=scale.session.date,
                previous=None,
            )
        elif found.previous is None and found.date != scale.session.date:
            latest[scale.child_id] = LatestScale(**{**found.__dict__, "previous": scale.score})
    return list(latest.values())


def scales_of_session(session: SupervisionSession, *, children: QuerySet[Child]) -> list[LatestScale]:
    """The session's scales for `children`, each with the child's scale before it in the
    household's supervision (the latest from an earlier day), so that `suggests_concern` answers
    for the session as it does for the latest scale on the household's record. Two queries."""
    scales = list(
        session.scales.filter(child__in=children.values("pk")).select_related("child").order_by("child_id")
    )
    earlier = (
        PlacementStabilityScale.objects.filter(
            session__household_id=session.household_id,
            session__date__lt=session.date,
            child__in=[scale.child_id for scale in scales],
        )
        .order_by("child_id", "-session__date", "-id")
        .values_list("child_id", "score")
    )
    previous: dict[int, int] = {}
    for child_id, score in earlier:
        previous.setdefault(child_id, score)
    return [
        LatestScale(
            child=scale.child,
            score=scale.score,
            reason=scale.reason,
            date=session.date,
            previous=previous.get(scale.child_id),
        )
        for scale in scales
    ]


def concern_raised_by(viewer: object) -> str:
    """Who a stability concern prompted by a scale is raised by, for the raise form's start."""
    return "supervising_social_worker" if viewer.role == Role.SUPERVISING_SOCIAL_WORKER else "manager"


def latest_scale_for(
    child: object, household: object, *, on_or_before: datetime.date
) -> PlacementStabilityScale | None:
    """The child's latest placement stability scale from the household's supervision, up to a day."""
    return (
        PlacementStabilityScale.objects.filter(
            child=child, session__household=household, session__date__lte=on_or_before
        )
        .select_related("session")
        .order_by("-session__date", "-id")
        .first()
    )
