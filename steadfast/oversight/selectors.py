"""Reads for team oversight: the teams and workers in a manager's line; the work due and late in
it, with the names to show; and the children with two, and with three or more, placements in
the last 12 months, each with whether stability has been considered since their second move.

Every read starts from what the manager may see (`access.children_visible_to`,
`households_visible_to`), so a child or household outside their line is in no list, count or
download."""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import (
    BooleanField,
    Case,
    CharField,
    Count,
    DateField,
    DateTimeField,
    Exists,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce, Concat
from django.utils import timezone

from steadfast.accounts.access import (
    CASEWORK_ROLES,
    active_on,
    children_visible_to,
    colleague_ids,
    households_visible_to,
)
from steadfast.accounts.models import Allocation, AllocationRole, HouseholdAllocation, Team, User
from steadfast.assessments.rules import impact_assessment_due_on
from steadfast.assessments.selectors import (
    households_overdue_impact_assessment,
    households_with_low_ratings,
    low_ratings_of,
    named_with_age,
    siblings_placed_apart_unassessed,
)
from steadfast.children.models import Child
from steadfast.core.jinja2 import govuk_date
from steadfast.households.models import Household
from steadfast.households.selectors import carers_prefetch, household_labels
from steadfast.meetings.models import MeetingStatus, StabilityMeeting
from steadfast.my_work.work import WorkItem, link_for, team_work
from steadfast.placements.models import Placement
from steadfast.placements.selectors import in_last_twelve_months, with_placement_counts
from steadfast.signals import rules
from steadfast.signals.selectors import rules_shown_to, signal_settings_in_force, signals_of_children

# The two placement lists: children with at least this many placements in the last 12 months.
TWO_OR_MORE = 2
THREE_OR_MORE = 3

CONSIDERED_HELD = "Yes \N{EM DASH} meeting held on {day}"
CONSIDERED_PLANNED = "Yes \N{EM DASH} meeting planned for {day}"
NOT_CONSIDERED = "No"


def teams_in_line(user: User) -> QuerySet[Team]:
    """The teams a manager may filter oversight by: those of the people in their line, and
    those they manage."""
    return (
        Team.objects.filter(Q(members__pk__in=colleague_ids(user)) | Q(manager=user))
        .distinct()
        .order_by("name")
    )


def workers_in_line(user: User) -> QuerySet[User]:
    """The people a manager may filter oversight by: everyone in their line who works on cases,
    themselves included."""
    return User.objects.filter(pk__in=colleague_ids(user), is_active=True, role__in=CASEWORK_ROLES).order_by(
        "first_name", "last_name", "pk"
    )


def _worked_on_by(today: datetime.date, **worker: int) -> Exists:
    """The child has a worker matching `worker` (a `worker_id` or a `worker__team_id`): one
    allocated to them, or the supervising social worker of the household they live in now."""
    allocated = Allocation.objects.filter(active_on(today), child=OuterRef("pk"), **worker)
    supervising = HouseholdAllocation.objects.filter(active_on(today), **worker).values("household")
    lives_with_supervised = Placement.objects.filter(
        child=OuterRef("pk"), end_date__isnull=True, household__in=supervising
    )
    return Exists(allocated) | Exists(lives_with_supervised)


def children_in_line(
    user: User, *, today: datetime.date, team_id: int | None = None, worker_id: int | None = None
) -> QuerySet[Child]:
    """The children the user may see, narrowed to those a team's or a worker's (see
    `_worked_on_by`) when given: what every oversight list of children starts from."""
    children = children_visible_to(user)
    if team_id:
        children = children.filter(_worked_on_by(today, worker__team_id=team_id))
    if worker_id:
        children = children.filter(_worked_on_by(today, worker_id=worker_id))
    return children


# A list names a restricted household only to those who may see it; the child's record, whose
# every reading is audited, is where anyone else finds out more.
RESTRICTED_HOME = "A restricted household"


def with_worker_and_home(children: QuerySet[Child], *, viewer: User, today: datetime.date) -> QuerySet[Child]:
    """The children, each with `social_worker_name` and `team_name`, those of their social
    worker allocated on `today` (the latest allocated first), and `current_home`, the
    household or provider of their current placement (RESTRICTED_HOME for a restricted
    household `viewer` may not see); None where there is none; with `current_household_id`,
    the household shown, for `name_homes`. Subqueries, so no query per row."""
    social_worker = Allocation.objects.filter(
        active_on(today), child=OuterRef("pk"), role=AllocationRole.SOCIAL_WORKER
    ).order_by("-start_date", "-pk")
    hidden = Q(household__restricted=True) & ~Q(household__in=households_visible_to(viewer).values("pk"))
    current_home = Placement.objects.filter(child=OuterRef("pk"), end_date__isnull=True).annotate(
        home=Case(
            When(hidden, then=Value(RESTRICTED_HOME)),
            default=Coalesce("household__name", "provider__name"),
            output_field=CharField(),
        )
    )
    return children.annotate(
        social_worker_name=Subquery(
            social_worker.annotate(
                name=Concat("worker__first_name", Value(" "), "worker__last_name", output_field=CharField())
            ).values("name")[:1]
        ),
        team_name=Subquery(social_worker.values("worker__team__name")[:1]),
        current_home=Subquery(current_home.values("home")[:1]),
        current_household_id=Subquery(current_home.exclude(hidden).values("household_id")[:1]),
    )


def name_homes(children: Iterable[Any]) -> None:
    """Name each child's current household as every list names a household (`Household.label`:
    its reference and carers beside its name), for children from `with_worker_and_home`. Two
    queries, whatever the number of children."""
    children = list(children)
    labels = household_labels(c.current_household_id for c in children if c.current_household_id)
    for child in children:
        if child.current_household_id:
            child.current_home = labels[child.current_household_id]


def _meetings_since_second_move() -> QuerySet[StabilityMeeting]:
    # A meeting of any kind, dated on or after the day the second placement began.
    return StabilityMeeting.objects.filter(
        child=OuterRef("pk"), scheduled_at__date__gte=OuterRef("second_move")
    ).order_by("-scheduled_at", "-pk")


def children_with_placements(
    user: User,
    *,
    at_least: int,
    today: datetime.date | None = None,
    team_id: int | None = None,
    worker_id: int | None = None,
) -> QuerySet[Child]:
    """The children the user may see with at least `at_least` placements in the last 12 months
    (the count the children list shows), those whose stability has not been considered since
    their second move first, then the longest since that move.

    Each child carries `placements_last_12_months`; `second_move`, the day the second of those
    placements began; `held_at` and `held_meeting_id`, the latest meeting held since then (its
    record started and its day come); `planned_at` and `planned_meeting_id`, the latest still to
    be held; `considered`; `social_worker_name`, `team_name` and `current_home`. One query for
    any number of rows."""
    today = today or timezone.localdate()
    children = with_placement_counts(
        children_in_line(user, today=today, team_id=team_id, worker_id=worker_id), today=today
    ).filter(placements_last_12_months__gte=at_least)
    second_move = (
        Placement.objects.filter(in_last_twelve_months(today), child=OuterRef("pk"))
        .order_by("start_date", "pk")
        .values("start_date")[1:2]
    )
    held = (
        _meetings_since_second_move()
        .filter(scheduled_at__date__lte=today)
        .exclude(status=MeetingStatus.PLANNED)
    )
    planned = _meetings_since_second_move().filter(
        Q(status=MeetingStatus.PLANNED) | Q(scheduled_at__date__gt=today)
    )
    return (
        with_worker_and_home(children, viewer=user, today=today)
        .annotate(second_move=Subquery(second_move, output_field=DateField()))
        .annotate(
            held_at=Subquery(held.values("scheduled_at")[:1], output_field=DateTimeField()),
            held_meeting_id=Subquery(held.values("pk")[:1], output_field=IntegerField()),
            planned_at=Subquery(planned.values("scheduled_at")[:1], output_field=DateTimeField()),
            planned_meeting_id=Subquery(planned.values("pk")[:1], output_field=IntegerField()),
        )
        .annotate(
            considered=Case(
                When(Q(held_at__isnull=False) | Q(planned_at__isnull=False), then=Value(True)),
                default=Value(False),
                output_field=BooleanField(),
            ),
        )
        .order_by("considered", "second_move", "legal_last_name", "legal_first_name", "pk")
    )


def placement_list_counts(
    user: User,
    *,
    today: datetime.date | None = None,
    team_id: int | None = None,
    worker_id: int | None = None,
) -> dict[int, int]:
    """How many children the two placement lists hold, keyed by TWO_OR_MORE and THREE_OR_MORE,
    with the same filters; one query."""
    today = today or timezone.localdate()
    children = with_placement_counts(
        children_in_line(user, today=today, team_id=team_id, worker_id=worker_id), today=today
    )
    totals = children.aggregate(
        two=Count("pk", filter=Q(placements_last_12_months__gte=TWO_OR_MORE)),
        three=Count("pk", filter=Q(placements_last_12_months__gte=THREE_OR_MORE)),
    )
    return {TWO_OR_MORE: totals["two"], THREE_OR_MORE: totals["three"]}


@dataclass(frozen=True)
class Considered:
    """Whether stability has been considered since the second move, in words, with the meeting
    that shows it."""

    text: str
    meeting_id: int | None


def stability_considered(child: Child) -> Considered:
    """For a child from `children_with_placements`: a meeting held since the second move
    answers first, then one planned."""
    if child.held_at is not None:
        day = timezone.localdate(child.held_at)
        return Considered(CONSIDERED_HELD.format(day=govuk_date(day)), child.held_meeting_id)
    if child.planned_at is not None:
        day = timezone.localdate(child.planned_at)
        return Considered(CONSIDERED_PLANNED.format(day=govuk_date(day)), child.planned_meeting_id)
    return Considered(NOT_CONSIDERED, None)


# Work due and late -------------------------------------------------------------------------------


@dataclass(frozen=True)
class WorkRow:
    """One item of work as an oversight list shows it: the child and household only when the
    manager may see them, and the worker whose work it is, with their team."""

    item: WorkItem
    url: str  # where the item links for the manager (`work.link_for`)
    child: Child | None
    household: Household | None
    worker: str
    team: str
    days_late: int


def how_late(item: WorkItem, today: datetime.date) -> str:
    days = (today - item.due).days
    if not item.overdue:
        return "Due today" if days == 0 else f"Due in {-days} day{'' if days == -1 else 's'}"
    return f"{days} day{'' if days == 1 else 's'} late" if days > 0 else "Late today"


def team_work_rows(
    user: User,
    *,
    today: datetime.date,
    kinds: set[str],
    team_id: int | None = None,
    worker_id: int | None = None,
) -> list[WorkRow]:
    """The work of `kinds` in the manager's line (`work.team_work`), in its order (late first,
    then by due date), leaving out any item about a child or household the manager may not see.
    Three queries beyond collecting the work, however many items."""
    items = team_work(user, today=today, team_id=team_id, worker_id=worker_id, kinds=kinds)
    children = children_visible_to(user).in_bulk({i.child_id for i in items if i.child_id})
    households = (
        households_visible_to(user)
        .prefetch_related(carers_prefetch())
        .in_bulk({i.household_id for i in items if i.household_id})
    )
    owners = User.objects.select_related("team").in_bulk({i.owner_id for i in items if i.owner_id})
    rows = []
    for item in items:
        if (item.child_id and item.child_id not in children) or (
            item.household_id and item.household_id not in households
        ):
            continue
        owner = owners.get(item.owner_id)
        rows.append(
            WorkRow(
                item=item,
                url=link_for(user, item),
                child=children.get(item.child_id),
                household=households.get(item.household_id),
                worker=owner.get_full_name() if owner else "Nobody yet",
                team=owner.team.name if owner and owner.team else "",
                days_late=max((today - item.due).days, 0) if item.overdue else 0,
            )
        )
    return rows


# --- Oversight: the children in a manager's line with signals -----------------------------------


@dataclass(frozen=True)
class ChildWithSignals:
    child_id: int
    name: str
    child_identifier: str
    home: str
    social_worker: str
    team: str
    signals: list[rules.Signal]


def children_with_signals(
    user: User,
    *,
    today: datetime.date,
    team_id: int | None = None,
    worker_id: int | None = None,
    rule: str = "",
) -> list[ChildWithSignals]:
    """The children the user may see, narrowed to a team's or a worker's, with current signals
    (not quieted), or with the signal of `rule`: those with the most signals first, then the
    newest. A fixed number of queries, however many children."""
    ids = list(
        children_in_line(user, today=today, team_id=team_id, worker_id=worker_id).values_list("pk", flat=True)
    )
    found = {
        child_id: [s for s in child.current if not rule or s.rule == rule]
        for child_id, child in signals_of_children(user, ids, today=today).items()
    }
    found = {child_id: fired for child_id, fired in found.items() if fired}
    if not found:
        return []
    rows = with_worker_and_home(
        Child.objects.filter(pk__in=list(found)), viewer=user, today=today
    ).values_list(
        "pk",
        "preferred_name",
        "legal_first_name",
        "legal_last_name",
        "child_identifier",
        "current_home",
        "current_household_id",
        "social_worker_name",
        "team_name",
        named=True,
    )
    labels = household_labels(row.current_household_id for row in rows if row.current_household_id)
    listed = [
        ChildWithSignals(
            child_id=row.pk,
            name=f"{row.preferred_name or row.legal_first_name} {row.legal_last_name}",
            child_identifier=row.child_identifier,
            home=labels.get(row.current_household_id) or row.current_home or "",
            social_worker=row.social_worker_name or "Not allocated",
            team=row.team_name or "",
            signals=found[row.pk],
        )
        for row in rows
    ]
    return sorted(
        listed,
        key=lambda c: (-len(c.signals), -max(s.since for s in c.signals).toordinal(), c.name, c.child_id),
    )


def signal_counts_for(
    user: User, *, today: datetime.date, team_id: int | None = None, worker_id: int | None = None
) -> dict[str, int]:
    """For each rule in use, how many children the user may see (narrowed to a team's or a
    worker's) have its signal current, in the order the rules run. The tone rule is left out
    for someone who reads no household's logs with their cues."""
    ids = list(
        children_in_line(user, today=today, team_id=team_id, worker_id=worker_id).values_list("pk", flat=True)
    )
    settings = signal_settings_in_force()
    counts = {rule: 0 for rule in rules_shown_to(user) if rule not in settings.switched_off}
    for child in signals_of_children(user, ids, today=today, settings=settings).values():
        for signal in child.current:
            counts[signal.rule] += 1
    return counts


# Assessments: brothers and sisters living apart unassessed, and households' impact and stress --


def _household_worked_on_by(today: datetime.date, **worker: int) -> Q:
    """The household is a worker's (a `worker_id` or a `worker__team_id`): they supervise it, or
    they are allocated to a child who lives there now."""
    supervising = HouseholdAllocation.objects.filter(active_on(today), **worker).values("household")
    allocated = Allocation.objects.filter(active_on(today), **worker).values("child")
    homes = Placement.objects.filter(end_date__isnull=True, child__in=allocated).values("household")
    return Q(pk__in=supervising) | Q(pk__in=homes)


def households_in_line(
    user: User, *, today: datetime.date, team_id: int | None = None, worker_id: int | None = None
) -> QuerySet[Household]:
    """The households the user may see, narrowed to a team's or a worker's (see
    `_household_worked_on_by`) when given: what the oversight lists of households start from."""
    households = households_visible_to(user)
    if team_id:
        households = households.filter(_household_worked_on_by(today, worker__team_id=team_id))
    if worker_id:
        households = households.filter(_household_worked_on_by(today, worker_id=worker_id))
    return households


def with_supervising_worker(households: QuerySet[Household], *, today: datetime.date) -> QuerySet[Household]:
    """The households, each with `supervising_worker_name` and `team_name`, those of its
    supervising social worker allocated on `today` (None without one). Subqueries."""
    supervising = HouseholdAllocation.objects.filter(active_on(today), household=OuterRef("pk")).order_by(
        "-start_date", "-pk"
    )
    return households.annotate(
        supervising_worker_name=Subquery(
            supervising.annotate(
                name=Concat("worker__first_name", Value(" "), "worker__last_name", output_field=CharField())
            ).values("name")[:1]
        ),
        team_name=Subquery(supervising.values("worker__team__name")[:1]),
    )


@dataclass(frozen=True)
class SiblingsApartRow:
    """A child in the manager's line and a brother or sister living in another home, with no
    sibling assessment of the two: the brother or sister named with their age only, and linked
    only when the manager may open their record."""

    child: Child
    sibling: Child
    sibling_named: str
    sibling_visible: bool


def siblings_apart_rows(
    user: User, *, today: datetime.date, team_id: int | None = None, worker_id: int | None = None
) -> list[SiblingsApartRow]:
    """Brothers and sisters living apart with no sibling assessment, for the children in the
    manager's line (`assessments.selectors.siblings_placed_apart_unassessed`), each child with
    their social worker, team and home (`with_worker_and_home`), by the child's name. A fixed
    number of queries."""
    pairs = siblings_placed_apart_unassessed(
        children_in_line(user, today=today, team_id=team_id, worker_id=worker_id), viewer=user
    )
    children = with_worker_and_home(
        Child.objects.filter(pk__in={p.child_id for p in pairs}), viewer=user, today=today
    ).in_bulk()
    name_homes(children.values())
    rows = [
        SiblingsApartRow(
            child=children[p.child_id],
            sibling=p.sibling,
            sibling_named=named_with_age(p.sibling),
            sibling_visible=p.sibling_visible,
        )
        for p in pairs
    ]
    return sorted(
        rows, key=lambda r: (r.child.legal_last_name, r.child.legal_first_name, r.child.pk, r.sibling.pk)
    )


def households_with_low_impact_ratings(
    user: User, *, today: datetime.date, team_id: int | None = None, worker_id: int | None = None
) -> QuerySet[Household]:
    """The households in the manager's line whose latest impact and stress assessment rates a
    domain low (`assessments.selectors.households_with_low_ratings`), with `latest_assessed_on`
    and their supervising social worker and team, and their carers for `label`. Two queries."""
    return with_supervising_worker(
        households_with_low_ratings(
            households_in_line(user, today=today, team_id=team_id, worker_id=worker_id)
        ),
        today=today,
    ).prefetch_related(carers_prefetch())


def with_low_ratings(households: list[Household]) -> list[Household]:
    """The households from `households_with_low_impact_ratings`, each with `low_ratings`, its
    latest assessment's low domain ratings, lowest first. One query."""
    low = low_ratings_of(h.latest_assessment_id for h in households)
    for household in households:
        household.low_ratings = low.get(household.latest_assessment_id, [])
    return households


def households_overdue_impact(
    user: User, *, today: datetime.date, team_id: int | None = None, worker_id: int | None = None
) -> QuerySet[Household]:
    """The households in the manager's line with a child placed now and their impact and stress
    assessment overdue (`assessments.selectors.households_overdue_impact_assessment`), with
    their supervising social worker and team, and their carers for `label`. Two queries."""
    return with_supervising_worker(
        households_overdue_impact_assessment(
            households_in_line(user, today=today, team_id=team_id, worker_id=worker_id), today=today
        ),
        today=today,
    ).prefetch_related(carers_prefetch())


def with_due_on(households: list[Household]) -> list[Household]:
    """The households from `households_overdue_impact`, each with `due_on`, the day its impact
    and stress assessment was due (`assessments.rules.impact_assessment_due_on`)."""
    for household in households:
        household.due_on = impact_assessment_due_on(
            last_assessed_on=household.latest_assessed_on, caring_since=household.caring_since
        )
    return households
