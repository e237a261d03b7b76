"""The Department for Education's placement stability measures, counted from placement histories
given as plain data, so the same rules serve the authority's own records and SSDA903 files.

Three measures, for a year ending 31 March (see docs/measures.md for the rules and their sources):

- children looked after on 31 March with 3 or more placements during the year;
- children looked after on 31 March, continuously for the 2 years before, with 3 or more
  placements during those 2 years;
- children under 16 on 31 March, looked after continuously for at least 2.5 years, living with
  the same carer for at least 2 years (or placed for adoption, where the adoptive placement and
  the placement before it together last at least 2 years).

Nothing here touches the database: callers turn their rows into `PlacementEpisode` values.
"""

import datetime
from collections import defaultdict
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass

from steadfast.placements.rules import age_on

# Kinds of episode beyond the placement types of `placements.models.PlacementType`, whose values
# the other episodes carry as their kind.
TEMPORARY = "temporary"
"""A stay away from the usual home, after which the child goes back: a holiday, a spell in
hospital, the carer's absence (SSDA903 placement codes T0 to T4). Looked after, not a placement."""

SHORT_BREAK = "short_break"
"""One of an agreed series of short breaks (respite; SSDA903 legal status V3 or V4). Children
looked after only in this way are left out of the measures altogether."""

PLACED_FOR_ADOPTION = "placed_for_adoption"
"""The same word as `PlacementType.PLACED_FOR_ADOPTION`."""

LONG_TERM_AGE_LIMIT = 16
"""The long-term measure counts children aged under 16 on 31 March."""

PLACEMENTS_THAT_COUNT = 3
"""Both placement-count measures count children with this many placements or more."""

# Episodes whose start falls within this many days of the previous episode's end belong to the
# same period of care: SSDA903 records a move as one episode ending on the day the next begins,
# and some case records end a placement on the child's last night, the day before the next.
_CONTINUOUS_WITHIN = datetime.timedelta(days=1)

ERROR_NOT_31_MARCH = "The year must end on 31 March"
ERROR_END_BEFORE_START = "A placement episode cannot end before it starts"


@dataclass(frozen=True, slots=True)
class PlacementEpisode:
    """One stretch of a child's time in care with one carer, in one kind of placement.

    `carer_id` names the home: a fostering household or a provider, whichever the caller uses, so
    long as the same home always has the same id. `starts_period_of_care` marks an episode that
    begins a new period of care even though it follows the last one without a gap (a child who
    left care and came back on the same day)."""

    child_id: Hashable
    date_of_birth: datetime.date
    start: datetime.date
    end: datetime.date | None
    kind: str
    carer_id: Hashable
    starts_period_of_care: bool = False

    def __post_init__(self) -> None:
        if self.end is not None and self.end < self.start:
            raise ValueError(ERROR_END_BEFORE_START)


@dataclass(frozen=True, slots=True)
class MeasureResult:
    """A measure's count: the children counted (the numerator) out of the children it is about
    (the denominator). Both are sets of child ids, so the caller can draw a list after applying
    its own access policy."""

    counted: frozenset[Hashable]
    cohort: frozenset[Hashable]

    @property
    def numerator(self) -> int:
        return len(self.counted)

    @property
    def denominator(self) -> int:
        return len(self.cohort)

    @property
    def percentage(self) -> float | None:
        """The numerator as a percentage of the denominator; None when nobody is in the cohort."""
        return 100 * self.numerator / self.denominator if self.denominator else None


@dataclass(frozen=True, slots=True)
class StabilityMeasures:
    year_ending: datetime.date
    three_or_more_placements_in_year: MeasureResult
    three_or_more_placements_in_two_years: MeasureResult
    long_term_stability: MeasureResult


@dataclass(frozen=True, slots=True)
class ChildStability:
    """Where one child stands in each measure for one year."""

    looked_after_on_31_march: bool
    placements_in_year: int
    looked_after_for_two_years: bool
    placements_in_two_years: int
    in_long_term_cohort: bool
    long_term_stable: bool


@dataclass(frozen=True, slots=True)
class _Placement:
    """Consecutive episodes with the same carer in one period of care, joined into one placement."""

    start: datetime.date
    end: datetime.date | None
    kind: str


@dataclass(frozen=True, slots=True)
class _PeriodOfCare:
    start: datetime.date
    end: datetime.date | None
    placements: tuple[_Placement, ...]


def check_year_ending(year_ending: datetime.date) -> None:
    if (year_ending.month, year_ending.day) != (3, 31):
        raise ValueError(ERROR_NOT_31_MARCH)


def year_start(year_ending: datetime.date) -> datetime.date:
    """1 April before the 31 March the year ends on."""
    return datetime.date(year_ending.year - 1, 4, 1)


def two_years_start(year_ending: datetime.date) -> datetime.date:
    """1 April two years before: the first day of the 2 years ending on `year_ending`."""
    return datetime.date(year_ending.year - 2, 4, 1)


def two_and_a_half_years_start(year_ending: datetime.date) -> datetime.date:
    """1 October three calendar years before: the first day of the 2.5 years ending on
    `year_ending`."""
    return datetime.date(year_ending.year - 3, 10, 1)


def _periods_of_care(episodes: Sequence[PlacementEpisode]) -> list[_PeriodOfCare]:
    """The child's periods of care, oldest first, each with its placements. Short breaks are
    dropped first."""
    periods: list[_PeriodOfCare] = []
    period: list[PlacementEpisode] = []
    period_end: datetime.date | None = None
    for episode in sorted(episodes, key=lambda e: (e.start, e.end is None, e.end)):
        if episode.kind == SHORT_BREAK:
            continue
        continuous = (
            period
            and not episode.starts_period_of_care
            and (period_end is None or episode.start <= period_end + _CONTINUOUS_WITHIN)
        )
        if continuous:
            period.append(episode)
            if period_end is not None:
                period_end = None if episode.end is None else max(period_end, episode.end)
        else:
            if period:
                periods.append(_PeriodOfCare(period[0].start, period_end, _placements(period)))
            period, period_end = [episode], episode.end
    if period:
        periods.append(_PeriodOfCare(period[0].start, period_end, _placements(period)))
    return periods


def _placements(period: Sequence[PlacementEpisode]) -> tuple[_Placement, ...]:
    """The placements of one period of care: consecutive episodes with the same carer joined
    into one, across temporary stays, which are not placements themselves."""
    placements: list[_Placement] = []
    carer_id: Hashable = None
    for episode in period:
        if episode.kind == TEMPORARY:
            continue
        if placements and episode.carer_id == carer_id:
            joined = placements[-1]
            end = None if joined.end is None or episode.end is None else max(joined.end, episode.end)
            # The joined placement takes the kind of its latest episode (fostering, then adoption).
            placements[-1] = _Placement(joined.start, end, episode.kind)
        else:
            placements.append(_Placement(episode.start, episode.end, episode.kind))
            carer_id = episode.carer_id
    return tuple(placements)


def _placements_between(
    periods: Iterable[_PeriodOfCare], first_day: datetime.date, last_day: datetime.date
) -> int:
    """Placements the child lived in on any day from `first_day` to `last_day`, both included."""
    return sum(
        1
        for period in periods
        for placement in period.placements
        if placement.start <= last_day and (placement.end is None or placement.end >= first_day)
    )


@dataclass(frozen=True, slots=True)
class _Windows:
    """The days the measures look back to from one 31 March, worked out once per count."""

    year_ending: datetime.date
    year_from: datetime.date
    two_years_from: datetime.date
    long_term_from: datetime.date

    @classmethod
    def ending(cls, year_ending: datetime.date) -> "_Windows":
        check_year_ending(year_ending)
        return cls(
            year_ending=year_ending,
            year_from=year_start(year_ending),
            two_years_from=two_years_start(year_ending),
            long_term_from=two_and_a_half_years_start(year_ending),
        )


def child_stability(episodes: Sequence[PlacementEpisode], *, year_ending: datetime.date) -> ChildStability:
    """Where one child (all `episodes` are theirs) stands in each measure for the year."""
    return _child_stability(episodes, _Windows.ending(year_ending))


_NOT_LOOKED_AFTER = ChildStability(False, 0, False, 0, False, False)


def _child_stability(episodes: Sequence[PlacementEpisode], windows: _Windows) -> ChildStability:
    year_ending = windows.year_ending
    periods = [p for p in _periods_of_care(episodes) if p.start <= year_ending]
    if not periods:
        return _NOT_LOOKED_AFTER
    last = periods[-1]
    # A period of care ending on 31 March ended during the year: the child left care that day.
    if last.end is not None and last.end <= year_ending:
        return _NOT_LOOKED_AFTER
    placements_in_year = _placements_between(periods, windows.year_from, year_ending)
    for_two_years = last.start <= windows.two_years_from
    placements_in_two_years = (
        _placements_between([last], windows.two_years_from, year_ending) if for_two_years else 0
    )
    in_long_term_cohort = (
        last.start <= windows.long_term_from
        and age_on(episodes[0].date_of_birth, year_ending) < LONG_TERM_AGE_LIMIT
    )
    return ChildStability(
        looked_after_on_31_march=True,
        placements_in_year=placements_in_year,
        looked_after_for_two_years=for_two_years,
        placements_in_two_years=placements_in_two_years,
        in_long_term_cohort=in_long_term_cohort,
        long_term_stable=in_long_term_cohort and _with_same_carer_for_two_years(last, windows),
    )


def _with_same_carer_for_two_years(period: _PeriodOfCare, windows: _Windows) -> bool:
    """Whether the placement the child lives in on 31 March began at least 2 years before; or,
    for a child placed for adoption, whether that placement and the one before it together
    began at least 2 years before."""
    placements = [p for p in period.placements if p.start <= windows.year_ending]
    if not placements:
        return False
    current = placements[-1]
    if current.start <= windows.two_years_from:
        return True
    return (
        current.kind == PLACED_FOR_ADOPTION
        and len(placements) > 1
        and placements[-2].start <= windows.two_years_from
    )


def stability_measures(
    episodes: Iterable[PlacementEpisode], *, year_ending: datetime.date
) -> StabilityMeasures:
    """The three measures for the year ending `year_ending` (a 31 March), over every child with
    an episode in `episodes`, in any order."""
    windows = _Windows.ending(year_ending)
    by_child: defaultdict[Hashable, list[PlacementEpisode]] = defaultdict(list)
    for episode in episodes:
        by_child[episode.child_id].append(episode)
    in_year: list[Hashable] = []
    in_year_counted: list[Hashable] = []
    two_years: list[Hashable] = []
    two_years_counted: list[Hashable] = []
    long_term: list[Hashable] = []
    long_term_counted: list[Hashable] = []
    for child_id, child_episodes in by_child.items():
        child = _child_stability(child_episodes, windows)
        if not child.looked_after_on_31_march:
            continue
        in_year.append(child_id)
        if child.placements_in_year >= PLACEMENTS_THAT_COUNT:
            in_year_counted.append(child_id)
        if child.looked_after_for_two_years:
            two_years.append(child_id)
            if child.placements_in_two_years >= PLACEMENTS_THAT_COUNT:
                two_years_counted.append(child_id)
        if child.in_long_term_cohort:
            long_term.append(child_id)
            if child.long_term_stable:
                long_term_counted.append(child_id)
    return StabilityMeasures(
        year_ending=year_ending,
        three_or_more_placements_in_year=MeasureResult(frozenset(in_year_counted), frozenset(in_year)),
        three_or_more_placements_in_two_years=MeasureResult(
            frozenset(two_years_counted), frozenset(two_years)
        ),
        long_term_stability=MeasureResult(frozenset(long_term_counted), frozenset(long_term)),
    )
