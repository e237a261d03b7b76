"""Due work: everything in Steadfast with a due date, as one list of `WorkItem`s, each with the
worker whose work it is.

The same collection serves three readers: My work (`work_for`, a person's own items, only about
the children and households they may see), team oversight (`team_work`, a manager's teams and
management line) and the reminder sweep (`all_open_work`, the whole authority). Each kind of
work reuses its app's own rule (the pure rules in `rules.py`, the policies and timescales in
force, the statuses a selector counts as open), worked out for many records at once: each kind
costs a fixed number of queries however many records there are, and the workers who own the
items are read once, in bulk, at the end.

Who owns what (see docs/oversight.md, "My work"):
- the child's social worker: meetings to arrange or late, reviews, disruption meetings and
  learning circles after an ending, statutory visits, words and pictures stories, Stability
  Actions owned by someone who is not a worker, and what the child sent through their own page;
- a child's answer through their own page that they may not be safe or happy where they live:
  their social worker's, and their manager's too, as the concern's decision is found;
- the worker named on a Stability Action owns it;
- the manager of the child's social worker's team (else their line manager) decides what
  happens next on a stability concern;
- a team manager who neither chaired nor sent a plan authorises it: the manager of the child's
  social worker's team, else their line manager, else the same for the household's supervising
  social worker;
- the household's supervising social worker: supervision, carers' logs and requests for help,
  and the manager a request was escalated to as well.
"""

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Count, Exists, Max, Min, OuterRef, Q, QuerySet, Subquery
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode

from steadfast.accounts import access
from steadfast.accounts.models import Allocation, AllocationRole, HouseholdAllocation, Role, User
from steadfast.carer_logs import rules as log_rules
from steadfast.carer_logs.models import CarerLog
from steadfast.carer_logs.selectors import policy_in_force as log_policy_in_force
from steadfast.concerns.models import ConcernStatus, MeetingKind, StabilityConcern
from steadfast.core.shortening import shorten
from steadfast.core.working_days import add_working_days
from steadfast.households.models import Household
from steadfast.households.selectors import household_labels
from steadfast.meetings.models import MeetingStatus, OwnerKind, StabilityAction, StabilityMeeting
from steadfast.meetings.selectors import OPEN_ACTION_STATUSES, endings_without_a_meeting
from steadfast.meetings.services import working_days_after_ending
from steadfast.placements.models import Placement
from steadfast.placements.rules import twelve_months_before
from steadfast.supervision import rules as supervision_rules
from steadfast.supervision.selectors import policy_in_force as supervision_policy_in_force
from steadfast.support_requests import rules as request_rules
from steadfast.support_requests.models import OPEN_STATUSES as OPEN_REQUEST_STATUSES
from steadfast.support_requests.models import SupportRequest, SupportRequestStatus
from steadfast.support_requests.selectors import support_requests_visible_to
from steadfast.visits import rules as visit_rules
from steadfast.visits.models import StatutoryVisit
from steadfast.visits.selectors import policy_in_force as visit_policy_in_force
from steadfast.voice import rules as voice_rules
from steadfast.voice.models import Influence, VoiceRecord
from steadfast.words_and_pictures.rules import story_due_on
from steadfast.words_and_pictures.selectors import placed_children_story_dates
from steadfast.young_people.selectors import childs_views_awaiting_a_worker

# Something due within this many days is "due soon" (visits, supervision, Stability Actions).
DUE_SOON_DAYS = 7
# A review meeting takes arranging (invitations, views before it), so it shows four weeks ahead.
REVIEW_NOTICE_DAYS = 28
# The decisions of the last year are followed up for the child's voice; older ones are history.
VOICE_LOOKBACK_DAYS = 365
# How much of a manager's comments on a returned plan My work shows; the meeting's page has all.
RETURN_COMMENTS_SHOWN = 200

# Each kind of work and its heading, most urgent first.
WORK_KINDS: dict[str, str] = {
    "childs_safety": "Children who said they may not be safe or happy where they live",
    "concern_triage": "Stability concerns awaiting a decision",
    "meeting_late": "Stability meetings late against their timescale",
    "meeting_due": "Stability meetings to arrange",
    "request_late": "Requests for help that are late",
    "plan_authorisation": "Stability plans awaiting authorisation",
    "plan_returned": "Stability plans returned with comments",
    "childs_views_sent": "Views children sent through their own page",
    "visit_overdue": "Statutory visits overdue",
    "action_overdue": "Stability Actions overdue",
    "supervision_overdue": "Supervision overdue",
    "logs_unreviewed": "Carers' logs waiting too long for review",
    "story_missing": "Children without a words and pictures story",
    "story_overdue": "Words and pictures stories overdue",
    "disruption_meeting_due": "Disruption meetings to arrange",
    "learning_circle_due": "Learning circles to arrange",
    "review_due": "Reviews due",
    "request_open": "Requests for help to answer",
    "visit_due": "Statutory visits due soon",
    "action_due": "Stability Actions due soon",
    "supervision_due": "Supervision due soon",
    "story_due": "Words and pictures stories due soon",
    "voice_not_followed_through": "Decisions where the child's voice is not followed through",
}
_URGENCY = {kind: n for n, kind in enumerate(WORK_KINDS)}


@dataclass(frozen=True)
class WorkItem:
    kind: str  # a key of WORK_KINDS
    title: str  # plain words, e.g. "Statutory visit overdue"
    detail: str  # one line: what and since when; may name the child (pages only, never email)
    due: datetime.date  # the due date (for something overdue, the day it was due)
    overdue: bool
    url: str  # where to act
    key: str  # stable identity for the reminder ledger, e.g. "visit:child:42:2026-11-02"
    owner_id: int | None  # the worker whose work it is
    team_id: int | None  # the owner's team
    child_id: int | None
    household_id: int | None
    # Where to read it, for someone who sees the item but may not act on it (a manager who may
    # not authorise, looking at a plan in team oversight); the place to act when empty.
    record_url: str = ""


def _day(value: datetime.date) -> str:
    return f"{value.day} {value:%B %Y}"


def _arrange_url(child_id: int, **about: object) -> str:
    """The page that arranges a meeting for the child: from a concern, to review a plan, or
    after an ending."""
    return f"{reverse('meetings:meeting-arrange', args=[child_id])}?{urlencode(about)}"


def _sort_key(item: WorkItem) -> tuple:
    return (not item.overdue, _URGENCY[item.kind], item.due, item.key)


def sort_work(items: Iterable[WorkItem]) -> list[WorkItem]:
    """Overdue first, then by the urgency order of WORK_KINDS, then by due date."""
    return sorted(items, key=_sort_key)


# --- Who owns an item ---------------------------------------------------------------------------
# A collector says how its owner is found (an `_Owner` rule); `_People` reads, in bulk, the
# workers and managers those rules need, once every item is collected.


@dataclass(frozen=True)
class _Owner:
    rule: str  # "child_sw", "household_ssw", "triager", "authoriser" or "user"
    user_id: int | None = None  # for "user": the named worker (the child's SW when None)
    not_ids: tuple[int | None, ...] = ()  # for "authoriser": who chaired or sent the plan


@dataclass
class _Pending:
    kind: str
    title: str
    detail: str
    due: datetime.date
    overdue: bool
    url: str
    key: str
    owner: _Owner
    child_id: int | None = None
    household_id: int | None = None
    record_url: str = ""
    # The detail is about the household, and begins with its `Household.label`, which `_collect`
    # reads once for every such item.
    names_household: bool = False


@dataclass(frozen=True)
class _Person:
    id: int
    team_id: int | None
    team_manager_id: int | None
    line_manager_id: int | None
    role: str
    is_active: bool


@dataclass
class _People:
    """The current child's social worker of each child and supervising social worker of each
    household, and the people their items may pass to, each read in one query."""

    child_sw: dict[int, _Person] = field(default_factory=dict)
    household_ssw: dict[int, _Person] = field(default_factory=dict)
    by_id: dict[int, _Person] = field(default_factory=dict)

    @classmethod
    def load(cls, pending: list[_Pending], scope: "_Scope", today: datetime.date) -> "_People":
        """Read the people the pending items' owner rules need. Across the authority, every
        current allocation; for one viewer, those of the items' own children and households, so
        that an item's owner never depends on who is looking."""
        people = cls()
        if not pending:
            return people
        allocations = Allocation.objects.filter(access.active_on(today), role=AllocationRole.SOCIAL_WORKER)
        supervising = HouseholdAllocation.objects.filter(access.active_on(today))
        if scope.viewer is not None:
            allocations = allocations.filter(child__in={p.child_id for p in pending} - {None})
            supervising = supervising.filter(household__in={p.household_id for p in pending} - {None})
        # Oldest first, so that where two overlap the newest is kept.
        for allocation in allocations.select_related("worker__team").order_by("start_date", "pk"):
            people.child_sw[allocation.child_id] = people._add(allocation.worker)
        for allocation in supervising.select_related("worker__team").order_by("start_date", "pk"):
            people.household_ssw[allocation.household_id] = people._add(allocation.worker)
        wanted = {p.owner.user_id for p in pending if p.owner.user_id}
        for person in (*people.child_sw.values(), *people.household_ssw.values()):
            wanted |= {person.team_manager_id, person.line_manager_id}
        wanted -= {None, *people.by_id}
        if wanted:
            for user in User.objects.filter(pk__in=wanted).select_related("team"):
                people._add(user)
        return people

    def _add(self, user: User) -> _Person:
        if user.pk not in self.by_id:
            self.by_id[user.pk] = _Person(
                id=user.pk,
                team_id=user.team_id,
                team_manager_id=user.team.manager_id if user.team_id else None,
                line_manager_id=user.line_manager_id,
                role=user.role,
                is_active=user.is_active,
            )
        return self.by_id[user.pk]

    def get(self, user_id: int | None) -> _Person | None:
        return self.by_id.get(user_id) if user_id is not None else None

    def _managers_of(self, worker: _Person | None) -> list[_Person]:
        if worker is None:
            return []
        managers = [self.get(worker.team_manager_id), self.get(worker.line_manager_id)]
        return [m for m in managers if m is not None and m.id != worker.id and m.is_active]

    def owner(self, item: _Pending) -> _Person | None:
        rule = item.owner.rule
        sw = self.child_sw.get(item.child_id) if item.child_id else None
        if rule == "child_sw":
            return sw
        if rule == "household_ssw":
            return self.household_ssw.get(item.household_id) if item.household_id else None
        if rule == "user":
            return self.get(item.owner.user_id) if item.owner.user_id else sw
        if rule == "triager":
            # The manager of the social worker's team decides; a manager allocated as the
            # child's social worker decides their own.
            if sw is not None and sw.team_manager_id == sw.id and sw.role in access.MANAGER_ROLES:
                return sw
            managers = [m for m in self._managers_of(sw) if m.role in access.MANAGER_ROLES]
            return managers[0] if managers else None
        if rule == "authoriser":
            ssw = self.household_ssw.get(item.household_id) if item.household_id else None
            for candidate in [*self._managers_of(sw), *self._managers_of(ssw)]:
                if candidate.role in access.PLAN_AUTHORISER_ROLES and candidate.id not in item.owner.not_ids:
                    return candidate
            return None
        raise ValueError(f"Unknown owner rule {rule}")


# --- What to look at ----------------------------------------------------------------------------


@dataclass(frozen=True)
class _Scope:
    """The records to look at: those about the children and households the viewer may see, or,
    with no viewer, the whole authority."""

    viewer: User | None = None
    children: QuerySet | None = None
    households: QuerySet | None = None

    @classmethod
    def of(cls, user: User) -> "_Scope":
        return cls(
            viewer=user,
            children=access.children_visible_to(user),
            households=access.households_visible_to(user),
        )

    def about_children(self, rows: QuerySet, field_name: str = "child") -> QuerySet:
        if self.children is None:
            return rows
        return rows.filter(**{f"{field_name}__in": self.children.values("pk")})

    def about_households(self, rows: QuerySet, field_name: str = "household") -> QuerySet:
        if self.households is None:
            return rows
        return rows.filter(**{f"{field_name}__in": self.households.values("pk")})


# --- Each kind of work --------------------------------------------------------------------------

Collector = Callable[[_Scope, datetime.date], list[_Pending]]


def _concerns(scope: _Scope, today: datetime.date) -> list[_Pending]:
    """Concerns awaiting a manager's decision, and those whose agreed meeting is still to be
    arranged: due by the concern's own due date (late once it has passed, as
    `concerns.selectors.is_late`)."""
    concerns = scope.about_children(
        StabilityConcern.objects.filter(
            status__in=(ConcernStatus.AWAITING_TRIAGE, ConcernStatus.MEETING_TO_ARRANGE)
        )
    ).select_related("child")
    items = []
    for concern in concerns:
        late = concern.due_date < today
        if concern.status == ConcernStatus.AWAITING_TRIAGE:
            items.append(
                _Pending(
                    kind="concern_triage",
                    title="Stability concern awaiting a decision",
                    detail=f"{concern.child}: {concern.get_urgency_display().lower()}, raised "
                    f"{_day(timezone.localdate(concern.raised_at))}; "
                    f"a response is due by {_day(concern.due_date)}",
                    due=concern.due_date,
                    overdue=late,
                    url=reverse("concerns:concern-triage", args=[concern.pk]),
                    key=f"concern:{concern.pk}:{concern.due_date.isoformat()}",
                    owner=_Owner("triager"),
                    child_id=concern.child_id,
                    household_id=concern.household_id,
                )
            )
        else:
            kind_label = (
                MeetingKind(concern.meeting_kind).label.lower() if concern.meeting_kind else "meeting"
            )
            items.append(
                _Pending(
                    kind="meeting_late" if late else "meeting_due",
                    title="Stability meeting late" if late else "Stability meeting to arrange",
                    detail=f"{concern.child}: a {kind_label} agreed after a concern is due by "
                    f"{_day(concern.due_date)} and is not arranged yet",
                    due=concern.due_date,
                    overdue=late,
                    url=_arrange_url(concern.child_id, concern=concern.pk),
                    key=f"meeting:concern:{concern.pk}:{concern.due_date.isoformat()}",
                    owner=_Owner("child_sw"),
                    child_id=concern.child_id,
                    household_id=concern.household_id,
                )
            )
    return items


def meeting_is_late(
    *, status: str, scheduled_on: datetime.date, due: datetime.date | None, today: datetime.date
) -> bool:
    """`meetings.selectors.is_late` on a given day: a meeting is late when it is held, or still
    to be held, after its due date."""
    if due is None:
        return False
    if status == MeetingStatus.PLANNED and scheduled_on <= today:
        return today > due
    return scheduled_on > due


def _meetings(scope: _Scope, today: datetime.date) -> list[_Pending]:
    """Planned meetings late against their timescale (the concern's due date, the review date,
    or the timescale after an ending); plans awaiting authorisation; plans returned with
    comments, the chair's to correct and send again within the same timescale; and reviews due,
    from the next review date of an authorised meeting not yet reviewed."""
    meetings = scope.about_children(
        StabilityMeeting.objects.filter(
            Q(status=MeetingStatus.PLANNED, due_date__isnull=False)
            | Q(status__in=(MeetingStatus.AWAITING_AUTHORISATION, MeetingStatus.RETURNED))
            | (
                Q(
                    status=MeetingStatus.AUTHORISED,
                    next_review_date__lte=today + datetime.timedelta(days=REVIEW_NOTICE_DAYS),
                )
                & ~Exists(StabilityMeeting.objects.filter(reviews=OuterRef("pk")))
            )
        )
    ).select_related("child")
    items = []
    for meeting in meetings:
        kind = meeting.get_kind_display()
        held_on = timezone.localdate(meeting.scheduled_at)
        if meeting.status == MeetingStatus.PLANNED:
            if not meeting_is_late(
                status=meeting.status, scheduled_on=held_on, due=meeting.due_date, today=today
            ):
                continue
            items.append(
                _Pending(
                    kind="meeting_late",
                    title="Stability meeting late",
                    detail=f"{meeting.child}: {kind.lower()} on {_day(held_on)} "
                    f"was due by {_day(meeting.due_date)}",
                    due=meeting.due_date,
                    overdue=True,
                    url=reverse("meetings:meeting-detail", args=[meeting.pk]),
                    key=f"meeting:{meeting.pk}:{meeting.due_date.isoformat()}",
                    owner=_Owner("child_sw"),
                    child_id=meeting.child_id,
                    household_id=meeting.household_id,
                )
            )
        elif meeting.status == MeetingStatus.AWAITING_AUTHORISATION:
            sent_on = timezone.localdate(meeting.submitted_at) if meeting.submitted_at else held_on
            due = add_working_days(sent_on, settings.PLAN_AUTHORISATION_WORKING_DAYS)
            items.append(
                _Pending(
                    kind="plan_authorisation",
                    title="Stability plan awaiting authorisation",
                    detail=f"{meeting.child}: {kind.lower()} of {_day(held_on)}, sent on {_day(sent_on)}",
                    due=due,
                    overdue=due < today,
                    url=reverse("meetings:meeting-authorise", args=[meeting.pk]),
                    record_url=reverse("meetings:meeting-detail", args=[meeting.pk]),
                    key=f"plan:meeting:{meeting.pk}:{due.isoformat()}",
                    owner=_Owner("authoriser", not_ids=(meeting.chair_id, meeting.submitted_by_id)),
                    child_id=meeting.child_id,
                    household_id=meeting.household_id,
                )
            )
        elif meeting.status == MeetingStatus.RETURNED:
            returned_on = timezone.localdate(meeting.returned_at or meeting.updated_at)
            due = add_working_days(returned_on, settings.PLAN_AUTHORISATION_WORKING_DAYS)
            comments = meeting.return_comments
            if len(comments) > RETURN_COMMENTS_SHOWN:
                comments = comments[:RETURN_COMMENTS_SHOWN].rstrip() + "\N{HORIZONTAL ELLIPSIS}"
            items.append(
                _Pending(
                    kind="plan_returned",
                    title="Stability plan returned with comments",
                    detail=f"{meeting.child}: {kind.lower()} of {_day(held_on)}, returned on "
                    f"{_day(returned_on)} with the comments \u201c{comments}\u201d",
                    due=due,
                    overdue=due < today,
                    url=reverse("meetings:meeting-detail", args=[meeting.pk]),
                    key=f"returned:meeting:{meeting.pk}:{due.isoformat()}",
                    owner=_Owner("user", user_id=meeting.chair_id or meeting.submitted_by_id),
                    child_id=meeting.child_id,
                    household_id=meeting.household_id,
                )
            )
        else:
            due = meeting.next_review_date
            items.append(
                _Pending(
                    kind="review_due",
                    title="Review due",
                    detail=f"{meeting.child}: the plan from the {kind.lower()} of {_day(held_on)} "
                    f"is due a review by {_day(due)}",
                    due=due,
                    overdue=due < today,
                    url=_arrange_url(meeting.child_id, reviews=meeting.pk),
                    key=f"review:meeting:{meeting.pk}:{due.isoformat()}",
                    owner=_Owner("child_sw"),
                    child_id=meeting.child_id,
                    household_id=meeting.household_id,
                )
            )
    return items


def _actions(scope: _Scope, today: datetime.date) -> list[_Pending]:
    """Stability Actions in the Child's Plan still to do (`meetings.selectors.OPEN_ACTION_STATUSES`)
    due within DUE_SOON_DAYS, or past their date."""
    actions = scope.about_children(
        StabilityAction.objects.filter(
            status__in=OPEN_ACTION_STATUSES, due_date__lte=today + datetime.timedelta(days=DUE_SOON_DAYS)
        )
    ).select_related("child", "meeting")
    items = []
    for action in actions:
        overdue = action.due_date < today
        what = shorten(action.what, 80)
        drifting = overdue and timezone.localdate(action.updated_at) <= action.due_date
        since = ", with no update since" if drifting else ""
        items.append(
            _Pending(
                kind="action_overdue" if overdue else "action_due",
                title="Stability Action overdue" if overdue else "Stability Action due",
                detail=f"{action.child}: {what} (due by {_day(action.due_date)}{since})",
                due=action.due_date,
                overdue=overdue,
                url=reverse("meetings:child-plan", args=[action.child_id]),
                key=f"action:{action.pk}:{action.due_date.isoformat()}",
                owner=_Owner(
                    "user", user_id=action.owner_id if action.owner_kind == OwnerKind.WORKER else None
                ),
                child_id=action.child_id,
                household_id=action.meeting.household_id,
            )
        )
    return items


def endings_awaiting_a_meeting(*, today: datetime.date) -> QuerySet[Placement]:
    """`meetings.selectors.endings_awaiting_a_meeting` for every child at once: ended placements
    of the last twelve months with no disruption meeting or learning circle arranged."""
    return endings_without_a_meeting().filter(end_date__gt=twelve_months_before(today))


def _endings(scope: _Scope, today: datetime.date) -> list[_Pending]:
    """After a placement ends, a disruption meeting (an unplanned ending) or a learning circle (a
    planned one) is due within the authority's timescale in working days
    (`meetings.services.working_days_after_ending`)."""
    endings = scope.about_children(endings_awaiting_a_meeting(today=today)).select_related(
        "child", "household", "provider"
    )
    days = {
        kind: working_days_after_ending(kind)
        for kind in (MeetingKind.DISRUPTION, MeetingKind.LEARNING_CIRCLE)
    }
    items = []
    for placement in endings:
        kind = MeetingKind.LEARNING_CIRCLE if placement.ending_planned else MeetingKind.DISRUPTION
        due = add_working_days(placement.end_date, days[kind])
        overdue = due < today
        ending = "a planned move" if placement.ending_planned else "an unplanned ending"
        items.append(
            _Pending(
                kind="learning_circle_due" if placement.ending_planned else "disruption_meeting_due",
                title=f"{kind.label} to arrange",
                detail=f"{placement.child}: {ending} from {placement.home} on {_day(placement.end_date)}; "
                f"due by {_day(due)}",
                due=due,
                overdue=overdue,
                url=_arrange_url(placement.child_id, placement=placement.pk, kind=kind.value),
                key=f"ending:placement:{placement.pk}:{due.isoformat()}",
                owner=_Owner("child_sw"),
                child_id=placement.child_id,
                household_id=placement.household_id,
            )
        )
    return items


def _with_latest_visit(placements: QuerySet[Placement]) -> QuerySet[Placement]:
    # Only the latest visit since the placement began decides the next (as next_visit_due_for).
    latest = (
        StatutoryVisit.objects.filter(child=OuterRef("child"), date__gte=OuterRef("start_date"))
        .order_by("-date")
        .values("date")[:1]
    )
    return placements.annotate(latest_visit=Subquery(latest))


def _visit_due(placement: dict, policy: visit_rules.Policy) -> datetime.date:
    return visit_rules.next_visit_due(
        placement_start=placement["start_date"],
        agreed_long_term_on=placement["agreed_long_term_on"],
        visits=[placement["latest_visit"]] if placement["latest_visit"] else [],
        policy=policy,
    )


_VISIT_FIELDS = ("child_id", "start_date", "agreed_long_term_on", "latest_visit")


def _visits(scope: _Scope, today: datetime.date) -> list[_Pending]:
    """Each child in a placement now is due a statutory visit by `visits.rules.next_visit_due`:
    shown from DUE_SOON_DAYS before, overdue once the day has passed."""
    policy = visit_policy_in_force()
    placements = _with_latest_visit(scope.about_children(Placement.objects.filter(end_date__isnull=True)))
    rows = placements.values(
        *_VISIT_FIELDS,
        "household_id",
        "child__legal_first_name",
        "child__preferred_name",
        "child__legal_last_name",
    )
    soon = today + datetime.timedelta(days=DUE_SOON_DAYS)
    items = []
    for row in rows:
        due = _visit_due(row, policy)
        if due > soon:
            continue
        overdue = due < today
        first = row["child__preferred_name"] or row["child__legal_first_name"]
        name = f"{first} {row['child__legal_last_name']}"
        items.append(
            _Pending(
                kind="visit_overdue" if overdue else "visit_due",
                title="Statutory visit overdue" if overdue else "Statutory visit due",
                detail=f"{name}: the next statutory visit is due by {_day(due)}",
                due=due,
                overdue=overdue,
                url=reverse("visits:statutory-visit-record", args=[row["child_id"]]),
                key=f"visit:child:{row['child_id']}:{due.isoformat()}",
                owner=_Owner("child_sw"),
                child_id=row["child_id"],
                household_id=row["household_id"],
            )
        )
    return items


def _stories(scope: _Scope, today: datetime.date) -> list[_Pending]:
    """Each child in a placement now is due a words and pictures story by
    `words_and_pictures.rules.story_due_on`: a first one, or the one they have brought up to
    date; shown from DUE_SOON_DAYS before, overdue once the day has passed."""
    rows = placed_children_story_dates(scope.about_children(Placement.objects.all()))
    soon = today + datetime.timedelta(days=DUE_SOON_DAYS)
    items = []
    for row in rows:
        due = story_due_on(last_updated_on=row["story_updated_on"], placement_start=row["start_date"])
        if due is None or due > soon:
            continue
        overdue = due < today
        first = row["child__preferred_name"] or row["child__legal_first_name"]
        name = f"{first} {row['child__legal_last_name']}"
        if row["story_updated_on"] is None:
            kind, title = "story_missing", "No words and pictures story"
            detail = f"{name} has no words and pictures story; one is due by {_day(due)}"
        else:
            kind = "story_overdue" if overdue else "story_due"
            title = "Words and pictures story overdue" if overdue else "Words and pictures story due"
            detail = f"{name}: the words and pictures story is due to be updated by {_day(due)}"
        items.append(
            _Pending(
                kind=kind,
                title=title,
                detail=detail,
                due=due,
                overdue=overdue,
                url=reverse("words_and_pictures:story-detail", args=[row["child_id"]]),
                key=f"story:child:{row['child_id']}:{due.isoformat()}",
                owner=_Owner("child_sw"),
                child_id=row["child_id"],
                household_id=row["household_id"],
            )
        )
    return items


def _with_last_sessions(households: QuerySet[Household]) -> QuerySet[Household]:
    # The rule reads only the latest session and the latest unannounced one.
    return households.annotate(
        last_session=Max("supervision_sessions__date"),
        last_unannounced=Max("supervision_sessions__date", filter=Q(supervision_sessions__unannounced=True)),
    )


def _supervision_due(household: dict, policy: supervision_rules.Policy) -> supervision_rules.Due:
    held = ((household["last_session"], False), (household["last_unannounced"], True))
    return supervision_rules.supervision_due(
        approved_on=household["approval_date"], sessions=[(day, u) for day, u in held if day], policy=policy
    )


_SUPERVISION_FIELDS = ("pk", "approval_date", "last_session", "last_unannounced")


def _supervision(scope: _Scope, today: datetime.date) -> list[_Pending]:
    """Each household's next supervision and next unannounced visit
    (`supervision.rules.supervision_due`): shown from DUE_SOON_DAYS before, overdue once the day
    has passed."""
    policy = supervision_policy_in_force()
    rows = _with_last_sessions(scope.about_households(Household.objects.all(), "pk")).values(
        *_SUPERVISION_FIELDS
    )
    soon = today + datetime.timedelta(days=DUE_SOON_DAYS)
    items = []
    for row in rows:
        due = _supervision_due(row, policy)
        for day, what, key in (
            (due.supervision, "Supervision", "supervision"),
            (due.unannounced_visit, "Unannounced visit", "unannounced"),
        ):
            if day > soon:
                continue
            overdue = day < today
            items.append(
                _Pending(
                    kind="supervision_overdue" if overdue else "supervision_due",
                    title=f"{what} overdue" if overdue else f"{what} due",
                    detail=f"the next {what.lower()} is due by {_day(day)}",
                    due=day,
                    overdue=overdue,
                    url=reverse("supervision:supervision-record", args=[row["pk"]]),
                    key=f"{key}:household:{row['pk']}:{day.isoformat()}",
                    owner=_Owner("household_ssw"),
                    household_id=row["pk"],
                    names_household=True,
                )
            )
    return items


def _logs(scope: _Scope, today: datetime.date) -> list[_Pending]:
    """Households with carers' logs unreviewed past the log review policy
    (`carer_logs.rules.overdue_before`), one item for each, due the day its oldest was."""
    policy = log_policy_in_force()
    logs = CarerLog.objects.filter(reviewed_at__isnull=True, date__lt=log_rules.overdue_before(today, policy))
    if scope.viewer is not None:
        # As the logs page counts them: a restricted child's logs only for those who see the child.
        logs = scope.about_households(logs).filter(
            Q(child__restricted=False) | Q(child__in=scope.children.values("pk"))
        )
    else:
        # The sweep tells the supervising social worker, then their manager, who need not see a
        # restricted child: its logs are counted only on the pages, for those who see the child.
        logs = logs.filter(child__restricted=False)
    rows = (
        logs.values("household_id").annotate(overdue=Count("pk"), oldest=Min("date")).order_by("household_id")
    )
    items = []
    for row in rows:
        due = row["oldest"] + datetime.timedelta(days=policy.review_within_days)
        logs_waiting = "1 carer's log" if row["overdue"] == 1 else f"{row['overdue']} carers' logs"
        items.append(
            _Pending(
                kind="logs_unreviewed",
                title="Carers' logs waiting for review",
                detail=f"{logs_waiting} not reviewed within "
                f"{policy.review_within_days} days, the oldest from {_day(row['oldest'])}",
                due=due,
                overdue=True,
                url=reverse("carer_logs:carer-log-list", args=[row["household_id"]]),
                key=f"logs:household:{row['household_id']}:{due.isoformat()}",
                owner=_Owner("household_ssw"),
                household_id=row["household_id"],
                names_household=True,
            )
        )
    return items


def _requests(scope: _Scope, today: datetime.date) -> list[_Pending]:
    """Open requests for help: late by `support_requests.rules.lateness`, or still due to be
    acknowledged or answered. The supervising social worker owns each; one escalated is the
    manager's it went to as well."""
    requests = SupportRequest.objects.filter(status__in=OPEN_REQUEST_STATUSES)
    if scope.viewer is not None:
        requests = requests.filter(pk__in=support_requests_visible_to(scope.viewer).values("pk"))
    items = []
    for request in requests:
        why = request_rules.lateness(request, today)
        due = request.acknowledgement_due if request.acknowledged_at is None else request.response_due
        step = "acknowledged" if request.acknowledged_at is None else "answered"
        detail = (
            f"{request.get_kind_display().lower()}, asked for on "
            f"{_day(timezone.localdate(request.asked_at))}. "
            + (why or f"It is due to be {step} by {_day(due)}.")
        )
        common = {
            "kind": "request_late" if why else "request_open",
            "due": due,
            "overdue": bool(why),
            "url": reverse("support_requests:support-request-detail", args=[request.pk]),
            "child_id": request.child_id,
            "household_id": request.household_id,
            "names_household": True,
        }
        items.append(
            _Pending(
                title="Request for help late" if why else "Request for help to answer",
                detail=detail,
                key=f"request:{request.pk}:{due.isoformat()}",
                owner=_Owner("household_ssw"),
                **common,
            )
        )
        if request.status == SupportRequestStatus.ESCALATED and request.escalated_to_id:
            items.append(
                _Pending(
                    title="Request for help escalated",
                    detail=f"{detail} Escalated: {request.escalation_reason}".strip(),
                    key=f"request:{request.pk}:escalated:{due.isoformat()}",
                    owner=_Owner("user", user_id=request.escalated_to_id),
                    **common,
                )
            )
    return items


def _childs_own_views(scope: _Scope, today: datetime.date) -> list[_Pending]:
    """What children sent through their own page. A child who said they may not be safe or
    happy where they live is urgent, for their social worker and their manager both, from the
    moment they said it until a worker records what they did; anything else the child sent
    waits for their social worker to read it."""
    items = []
    for views in scope.about_children(childs_views_awaiting_a_worker()).select_related("child"):
        sent = timezone.localdate(views.created_at)
        url = reverse("young_people:views-detail", args=[views.pk])
        if views.worried_about_safety:
            for owner, key in ((_Owner("child_sw"), "safety"), (_Owner("triager"), "safety:manager")):
                items.append(
                    _Pending(
                        kind="childs_safety",
                        title="Child not sure they are safe or happy",
                        detail=f"{views.child}: said through their own page on {_day(sent)} that they may "
                        "not feel safe or happy where they live. Act on it today and record what you did.",
                        due=sent,
                        overdue=True,
                        url=url,
                        key=f"childs-views:{views.pk}:{key}",
                        owner=owner,
                        child_id=views.child_id,
                    )
                )
        else:
            items.append(
                _Pending(
                    kind="childs_views_sent",
                    title="Views sent by a child",
                    detail=f"{views.child}: sent their views through their own page on {_day(sent)}",
                    due=sent,
                    overdue=False,
                    url=url,
                    key=f"childs-views:{views.pk}",
                    owner=_Owner("child_sw"),
                    child_id=views.child_id,
                )
            )
    return items


def _voice(scope: _Scope, today: datetime.date) -> list[_Pending]:
    """Decisions of the last year (meetings and significant decisions) where the child's views
    were not sought, or, once the 10 working days to feed back have passed, nothing is recorded
    of what changed or the child was not told: one item for each, naming what is left. Due on
    the decision's day when views were not sought, else on the last day to feed back."""
    records = (
        scope.about_children(
            VoiceRecord.objects.filter(decided_on__gte=today - datetime.timedelta(days=VOICE_LOOKBACK_DAYS))
        )
        .filter(
            Q(views_sought=False)
            | Q(fed_back_on__isnull=True)
            | ~Exists(Influence.objects.filter(record=OuterRef("pk")))
        )
        .annotate(influence_rows=Count("influences"))
        .select_related("child", "meeting")
        .order_by("decided_on", "pk")
    )
    items = []
    for record in records:
        gaps = voice_rules.gaps(
            views_sought=record.views_sought,
            influence_rows=record.influence_rows,
            decided_on=record.decided_on,
            fed_back_on=record.fed_back_on,
            today=today,
        )
        if not gaps:
            continue
        due = (
            record.decided_on
            if gaps == [voice_rules.NOT_SOUGHT]
            else voice_rules.feedback_due(record.decided_on)
        )
        items.append(
            _Pending(
                kind="voice_not_followed_through",
                title=voice_rules.GAP_TITLES[gaps[0]],
                detail=f"{record.child}: {record.described}, {_day(record.decided_on)}; "
                + "; ".join(voice_rules.GAP_TITLES[gap].lower() for gap in gaps),
                due=due,
                overdue=due < today,
                url=reverse("voice:voice-record-detail", args=[record.pk]),
                key=f"voice:{record.pk}:{'+'.join(gaps)}",
                owner=_Owner("child_sw"),
                child_id=record.child_id,
            )
        )
    return items


# Each collector and the kinds it gives, so that a list of some kinds reads only what it needs.
_COLLECTORS: tuple[tuple[Collector, frozenset[str]], ...] = (
    (_concerns, frozenset({"concern_triage", "meeting_due", "meeting_late"})),
    (_meetings, frozenset({"meeting_late", "plan_authorisation", "plan_returned", "review_due"})),
    (_actions, frozenset({"action_overdue", "action_due"})),
    (_endings, frozenset({"disruption_meeting_due", "learning_circle_due"})),
    (_visits, frozenset({"visit_overdue", "visit_due"})),
    (_stories, frozenset({"story_missing", "story_overdue", "story_due"})),
    (_supervision, frozenset({"supervision_overdue", "supervision_due"})),
    (_logs, frozenset({"logs_unreviewed"})),
    (_requests, frozenset({"request_late", "request_open"})),
    (_childs_own_views, frozenset({"childs_safety", "childs_views_sent"})),
    (_voice, frozenset({"voice_not_followed_through"})),
)


def _collect(scope: _Scope, today: datetime.date, kinds: Iterable[str] | None = None) -> list[WorkItem]:
    wanted = set(WORK_KINDS) if kinds is None else set(kinds)
    pending = [
        item
        for collect, gives in _COLLECTORS
        if gives & wanted
        for item in collect(scope, today)
        if item.kind in wanted
    ]
    people = _People.load(pending, scope, today)
    labels = household_labels(p.household_id for p in pending if p.names_household)
    items = []
    for p in pending:
        owner = people.owner(p)
        items.append(
            WorkItem(
                kind=p.kind,
                title=p.title,
                detail=f"{labels[p.household_id]}: {p.detail}" if p.names_household else p.detail,
                due=p.due,
                overdue=p.overdue,
                url=p.url,
                key=p.key,
                owner_id=owner.id if owner else None,
                team_id=owner.team_id if owner else None,
                child_id=p.child_id,
                household_id=p.household_id,
                record_url=p.record_url,
            )
        )
    return sort_work(items)


# --- The three readers --------------------------------------------------------------------------


def _is_active(user: User) -> bool:
    return bool(user and user.is_authenticated and user.is_active)


def _may_act(user: User, item: WorkItem) -> bool:
    if item.kind == "concern_triage":
        return access.can_triage_concern(user)
    if item.kind == "plan_authorisation":
        return access.can_authorise_stability_plan(user)
    return True


def link_for(user: User, item: WorkItem) -> str:
    """Where the item links for `user`: the place to act, or, for someone who may not act on
    it, where to read it."""
    return item.url if _may_act(user, item) or not item.record_url else item.record_url


# Kinds a fostering team manager watches on My work for their team's households, as well as
# their own work: supervision missed is what a household's placements come apart for unseen.
FOSTERING_MANAGER_WATCHES = frozenset({"supervision_overdue"})


def _watched_by(user: User) -> Callable[[WorkItem], bool]:
    """Which of others' items show on the user's My work: for a fostering team manager, those
    of FOSTERING_MANAGER_WATCHES whose owner is in a team they manage; for anyone else, none."""
    if user.role != Role.FOSTERING_TEAM_MANAGER:
        return lambda item: False
    teams = set(user.managed_teams.values_list("pk", flat=True))
    return lambda item: item.kind in FOSTERING_MANAGER_WATCHES and item.team_id in teams


def work_for(user: User, *, today: datetime.date) -> list[WorkItem]:
    """My work: the items that are the user's own, about children and households they may see,
    that they may act on, and, for a fostering team manager, their team's overdue supervision
    (`_watched_by`); sorted overdue first, then by urgency, then by due date."""
    if not _is_active(user) or user.role == Role.FOSTER_CARER:
        return []
    watched = _watched_by(user)
    return [
        item
        for item in _collect(_Scope.of(user), today)
        if (item.owner_id == user.pk or watched(item)) and _may_act(user, item)
    ]


def team_work(
    user: User,
    *,
    today: datetime.date,
    team_id: int | None = None,
    worker_id: int | None = None,
    kinds: Iterable[str] | None = None,
) -> list[WorkItem]:
    """Team oversight: for a manager, the work of everyone in their teams and management line
    (`access.colleague_ids`), and work nobody owns about the children and households they see,
    narrowed to a team, a worker and some kinds when given; for anyone else, their own work."""
    kinds = None if kinds is None else set(kinds)
    if not _is_active(user) or user.role not in access.MANAGER_ROLES:
        items = work_for(user, today=today)
    else:
        colleagues = set(access.colleague_ids(user))
        items = [
            item
            for item in _collect(_Scope.of(user), today, kinds)
            if item.owner_id in colleagues or item.owner_id is None
        ]
    return [
        item
        for item in items
        if (kinds is None or item.kind in kinds)
        and (team_id is None or item.team_id == team_id)
        and (worker_id is None or item.owner_id == worker_id)
    ]


def all_open_work(*, today: datetime.date) -> list[WorkItem]:
    """Every item due or overdue across the authority, whoever owns it: what the reminder sweep
    reads. No access filter: the sweep tells each owner only of their own."""
    return _collect(_Scope(), today)
