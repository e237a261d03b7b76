"""The Department for Education's placement stability measures, counted from placement histories
given as plain data, so the same rules serve the authority's own records and SSDA903 files.

Three measures, for a year ending 31 March (see docs/measures.md for the rules and their sources):

- children looked after on 31 March with 3 or more placements during the year;
- children looked after on 31 March, continuously for the 2 years before, with 3 or more
  placements during those 2 years;
- children under 16 on 31 March, looked after continuously for at least 2.5 years, living with
  the same carer for at least 2 years (or placed for adoption, where the adoptive placement and
  the placement before it together last at least 2 years).

Nothing here touches the database. The counting is done once, over a frame of episodes, one row
per episode and one column per field of `PlacementEpisode` (`stability_of_frame`): the measures
page turns its placement rows into `PlacementEpisode` values, which `stability_measures` and
`child_stability` put into such a frame, and SSDA903 files are read straight into one
(`interop.ssda903.episodes`). Every step is a Polars expression over all children at once, so a
national collection of a million children is counted in seconds.
"""

import datetime
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass

import polars as pl

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


# The episode frame ----------------------------------------------------------------------------

# One column for each field of `PlacementEpisode`, named as the field.
CHILD_ID = "child_id"
DATE_OF_BIRTH = "date_of_birth"
START = "start"
END = "end"
KIND = "kind"
CARER_ID = "carer_id"
STARTS_PERIOD_OF_CARE = "starts_period_of_care"
EPISODE_COLUMNS = (CHILD_ID, DATE_OF_BIRTH, START, END, KIND, CARER_ID, STARTS_PERIOD_OF_CARE)
"""The columns `stability_of_frame` reads; `starts_period_of_care` may be left out (False)."""

# The measures, named as the fields of `StabilityMeasures`.
THREE_OR_MORE_IN_YEAR = "three_or_more_placements_in_year"
THREE_OR_MORE_IN_TWO_YEARS = "three_or_more_placements_in_two_years"
LONG_TERM = "long_term_stability"
MEASURES = (THREE_OR_MORE_IN_YEAR, THREE_OR_MORE_IN_TWO_YEARS, LONG_TERM)

# Why a child given is not in a measure's group (its denominator).
EXCLUDED_SHORT_BREAKS_ONLY = "looked after only through short breaks"
EXCLUDED_NOT_YET_LOOKED_AFTER = "not looked after until after 31 March"
EXCLUDED_LEFT_CARE = "left care on or before 31 March"
EXCLUDED_NOT_TWO_YEARS = "not looked after continuously since 1 April two years before"
EXCLUDED_NOT_TWO_AND_A_HALF_YEARS = "not looked after continuously since 1 October three years before"
EXCLUDED_AGED_16 = "aged 16 or over on 31 March"

# The columns of `FrameStability.children` beyond those of `ChildStability`.
NOT_LOOKED_AFTER = "not_looked_after"
LOOKED_AFTER_FOR_TWO_AND_A_HALF_YEARS = "looked_after_for_two_and_a_half_years"
UNDER_16 = "under_16"

_FAR_FUTURE = datetime.date(9999, 12, 31)
"""Stands for the end of an episode that goes on, where the latest end is wanted."""


@dataclass(frozen=True)
class FrameStability:
    """Where every child given stands in each measure for one year: `children` has one row per
    child, in order of the child's id, with the child's id, the fields of `ChildStability` as
    columns, `not_looked_after` (why the child was not looked after on 31 March, or missing when
    they were), `looked_after_for_two_and_a_half_years` and `under_16`."""

    year_ending: datetime.date
    children: pl.DataFrame

    def _cohort(self, measure: str) -> pl.Expr:
        if measure == THREE_OR_MORE_IN_YEAR:
            return pl.col("looked_after_on_31_march")
        if measure == THREE_OR_MORE_IN_TWO_YEARS:
            return pl.col("looked_after_for_two_years")
        if measure == LONG_TERM:
            return pl.col("in_long_term_cohort")
        raise ValueError(f"There is no measure {measure}")

    def _counted(self, measure: str) -> pl.Expr:
        if measure == THREE_OR_MORE_IN_YEAR:
            return pl.col("placements_in_year") >= PLACEMENTS_THAT_COUNT
        if measure == THREE_OR_MORE_IN_TWO_YEARS:
            return pl.col("placements_in_two_years") >= PLACEMENTS_THAT_COUNT
        return pl.col("long_term_stable")

    def _reason(self, measure: str) -> pl.Expr:
        reason = pl.when(pl.col(NOT_LOOKED_AFTER).is_not_null()).then(pl.col(NOT_LOOKED_AFTER))
        if measure == THREE_OR_MORE_IN_TWO_YEARS:
            reason = reason.when(~pl.col("looked_after_for_two_years")).then(pl.lit(EXCLUDED_NOT_TWO_YEARS))
        elif measure == LONG_TERM:
            reason = (
                reason.when(~pl.col(LOOKED_AFTER_FOR_TWO_AND_A_HALF_YEARS))
                .then(pl.lit(EXCLUDED_NOT_TWO_AND_A_HALF_YEARS))
                .when(~pl.col(UNDER_16))
                .then(pl.lit(EXCLUDED_AGED_16))
            )
        return reason.otherwise(None)

    def cohort(self, measure: str) -> pl.Series:
        """The ids of the children in the measure's group: its denominator."""
        return self.children.filter(self._cohort(measure))[CHILD_ID]

    def counted(self, measure: str) -> pl.Series:
        """The ids of the children the measure counts: its numerator."""
        return self.children.filter(self._cohort(measure) & self._counted(measure))[CHILD_ID]

    def excluded(self, measure: str) -> pl.DataFrame:
        """The children given who are not in the measure's group, with why not: columns
        `child_id` and `reason` (one of the `EXCLUDED_` texts)."""
        return self.children.filter(~self._cohort(measure)).select(
            CHILD_ID, self._reason(measure).alias("reason")
        )

    def result(self, measure: str) -> "MeasureResult":
        return MeasureResult(
            counted=frozenset(self.counted(measure).to_list()),
            cohort=frozenset(self.cohort(measure).to_list()),
        )

    def with_placements_in_year(self, at_least: int) -> pl.Series:
        """The ids of the children looked after on 31 March who lived in `at_least` placements
        or more during the year."""
        return self.children.filter(
            pl.col("looked_after_on_31_march") & (pl.col("placements_in_year") >= at_least)
        )[CHILD_ID]

    @property
    def placements_in_year(self) -> pl.DataFrame:
        """For each child looked after on 31 March, the placements they lived in during the
        year: columns `child_id` and `placements_in_year`."""
        return self.children.filter(pl.col("looked_after_on_31_march")).select(CHILD_ID, "placements_in_year")


def stability_of_frame(
    episodes: pl.LazyFrame | pl.DataFrame, *, year_ending: datetime.date
) -> FrameStability:
    """Where each child in `episodes` (one row per episode, in any order, with the columns
    `EPISODE_COLUMNS`) stands in each measure for the year ending `year_ending` (a 31 March).
    Refuses, with `ERROR_END_BEFORE_START`, episodes that end before they start."""
    windows = _Windows.ending(year_ending)
    frame = episodes.lazy() if isinstance(episodes, pl.DataFrame) else episodes
    # In order of the child's id, so the same episodes always give the same lists.
    children = _children(frame, windows).sort(CHILD_ID).collect()
    if children["_faulty"].any():
        raise ValueError(ERROR_END_BEFORE_START)
    return FrameStability(year_ending=year_ending, children=children.drop("_faulty"))


def _children(frame: pl.LazyFrame, windows: _Windows) -> pl.LazyFrame:
    """One row per child with where they stand (see `FrameStability.children`): the rules of
    docs/measures.md, as expressions over every child at once.

    Only plain aggregations (first, min, max, any, sum) are used in groups, and no window
    (`over`): both are fast for a million groups, where an expression evaluated group by group
    is not. Children are numbered (`_child`) after sorting, so the joins are on integers."""
    year_ending = windows.year_ending
    schema = frame.collect_schema()
    given = frame.select(
        pl.col(CHILD_ID),
        pl.col(DATE_OF_BIRTH).cast(pl.Date),
        pl.col(START).cast(pl.Date),
        pl.col(END).cast(pl.Date),
        pl.col(KIND).cast(pl.String),
        pl.col(CARER_ID),
        (
            pl.col(STARTS_PERIOD_OF_CARE).cast(pl.Boolean).fill_null(False)
            if STARTS_PERIOD_OF_CARE in schema
            else pl.lit(False)
        ).alias(STARTS_PERIOD_OF_CARE),
    )
    # Rule 14: the date of birth of each child's first episode as given (a group keeps the
    # order of its rows).
    births = (
        given.with_columns((pl.col(END) < pl.col(START)).fill_null(False).alias("_faulty"))
        .group_by(CHILD_ID)
        .agg(pl.col(DATE_OF_BIRTH).first(), pl.col("_faulty").any())
    )

    # Rules 2 and 4: short breaks dropped, the rest in date order, cut into periods of care. Each
    # episode reaches as far as the latest end before it since the child's first episode or the
    # last one marked as starting a period (a segment); it begins a new period when it starts
    # more than a day after that. The latest end so far within a segment is a running maximum
    # over the whole frame of the segment's number and the end together, as segments follow one
    # another in increasing order.
    new_child = pl.col(CHILD_ID).ne_missing(pl.col(CHILD_ID).shift(1))
    segment_and_end = pl.col("_segment") * _DAYS + _days(pl.col(END).fill_null(_FAR_FUTURE))
    reach = segment_and_end.cum_max().shift(1)
    same_segment = (reach // _DAYS) == pl.col("_segment")
    reached = (reach % _DAYS).fill_null(0)
    care = (
        given.filter(pl.col(KIND).ne_missing(SHORT_BREAK))
        .sort([CHILD_ID, START, END], nulls_last=True, maintain_order=True)
        .with_columns(new_child.alias("_new_child"))
        .with_columns(
            pl.col("_new_child").cum_sum().alias("_child"),
            (pl.col("_new_child") | pl.col(STARTS_PERIOD_OF_CARE)).cum_sum().cast(pl.Int64).alias("_segment"),
        )
        .with_columns(
            (~same_segment.fill_null(False) | (_days(pl.col(START)) > reached + 1))
            .cum_sum()
            .alias("_period"),
            pl.col(END).is_null().alias("_goes_on"),
        )
    )
    periods = _with_latest_end(
        care.group_by("_period").agg(
            pl.col("_child", CHILD_ID).first(),
            pl.col(START).min().alias("_period_start"),
            pl.col(END).max(),
            pl.col("_goes_on").any(),
        )
    )
    # Rule 3: the child's latest period of care begun by 31 March.
    last_period = (
        periods.with_columns(
            pl.when(pl.col("_period_start") <= year_ending).then(pl.col("_period")).alias("_begun")
        )
        .group_by("_child")
        .agg(pl.col(CHILD_ID).first(), pl.col("_begun").max().alias("_last"))
        .join(
            periods.select(
                pl.col("_period").alias("_last"),
                pl.col("_period_start").alias("_last_start"),
                pl.col("_end").alias("_last_end"),
            ),
            on="_last",
            how="left",
        )
    )

    # Rules 5 and 6: temporary stays dropped, then consecutive episodes with the same carer in
    # one period joined into one placement, which takes the kind of its latest episode.
    placements = (
        _with_latest_end(
            care.filter(pl.col(KIND).ne_missing(TEMPORARY))
            .with_columns(
                (
                    pl.col("_period").ne_missing(pl.col("_period").shift(1))
                    | pl.col(CARER_ID).ne_missing(pl.col(CARER_ID).shift(1))
                )
                .cum_sum()
                .alias("_placement")
            )
            .group_by("_placement")
            .agg(
                pl.col("_child", "_period").first(),
                pl.col(START).min().alias("_start"),
                pl.col(END).max(),
                pl.col("_goes_on").any(),
                pl.col(KIND).last(),
            )
        )
        .sort("_placement")
        .with_columns(
            pl.when(pl.col("_period") == pl.col("_period").shift(1))
            .then(pl.col("_start").shift(1))
            .alias("_previous_start")
        )
        .join(last_period.select("_child", "_last"), on="_child", how="left")
    )

    def lived_in_from(day: datetime.date) -> pl.Expr:
        return (pl.col("_start") <= year_ending) & (pl.col("_end").is_null() | (pl.col("_end") >= day))

    in_last_period = (pl.col("_period") == pl.col("_last")) & (pl.col("_start") <= year_ending)
    placements = placements.with_columns(
        lived_in_from(windows.year_from).alias("_in_year"),
        (in_last_period & lived_in_from(windows.two_years_from)).alias("_in_two_years"),
        in_last_period.alias("_in_last_period"),
    )
    # Rules 7 and 9: placements lived in on any day of the year, and of the 2 years.
    counts = placements.group_by("_child").agg(pl.col("_in_year", "_in_two_years").sum())
    # Rules 12 and 13: the placement lived in on 31 March, and the one before it in that period.
    current = (
        placements.filter(pl.col("_in_last_period"))
        .group_by("_child")
        .agg(pl.col("_placement").max())
        .join(placements.select("_placement", "_start", "_previous_start", KIND), on="_placement", how="left")
        .select(
            "_child",
            (
                (pl.col("_start") <= windows.two_years_from)
                | (
                    (pl.col(KIND) == PLACED_FOR_ADOPTION)
                    & (pl.col("_previous_start") <= windows.two_years_from).fill_null(False)
                )
            ).alias("_with_same_carer"),
        )
    )
    in_care = (
        last_period.join(counts, on="_child", how="left")
        .join(current, on="_child", how="left")
        .with_columns(pl.lit(True).alias("_had_care"))
        .drop("_child")
    )

    not_looked_after = (
        pl.when(pl.col("_had_care").is_null())
        .then(pl.lit(EXCLUDED_SHORT_BREAKS_ONLY))
        .when(pl.col("_last").is_null())
        .then(pl.lit(EXCLUDED_NOT_YET_LOOKED_AFTER))
        .when(pl.col("_last_end") <= year_ending)
        .then(pl.lit(EXCLUDED_LEFT_CARE))
        .otherwise(None)
    )
    born = pl.col(DATE_OF_BIRTH)
    had_birthday = (born.dt.month() < year_ending.month) | (
        (born.dt.month() == year_ending.month) & (born.dt.day() <= year_ending.day)
    )
    age = year_ending.year - born.dt.year() - (~had_birthday).cast(pl.Int32)
    looked_after = pl.col("looked_after_on_31_march")
    return (
        births.join(in_care, on=CHILD_ID, how="left")
        .with_columns(not_looked_after.alias(NOT_LOOKED_AFTER), (age < LONG_TERM_AGE_LIMIT).alias(UNDER_16))
        .with_columns(pl.col(NOT_LOOKED_AFTER).is_null().alias("looked_after_on_31_march"))
        .with_columns(
            (looked_after & (pl.col("_last_start") <= windows.two_years_from)).alias(
                "looked_after_for_two_years"
            ),
            (looked_after & (pl.col("_last_start") <= windows.long_term_from)).alias(
                LOOKED_AFTER_FOR_TWO_AND_A_HALF_YEARS
            ),
        )
        .with_columns(
            (pl.col(LOOKED_AFTER_FOR_TWO_AND_A_HALF_YEARS) & pl.col(UNDER_16)).alias("in_long_term_cohort")
        )
        .select(
            CHILD_ID,
            looked_after,
            pl.when(looked_after)
            .then(pl.col("_in_year").fill_null(0))
            .otherwise(0)
            .alias("placements_in_year"),
            pl.col("looked_after_for_two_years"),
            pl.when(pl.col("looked_after_for_two_years"))
            .then(pl.col("_in_two_years").fill_null(0))
            .otherwise(0)
            .alias("placements_in_two_years"),
            pl.col("in_long_term_cohort"),
            (pl.col("in_long_term_cohort") & pl.col("_with_same_carer").fill_null(False)).alias(
                "long_term_stable"
            ),
            pl.col(NOT_LOOKED_AFTER),
            pl.col(LOOKED_AFTER_FOR_TWO_AND_A_HALF_YEARS),
            pl.col(UNDER_16),
            pl.col("_faulty"),
        )
    )


_DAYS = 1 << 23
"""Every day from the year 1 to 9999, as days since 1 January 1970 moved on by `_DAY_OFFSET`,
is a whole number from 0 to below this."""
_DAY_OFFSET = 1 << 20


def _days(day: pl.Expr) -> pl.Expr:
    """A date as a whole number of days that is never negative, to pack beside a number."""
    return day.cast(pl.Int32).cast(pl.Int64) + _DAY_OFFSET


def _with_latest_end(groups: pl.LazyFrame) -> pl.LazyFrame:
    """Each group's end (`_end`): its latest, or missing when any of its episodes goes on."""
    return groups.with_columns(
        pl.when(pl.col("_goes_on")).then(None).otherwise(pl.col(END)).alias("_end")
    ).drop(END, "_goes_on")


# Placement episodes as Python values --------------------------------------------------------

_SCHEMA = {
    CHILD_ID: pl.Int64,
    DATE_OF_BIRTH: pl.Date,
    START: pl.Date,
    END: pl.Date,
    KIND: pl.String,
    CARER_ID: pl.Int64,
    STARTS_PERIOD_OF_CARE: pl.Boolean,
}


def episode_frame(episodes: Iterable[PlacementEpisode]) -> tuple[pl.DataFrame, list[Hashable]]:
    """The episodes as a frame for `stability_of_frame`, with each child numbered in the order
    first given, and the children's own ids by that number. Carers are numbered too: ids equal
    in Python are one carer."""
    children: dict[Hashable, int] = {}
    carers: dict[Hashable, int] = {}
    columns: dict[str, list] = {name: [] for name in EPISODE_COLUMNS}
    for e in episodes:
        columns[CHILD_ID].append(children.setdefault(e.child_id, len(children)))
        columns[DATE_OF_BIRTH].append(e.date_of_birth)
        columns[START].append(e.start)
        columns[END].append(e.end)
        columns[KIND].append(e.kind)
        columns[CARER_ID].append(carers.setdefault(e.carer_id, len(carers)))
        columns[STARTS_PERIOD_OF_CARE].append(e.starts_period_of_care)
    return pl.DataFrame(columns, schema=_SCHEMA), list(children)


def _stability_of_row(row: dict) -> ChildStability:
    return ChildStability(
        looked_after_on_31_march=row["looked_after_on_31_march"],
        placements_in_year=row["placements_in_year"],
        looked_after_for_two_years=row["looked_after_for_two_years"],
        placements_in_two_years=row["placements_in_two_years"],
        in_long_term_cohort=row["in_long_term_cohort"],
        long_term_stable=row["long_term_stable"],
    )


_NOT_LOOKED_AFTER = ChildStability(False, 0, False, 0, False, False)


def child_stability(episodes: Sequence[PlacementEpisode], *, year_ending: datetime.date) -> ChildStability:
    """Where one child (all `episodes` are theirs) stands in each measure for the year."""
    windows = _Windows.ending(year_ending)
    if not episodes:
        return _NOT_LOOKED_AFTER
    frame, _ = episode_frame(episodes)
    frame = frame.with_columns(pl.lit(0, pl.Int64).alias(CHILD_ID))
    children = stability_of_frame(frame, year_ending=windows.year_ending).children
    return _stability_of_row(children.row(0, named=True))


def children_stability(
    episodes: Iterable[PlacementEpisode], *, year_ending: datetime.date
) -> dict[Hashable, ChildStability]:
    """Where each child with an episode in `episodes` stands in each measure for the year, by
    the child's id: `child_stability` for many children in one count."""
    frame, ids = episode_frame(episodes)
    children = stability_of_frame(frame, year_ending=year_ending).children
    return {ids[row[CHILD_ID]]: _stability_of_row(row) for row in children.iter_rows(named=True)}


def stability_measures(
    episodes: Iterable[PlacementEpisode], *, year_ending: datetime.date
) -> StabilityMeasures:
    """The three measures for the year ending `year_ending` (a 31 March), over every child with
    an episode in `episodes`, in any order."""
    frame, ids = episode_frame(episodes)
    counted = stability_of_frame(frame, year_ending=year_ending)

    def result(measure: str) -> MeasureResult:
        found = counted.result(measure)
        return MeasureResult(
            counted=frozenset(ids[i] for i in found.counted), cohort=frozenset(ids[i] for i in found.cohort)
        )

    return StabilityMeasures(
        year_ending=year_ending,
        three_or_more_placements_in_year=result(THREE_OR_MORE_IN_YEAR),
        three_or_more_placements_in_two_years=result(THREE_OR_MORE_IN_TWO_YEARS),
        long_term_stability=result(LONG_TERM),
    )
