"""The frame counting against the rules written out one child at a time, as plain Python, on
random histories: the same answers for every child. The loop below is how the module counted
before it counted frames; it stays here, in the test only, as a second reading of the rules."""

import datetime
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass

from hypothesis import given, settings
from hypothesis import strategies as st

from steadfast.measures.stability_measures import (
    LONG_TERM_AGE_LIMIT,
    PLACED_FOR_ADOPTION,
    SHORT_BREAK,
    TEMPORARY,
    ChildStability,
    PlacementEpisode,
    _Windows,
    children_stability,
    stability_measures,
)
from steadfast.placements.rules import age_on

_CONTINUOUS_WITHIN = datetime.timedelta(days=1)


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


_NOT_LOOKED_AFTER = ChildStability(False, 0, False, 0, False, False)


def oracle(episodes: Sequence[PlacementEpisode], windows) -> ChildStability:
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


def _with_same_carer_for_two_years(period: _PeriodOfCare, windows) -> bool:
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


D = datetime.date
YEARS = [D(2023, 3, 31), D(2024, 3, 31), D(2025, 3, 31)]
KINDS = ["foster_approved_carer", "residential", PLACED_FOR_ADOPTION, TEMPORARY, SHORT_BREAK]


@st.composite
def histories(draw) -> list[PlacementEpisode]:
    """Up to six children, each with up to seven episodes near one another: moves, gaps, same
    days, overlaps, temporary stays, short breaks and episodes still going."""
    episodes = []
    for child in range(draw(st.integers(1, 6))):
        born = D(2006, 1, 1) + datetime.timedelta(days=draw(st.integers(0, 6000)))
        day = D(2020, 6, 1) + datetime.timedelta(days=draw(st.integers(0, 1500)))
        for _ in range(draw(st.integers(1, 7))):
            start = day + datetime.timedelta(days=draw(st.integers(-3, 200)))
            length = draw(st.one_of(st.none(), st.integers(0, 900)))
            end = None if length is None else start + datetime.timedelta(days=length)
            episodes.append(
                PlacementEpisode(
                    child_id=f"child {child}",
                    date_of_birth=born,
                    start=start,
                    end=end,
                    kind=draw(st.sampled_from(KINDS)),
                    carer_id=draw(st.sampled_from(["A", "B", "C", None])),
                    starts_period_of_care=draw(st.booleans()),
                )
            )
            day = end or start
    order = draw(st.permutations(range(len(episodes))))
    return [episodes[i] for i in order]


@settings(max_examples=300, deadline=None)
@given(histories(), st.sampled_from(YEARS))
def test_the_frame_counting_gives_every_child_what_the_rules_give_one_child_at_a_time(episodes, year):
    by_child: dict[Hashable, list[PlacementEpisode]] = {}
    for episode in episodes:
        by_child.setdefault(episode.child_id, []).append(episode)
    expected = {child: oracle(own, _Windows.ending(year)) for child, own in by_child.items()}
    assert children_stability(episodes, year_ending=year) == expected


@settings(max_examples=200, deadline=None)
@given(histories(), st.sampled_from(YEARS))
def test_the_measures_hang_together_on_any_history(episodes, year):
    found = children_stability(episodes, year_ending=year)
    measures = stability_measures(episodes, year_ending=year)
    for child, stability in found.items():
        own = [e for e in episodes if e.child_id == child and e.kind != SHORT_BREAK]
        # A placement is lived in on some day of an episode, and temporary stays are none.
        assert stability.placements_in_year <= len([e for e in own if e.kind != TEMPORARY])
        # The 2 years hold the year, within one period of care.
        assert stability.placements_in_two_years <= len(own)
        assert not stability.long_term_stable or stability.in_long_term_cohort
        assert not stability.in_long_term_cohort or stability.looked_after_for_two_years
        # Nobody is looked after on 31 March without an episode begun by then.
        assert not stability.looked_after_on_31_march or any(e.start <= year for e in own)
    assert (
        measures.three_or_more_placements_in_two_years.cohort
        <= measures.three_or_more_placements_in_year.cohort
    )
    assert measures.long_term_stability.cohort <= measures.three_or_more_placements_in_two_years.cohort
