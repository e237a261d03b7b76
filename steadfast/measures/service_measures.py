"""The service's own measures: how quickly it answers a home in trouble, whether children's views
reach their meetings, how quickly plans are authorised, what happened to homes after a stability
meeting, how scores move, and what the service learns after a home ends.

Pure functions over plain data: callers turn their rows into the records below. The exact
counting rules, with worked examples, are in docs/measures.md; the tests in
`tests/test_service_measures.py` work each of them by hand.
"""

import datetime
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from steadfast.core.dates import EARLIEST_DATE, add_months, is_possible_date
from steadfast.core.working_days import add_working_days
from steadfast.supervision.rules import LOW_SCALE
from steadfast.voice.rules import fed_back_in_time, feedback_due

# The values of concerns.models.Urgency, MeetingKind and meetings.models.MeetingStatus these
# rules need, kept here so that they import no model.
IMMINENT = "breakdown_imminent"
STABILITY_MEETING_KINDS = frozenset(
    {"strengthening_stability", "placement_stability", "fostering_stability", "review"}
)
"""Meetings about supporting a home that goes on: every kind but the two that look back."""
LOOKING_BACK_KINDS = frozenset({"disruption", "learning_circle"})
"""Disruption meetings and learning circles: after a home has ended, with the lessons as themes."""
PLANNED = "planned"
"""A meeting arranged whose record nobody has begun."""

IMMINENT_MEETING_WORKING_DAYS = 5
"""When breakdown is imminent, a meeting is due within this many working days of the concern."""
STILL_TOGETHER_MONTHS = (3, 6, 12)
QUARTERS_SHOWN = 8
"""The trends cover the last two years, quarter by quarter."""

_MONTH_NAMES = ("Jan", "Apr", "Jul", "Oct")
_MONTH_ENDS = ("Mar", "Jun", "Sep", "Dec")


# Plain records ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class PlacementRecord:
    """One placement: a time a child lived with one carer."""

    id: int
    child_id: int
    date_of_birth: datetime.date
    start: datetime.date
    end: datetime.date | None
    kind: str
    ending_planned: bool | None = None
    carer: tuple[str, int] = ("household", 0)

    def covers(self, day: datetime.date) -> bool:
        """Whether the child lived in this placement on `day` (its first and last days included)."""
        return self.start <= day and (self.end is None or day <= self.end)

    def together_after(self, day: datetime.date) -> bool:
        """Whether the home was still going on after `day`: it had not ended on or before it."""
        return self.end is None or self.end > day


@dataclass(frozen=True, slots=True)
class ConcernRecord:
    child_id: int
    raised_on: datetime.date
    urgency: str


@dataclass(frozen=True, slots=True)
class MeetingRecord:
    """A stability meeting: its child, kind, status and the day it was (or is) held."""

    child_id: int
    kind: str
    status: str
    on: datetime.date
    childs_views: bool = False
    sent_on: datetime.date | None = None
    authorised_on: datetime.date | None = None
    themes: tuple[str, ...] = ()
    # From the meeting's voice record: the child's own words recorded, something recorded of
    # what changed because of them, and the day they were told.
    own_words: bool = False
    influence_recorded: bool = False
    fed_back_on: datetime.date | None = None

    def held_by(self, today: datetime.date) -> bool:
        """A meeting is held once its day has come and its record has been begun."""
        return self.status != PLANNED and self.on <= today


# Records with impossible dates ----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class CountedRecords:
    """The records the measures count, and the children left out of them."""

    placements: list[PlacementRecord]
    concerns: list[ConcernRecord]
    meetings: list[MeetingRecord]
    left_out: frozenset[int]
    """The children whose records hold an impossible date, none of whose records are counted."""


def _impossible_placement(placement: PlacementRecord, today: datetime.date) -> bool:
    born = placement.date_of_birth
    return (
        born is None
        or not EARLIEST_DATE <= born <= today
        or placement.start < born
        or not is_possible_date(placement.start, today=today)
        or not is_possible_date(placement.end, today=today)
        or (placement.end is not None and placement.end < placement.start)
    )


def _impossible_meeting(meeting: MeetingRecord, today: datetime.date) -> bool:
    return not all(
        is_possible_date(day, today=today) for day in (meeting.on, meeting.sent_on, meeting.authorised_on)
    )


def leave_out_impossible_dates(
    placements: Iterable[PlacementRecord],
    concerns: Iterable[ConcernRecord],
    meetings: Iterable[MeetingRecord],
    *,
    today: datetime.date,
) -> CountedRecords:
    """The records the measures can count, without every record of any child one of whose records
    holds a date that cannot be true: a date of birth after a placement began (a negative age),
    a date before 1900 or years ahead, an ending before its start. The forms refuse all of these;
    a row stored before they did, or loaded from elsewhere, is left out and counted, so that one
    record never takes the measures down for everyone."""
    placements, concerns, meetings = list(placements), list(concerns), list(meetings)
    left_out = frozenset(
        {p.child_id for p in placements if _impossible_placement(p, today)}
        | {c.child_id for c in concerns if not is_possible_date(c.raised_on, today=today)}
        | {m.child_id for m in meetings if _impossible_meeting(m, today)}
    )
    if not left_out:
        return CountedRecords(placements, concerns, meetings, left_out)
    return CountedRecords(
        [p for p in placements if p.child_id not in left_out],
        [c for c in concerns if c.child_id not in left_out],
        [m for m in meetings if m.child_id not in left_out],
        left_out,
    )


# Quarters and shares ---------------------------------------------------------------------------


@dataclass(frozen=True, order=True, slots=True)
class Quarter:
    """A calendar quarter: 1 is January to March."""

    year: int
    number: int

    @classmethod
    def of(cls, day: datetime.date) -> "Quarter":
        return cls(day.year, (day.month - 1) // 3 + 1)

    @property
    def first_day(self) -> datetime.date:
        return datetime.date(self.year, 3 * self.number - 2, 1)

    @property
    def last_day(self) -> datetime.date:
        return add_months(self.first_day, 3) - datetime.timedelta(days=1)

    @property
    def label(self) -> str:
        return f"{_MONTH_NAMES[self.number - 1]} to {_MONTH_ENDS[self.number - 1]} {self.year}"

    def previous(self) -> "Quarter":
        return Quarter(self.year, self.number - 1) if self.number > 1 else Quarter(self.year - 1, 4)


def quarters_to(today: datetime.date, count: int = QUARTERS_SHOWN) -> tuple[Quarter, ...]:
    """The `count` quarters up to and including today's, oldest first."""
    quarters = [Quarter.of(today)]
    while len(quarters) < count:
        quarters.append(quarters[-1].previous())
    return tuple(reversed(quarters))


@dataclass(frozen=True, slots=True)
class Share:
    numerator: int
    denominator: int

    @property
    def percentage(self) -> float | None:
        """The numerator as a percentage of the denominator; None when nothing was counted."""
        return 100 * self.numerator / self.denominator if self.denominator else None


@dataclass(frozen=True, slots=True)
class ShareByQuarter:
    by_quarter: tuple[tuple[Quarter, Share], ...]
    total: Share


def share_by_quarter(
    items: Iterable[tuple[datetime.date, bool]], quarters: Sequence[Quarter]
) -> ShareByQuarter:
    """Each item is the day that places it in a quarter and whether it is counted in the
    numerator. Items outside the quarters are left out, of the total too."""
    counts = {quarter: [0, 0] for quarter in quarters}
    for day, counted in items:
        tally = counts.get(Quarter.of(day))
        if tally is not None:
            tally[0] += counted
            tally[1] += 1
    by_quarter = tuple((quarter, Share(*counts[quarter])) for quarter in quarters)
    return ShareByQuarter(
        by_quarter=by_quarter,
        total=Share(sum(s.numerator for _, s in by_quarter), sum(s.denominator for _, s in by_quarter)),
    )


def _held_stability_meetings_by_child(
    meetings: Iterable[MeetingRecord], today: datetime.date
) -> dict[int, list[datetime.date]]:
    held: defaultdict[int, list[datetime.date]] = defaultdict(list)
    for meeting in meetings:
        if meeting.kind in STABILITY_MEETING_KINDS and meeting.held_by(today):
            held[meeting.child_id].append(meeting.on)
    for days in held.values():
        days.sort()
    return held


# Timeliness ------------------------------------------------------------------------------------


def imminent_concerns_met(
    concerns: Iterable[ConcernRecord],
    meetings: Iterable[MeetingRecord],
    *,
    today: datetime.date,
    quarters: Sequence[Quarter],
) -> ShareByQuarter:
    """Of the concerns that said breakdown was imminent, whose 5 working days had passed by
    today, those with a stability meeting about the child held from the day the concern was
    raised to the fifth working day after it; by the quarter the concern was raised in."""
    held = _held_stability_meetings_by_child(meetings, today)
    items = []
    for concern in concerns:
        if concern.urgency != IMMINENT:
            continue
        due = add_working_days(concern.raised_on, IMMINENT_MEETING_WORKING_DAYS)
        if due >= today:
            continue  # still within its time: counted once the time is over
        met = any(concern.raised_on <= day <= due for day in held.get(concern.child_id, ()))
        items.append((concern.raised_on, met))
    return share_by_quarter(items, quarters)


def meetings_with_childs_views(
    meetings: Iterable[MeetingRecord], *, today: datetime.date, quarters: Sequence[Quarter]
) -> ShareByQuarter:
    """Of the stability meetings held (not the two kinds that look back), those where the
    child's own views were recorded; by the quarter the meeting was held in."""
    return share_by_quarter(
        (
            (meeting.on, meeting.childs_views)
            for meeting in meetings
            if meeting.kind in STABILITY_MEETING_KINDS and meeting.held_by(today)
        ),
        quarters,
    )


def meetings_with_childs_own_words(
    meetings: Iterable[MeetingRecord], *, today: datetime.date, quarters: Sequence[Quarter]
) -> ShareByQuarter:
    """Of the stability meetings held (not the two kinds that look back), those whose record of
    the child's voice holds what they said in their own words; by the quarter held in."""
    return share_by_quarter(
        (
            (meeting.on, meeting.own_words)
            for meeting in meetings
            if meeting.kind in STABILITY_MEETING_KINDS and meeting.held_by(today)
        ),
        quarters,
    )


def _past_feedback_time(meetings: Iterable[MeetingRecord], today: datetime.date) -> list[MeetingRecord]:
    """The stability meetings held whose working days to feed back to the child have passed by
    today: counted once that time is over."""
    return [
        meeting
        for meeting in meetings
        if meeting.kind in STABILITY_MEETING_KINDS
        and meeting.held_by(today)
        and feedback_due(meeting.on) < today
    ]


def meetings_with_influence_recorded(
    meetings: Iterable[MeetingRecord], *, today: datetime.date, quarters: Sequence[Quarter]
) -> ShareByQuarter:
    """Of the stability meetings held whose time to feed back has passed, those with something
    recorded of what changed because of what the child asked for; by the quarter held in."""
    return share_by_quarter(
        ((meeting.on, meeting.influence_recorded) for meeting in _past_feedback_time(meetings, today)),
        quarters,
    )


def meetings_fed_back_in_time(
    meetings: Iterable[MeetingRecord], *, today: datetime.date, quarters: Sequence[Quarter]
) -> ShareByQuarter:
    """Of the stability meetings held whose time to feed back has passed, those where the child
    was told what came of their views within FEEDBACK_WORKING_DAYS working days; by the quarter
    held in."""
    return share_by_quarter(
        (
            (meeting.on, fed_back_in_time(meeting.on, meeting.fed_back_on))
            for meeting in _past_feedback_time(meetings, today)
        ),
        quarters,
    )


def plans_authorised_in_time(
    meetings: Iterable[MeetingRecord],
    *,
    today: datetime.date,
    quarters: Sequence[Quarter],
    working_days: int,
) -> ShareByQuarter:
    """Of the plans sent for authorisation whose `working_days` had passed by today, those
    authorised from the day they were sent to the last of those working days; by the quarter
    they were sent in. A plan returned and sent again is timed from its latest sending."""
    items = []
    for meeting in meetings:
        if meeting.sent_on is None:
            continue
        due = add_working_days(meeting.sent_on, working_days)
        if due >= today:
            continue
        authorised = meeting.authorised_on
        items.append((meeting.sent_on, authorised is not None and meeting.sent_on <= authorised <= due))
    return share_by_quarter(items, quarters)


# Outcomes --------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class StillTogether:
    """Homes with a stability meeting, `months` after their first: how many could be counted
    (that much time has passed), and of those how many were still together, and how many had
    ended as planned or not."""

    months: int
    homes: int
    together: int
    ended_planned: int
    ended_unplanned: int

    @property
    def share(self) -> Share:
        return Share(self.together, self.homes)


def first_stability_meetings(
    placements: Iterable[PlacementRecord], meetings: Iterable[MeetingRecord], *, today: datetime.date
) -> dict[int, datetime.date]:
    """For each placement (by id) that had a stability meeting held while the child lived
    there, the day of the first."""
    by_child: defaultdict[int, list[PlacementRecord]] = defaultdict(list)
    for placement in placements:
        by_child[placement.child_id].append(placement)
    first: dict[int, datetime.date] = {}
    for child_id, days in _held_stability_meetings_by_child(meetings, today).items():
        for placement in by_child.get(child_id, ()):
            day = next((day for day in days if placement.covers(day)), None)
            if day is not None:
                first[placement.id] = day
    return first


def still_together_after_meeting(
    placements: Sequence[PlacementRecord],
    meetings: Iterable[MeetingRecord],
    *,
    today: datetime.date,
    months: Sequence[int] = STILL_TOGETHER_MONTHS,
) -> list[StillTogether]:
    """For homes (placements) that had a stability meeting, whether they were still together
    3, 6 and 12 months after the first. A home counts for a number of months only once that
    day has come; it is still together when it had not ended by that day."""
    first = first_stability_meetings(placements, meetings, today=today)
    by_id = {placement.id: placement for placement in placements}
    results = []
    for count in months:
        homes = together = planned = unplanned = 0
        for placement_id, meeting_day in first.items():
            day = add_months(meeting_day, count)
            if day > today:
                continue
            placement = by_id[placement_id]
            homes += 1
            if placement.together_after(day):
                together += 1
            elif placement.ending_planned:
                planned += 1
            else:
                unplanned += 1
        results.append(StillTogether(count, homes, together, planned, unplanned))
    return results


@dataclass(frozen=True, slots=True)
class ScaleQuarter:
    """The scores given in one quarter: how many, their mean, and how many were low."""

    quarter: Quarter
    count: int
    mean: float | None
    low: int

    @property
    def low_share(self) -> Share:
        return Share(self.low, self.count)


def scale_trend(
    scores: Iterable[tuple[datetime.date, int, int]], quarters: Sequence[Quarter]
) -> list[ScaleQuarter]:
    """Scores from 0 to 10 by quarter: the count, the mean and how many were at or below the low
    mark that prompts a concern (4). Each item is a day, a score and how many times that score
    was given that day. Scores outside the quarters are left out."""
    tallies = {quarter: [0, 0, 0] for quarter in quarters}
    for day, score, times in scores:
        tally = tallies.get(Quarter.of(day))
        if tally is not None:
            tally[0] += times
            tally[1] += score * times
            tally[2] += times if score <= LOW_SCALE else 0
    return [
        ScaleQuarter(quarter, count, total / count if count else None, low)
        for quarter, (count, total, low) in tallies.items()
    ]


# Learning --------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ThemeCount:
    """How often one learning theme was found: in how many meetings, about how many children,
    and in how many meetings in each quarter."""

    theme: str
    meetings: int
    children: int
    by_quarter: tuple[int, ...]


def learning_themes(
    meetings: Iterable[MeetingRecord],
    *,
    today: datetime.date,
    quarters: Sequence[Quarter],
    themes: Sequence[str],
) -> list[ThemeCount]:
    """Every theme in `themes`, with the disruption meetings and learning circles held in the
    quarters that found it, most often found first (ties in the order of `themes`). A meeting
    naming a theme twice counts once."""
    position = {quarter: i for i, quarter in enumerate(quarters)}
    found: dict[str, list[int]] = {theme: [0] * len(quarters) for theme in themes}
    children: dict[str, set[int]] = {theme: set() for theme in themes}
    for meeting in meetings:
        if meeting.kind not in LOOKING_BACK_KINDS or not meeting.held_by(today):
            continue
        i = position.get(Quarter.of(meeting.on))
        if i is None:
            continue
        for theme in set(meeting.themes):
            if theme in found:
                found[theme][i] += 1
                children[theme].add(meeting.child_id)
    counts = [
        ThemeCount(theme, sum(found[theme]), len(children[theme]), tuple(found[theme])) for theme in themes
    ]
    return sorted(counts, key=lambda count: -count.meetings)
