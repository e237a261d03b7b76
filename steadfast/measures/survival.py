"""How long homes last: placement survival by the Kaplan-Meier method.

The event is an unplanned ending. A placement that ended as planned, or goes on today, is
censored: it counts as at risk up to its last day known and is then no longer followed, without
counting as a breakdown. Survival at a time is the estimated share of placements that had not
ended unplanned by then. Curves are worked out for all placements and by group: the type of
placement, the child's age band at its start, and whether a stability meeting was held early in
the trouble. docs/measures.md gives the rules and a worked example; the tests in
`tests/test_survival.py` work them by hand.

Pure: callers give `service_measures` records, never rows.
"""

import datetime
from collections import Counter, defaultdict
from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass
from typing import NamedTuple

from steadfast.core.working_days import add_working_days
from steadfast.placements.rules import age_on

from .service_measures import STABILITY_MEETING_KINDS, ConcernRecord, MeetingRecord, PlacementRecord

SURVIVAL_MONTHS = (3, 6, 12)
"""The times at which survival and the numbers still at risk are reported."""

AGE_BANDS = ((0, "Under 1"), (1, "1 to 4"), (5, "5 to 9"), (10, "10 to 15"), (16, "16 and over"))
"""The age bands of the Department for Education's children looked after statistics, by the
youngest age in each."""

EARLY_MEETING_WORKING_DAYS = 20
"""A meeting "early in the trouble" is held within this many working days of the first
stability concern raised while the child lived in the placement."""
WITH_EARLY_MEETING = f"Meeting within {EARLY_MEETING_WORKING_DAYS} working days of the first concern"
WITHOUT_EARLY_MEETING = f"No meeting within {EARLY_MEETING_WORKING_DAYS} working days of the first concern"


def days_in_months(months: int) -> int:
    """Months as days, at the mean length of a month: 3 is 91, 6 is 183 and 12 is 365."""
    return round(months * 365.25 / 12)


@dataclass(frozen=True, slots=True)
class Observation:
    """One placement as survival sees it: followed for `days`, and whether it ended unplanned
    then (`ended`), or was censored then (ended as planned, or still going on)."""

    days: int
    ended: bool


def observe(
    start: datetime.date, end: datetime.date | None, ended_unplanned: bool, *, today: datetime.date
) -> Observation | None:
    """A placement from `start` to `end` (None while it goes on), as of `today`; None when it
    has not begun yet. An end after today is not known yet, so the placement goes on."""
    if start > today:
        return None
    if end is None or end > today:
        return Observation((today - start).days, False)
    return Observation((end - start).days, ended_unplanned)


class Step(NamedTuple):
    """One day on which a placement ended unplanned or stopped being followed: how many were
    at risk that day, how many ended, how many were censored, and survival after the day.

    A named tuple rather than a frozen dataclass: a curve has a step for every day anything
    happened, thousands of them, and a named tuple is built in half the time, which counts when
    stored figures are read back."""

    day: int
    at_risk: int
    ended: int
    censored: int
    survival: float


@dataclass(frozen=True, slots=True)
class Curve:
    placements: int
    ended: int
    steps: tuple[Step, ...]

    def counts(self) -> list[tuple[int, int, int]]:
        """Each day on which placements ended unplanned or stopped being followed: (day, ended,
        censored), in order of day. `curve_from_counts` builds the same curve from them."""
        return [(step.day, step.ended, step.censored) for step in self.steps]

    @property
    def longest(self) -> int | None:
        """The longest time any placement was followed, in days; None without placements."""
        return self.steps[-1].day if self.steps else None

    def survival_at(self, day: int) -> float | None:
        """The share (0 to 1) still going after `day` days; None beyond the longest time followed,
        where the curve says nothing."""
        if self.longest is None or day > self.longest:
            return None
        survival = 1.0
        for step in self.steps:
            if step.day > day:
                break
            survival = step.survival
        return survival

    def at_risk_at(self, day: int) -> int:
        """How many placements were still followed at `day` days: neither ended nor censored before."""
        return next((step.at_risk for step in self.steps if step.day >= day), 0)

    def points(self, until: int) -> list[tuple[int, float]]:
        """The corners of the curve up to `until` days, for drawing it as steps: where it starts,
        each drop, and where it stops (the longest time followed, or `until`)."""
        if self.longest is None:
            return []
        points = [(0, 1.0)]
        for step in self.steps:
            if step.day > until:
                break
            if step.ended:
                points.append((step.day, step.survival))
        last = min(self.longest, until)
        if points[-1][0] != last:
            points.append((last, points[-1][1]))
        return points


def kaplan_meier(observations: Iterable[Observation]) -> Curve:
    """The Kaplan-Meier estimate. On each day with an ending, survival is multiplied by the share
    of those at risk that day who did not end; a placement censored on a day counts as at risk
    on that day (endings are taken before censoring)."""
    ended: Counter[int] = Counter()
    censored: Counter[int] = Counter()
    for observation in observations:
        (ended if observation.ended else censored)[observation.days] += 1
    return curve_from_counts(
        [(day, ended[day], censored[day]) for day in sorted(ended.keys() | censored.keys())]
    )


def curve_from_counts(counts: Sequence[tuple[int, int, int]]) -> Curve:
    """The Kaplan-Meier curve of placements that, on each day in `counts` (day, ended, censored;
    in order of day), ended unplanned or stopped being followed. `Curve.counts` gives them back,
    so a curve is stored as its counts and built again the same, to the last digit."""
    at_risk = sum(ended + censored for _, ended, censored in counts)
    placements, survival, steps, total_ended = at_risk, 1.0, [], 0
    for day, ended, censored in counts:
        if ended:
            survival *= 1 - ended / at_risk
        steps.append(Step(day, at_risk, ended, censored, survival))
        at_risk -= ended + censored
        total_ended += ended
    return Curve(placements=placements, ended=total_ended, steps=tuple(steps))


def _placement_observation(placement: PlacementRecord, today: datetime.date) -> Observation | None:
    return observe(placement.start, placement.end, placement.ending_planned is False, today=today)


def survival_by(
    placements: Iterable[PlacementRecord],
    group: Callable[[PlacementRecord], Hashable],
    *,
    today: datetime.date,
) -> dict[Hashable, Curve]:
    """A curve for each group `group` puts placements in, in the order groups are first met."""
    grouped: defaultdict[Hashable, list[Observation]] = defaultdict(list)
    for placement in placements:
        observation = _placement_observation(placement, today)
        if observation is not None:
            grouped[group(placement)].append(observation)
    return {key: kaplan_meier(observations) for key, observations in grouped.items()}


def overall_survival(placements: Iterable[PlacementRecord], *, today: datetime.date) -> Curve:
    return survival_by(placements, lambda _: None, today=today).get(None, kaplan_meier(()))


def age_band(age: int) -> str:
    """The age band an age in whole years falls in."""
    return next(label for youngest, label in reversed(AGE_BANDS) if age >= youngest)


def age_band_at_start(placement: PlacementRecord) -> str:
    return age_band(age_on(placement.date_of_birth, placement.start))


def survival_by_early_meeting(
    placements: Iterable[PlacementRecord],
    concerns: Iterable[ConcernRecord],
    meetings: Iterable[MeetingRecord],
    *,
    today: datetime.date,
) -> dict[str, Curve]:
    """Survival of homes in trouble, with and without a meeting early in it.

    A placement is in trouble from the first stability concern raised about the child while
    they lived there. Whether a stability meeting (not a disruption meeting or learning circle)
    about the child was held from that day to the 20th working day after it decides its group.
    Every placement is followed from that 20th working day (a landmark), and only placements
    still going then are counted: otherwise a home that ended before a meeting could be held
    would count against "no meeting", and the meeting group would be credited with the days it
    had to survive to hold one."""
    concern_days: defaultdict[int, list[datetime.date]] = defaultdict(list)
    for concern in concerns:
        concern_days[concern.child_id].append(concern.raised_on)
    meeting_days: defaultdict[int, list[datetime.date]] = defaultdict(list)
    for meeting in meetings:
        if meeting.kind in STABILITY_MEETING_KINDS and meeting.held_by(today):
            meeting_days[meeting.child_id].append(meeting.on)
    grouped: dict[str, list[Observation]] = {WITH_EARLY_MEETING: [], WITHOUT_EARLY_MEETING: []}
    for placement in placements:
        trouble = min(
            (day for day in concern_days.get(placement.child_id, ()) if placement.covers(day)), default=None
        )
        if trouble is None:
            continue
        landmark = add_working_days(trouble, EARLY_MEETING_WORKING_DAYS)
        if landmark > today or (placement.end is not None and placement.end < landmark):
            continue
        early = any(trouble <= day <= landmark for day in meeting_days.get(placement.child_id, ()))
        observation = observe(landmark, placement.end, placement.ending_planned is False, today=today)
        if observation is not None:
            grouped[WITH_EARLY_MEETING if early else WITHOUT_EARLY_MEETING].append(observation)
    return {group: kaplan_meier(observations) for group, observations in grouped.items()}


def survival_table_row(curve: Curve, months: Sequence[int] = SURVIVAL_MONTHS) -> tuple:
    """Placements, unplanned endings, then survival (as a percentage) and the number at risk at
    each of `months`: the figures a survival table shows for one group."""
    at = [days_in_months(m) for m in months]
    survival = [curve.survival_at(day) for day in at]
    return (
        curve.placements,
        curve.ended,
        *(None if s is None else round(100 * s, 1) for s in survival),
        *(curve.at_risk_at(day) for day in at),
    )
