"""Stability-signal situations built from Steadfast's records: what `rules.ChildSituation`
says about one child in one home, as recorded on a day.

Two builders share one mapping from records to plain data (docs/rules.md, "Where the
evidence comes from"):

- `current_situations` gives each child's situation in their current home today, for any
  number of children at once, in a fixed number of queries, reading only what today's rules
  can use;
- `placement_histories` gives every placement's situation week by week from its start, for the
  replay, from the whole record.

A situation is about one home: its carer logs, scales and requests for help are the home's, and
its events and concerns are those dated since the placement began. The child's placements and
their Stability Actions (the Child's Plan) are the child's. Steadfast records no school
exclusions or attendance, so those are always empty.
"""

import bisect
import datetime
import functools
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from django.db.models import Exists, F, Max, OuterRef, Q, QuerySet, Subquery, Window
from django.db.models.functions import RowNumber
from django.utils import timezone

from steadfast.carer_logs.models import CarerLog, SignificantEvent
from steadfast.carer_logs.tone import tone_cues
from steadfast.concerns.models import ConcernStatus, InstabilityFactor, StabilityConcern
from steadfast.core.dates import add_years
from steadfast.meetings.models import ActionReview, ActionStatus, StabilityAction, StabilityMeeting
from steadfast.placements.models import Placement
from steadfast.supervision import selectors as supervision_selectors
from steadfast.supervision.models import PlacementStabilityScale, SupervisionSession
from steadfast.supervision.rules import supervision_due
from steadfast.support_requests.models import OPEN_STATUSES, SupportRequest
from steadfast.visits import selectors as visit_selectors
from steadfast.visits.models import StatutoryVisit
from steadfast.visits.rules import next_visit_due

from . import rules

# The kinds of record a signal's evidence names, each a page of its own.
PLACEMENT = "placement"
HOUSEHOLD = "household"
SUPERVISION_SESSION = "supervision_session"
CARER_LOG = "carer_log"
STABILITY_CONCERN = "stability_concern"
SUPPORT_REQUEST = "support_request"
STATUTORY_VISIT = "statutory_visit"
STABILITY_ACTION = "stability_action"
STABILITY_MEETING = "stability_meeting"

# A concern naming missing episodes (or an allegation) raised within this many days of a carer's
# log recording one is taken to be about that episode, not another.
SAME_EPISODE_DAYS = 7

# The significant event in a carer's log, and the concern's instability factor, that record a
# missing episode and an allegation.
MISSING = (SignificantEvent.MISSING, InstabilityFactor.MISSING)
ALLEGATION = (SignificantEvent.ALLEGATION, InstabilityFactor.CONCERN_OR_ALLEGATION)
EVENTS = (SignificantEvent.MISSING, SignificantEvent.ALLEGATION)


@functools.lru_cache(maxsize=50_000)
def _cue_count(text: str) -> int:
    # Working out cues takes a fraction of a millisecond a log; the same words are not worked
    # out twice while the process runs.
    return len(tone_cues(text))


def _day(value: datetime.datetime | None) -> datetime.date | None:
    return timezone.localdate(value) if value is not None else None


# --- One home's records as plain data -----------------------------------------------------------


@dataclass(frozen=True)
class Home:
    """The placement a situation is about."""

    placement_id: int
    child_id: int
    household_id: int | None
    started_on: datetime.date
    ended_on: datetime.date | None = None
    ending_planned: bool | None = None
    agreed_long_term_on: datetime.date | None = None
    approved_on: datetime.date | None = None


@dataclass(frozen=True)
class _Log:
    id: int
    household_id: int
    written_on: datetime.date
    reviewed_on: datetime.date | None
    significant_event: str
    tone_cues: int


@dataclass(frozen=True)
class _Concern:
    id: int
    raised_on: datetime.date
    response_due: datetime.date
    factors: tuple[str, ...]
    other_response: bool
    decided_on: datetime.date | None


@dataclass(frozen=True)
class _Meeting:
    id: int
    on: datetime.date
    arranged_on: datetime.date


@dataclass(frozen=True)
class _Review:
    held_on: datetime.date
    # When the review meeting's plan was authorised, which is when its finding changed the action.
    authorised_on: datetime.date | None = None
    progress: str = ""


@dataclass(frozen=True)
class _Action:
    id: int
    due_date: datetime.date
    status: str
    agreed_on: datetime.date | None
    reviews: tuple[_Review, ...] = ()


@dataclass
class _Records:
    """A child's records, each list in date order: scales with their household, requests with
    their child and household, and visits as (day, id)."""

    placements: list[rules.Placement] = field(default_factory=list)
    scales: list[tuple[int, rules.StabilityScale]] = field(default_factory=list)  # (household, scale)
    logs: list[_Log] = field(default_factory=list)
    concerns: list[_Concern] = field(default_factory=list)
    meetings: list[_Meeting] = field(default_factory=list)
    requests: list[tuple[int | None, int, rules.SupportRequest]] = field(default_factory=list)
    actions: list[_Action] = field(default_factory=list)
    visits: list[tuple[datetime.date, int]] = field(default_factory=list)


# --- From records to a situation ---------------------------------------------------------------


def _events(logs: list[_Log], concerns: list[_Concern], kind: tuple[str, str]) -> tuple[rules.Event, ...]:
    """Events from logs recording the significant event and concerns naming the factor; a
    concern raised within SAME_EPISODE_DAYS after a logged one is about that one."""
    significant_event, factor = kind
    logged = [log for log in logs if log.significant_event == significant_event]
    events = [rules.Event(on=log.written_on, evidence=rules.Evidence(CARER_LOG, log.id)) for log in logged]
    for concern in concerns:
        if factor in concern.factors and not any(
            0 <= (concern.raised_on - log.written_on).days <= SAME_EPISODE_DAYS for log in logged
        ):
            events.append(
                rules.Event(on=concern.raised_on, evidence=rules.Evidence(STABILITY_CONCERN, concern.id))
            )
    return tuple(sorted(events, key=lambda e: e.on))


def _of_home(home: Home, records: _Records) -> dict:
    """The parts of the home's situation that do not change with the day it is looked at:
    rules ignore whatever is dated after their day."""
    logs = [
        log
        for log in records.logs
        if log.household_id == home.household_id and log.written_on >= home.started_on
    ]
    concerns = [c for c in records.concerns if c.raised_on >= home.started_on]
    return {
        "placements": tuple(records.placements),
        "stability_scales": tuple(
            scale
            for household_id, scale in records.scales
            if household_id == home.household_id and scale.on >= home.started_on
        ),
        "missing_episodes": _events(logs, concerns, MISSING),
        "allegations": _events(logs, concerns, ALLEGATION),
        "carer_may_not_go_on": tuple(
            rules.Event(on=c.raised_on, evidence=rules.Evidence(STABILITY_CONCERN, c.id))
            for c in concerns
            if InstabilityFactor.CARER_MAY_NOT_GO_ON in c.factors
        ),
        "support_requests": tuple(
            request
            for child_id, household_id, request in records.requests
            if (child_id == home.child_id or (child_id is None and household_id == home.household_id))
            and request.asked_on >= home.started_on
        ),
        "carer_logs": tuple(
            rules.CarerLog(
                written_on=log.written_on,
                evidence=rules.Evidence(CARER_LOG, log.id),
                reviewed_on=log.reviewed_on,
                tone_cues=log.tone_cues,
            )
            for log in logs
        ),
    }


def _last_before(
    dated: list[tuple[datetime.date, int]], day: datetime.date
) -> tuple[datetime.date, int] | None:
    """The latest (day, id) on or before `day` in a list sorted by day."""
    at = bisect.bisect_right(dated, (day, float("inf")))
    return dated[at - 1] if at else None


def _action_on(action: _Action, day: datetime.date, now: bool) -> rules.StabilityAction:
    """The action as it was on `day`: agreed once its meeting's plan was authorised, then as the
    latest authorised review found it; updated on the day of its latest review meeting."""
    reviews = [r for r in action.reviews if r.held_on <= day]
    if now:
        status = action.status
    else:
        found = [r for r in reviews if r.authorised_on is not None and r.authorised_on <= day]
        if found:
            status = max(found, key=lambda r: (r.authorised_on, r.held_on)).progress
        elif action.agreed_on is not None and action.agreed_on <= day:
            status = ActionStatus.AGREED
        else:
            status = ActionStatus.PROPOSED
    return rules.StabilityAction(
        due_date=action.due_date,
        status=str(status),
        evidence=rules.Evidence(STABILITY_ACTION, action.id),
        updated_on=max((r.held_on for r in reviews), default=None),
    )


def _on_day(
    home: Home,
    records: _Records,
    visits: list[tuple[datetime.date, int]],
    sessions: list[tuple[datetime.date, int]],
    day: datetime.date,
    *,
    now: bool,
    visiting: visit_selectors.Policy,
    supervising: supervision_selectors.Policy,
) -> dict:
    """The parts of the home's situation taken as they were on `day`: the visit and
    supervision due dates, each action's status, whether a concern had another response agreed
    and which meetings had been arranged. With `now`, the records are as they stand today.
    `visits` are the child's since the placement began, `sessions` the household's, each as
    (day, id) in date order."""
    last_visit = _last_before(visits, day)
    agreed_long_term = (
        home.agreed_long_term_on if home.agreed_long_term_on and home.agreed_long_term_on <= day else None
    )
    visit_due = rules.Deadline(
        due=next_visit_due(
            placement_start=home.started_on,
            agreed_long_term_on=agreed_long_term,
            visits=[last_visit[0]] if last_visit else [],
            policy=visiting,
        ),
        evidence=rules.Evidence(STATUTORY_VISIT, last_visit[1])
        if last_visit
        else rules.Evidence(PLACEMENT, home.placement_id),
    )
    supervision = None
    if home.household_id is not None and home.approved_on is not None:
        last_session = _last_before(sessions, day)
        supervision = rules.Deadline(
            due=supervision_due(
                approved_on=home.approved_on,
                sessions=[(last_session[0], False)] if last_session else [],
                policy=supervising,
            ).supervision,
            evidence=rules.Evidence(SUPERVISION_SESSION, last_session[1])
            if last_session
            else rules.Evidence(HOUSEHOLD, home.household_id),
        )
    return {
        "visit_due": visit_due,
        "supervision_due": supervision,
        "stability_actions": tuple(_action_on(a, day, now) for a in records.actions),
        "concerns": tuple(
            rules.StabilityConcern(
                raised_on=c.raised_on,
                response_due=c.response_due,
                evidence=rules.Evidence(STABILITY_CONCERN, c.id),
                other_response_agreed=c.other_response
                and (now or (c.decided_on is not None and c.decided_on <= day)),
            )
            for c in records.concerns
            if c.raised_on >= home.started_on
        ),
        "meetings": tuple(
            rules.StabilityMeeting(on=m.on, evidence=rules.Evidence(STABILITY_MEETING, m.id))
            for m in records.meetings
            if m.on >= home.started_on and (now or m.arranged_on <= day)
        ),
    }


def _evidence_days(
    situation: rules.ChildSituation,
    home: Home,
    records: _Records,
    sessions: list[tuple[datetime.date, int]],
) -> dict:
    """The day each piece of evidence is dated, to name it on a page."""
    days: dict[rules.Evidence, datetime.date | None] = {}
    for placement in situation.placements:
        days[placement.evidence] = placement.started_on
    for scale in situation.stability_scales:
        days[scale.evidence] = scale.on
    for events in (situation.missing_episodes, situation.allegations, situation.carer_may_not_go_on):
        for event in events:
            days[event.evidence] = event.on
    for request in situation.support_requests:
        days[request.evidence] = request.asked_on
    for log in situation.carer_logs:
        days[log.evidence] = log.written_on
    for action in situation.stability_actions:
        days[action.evidence] = action.due_date
    for concern in situation.concerns:
        days[concern.evidence] = concern.raised_on
    for meeting in situation.meetings:
        days[meeting.evidence] = meeting.on
    for day, pk in records.visits:
        days[rules.Evidence(STATUTORY_VISIT, pk)] = day
    for day, pk in sessions:
        days[rules.Evidence(SUPERVISION_SESSION, pk)] = day
    days[rules.Evidence(PLACEMENT, home.placement_id)] = home.started_on
    if home.household_id is not None:
        days[rules.Evidence(HOUSEHOLD, home.household_id)] = None
    return days


# --- Reading the records -----------------------------------------------------------------------


def _group_logs(
    rows: Iterable,
    by_child: dict[int, _Records],
    *,
    tone_for: set[int] | None,
    tone_from: datetime.date | None,
) -> None:
    """Carer logs onto each child's records; tone cues are worked out only for logs in the
    households of `tone_for` (every household when None) dated on or after `tone_from`."""
    for row in rows:
        cued = (tone_for is None or row.household_id in tone_for) and (
            tone_from is None or row.date >= tone_from
        )
        by_child[row.child_id].logs.append(
            _Log(
                id=row.id,
                household_id=row.household_id,
                written_on=row.date,
                reviewed_on=_day(row.reviewed_at),
                significant_event=row.significant_event,
                tone_cues=_cue_count(row.what_happened) if cued else 0,
            )
        )


def _group_concerns(rows: Iterable, by_child: dict[int, _Records]) -> None:
    for row in rows:
        by_child[row.child_id].concerns.append(
            _Concern(
                id=row.id,
                raised_on=_day(row.raised_at),
                response_due=row.due_date,
                factors=tuple(row.factors),
                other_response=row.status == ConcernStatus.OTHER_RESPONSE,
                decided_on=_day(row.triaged_at),
            )
        )


def _group_meetings(rows: Iterable, by_child: dict[int, _Records]) -> None:
    for row in rows:
        on = _day(row.scheduled_at)
        # A meeting was arranged when it was recorded, and at the latest on its own day.
        by_child[row.child_id].meetings.append(
            _Meeting(id=row.id, on=on, arranged_on=min(on, _day(row.created_at)))
        )


def _group_requests(
    rows: Iterable, by_child: dict[int, _Records], homes_by_household: dict[int, list[int]]
) -> None:
    """Requests onto the records of their child, or, for a request for the household as a
    whole, of every child in `homes_by_household` for it."""
    for row in rows:
        request = rules.SupportRequest(
            asked_on=_day(row.asked_at),
            acknowledgement_due=row.acknowledgement_due,
            response_due=row.response_due,
            evidence=rules.Evidence(SUPPORT_REQUEST, row.id),
            acknowledged_at=_day(row.acknowledged_at),
            responded_at=_day(row.responded_at),
            closed_at=_day(row.closed_at),
        )
        children = (
            [row.child_id] if row.child_id is not None else homes_by_household.get(row.household_id, [])
        )
        for child_id in children:
            if child_id in by_child:
                by_child[child_id].requests.append((row.child_id, row.household_id, request))


def _scale_rows(scales: QuerySet) -> Iterator[tuple[int, int, rules.StabilityScale]]:
    for row in scales.values_list(
        "child_id", "session__household_id", "session__date", "session_id", "score", named=True
    ):
        yield (
            row.child_id,
            row.session__household_id,
            rules.StabilityScale(
                on=row.session__date,
                score=row.score,
                evidence=rules.Evidence(SUPERVISION_SESSION, row.session_id),
            ),
        )


LOG_FIELDS = ("id", "child_id", "household_id", "date", "reviewed_at", "significant_event", "what_happened")
CONCERN_FIELDS = ("id", "child_id", "raised_at", "due_date", "factors", "status", "triaged_at")
MEETING_FIELDS = ("id", "child_id", "scheduled_at", "created_at")
REQUEST_FIELDS = (
    "id",
    "child_id",
    "household_id",
    "asked_at",
    "acknowledgement_due",
    "response_due",
    "acknowledged_at",
    "responded_at",
    "closed_at",
)


# --- Today, for many children at once ----------------------------------------------------------


@dataclass(frozen=True)
class CurrentSituation:
    """A child's situation in their current home today. `tone_shown` says whether the tone
    cues of the home's logs were read for the viewer (see `current_situations`); `days` gives
    the day each piece of evidence is dated, to name it."""

    home: Home
    situation: rules.ChildSituation
    tone_shown: bool
    days: dict[rules.Evidence, datetime.date | None]


def current_situations(
    child_ids: Iterable[int],
    *,
    today: datetime.date,
    settings: rules.SignalSettings,
    tone_for: QuerySet | None = None,
) -> dict[int, CurrentSituation]:
    """Each child's situation in their current home today, by child id; a child with no
    current placement has none, as signals are about a home.

    Tone cues are worked out only for the logs of households in `tone_for` (a queryset of
    households, those whose logs the viewer reads with their cues); elsewhere every log has
    none, so the tone rule stays quiet. Reads only what today's rules can use: placements begun
    in the last 12 months, the last two scales, logs unreviewed, with a significant event in
    the span the rules look at, or with cues in the span the tone rule compares; requests and
    actions still open. Ten queries, however many children."""
    child_ids = list(child_ids)
    # One query for the placements begun in the last 12 months and the current ones, each with
    # the child's latest visit since it began and its household's latest supervision.
    year_ago = add_years(today, -1)
    since_start = StatutoryVisit.objects.filter(child=OuterRef("child_id"), date__gte=OuterRef("start_date"))
    sessions_of_home = SupervisionSession.objects.filter(household=OuterRef("household_id"))
    placement_rows = list(
        Placement.objects.filter(Q(end_date__isnull=True) | Q(start_date__gte=year_ago), child__in=child_ids)
        .filter(start_date__lte=today)
        .annotate(
            last_visit_on=_latest(since_start, today, "date"),
            last_visit_id=_latest(since_start, today, "id"),
            last_session_on=_latest(sessions_of_home, today, "date"),
            last_session_id=_latest(sessions_of_home, today, "id"),
        )
        .order_by("start_date", "id")
        .values_list(
            "id",
            "child_id",
            "household_id",
            "start_date",
            "end_date",
            "agreed_long_term_on",
            "household__approval_date",
            "last_visit_on",
            "last_visit_id",
            "last_session_on",
            "last_session_id",
            named=True,
        )
    )
    homes_rows = [row for row in placement_rows if row.end_date is None]
    if not homes_rows:
        return {}
    homes = {
        row.child_id: Home(
            placement_id=row.id,
            child_id=row.child_id,
            household_id=row.household_id,
            started_on=row.start_date,
            agreed_long_term_on=row.agreed_long_term_on,
            approved_on=row.household__approval_date,
        )
        for row in homes_rows
    }
    ids = list(homes)
    households = {h.household_id for h in homes.values() if h.household_id is not None}
    homes_by_household: dict[int, list[int]] = defaultdict(list)
    for home in homes.values():
        if home.household_id is not None:
            homes_by_household[home.household_id].append(home.child_id)
    by_child = {child_id: _Records() for child_id in ids}
    sessions: dict[int, list[tuple[datetime.date, int]]] = {}
    for row in homes_rows:
        if row.last_visit_on is not None:
            by_child[row.child_id].visits.append((row.last_visit_on, row.last_visit_id))
        if row.last_session_on is not None:
            sessions[row.household_id] = [(row.last_session_on, row.last_session_id)]

    tone_households = (
        set(tone_for.filter(pk__in=households).values_list("pk", flat=True))
        if tone_for is not None and households
        else set()
    )
    earliest_home = min(h.started_on for h in homes.values())
    for row in placement_rows:
        if row.start_date >= year_ago and row.child_id in by_child:
            by_child[row.child_id].placements.append(
                rules.Placement(
                    started_on=row.start_date,
                    evidence=rules.Evidence(PLACEMENT, row.id),
                    ended_on=row.end_date,
                )
            )

    # The latest two scales of each child in the home they live in now.
    in_home_now = Placement.objects.filter(
        child=OuterRef("child_id"),
        end_date__isnull=True,
        household=OuterRef("session__household_id"),
        start_date__lte=OuterRef("session__date"),
    )
    scales = (
        PlacementStabilityScale.objects.filter(
            child__in=ids, session__household__in=households, session__date__lte=today
        )
        .filter(Exists(in_home_now))
        .annotate(
            latest=Window(
                RowNumber(),
                partition_by=[F("child_id")],
                order_by=[F("session__date").desc(), F("id").desc()],
            )
        )
        .filter(latest__lte=2)
        .order_by("session__date", "id")
    )
    for child_id, household_id, scale in _scale_rows(scales):
        by_child[child_id].scales.append((household_id, scale))

    span = max(settings.missing_within_days, settings.allegation_within_days) + SAME_EPISODE_DAYS
    events_from = today - datetime.timedelta(days=span)
    tone_from = today - datetime.timedelta(days=2 * settings.tone_window_days)
    logs = CarerLog.objects.filter(
        child__in=ids, household__in=households, date__gte=earliest_home, date__lte=today
    ).filter(
        Q(reviewed_at__isnull=True)
        | Q(significant_event__in=EVENTS, date__gte=events_from)
        | Q(household__in=tone_households, date__gte=tone_from)
    )
    _group_logs(
        logs.order_by("date", "id").values_list(*LOG_FIELDS, named=True),
        by_child,
        tone_for=tone_households,
        tone_from=tone_from,
    )

    _group_concerns(
        StabilityConcern.objects.filter(child__in=ids, raised_at__date__gte=earliest_home)
        .order_by("raised_at", "id")
        .values_list(*CONCERN_FIELDS, named=True),
        by_child,
    )
    _group_meetings(
        StabilityMeeting.objects.filter(child__in=ids, scheduled_at__date__gte=earliest_home)
        .order_by("scheduled_at", "id")
        .values_list(*MEETING_FIELDS, named=True),
        by_child,
    )
    _group_requests(
        SupportRequest.objects.filter(Q(child__in=ids) | Q(child__isnull=True, household__in=households))
        .filter(status__in=OPEN_STATUSES, responded_at__isnull=True, closed_at__isnull=True)
        .order_by("asked_at", "id")
        .values_list(*REQUEST_FIELDS, named=True),
        by_child,
        homes_by_household,
    )
    for row in (
        StabilityAction.objects.filter(child__in=ids, status__in=rules.OPEN_ACTION_STATUSES)
        .annotate(reviewed_at=Max("reviews__meeting__scheduled_at"))
        .order_by("due_date", "id")
        .values_list("id", "child_id", "due_date", "status", "reviewed_at", named=True)
    ):
        reviewed = _day(row.reviewed_at)
        by_child[row.child_id].actions.append(
            _Action(
                id=row.id,
                due_date=row.due_date,
                status=row.status,
                agreed_on=None,
                reviews=(_Review(held_on=reviewed),) if reviewed else (),
            )
        )

    visiting = visit_selectors.policy_in_force()
    supervising = supervision_selectors.policy_in_force()
    found = {}
    for child_id, home in homes.items():
        records = by_child[child_id]
        home_sessions = sessions.get(home.household_id, [])
        situation = rules.ChildSituation(
            **_of_home(home, records),
            **_on_day(
                home,
                records,
                records.visits,
                home_sessions,
                today,
                now=True,
                visiting=visiting,
                supervising=supervising,
            ),
        )
        found[child_id] = CurrentSituation(
            home=home,
            situation=situation,
            tone_shown=home.household_id in tone_households,
            days=_evidence_days(situation, home, records, home_sessions),
        )
    return found


def _latest(records: QuerySet, today: datetime.date, value: str) -> Subquery:
    return Subquery(records.filter(date__lte=today).order_by("-date", "-id").values(value)[:1])


# --- Every placement, week by week, for the replay ---------------------------------------------


def placement_histories(
    *, today: datetime.date, since: datetime.date | None = None
) -> list[rules.PlacementHistory]:
    """Every placement begun by `today`, with the child's situation in it each week from its
    start (the first snapshot on the day it began) up to the day before it ended, or up to
    today. With `since`, snapshots begin no earlier than that day, and placements that ended
    before it are left out. Events, reviews, answers and updates come from the whole record, as
    the rules ignore what is dated after their day; the visit and supervision due dates, each
    action's status, whether a concern had another response agreed, and which meetings had been
    arranged are worked out as they were on each snapshot's day."""
    placements = Placement.objects.filter(start_date__lte=today)
    if since is not None:
        placements = placements.filter(Q(end_date__isnull=True) | Q(end_date__gte=since))
    homes = [
        Home(
            placement_id=row.id,
            child_id=row.child_id,
            household_id=row.household_id,
            started_on=row.start_date,
            ended_on=row.end_date,
            ending_planned=row.ending_planned,
            agreed_long_term_on=row.agreed_long_term_on,
            approved_on=row.household__approval_date,
        )
        for row in placements.order_by("child_id", "start_date", "id").values_list(
            "id",
            "child_id",
            "household_id",
            "start_date",
            "end_date",
            "ending_planned",
            "agreed_long_term_on",
            "household__approval_date",
            named=True,
        )
    ]
    by_child: dict[int, _Records] = defaultdict(_Records)
    homes_by_household: dict[int, list[int]] = defaultdict(list)
    for row in Placement.objects.order_by("start_date", "id").values_list(
        "id", "child_id", "household_id", "start_date", "end_date", named=True
    ):
        by_child[row.child_id].placements.append(
            rules.Placement(
                started_on=row.start_date, evidence=rules.Evidence(PLACEMENT, row.id), ended_on=row.end_date
            )
        )
        if row.household_id is not None and row.child_id not in homes_by_household[row.household_id]:
            homes_by_household[row.household_id].append(row.child_id)
    for child_id, household_id, scale in _scale_rows(
        PlacementStabilityScale.objects.order_by("session__date", "id")
    ):
        by_child[child_id].scales.append((household_id, scale))
    _group_logs(
        CarerLog.objects.order_by("date", "id").values_list(*LOG_FIELDS, named=True),
        by_child,
        tone_for=None,
        tone_from=None,
    )
    _group_concerns(
        StabilityConcern.objects.order_by("raised_at", "id").values_list(*CONCERN_FIELDS, named=True),
        by_child,
    )
    _group_meetings(
        StabilityMeeting.objects.order_by("scheduled_at", "id").values_list(*MEETING_FIELDS, named=True),
        by_child,
    )
    _group_requests(
        SupportRequest.objects.order_by("asked_at", "id").values_list(*REQUEST_FIELDS, named=True),
        by_child,
        homes_by_household,
    )
    for row in StatutoryVisit.objects.order_by("date", "id").values_list(
        "child_id", "date", "id", named=True
    ):
        by_child[row.child_id].visits.append((row.date, row.id))
    sessions: dict[int, list[tuple[datetime.date, int]]] = defaultdict(list)
    for row in SupervisionSession.objects.order_by("date", "id").values_list(
        "household_id", "date", "id", named=True
    ):
        sessions[row.household_id].append((row.date, row.id))
    reviews: dict[int, list[_Review]] = defaultdict(list)
    for row in ActionReview.objects.values_list(
        "action_id", "progress", "meeting__scheduled_at", "meeting__authorised_at", named=True
    ):
        reviews[row.action_id].append(
            _Review(
                held_on=_day(row.meeting__scheduled_at),
                authorised_on=_day(row.meeting__authorised_at),
                progress=row.progress,
            )
        )
    for row in StabilityAction.objects.order_by("due_date", "id").values_list(
        "id", "child_id", "due_date", "status", "meeting__authorised_at", named=True
    ):
        by_child[row.child_id].actions.append(
            _Action(
                id=row.id,
                due_date=row.due_date,
                status=row.status,
                agreed_on=_day(row.meeting__authorised_at),
                reviews=tuple(reviews[row.id]),
            )
        )

    visiting = visit_selectors.policy_in_force()
    supervising = supervision_selectors.policy_in_force()
    week = datetime.timedelta(weeks=1)
    histories = []
    for home in homes:
        records = by_child[home.child_id]
        home_sessions = sessions.get(home.household_id, [])
        fixed = _of_home(home, records)
        visits = [v for v in records.visits if v[0] >= home.started_on]
        last = min(home.ended_on - rules.ONE_DAY, today) if home.ended_on else today
        day = home.started_on
        if since is not None and day < since:
            day += week * -(-(since - day).days // 7)
        snapshots = []
        while day <= last:
            snapshots.append(
                rules.Snapshot(
                    on=day,
                    situation=rules.ChildSituation(
                        **fixed,
                        **_on_day(
                            home,
                            records,
                            visits,
                            home_sessions,
                            day,
                            now=day >= today,
                            visiting=visiting,
                            supervising=supervising,
                        ),
                    ),
                )
            )
            day += week
        histories.append(
            rules.PlacementHistory(
                placement=rules.Evidence(PLACEMENT, home.placement_id),
                started_on=home.started_on,
                snapshots=tuple(snapshots),
                ended_on=home.ended_on,
                ending_planned=home.ending_planned,
            )
        )
    return histories
