"""Stability signals: pure, configurable rules that say a home may need attention, each with a
name, a plain explanation of why it fired, and references to the evidence.

Signals suggest; people decide. A rule reads a `ChildSituation` (plain data about one child in
one home, as recorded on a day), the `SignalSettings` in force and `today`, and returns a
`Signal` or None. Nothing here touches the database: callers turn records into situations, and
the replay runs the same rules over the placement histories to show how well they would have
warned.

Each item in a situation carries an `Evidence` reference (the kind of record and its id) so a
caller can link to it. Rules ignore events dated after `today`, so a situation may carry a
little more than was known on the day; statuses and due dates are taken as they were on it.

A signal's `since` is the newest day on which something in its evidence happened or became
overdue. A manager who records the signal as considered quiets it until a signal arrives whose
`since` is later than the consideration (`quieted`).
"""

import datetime
import statistics
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace

from steadfast.carer_logs import rules as carer_log_rules
from steadfast.core.dates import add_years
from steadfast.supervision.rules import LOW_SCALE, STEEP_FALL
from steadfast.support_requests.rules import CLOSED, RESPONDED, lateness

# The values of meetings.models.ActionStatus for an action still to do, kept here so the rules
# import no model (the same two as meetings.selectors.OPEN_ACTION_STATUSES).
OPEN_ACTION_STATUSES = ("agreed", "partly_done")

ONE_DAY = datetime.timedelta(days=1)

# Each rule's key (its function's name) and the name people read, in the order of `RULES`.
RULE_NAMES: dict[str, str] = {
    "moves_in_year": "Moves in 12 months",
    "stability_scale": "Stability scale low or falling",
    "missing_episodes": "Repeated missing episodes",
    "school": "Exclusion or falling school attendance",
    "allegation": "Allegation",
    "carer_may_not_go_on": "Carer may not go on",
    "request_unanswered": "Request for help unanswered",
    "logs_unreviewed": "Carer logs unreviewed",
    "tone_rising": "Tone cues rising",
    "visit_overdue": "Statutory visit overdue",
    "supervision_overdue": "Supervision overdue",
    "actions_drifting": "Stability Actions drifting",
    "no_meeting_since_concern": "No meeting since a concern",
}


# --- Plain data --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Evidence:
    """A record a signal links to: its kind (for example "placement", "carer_log",
    "support_request", "stability_concern") and its id."""

    kind: str
    id: int


@dataclass(frozen=True)
class Event:
    """Something that happened on a day: a missing episode, an exclusion, an allegation, or a
    carer saying they may not be able to go on."""

    on: datetime.date
    evidence: Evidence


@dataclass(frozen=True)
class Placement:
    started_on: datetime.date
    evidence: Evidence
    ended_on: datetime.date | None = None


@dataclass(frozen=True)
class StabilityScale:
    """A placement stability scale (0 no stability, 10 stability) given in supervision."""

    on: datetime.date
    score: int
    evidence: Evidence


@dataclass(frozen=True)
class Attendance:
    """The child's school attendance, as a percentage of sessions, for a period ending on a day."""

    period_ending: datetime.date
    percent: float
    evidence: Evidence


@dataclass(frozen=True)
class SupportRequest:
    """A carer's request for help. The field names are those `support_requests.rules.lateness`
    reads; the `*_at` fields hold the day it happened."""

    asked_on: datetime.date
    acknowledgement_due: datetime.date
    response_due: datetime.date
    evidence: Evidence
    acknowledged_at: datetime.date | None = None
    responded_at: datetime.date | None = None
    closed_at: datetime.date | None = None

    @property
    def status(self) -> str:
        if self.closed_at is not None:
            return CLOSED
        return RESPONDED if self.responded_at is not None else ""


@dataclass(frozen=True)
class CarerLog:
    written_on: datetime.date
    evidence: Evidence
    reviewed_on: datetime.date | None = None
    tone_cues: int = 0


@dataclass(frozen=True)
class Deadline:
    """When something is next due (a statutory visit, the household's supervision) and the
    record to link to (the last one held, or the placement or household when none has been)."""

    due: datetime.date
    evidence: Evidence


@dataclass(frozen=True)
class StabilityAction:
    due_date: datetime.date
    status: str
    evidence: Evidence
    updated_on: datetime.date | None = None


@dataclass(frozen=True)
class StabilityConcern:
    """A stability concern and when a response was due. `other_response_agreed` is True when a
    manager agreed a response other than a meeting."""

    raised_on: datetime.date
    response_due: datetime.date
    evidence: Evidence
    other_response_agreed: bool = False


@dataclass(frozen=True)
class StabilityMeeting:
    """A stability meeting held or arranged, on the day it was (or is to be) held."""

    on: datetime.date
    evidence: Evidence


@dataclass(frozen=True)
class ChildSituation:
    """What was on record about one child in one home on a day."""

    placements: tuple[Placement, ...] = ()
    stability_scales: tuple[StabilityScale, ...] = ()
    missing_episodes: tuple[Event, ...] = ()
    exclusions: tuple[Event, ...] = ()
    attendance: tuple[Attendance, ...] = ()
    allegations: tuple[Event, ...] = ()
    carer_may_not_go_on: tuple[Event, ...] = ()
    support_requests: tuple[SupportRequest, ...] = ()
    carer_logs: tuple[CarerLog, ...] = ()
    visit_due: Deadline | None = None
    supervision_due: Deadline | None = None
    stability_actions: tuple[StabilityAction, ...] = ()
    concerns: tuple[StabilityConcern, ...] = ()
    meetings: tuple[StabilityMeeting, ...] = ()


@dataclass(frozen=True)
class SignalSettings:
    """The thresholds the rules use. The defaults apply until the authority sets its own."""

    # Placements that began in the last 12 months, this one included.
    moves_in_year: int = 2
    # The same thresholds as a scale that prompts a stability concern in supervision.
    low_scale: int = LOW_SCALE
    steep_fall: int = STEEP_FALL
    missing_episodes: int = 2
    missing_within_days: int = 90
    exclusion_within_days: int = 90
    # Missing 10% of sessions or more is persistent absence in the Department for Education's
    # attendance statistics.
    attendance_at_or_below_percent: float = 90.0
    attendance_fall_points: float = 5.0
    allegation_within_days: int = 90
    may_not_go_on_within_days: int = 90
    # The same as the carer logs' review policy default.
    log_review_within_days: int = carer_log_rules.DEFAULT_POLICY.review_within_days
    unreviewed_logs: int = 1
    tone_window_days: int = 28
    tone_min_logs: int = 2
    visit_grace_days: int = 0
    supervision_grace_days: int = 0
    action_grace_days: int = 0
    # The keys of rules the authority has switched off: they never fire.
    switched_off: frozenset[str] = frozenset()


DEFAULT_SETTINGS = SignalSettings()


@dataclass(frozen=True)
class Signal:
    rule: str
    why: str
    evidence: tuple[Evidence, ...]
    since: datetime.date

    @property
    def name(self) -> str:
        return RULE_NAMES[self.rule]


# --- Wording -----------------------------------------------------------------------------------


def _day(value: datetime.date) -> str:
    return f"{value.day} {value:%B %Y}"


def _and(parts: Sequence[str]) -> str:
    if len(parts) <= 1:
        return "".join(parts)
    return f"{', '.join(parts[:-1])} and {parts[-1]}"


def _days(items: Iterable[datetime.date]) -> str:
    return _and([_day(d) for d in sorted(items)])


def _percent(value: float) -> str:
    return f"{value:g}%"


def _plural(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


ORDINALS = ("First", "Second", "Third", "Fourth", "Fifth", "Sixth", "Seventh", "Eighth", "Ninth", "Tenth")


def _nth_move(n: int) -> str:
    return f"{ORDINALS[n - 1]} move" if 1 <= n <= len(ORDINALS) else f"{n} moves"


# --- Rules -------------------------------------------------------------------------------------


def _recent(events: Iterable[Event], today: datetime.date, days: int) -> list[Event]:
    """Events no more than `days` days before today (and not after it), oldest first."""
    start = today - datetime.timedelta(days=days)
    return sorted((e for e in events if start <= e.on <= today), key=lambda e: e.on)


def moves_in_year(situation: ChildSituation, settings: SignalSettings, today: datetime.date) -> Signal | None:
    """Fires when `moves_in_year` or more placements began in the 12 months up to today (the
    day a year ago included)."""
    year_ago = add_years(today, -1)
    began = sorted(
        (p for p in situation.placements if year_ago <= p.started_on <= today), key=lambda p: p.started_on
    )
    if len(began) < settings.moves_in_year:
        return None
    return Signal(
        rule="moves_in_year",
        why=f"{_nth_move(len(began))} in 12 months: placements began on "
        f"{_days(p.started_on for p in began)}.",
        evidence=tuple(p.evidence for p in began),
        since=began[-1].started_on,
    )


def stability_scale(
    situation: ChildSituation, settings: SignalSettings, today: datetime.date
) -> Signal | None:
    """Fires when the latest stability scale is at or below `low_scale`, or has fallen by
    `steep_fall` or more since the one before. (`supervision.rules.scale_suggests_concern`
    answers the same question with fixed thresholds; here the authority may set them.)"""
    scales = sorted((s for s in situation.stability_scales if s.on <= today), key=lambda s: s.on)
    if not scales:
        return None
    latest = scales[-1]
    previous = scales[-2] if len(scales) > 1 else None
    reasons = []
    evidence = [latest.evidence]
    if latest.score <= settings.low_scale:
        reasons.append(
            f"The placement stability scale was {latest.score} on {_day(latest.on)}, "
            f"at or below {settings.low_scale}."
        )
    if previous is not None and previous.score - latest.score >= settings.steep_fall:
        subject = "It" if reasons else "The placement stability scale"
        reasons.append(
            f"{subject} fell from {previous.score} on {_day(previous.on)} to {latest.score} on "
            f"{_day(latest.on)}, a fall of {previous.score - latest.score}."
        )
        evidence.insert(0, previous.evidence)
    if not reasons:
        return None
    return Signal(
        rule="stability_scale",
        why=" ".join(reasons),
        evidence=tuple(evidence),
        since=latest.on,
    )


def missing_episodes(
    situation: ChildSituation, settings: SignalSettings, today: datetime.date
) -> Signal | None:
    """Fires when there were `missing_episodes` or more missing episodes in the last
    `missing_within_days` days."""
    recent = _recent(situation.missing_episodes, today, settings.missing_within_days)
    if len(recent) < settings.missing_episodes:
        return None
    return Signal(
        rule="missing_episodes",
        why=f"{len(recent)} missing episodes in the last {settings.missing_within_days} days: "
        f"{_days(e.on for e in recent)}.",
        evidence=tuple(e.evidence for e in recent),
        since=recent[-1].on,
    )


def school(situation: ChildSituation, settings: SignalSettings, today: datetime.date) -> Signal | None:
    """Fires on an exclusion in the last `exclusion_within_days` days, or when the latest
    attendance figure is at or below `attendance_at_or_below_percent` or fell by
    `attendance_fall_points` or more since the one before."""
    reasons = []
    evidence: list[Evidence] = []
    days: list[datetime.date] = []
    exclusions = _recent(situation.exclusions, today, settings.exclusion_within_days)
    if exclusions:
        reasons.append(f"Excluded from school on {_days(e.on for e in exclusions)}.")
        evidence += [e.evidence for e in exclusions]
        days += [e.on for e in exclusions]
    figures = sorted(
        (a for a in situation.attendance if a.period_ending <= today), key=lambda a: a.period_ending
    )
    if figures:
        latest = figures[-1]
        previous = figures[-2] if len(figures) > 1 else None
        floor = settings.attendance_at_or_below_percent
        low = latest.percent <= floor
        fell = previous is not None and previous.percent - latest.percent >= settings.attendance_fall_points
        if low:
            reasons.append(
                f"School attendance was {_percent(latest.percent)} in the period to "
                f"{_day(latest.period_ending)}, at or below {_percent(floor)}."
            )
        if fell:
            reasons.append(
                f"Attendance fell from {_percent(previous.percent)} in the period to "
                f"{_day(previous.period_ending)} to {_percent(latest.percent)}."
            )
            evidence.append(previous.evidence)
        if low or fell:
            evidence.append(latest.evidence)
            days.append(latest.period_ending)
    if not reasons:
        return None
    return Signal(
        rule="school",
        why=" ".join(reasons),
        evidence=tuple(evidence),
        since=max(days),
    )


def allegation(situation: ChildSituation, settings: SignalSettings, today: datetime.date) -> Signal | None:
    """Fires on any allegation in the last `allegation_within_days` days."""
    recent = _recent(situation.allegations, today, settings.allegation_within_days)
    if not recent:
        return None
    return Signal(
        rule="allegation",
        why=f"{_plural(len(recent), 'allegation', 'allegations')} in the last "
        f"{settings.allegation_within_days} days: {_days(e.on for e in recent)}.",
        evidence=tuple(e.evidence for e in recent),
        since=recent[-1].on,
    )


def carer_may_not_go_on(
    situation: ChildSituation, settings: SignalSettings, today: datetime.date
) -> Signal | None:
    """Fires when the carer said in the last `may_not_go_on_within_days` days that they may not
    be able to go on."""
    recent = _recent(situation.carer_may_not_go_on, today, settings.may_not_go_on_within_days)
    if not recent:
        return None
    return Signal(
        rule="carer_may_not_go_on",
        why=f"On {_days(e.on for e in recent)} the carer said they may not be able to go on.",
        evidence=tuple(e.evidence for e in recent),
        since=recent[-1].on,
    )


def _as_of(day: datetime.date | None, today: datetime.date) -> datetime.date | None:
    return day if day is not None and day <= today else None


def request_unanswered(
    situation: ChildSituation, settings: SignalSettings, today: datetime.date
) -> Signal | None:
    """Fires when a request for help is late under `support_requests.rules.lateness`: not
    acknowledged, or not answered, by the day it was due. `since` is the day it became late."""
    late = []
    for request in sorted(situation.support_requests, key=lambda r: r.asked_on):
        if request.asked_on > today:
            continue
        as_of = replace(
            request,
            acknowledged_at=_as_of(request.acknowledged_at, today),
            responded_at=_as_of(request.responded_at, today),
            closed_at=_as_of(request.closed_at, today),
        )
        why = lateness(as_of, today)
        if why:
            missed = as_of.response_due if as_of.acknowledged_at is not None else as_of.acknowledgement_due
            late.append((request, why, missed + ONE_DAY))
    if not late:
        return None
    return Signal(
        rule="request_unanswered",
        why=" ".join(f"The request for help made on {_day(r.asked_on)} is late. {why}" for r, why, _ in late),
        evidence=tuple(r.evidence for r, _, _ in late),
        since=max(became_late for _, _, became_late in late),
    )


def logs_unreviewed(
    situation: ChildSituation, settings: SignalSettings, today: datetime.date
) -> Signal | None:
    """Fires when `unreviewed_logs` or more carer logs are still unreviewed more than
    `log_review_within_days` days after they were written (`carer_logs.rules.overdue_before`)."""
    policy = carer_log_rules.Policy(review_within_days=settings.log_review_within_days)
    before = carer_log_rules.overdue_before(today, policy)
    overdue = sorted(
        (
            log
            for log in situation.carer_logs
            if log.written_on < before and _as_of(log.reviewed_on, today) is None
        ),
        key=lambda log: log.written_on,
    )
    if not overdue or len(overdue) < settings.unreviewed_logs:
        return None
    n = len(overdue)
    return Signal(
        rule="logs_unreviewed",
        why=f"{_plural(n, 'carer log is', 'carer logs are')} unreviewed more than "
        f"{settings.log_review_within_days} days after being written, "
        f"the oldest from {_day(overdue[0].written_on)}.",
        evidence=tuple(log.evidence for log in overdue),
        since=overdue[-1].written_on + datetime.timedelta(days=settings.log_review_within_days) + ONE_DAY,
    )


def tone_rising(situation: ChildSituation, settings: SignalSettings, today: datetime.date) -> Signal | None:
    """Fires when more carer logs had tone cues in the last `tone_window_days` days than in the
    same span before, and at least `tone_min_logs` of them. It counts logs, never cues or
    carers, and gives no score."""
    window = datetime.timedelta(days=settings.tone_window_days)
    recent_start = today - window + ONE_DAY
    earlier_start = recent_start - window
    cued = [log for log in situation.carer_logs if log.tone_cues > 0 and log.written_on <= today]
    recent = sorted((log for log in cued if log.written_on >= recent_start), key=lambda log: log.written_on)
    earlier = [log for log in cued if earlier_start <= log.written_on < recent_start]
    if len(recent) < settings.tone_min_logs or len(recent) <= len(earlier):
        return None
    weeks = settings.tone_window_days // 7
    span = f"{weeks} weeks" if settings.tone_window_days % 7 == 0 else f"{settings.tone_window_days} days"
    return Signal(
        rule="tone_rising",
        why=f"Carer logs with tone cues rose from {len(earlier)} in the {span} before to {len(recent)} "
        f"in the last {span} (since {_day(recent_start)}).",
        evidence=tuple(log.evidence for log in recent),
        since=recent[-1].written_on,
    )


def _overdue(
    deadline: Deadline | None, grace_days: int, today: datetime.date
) -> tuple[Deadline, int, datetime.date] | None:
    """The deadline, how many days overdue it is and the day it became overdue, when it is more
    than `grace_days` past (a day is late once it has passed)."""
    if deadline is None:
        return None
    became_overdue = deadline.due + datetime.timedelta(days=grace_days) + ONE_DAY
    if today < became_overdue:
        return None
    return deadline, (today - deadline.due).days, became_overdue


def _overdue_signal(
    deadline: Deadline | None, grace_days: int, today: datetime.date, *, rule: str, what: str
) -> Signal | None:
    found = _overdue(deadline, grace_days, today)
    if found is None:
        return None
    deadline, days, became = found
    return Signal(
        rule=rule,
        why=f"{what} was due by {_day(deadline.due)} and is {_plural(days, 'day', 'days')} overdue.",
        evidence=(deadline.evidence,),
        since=became,
    )


def visit_overdue(situation: ChildSituation, settings: SignalSettings, today: datetime.date) -> Signal | None:
    """Fires when the child's next statutory visit is more than `visit_grace_days` past its due
    date (the due date from `visits.rules.next_visit_due`)."""
    return _overdue_signal(
        situation.visit_due,
        settings.visit_grace_days,
        today,
        rule="visit_overdue",
        what="The child's statutory visit",
    )


def supervision_overdue(
    situation: ChildSituation, settings: SignalSettings, today: datetime.date
) -> Signal | None:
    """Fires when the household's next supervision is more than `supervision_grace_days` past its
    due date (the due date from `supervision.rules.supervision_due`)."""
    return _overdue_signal(
        situation.supervision_due,
        settings.supervision_grace_days,
        today,
        rule="supervision_overdue",
        what="The carers' supervision",
    )


def actions_drifting(
    situation: ChildSituation, settings: SignalSettings, today: datetime.date
) -> Signal | None:
    """Fires when a Stability Action still to do (agreed, or partly done) is more than
    `action_grace_days` past its due date and has not been updated since that date."""
    grace = datetime.timedelta(days=settings.action_grace_days)
    drifting = sorted(
        (
            a
            for a in situation.stability_actions
            if a.status in OPEN_ACTION_STATUSES
            and today > a.due_date + grace
            and (_as_of(a.updated_on, today) is None or a.updated_on <= a.due_date)
        ),
        key=lambda a: a.due_date,
    )
    if not drifting:
        return None
    n = len(drifting)
    return Signal(
        rule="actions_drifting",
        why=f"{_plural(n, 'Stability Action is', 'Stability Actions are')} past the date agreed "
        f"with no update since: due {_days(a.due_date for a in drifting)}.",
        evidence=tuple(a.evidence for a in drifting),
        since=drifting[-1].due_date + grace + ONE_DAY,
    )


def no_meeting_since_concern(
    situation: ChildSituation, settings: SignalSettings, today: datetime.date
) -> Signal | None:
    """Fires when a stability concern's response is past due and no stability meeting has been
    held or arranged on or after the day it was raised, unless a manager agreed another
    response. The due date comes from the concern's own timescale."""
    waiting = sorted(
        (
            c
            for c in situation.concerns
            if c.raised_on <= today
            and not c.other_response_agreed
            and today > c.response_due
            and not any(m.on >= c.raised_on for m in situation.meetings)
        ),
        key=lambda c: c.raised_on,
    )
    if not waiting:
        return None
    return Signal(
        rule="no_meeting_since_concern",
        why=" ".join(
            f"A stability concern raised on {_day(c.raised_on)} was due a response by "
            f"{_day(c.response_due)}, and no stability meeting has been held or arranged since."
            for c in waiting
        ),
        evidence=tuple(c.evidence for c in waiting),
        since=max(c.response_due for c in waiting) + ONE_DAY,
    )


Rule = Callable[[ChildSituation, SignalSettings, datetime.date], Signal | None]

RULES: tuple[Rule, ...] = (
    moves_in_year,
    stability_scale,
    missing_episodes,
    school,
    allegation,
    carer_may_not_go_on,
    request_unanswered,
    logs_unreviewed,
    tone_rising,
    visit_overdue,
    supervision_overdue,
    actions_drifting,
    no_meeting_since_concern,
)


def signals_for(situation: ChildSituation, settings: SignalSettings, today: datetime.date) -> list[Signal]:
    """Every rule's signal for the situation, in the order of `RULES`, except the rules
    switched off in the settings."""
    return [
        signal
        for rule in RULES
        if rule.__name__ not in settings.switched_off
        and (signal := rule(situation, settings, today)) is not None
    ]


def quieted(signal: Signal, considered_on: datetime.date | None) -> bool:
    """Whether a manager's consideration quiets the signal: it does until the signal rests on
    evidence newer than the day it was considered."""
    return considered_on is not None and signal.since <= considered_on


# --- Replay ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Snapshot:
    on: datetime.date
    situation: ChildSituation


@dataclass(frozen=True)
class PlacementHistory:
    """One placement and its situation as it was on a series of days (for example weekly). A
    placement has held when it has not ended, or ended as planned."""

    placement: Evidence
    started_on: datetime.date
    snapshots: tuple[Snapshot, ...]
    ended_on: datetime.date | None = None
    ending_planned: bool | None = None


@dataclass(frozen=True)
class RuleReplay:
    rule: str
    unplanned_endings_signalled: int
    held_signalled: int


# Bands of weeks between the first signal and an unplanned ending, upper bound included.
WEEK_BANDS: tuple[tuple[int, int | None], ...] = ((0, 3), (4, 7), (8, 12), (13, 25), (26, None))


@dataclass(frozen=True)
class Replay:
    ended_unplanned: int
    ended_unplanned_signalled: int
    # One per signalled unplanned ending: whole weeks from the first signal to the ending.
    weeks_before_ending: tuple[int, ...]
    held: int
    held_signalled: int
    # Distinct (placement, rule) pairs that fired on homes that held.
    signals_on_held: int
    # Placements that ended without saying whether the ending was planned: counted nowhere else.
    ending_unknown: int
    by_rule: tuple[RuleReplay, ...] = field(default=())

    @property
    def median_weeks_before_ending(self) -> float | None:
        return statistics.median(self.weeks_before_ending) if self.weeks_before_ending else None

    def distribution(self) -> list[tuple[str, int]]:
        """How many signalled unplanned endings fall in each band of weeks before the ending."""
        rows = []
        for low, high in WEEK_BANDS:
            label = f"{low} to {high} weeks" if high is not None else f"{low} weeks or more"
            count = sum(1 for w in self.weeks_before_ending if w >= low and (high is None or w <= high))
            rows.append((label, count))
        return rows


def _fired(
    history: PlacementHistory, settings: SignalSettings, window_weeks: int | None
) -> dict[str, datetime.date]:
    """Each rule that fired during the placement, with the first day it did. Only snapshots from
    the start up to the day before the ending count: a signal on the day a home ends is no
    warning. With `window_weeks`, only those in that many weeks before the ending (or, for a
    placement that has not ended, up to its last snapshot) count."""
    snapshots = sorted(
        (
            snapshot
            for snapshot in history.snapshots
            if snapshot.on >= history.started_on
            and (history.ended_on is None or snapshot.on < history.ended_on)
        ),
        key=lambda snapshot: snapshot.on,
    )
    if not snapshots:
        return {}
    if window_weeks is not None:
        until = history.ended_on or snapshots[-1].on + ONE_DAY
        snapshots = [s for s in snapshots if s.on >= until - datetime.timedelta(weeks=window_weeks)]
    first: dict[str, datetime.date] = {}
    for snapshot in snapshots:
        for signal in signals_for(snapshot.situation, settings, snapshot.on):
            first.setdefault(signal.rule, snapshot.on)
    return first


def replay(
    histories: Iterable[PlacementHistory], settings: SignalSettings, *, window_weeks: int | None = None
) -> Replay:
    """Runs the rules over each placement's snapshots as if on each snapshot's day (no signal
    considered, none quieted) and reports, for placements that later ended unplanned, how many
    were signalled and how many whole weeks before the ending the first signal came, and for
    placements that held, how many were signalled and by how many rules.

    Over a long placement almost every home meets some signal at some time. `window_weeks`
    looks only at the same span before each ending, or before the last snapshot of a placement
    that has not ended, so that homes that ended and homes that held are compared alike."""
    unplanned = unplanned_signalled = held = held_signalled = signals_on_held = unknown = 0
    weeks: list[int] = []
    per_rule = {rule.__name__: [0, 0] for rule in RULES if rule.__name__ not in settings.switched_off}
    for history in histories:
        fired = _fired(history, settings, window_weeks)
        if history.ended_on is not None and history.ending_planned is None:
            unknown += 1
        elif history.ended_on is not None and not history.ending_planned:
            unplanned += 1
            if fired:
                unplanned_signalled += 1
                weeks.append((history.ended_on - min(fired.values())).days // 7)
            for rule in fired:
                per_rule[rule][0] += 1
        else:
            held += 1
            held_signalled += bool(fired)
            signals_on_held += len(fired)
            for rule in fired:
                per_rule[rule][1] += 1
    return Replay(
        ended_unplanned=unplanned,
        ended_unplanned_signalled=unplanned_signalled,
        weeks_before_ending=tuple(sorted(weeks)),
        held=held,
        held_signalled=held_signalled,
        signals_on_held=signals_on_held,
        ending_unknown=unknown,
        by_rule=tuple(RuleReplay(rule, counts[0], counts[1]) for rule, counts in per_rule.items()),
    )
