"""The service measures page as data: each section's tables, charts and one-line summaries,
built from the authority's records (`selectors`) by the pure measures
(`service_measures`, `survival`, `stability_measures`) and set beside the Department for
Education's published figures (`published_statistics`).

The figures are worked out from the records (`work_out`) into a `WorkedOut`, which is stored
(`services`) so that no view waits for them. The page, each chart (an SVG of its own),
each table's download and the children behind a measure are all drawn from one `WorkedOut`, by a
`Report`, so they always agree.
"""

import datetime
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from functools import cached_property
from pathlib import Path

from django.conf import settings
from django.utils import timezone

from steadfast.core import charts
from steadfast.meetings.models import LearningTheme
from steadfast.placements.models import PlacementType
from steadfast.voice.rules import FEEDBACK_WORKING_DAYS

from . import selectors, stored_form, survival
from .published_statistics import NOT_AVAILABLE, Comparison, PublishedFigure, published_statistics
from .service_measures import (
    IMMINENT_MEETING_WORKING_DAYS,
    ConcernRecord,
    MeetingRecord,
    PlacementRecord,
    Quarter,
    ScaleQuarter,
    Share,
    ShareByQuarter,
    StillTogether,
    ThemeCount,
    imminent_concerns_met,
    learning_themes,
    leave_out_impossible_dates,
    meetings_fed_back_in_time,
    meetings_with_childs_own_words,
    meetings_with_childs_views,
    meetings_with_influence_recorded,
    plans_authorised_in_time,
    quarters_to,
    scale_trend,
    still_together_after_meeting,
)
from .stability_measures import (
    PlacementEpisode,
    StabilityMeasures,
    children_stability,
    stability_measures,
)

NO_DATA = "No data"
WORKED_OUT = "Figures worked out at {time} on {date}."
SURVIVAL_CHART_MONTHS = 24
"""Survival curves are drawn over the first two years."""
MIN_CHART_PLACEMENTS = 20
"""A group needs this many placements for its curve to be drawn; smaller ones are in the table only."""

# The three DfE measures, in the order the Department publishes them, with what the page calls
# them, the URL word for the children behind each, and who those children are.
DFE_MEASURES = (
    (
        "three_or_more_placements_in_year",
        "Children looked after on 31 March with 3 or more placements during the year",
    ),
    (
        "three_or_more_placements_in_two_years",
        "Children looked after for 2 years on 31 March with 3 or more placements during those 2 years",
    ),
    (
        "long_term_stability",
        "Children under 16 looked after for at least 2.5 years, "
        "living with the same carer for at least 2 years",
    ),
)
DFE_CHILDREN = {
    "three-or-more-placements-in-year": (
        "three_or_more_placements_in_year",
        "Children looked after on 31 March with 3 or more placements during the year",
    ),
    "three-or-more-placements-in-two-years": (
        "three_or_more_placements_in_two_years",
        "Children looked after for 2 years with 3 or more placements during those 2 years",
    ),
    "not-with-same-carer-for-two-years": (
        "long_term_stability",
        "Children under 16 looked after for at least 2.5 years not living with the same carer for 2 years",
    ),
}


# Which way is better ------------------------------------------------------------------------------

HIGHER_IS_BETTER = "Higher is better"
LOWER_IS_BETTER = "Lower is better"
NEITHER_IS_BETTER = "Neither higher nor lower is better"
"""For counts that are not a judgement, such as how often a learning theme was found."""


@dataclass(frozen=True, slots=True)
class MeasureDefinition:
    """One measure the page shows: which way is better, the columns that give it (a table's key
    and the column's heading, before the direction is added to it), the charts that draw it,
    and whether it is a share of cases (a rate), given as a count when there are too few."""

    key: str
    name: str
    better: str
    columns: tuple[tuple[str, str], ...]
    charts: tuple[str, ...]
    rate: bool


def labelled(heading: str, better: str) -> str:
    """A column's heading with which way is better: "Share (%), higher is better"."""
    return f"{heading}, {better.lower()}"


_SHARE = "Share (%)"
_SURVIVAL_COLUMNS = tuple(f"Survival at {m} months (%)" for m in survival.SURVIVAL_MONTHS)
_SURVIVAL_TABLES = ("survival-type", "survival-age", "survival-meeting")
DFE_SHORT_NAMES = (
    "3 or more placements during the year (%)",
    "3 or more placements during 2 years (%)",
    "Under 16s with the same carer for 2 years (%)",
)

MEASURES = (
    MeasureDefinition(
        "imminent-concerns",
        f"Imminent concerns with a meeting within {IMMINENT_MEETING_WORKING_DAYS} working days",
        HIGHER_IS_BETTER,
        (("imminent-concerns", _SHARE),),
        ("timeliness",),
        rate=True,
    ),
    MeasureDefinition(
        "childs-views",
        "Stability meetings with the child's views recorded",
        HIGHER_IS_BETTER,
        (("childs-views", _SHARE),),
        ("timeliness",),
        rate=True,
    ),
    MeasureDefinition(
        "childs-own-words",
        "Stability meetings with the child's views in their own words",
        HIGHER_IS_BETTER,
        (("childs-own-words", _SHARE),),
        ("childs-voice",),
        rate=True,
    ),
    MeasureDefinition(
        "childs-influence",
        "Stability meetings with what changed because of the child's views recorded",
        HIGHER_IS_BETTER,
        (("childs-influence", _SHARE),),
        ("childs-voice",),
        rate=True,
    ),
    MeasureDefinition(
        "childs-feedback",
        f"Stability meetings fed back to the child within {FEEDBACK_WORKING_DAYS} working days",
        HIGHER_IS_BETTER,
        (("childs-feedback", _SHARE),),
        ("childs-voice",),
        rate=True,
    ),
    MeasureDefinition(
        "plans-authorised",
        "Plans authorised within the local timescale",
        HIGHER_IS_BETTER,
        (("plans-authorised", _SHARE),),
        ("timeliness",),
        rate=True,
    ),
    MeasureDefinition(
        "still-together",
        "Homes still together after their first stability meeting",
        HIGHER_IS_BETTER,
        (("still-together", "Still together (%)"),),
        ("still-together",),
        rate=True,
    ),
    MeasureDefinition(
        "survival",
        "Placements still going with no unplanned ending (survival)",
        HIGHER_IS_BETTER,
        tuple((table, column) for table in _SURVIVAL_TABLES for column in _SURVIVAL_COLUMNS),
        _SURVIVAL_TABLES,
        rate=True,
    ),
    MeasureDefinition(
        "meeting-score-mean",
        "Mean stability score at meetings",
        HIGHER_IS_BETTER,
        (("scales", "Mean meeting score"),),
        ("scales",),
        rate=False,
    ),
    MeasureDefinition(
        "supervision-scale-mean",
        "Mean placement stability scale in supervision",
        HIGHER_IS_BETTER,
        (("scales", "Mean supervision scale"),),
        ("scales",),
        rate=False,
    ),
    MeasureDefinition(
        "meeting-scores-low",
        "Meeting scores at 4 or below",
        LOWER_IS_BETTER,
        (("scales", "Meeting scores at 4 or below (%)"),),
        (),
        rate=True,
    ),
    MeasureDefinition(
        "supervision-scales-low",
        "Supervision scales at 4 or below",
        LOWER_IS_BETTER,
        (("scales", "Supervision scales at 4 or below (%)"),),
        (),
        rate=True,
    ),
    MeasureDefinition(
        "three_or_more_placements_in_year",
        "Children looked after on 31 March with 3 or more placements during the year",
        LOWER_IS_BETTER,
        (("dfe-comparison", DFE_SHORT_NAMES[0]),),
        ("dfe-1",),
        rate=True,
    ),
    MeasureDefinition(
        "three_or_more_placements_in_two_years",
        "Children looked after for 2 years on 31 March with 3 or more placements during those 2 years",
        LOWER_IS_BETTER,
        (("dfe-comparison", DFE_SHORT_NAMES[1]),),
        ("dfe-2",),
        rate=True,
    ),
    MeasureDefinition(
        "long_term_stability",
        "Children under 16 looked after for at least 2.5 years, "
        "living with the same carer for at least 2 years",
        HIGHER_IS_BETTER,
        (("dfe-comparison", DFE_SHORT_NAMES[2]),),
        ("dfe-3",),
        rate=True,
    ),
    MeasureDefinition(
        "themes",
        "Learning themes found at disruption meetings and learning circles",
        NEITHER_IS_BETTER,
        (("themes", "Meetings"),),
        ("themes",),
        rate=False,
    ),
)
MEASURE = {measure.key: measure for measure in MEASURES}


def _column(measure: str, heading: str) -> str:
    """A column's heading as the page and the downloads show it: with which way is better."""
    return labelled(heading, MEASURE[measure].better)


def _direction(*measures: str) -> str:
    """A sentence saying which way is better for the measures a chart draws."""
    betters = {MEASURE[m].better for m in measures}
    if len(betters) != 1:
        raise ValueError("A chart draws measures that are better the same way")
    (better,) = betters
    if better == NEITHER_IS_BETTER:
        return f"{better}: the counts show what was found."
    return f"{better}." if len(measures) == 1 else f"{better} for each line."


# Small counts ------------------------------------------------------------------------------------

MIN_CASES_FOR_A_RATE = 5
"""A share of fewer cases than this is given as its count ("2 of 3"), never as a percentage: one
case more or less would swing it from 0% to 100%."""
TOO_FEW = "too few for a percentage"
TOO_FEW_NOTE = (
    "A share of fewer than 5 cases is given as a count, such as 2 of 3, not as a percentage, "
    "which so few cases would make misleading."
)
TOO_FEW_CHART_NOTE = (
    "Shares of fewer than 5 cases are not drawn as percentages; the table gives their counts."
)


def too_few(share: Share) -> bool:
    """Whether a share has some cases, but fewer than MIN_CASES_FOR_A_RATE."""
    return 0 < share.denominator < MIN_CASES_FOR_A_RATE


def few_text(numerator: int, denominator: int) -> str:
    """'2 of 3 (too few for a percentage)'."""
    return f"{numerator} of {denominator} ({TOO_FEW})"


def percentage(share: Share) -> float | str | None:
    """A share as a table's cell: the percentage to one place, None when nothing was counted, or
    the count when there are too few cases for a percentage."""
    if too_few(share):
        return few_text(share.numerator, share.denominator)
    value = share.percentage
    return None if value is None else round(value, 1)


def plotted(share: Share) -> float | None:
    """A share as a chart draws it: None (not drawn) when nothing was counted or too few were."""
    return None if too_few(share) else share.percentage


def share_text(share: Share) -> str:
    """'3 of 40 (8%)', '2 of 3' when there are too few cases for a percentage, or 'none counted'."""
    if not share.denominator:
        return "none counted"
    if too_few(share):
        return f"{share.numerator} of {share.denominator}"
    return f"{share.numerator} of {share.denominator} ({_percent_text(share.percentage)})"


@dataclass(frozen=True, slots=True)
class Table:
    """A table as the page shows it and as it downloads: its key names its download. `notes` are
    shown under it on the page."""

    key: str
    title: str
    headers: tuple[str, ...]
    rows: tuple[tuple, ...]
    notes: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Chart:
    """A chart, its one-line summary (the image's alt text), and how to draw it."""

    key: str
    summary: str
    draw: Callable[[], str]


def _survival_row(curve: survival.Curve) -> tuple:
    """A survival table's figures for one group (`survival.survival_table_row`), with the
    estimates given as the group's count when it has too few placements for a percentage."""
    row = survival.survival_table_row(curve)
    if not 0 < curve.placements < MIN_CASES_FOR_A_RATE:
        return row
    few = f"{curve.placements} {'placement' if curve.placements == 1 else 'placements'} ({TOO_FEW})"
    estimates = range(2, 2 + len(survival.SURVIVAL_MONTHS))
    return tuple(few if i in estimates and value is not None else value for i, value in enumerate(row))


def _percent_text(value: float | None, places: int = 0) -> str:
    if value is None:
        return NO_DATA
    return f"{value:.{places}f}%"


def _quarter_tick(quarter: Quarter) -> str:
    """A quarter's label on a chart's axis, on two short lines: the months above the year."""
    first, _, last, year = quarter.label.split(" ")
    return f"{first}\N{EN DASH}{last}\n{year}"


def latest_year_ended(today: datetime.date) -> datetime.date:
    """The last 31 March before today: the end of the latest year that has ended."""
    return datetime.date(today.year if today > datetime.date(today.year, 3, 31) else today.year - 1, 3, 31)


def year_to_open(*, covered: Iterable[datetime.date], published: Iterable[int]) -> datetime.date | None:
    """The year the Department's measures open on: the latest the records cover (so one that has
    ended, `available_years`) for which the Department has published figures to compare with;
    None when it has published none for any of them."""
    published = frozenset(published)
    return max((year for year in covered if year.year in published), default=None)


def published_years(directory: Path) -> frozenset[int]:
    """The years (ending 31 March) the published figures in `directory` hold; none when the
    file is missing or cannot be read."""
    statistics = published_statistics(directory)
    return statistics.years if statistics is not None else frozenset()


# Why the Department's measures show the year they show.
YEAR_CHOSEN = "chosen"
"""The user chose it."""
YEAR_PUBLISHED = "published"
"""The latest year the records cover with published figures to compare with."""
YEAR_LATEST = "latest"
"""The latest year that has ended, as no year the records cover has published figures."""


def available_years(placements: Sequence[PlacementRecord], *, today: datetime.date) -> list[datetime.date]:
    """Each year ending 31 March, newest first, from the first that placements reach into to the
    last that has ended before today."""
    if not placements:
        return []
    first_start = min(p.start for p in placements)
    first = (
        first_start.year if first_start <= datetime.date(first_start.year, 3, 31) else first_start.year + 1
    )
    last = latest_year_ended(today).year
    return [datetime.date(year, 3, 31) for year in range(last, first - 1, -1)]


def placement_episodes(placements: Sequence[PlacementRecord]) -> list[PlacementEpisode]:
    """The placement records as the DfE measures take them: one episode per placement, the
    household or the provider as the carer (docs/measures.md)."""
    return [
        PlacementEpisode(
            child_id=p.child_id,
            date_of_birth=p.date_of_birth,
            start=p.start,
            end=p.end,
            kind=p.kind,
            carer_id=p.carer,
        )
        for p in placements
    ]


@dataclass(frozen=True, slots=True)
class Figures:
    """Every figure on the page but the Department's measures, which depend on the year."""

    imminent: ShareByQuarter
    childs_views: ShareByQuarter
    own_words: ShareByQuarter
    influence: ShareByQuarter
    fed_back: ShareByQuarter
    plans: ShareByQuarter
    still_together: list[StillTogether]
    survival_overall: survival.Curve
    survival_by_type: dict[str, survival.Curve]
    survival_by_age: dict[str, survival.Curve]
    survival_by_meeting: dict[str, survival.Curve]
    scales: tuple[list[ScaleQuarter], list[ScaleQuarter]]
    themes: list[ThemeCount]
    years: list[datetime.date]
    left_out: frozenset[int] = frozenset()
    """The children left out of every figure for an impossible date in their records
    (`leave_out_impossible_dates`), by id."""


def work_out_figures(
    *,
    today: datetime.date,
    quarters: Sequence[Quarter],
    plan_days: int,
    placements: Sequence[PlacementRecord],
    concerns: Sequence[ConcernRecord],
    meetings: Sequence[MeetingRecord],
    meeting_scores: Iterable[tuple[datetime.date, int, int]],
    supervision_scales: Iterable[tuple[datetime.date, int, int]],
    left_out: frozenset[int] = frozenset(),
) -> Figures:
    type_labels = dict(PlacementType.choices)
    by_type = survival.survival_by(placements, lambda p: p.kind, today=today)
    by_age = survival.survival_by(placements, survival.age_band_at_start, today=today)
    return Figures(
        imminent=imminent_concerns_met(concerns, meetings, today=today, quarters=quarters),
        childs_views=meetings_with_childs_views(meetings, today=today, quarters=quarters),
        own_words=meetings_with_childs_own_words(meetings, today=today, quarters=quarters),
        influence=meetings_with_influence_recorded(meetings, today=today, quarters=quarters),
        fed_back=meetings_fed_back_in_time(meetings, today=today, quarters=quarters),
        plans=plans_authorised_in_time(meetings, today=today, quarters=quarters, working_days=plan_days),
        still_together=still_together_after_meeting(placements, meetings, today=today),
        survival_overall=survival.overall_survival(placements, today=today),
        survival_by_type={type_labels[kind]: by_type[kind] for kind in type_labels if kind in by_type},
        survival_by_age={label: by_age[label] for _, label in survival.AGE_BANDS if label in by_age},
        survival_by_meeting=survival.survival_by_early_meeting(placements, concerns, meetings, today=today),
        scales=(scale_trend(meeting_scores, quarters), scale_trend(supervision_scales, quarters)),
        themes=learning_themes(
            meetings, today=today, quarters=quarters, themes=[theme.value for theme in LearningTheme]
        ),
        years=available_years(placements, today=today),
        left_out=left_out,
    )


@dataclass(frozen=True, slots=True)
class DfeFigures:
    """The Department's three measures for one year as the page, its charts and its downloads
    show them: for each, the children counted out of the children in the group. `Share` gives
    the same percentage as the measure's own result."""

    year_ending: datetime.date
    three_or_more_placements_in_year: Share
    three_or_more_placements_in_two_years: Share
    long_term_stability: Share

    @classmethod
    def of(cls, dfe: StabilityMeasures) -> "DfeFigures":
        return cls(
            dfe.year_ending,
            *(
                Share(getattr(dfe, measure).numerator, getattr(dfe, measure).denominator)
                for measure, _ in DFE_MEASURES
            ),
        )


@dataclass(frozen=True, slots=True)
class ChildrenBehind:
    """Who is behind each of the Department's measures' lists, by id, and the placements each had
    during the year and during the 2 years, as the measures count them. Never a name: the list
    names, when it is shown, only the children the viewer may see."""

    lists: dict[str, frozenset[int]]
    """For each list (a key of DFE_CHILDREN), the ids of its children."""
    placements: dict[int, tuple[int, int]]

    @classmethod
    def of(cls, dfe: StabilityMeasures, placements: Sequence[PlacementRecord]) -> "ChildrenBehind":
        lists = {}
        for key, (measure, _) in DFE_CHILDREN.items():
            result = getattr(dfe, measure)
            # The long-term measure's list is of the children it does not count.
            not_counted = key == "not-with-same-carer-for-two-years"
            lists[key] = result.cohort - result.counted if not_counted else result.counted
        listed = frozenset().union(*lists.values())
        found = children_stability(
            placement_episodes([p for p in placements if p.child_id in listed]), year_ending=dfe.year_ending
        )
        counts = {
            child_id: (found[child_id].placements_in_year, found[child_id].placements_in_two_years)
            for child_id in sorted(found)
        }
        return cls(lists, counts)


@dataclass(frozen=True, slots=True)
class WorkedOut:
    """The measures as worked out from the records at one time, with the Department's measures
    for one year: everything the page, its charts, its downloads and the children behind a
    measure show. Holds child ids, never a name."""

    day: datetime.date
    """The day they were worked out for: "today" in every rule."""
    worked_out_at: datetime.datetime
    """When the records they count were read."""
    plan_days: int
    figures: Figures
    dfe: DfeFigures | None
    """None when no year with placements has ended."""
    children: ChildrenBehind | None
    """None when not read: only the lists of children need them, and they are most of what is
    stored."""

    @property
    def year_ending(self) -> datetime.date | None:
        """The year of the Department's measures."""
        return self.dfe.year_ending if self.dfe else None


def _write_curve(curve: survival.Curve) -> list[int]:
    """A curve as the counts it is built from, one day after another: day, ended, censored."""
    counts = curve.counts()
    if survival.curve_from_counts(counts) != curve:
        raise stored_form.StoredFormError("Only a curve built from its counts can be stored")
    return [number for day in counts for number in day]


def _read_curve(numbers: list[int]) -> survival.Curve:
    return survival.curve_from_counts(list(zip(numbers[0::3], numbers[1::3], numbers[2::3], strict=True)))


# The classes a WorkedOut's figures are made of: what `stored_form` may write and read back.
STORED_FORM = stored_form.Kinds(
    [
        Figures,
        ShareByQuarter,
        Quarter,
        Share,
        StillTogether,
        survival.Curve,
        ScaleQuarter,
        ThemeCount,
        DfeFigures,
        ChildrenBehind,
    ],
    codecs={survival.Curve: stored_form.Codec(_write_curve, _read_curve)},
)


def work_out(
    *,
    today: datetime.date,
    years: Iterable[datetime.date],
    worked_out_at: datetime.datetime,
    plan_days: int | None = None,
) -> dict[datetime.date, WorkedOut]:
    """Every measure for `today` from the records as they stand, with the Department's measures
    for each of `years` that the records cover (a year they do not cover gets none). Reads
    each kind of record once, however many years: one query for each."""
    plan_days = plan_days or settings.PLAN_AUTHORISATION_WORKING_DAYS
    quarters = quarters_to(today)
    counted = leave_out_impossible_dates(
        selectors.placement_records(), selectors.concern_records(), selectors.meeting_records(), today=today
    )
    placements = counted.placements
    figures = work_out_figures(
        today=today,
        quarters=quarters,
        plan_days=plan_days,
        placements=placements,
        concerns=counted.concerns,
        meetings=counted.meetings,
        meeting_scores=selectors.meeting_scores_since(quarters[0].first_day, today=today),
        supervision_scales=selectors.supervision_scales_since(quarters[0].first_day, today=today),
        left_out=counted.left_out,
    )
    episodes = placement_episodes(placements)
    results = {}
    for year in years:
        dfe = stability_measures(episodes, year_ending=year) if year in figures.years else None
        results[year] = WorkedOut(
            day=today,
            worked_out_at=worked_out_at,
            plan_days=plan_days,
            figures=figures,
            dfe=DfeFigures.of(dfe) if dfe else None,
            children=ChildrenBehind.of(dfe, placements) if dfe else ChildrenBehind({}, {}),
        )
    return results


class Report:
    """The tables, charts and summaries of one worked-out result (`WorkedOut`), beside the
    published figures for its year."""

    def __init__(
        self,
        *,
        result: WorkedOut,
        published_dir: Path | None = None,
        region: str | None = None,
        comparators: Sequence[str] | None = None,
        authority: str | None = None,
        opened_because: str = "",
    ) -> None:
        self.result = result
        self.opened_because = opened_because
        self.today = result.day
        self.quarters = quarters_to(result.day)
        self.figures = result.figures
        self.dfe = result.dfe
        self.year_ending = result.year_ending
        self.plan_days = result.plan_days
        self.published_dir = Path(published_dir or settings.PUBLISHED_STATISTICS_DIR)
        self.region = region if region is not None else settings.PUBLISHED_STATISTICS_REGION
        self.comparators = tuple(
            comparators if comparators is not None else settings.PUBLISHED_STATISTICS_COMPARATORS
        )
        self.authority = authority or settings.AUTHORITY_NAME

    @property
    def worked_out(self) -> str:
        """When the figures were worked out, in local time: "Figures worked out at 07:05 on
        5 December 2026."."""
        moment = timezone.localtime(self.result.worked_out_at)
        return WORKED_OUT.format(time=f"{moment:%H:%M}", date=f"{moment.day} {moment:%B %Y}")

    @property
    def year_shown(self) -> str:
        """Which year the Department's measures are for, and why that one; '' with no year."""
        if self.year_ending is None:
            return ""
        shown = f"These figures are for the year ending 31 March {self.year_ending.year}"
        if self.opened_because == YEAR_CHOSEN:
            return f"{shown}, the year you chose."
        if self.opened_because == YEAR_PUBLISHED:
            text = f"{shown}, the latest year with published figures to compare with."
            newer = [year for year in self.figures.years if year > self.year_ending]
            if newer:
                text += (
                    f" The Department has not published its figures for the year ending 31 March "
                    f"{max(newer).year} yet: choose that year to see Steadfast's own figures for it."
                )
            return text
        if self.opened_because == YEAR_LATEST:
            return (
                f"{shown}, the latest year that has ended. There are no published figures to compare "
                "with for any year Steadfast's records cover."
            )
        return f"{shown}."

    @property
    def period(self) -> str:
        """The time the trends cover: from the first day of their first quarter to the day they
        were worked out for."""
        first = self.quarters[0].first_day
        return f"1 {first:%B %Y} to {self.today.day} {self.today:%B %Y}"

    def _quarter_rows(self, share: ShareByQuarter) -> tuple[tuple, ...]:
        rows = [(quarter.label, s.denominator, s.numerator, percentage(s)) for quarter, s in share.by_quarter]
        rows.append(("All quarters", share.total.denominator, share.total.numerator, percentage(share.total)))
        return tuple(rows)

    # Timeliness ---------------------------------------------------------------------------------

    def _imminent_table(self) -> Table:
        return Table(
            "imminent-concerns",
            f"Imminent concerns with a meeting within {IMMINENT_MEETING_WORKING_DAYS} working days",
            (
                "Quarter raised",
                "Imminent concerns",
                f"Meeting within {IMMINENT_MEETING_WORKING_DAYS} working days",
                _column("imminent-concerns", _SHARE),
            ),
            self._quarter_rows(self.figures.imminent),
        )

    def _childs_views_table(self) -> Table:
        return Table(
            "childs-views",
            "Stability meetings with the child's views recorded",
            ("Quarter held", "Meetings held", "Child's views recorded", _column("childs-views", _SHARE)),
            self._quarter_rows(self.figures.childs_views),
        )

    # The child's voice ----------------------------------------------------------------------------

    def _own_words_table(self) -> Table:
        return Table(
            "childs-own-words",
            "Stability meetings with the child's views in their own words",
            (
                "Quarter held",
                "Meetings held",
                "In the child's own words",
                _column("childs-own-words", _SHARE),
            ),
            self._quarter_rows(self.figures.own_words),
        )

    def _influence_table(self) -> Table:
        return Table(
            "childs-influence",
            "Stability meetings with what changed because of the child's views recorded",
            ("Quarter held", "Meetings held", "What changed recorded", _column("childs-influence", _SHARE)),
            self._quarter_rows(self.figures.influence),
        )

    def _fed_back_table(self) -> Table:
        return Table(
            "childs-feedback",
            f"Stability meetings fed back to the child within {FEEDBACK_WORKING_DAYS} working days",
            (
                "Quarter held",
                "Meetings held",
                f"Fed back within {FEEDBACK_WORKING_DAYS} working days",
                _column("childs-feedback", _SHARE),
            ),
            self._quarter_rows(self.figures.fed_back),
        )

    def _childs_voice_chart(self) -> Chart:
        series = (
            ("In the child's own words", self.figures.own_words),
            ("What changed recorded", self.figures.influence),
            (f"Fed back within {FEEDBACK_WORKING_DAYS} working days", self.figures.fed_back),
        )
        summary = (
            f"From {self.period}: {share_text(self.figures.own_words.total)} meetings had the child's "
            f"views in their own words; {share_text(self.figures.influence.total)} recorded what changed "
            f"because of them; {share_text(self.figures.fed_back.total)} were fed back to the child "
            f"within {FEEDBACK_WORKING_DAYS} working days."
        )
        return self._shares_by_quarter_chart(
            "childs-voice",
            title="The child's voice by quarter",
            summary=summary,
            series=series,
            direction=_direction("childs-own-words", "childs-influence", "childs-feedback"),
            y_label="Share of meetings (%)",
        )

    def _shares_by_quarter_chart(
        self,
        key: str,
        *,
        title: str,
        summary: str,
        series: tuple[tuple[str, ShareByQuarter], ...],
        direction: str,
        y_label: str,
    ) -> Chart:
        """A line for each share, by quarter, on a scale of 0 to 100%, its summary followed by the
        direction of its tables and, when a quarter counts too few to show, the note saying so."""
        notes = [direction]
        if any(too_few(s) for _, share in series for _, s in share.by_quarter):
            notes.append(TOO_FEW_CHART_NOTE)
        summary = " ".join([summary, *notes])
        return Chart(
            key,
            summary,
            lambda: charts.line_chart(
                title=title,
                description=summary,
                categories=[_quarter_tick(q) for q in self.quarters],
                lines=[
                    charts.Line(label, [(i, plotted(s)) for i, (_, s) in enumerate(share.by_quarter)])
                    for label, share in series
                ],
                y_max=100,
                y_ticks=[(v, f"{v}%") for v in (0, 25, 50, 75, 100)],
                y_label=y_label,
                notes=notes,
            ),
        )

    def _plans_table(self) -> Table:
        return Table(
            "plans-authorised",
            f"Plans authorised within {self.plan_days} working days of being sent",
            (
                "Quarter sent",
                "Plans sent",
                f"Authorised within {self.plan_days} working days",
                _column("plans-authorised", _SHARE),
            ),
            self._quarter_rows(self.figures.plans),
        )

    def _timeliness_chart(self) -> Chart:
        series = (
            (
                f"Imminent concerns: meeting within {IMMINENT_MEETING_WORKING_DAYS} working days",
                self.figures.imminent,
            ),
            ("Meetings with the child's views", self.figures.childs_views),
            (f"Plans authorised within {self.plan_days} working days", self.figures.plans),
        )
        summary = (
            f"From {self.period}: {share_text(self.figures.imminent.total)} imminent concerns "
            "had a meeting within "
            f"{IMMINENT_MEETING_WORKING_DAYS} working days; "
            f"{share_text(self.figures.childs_views.total)} meetings had the "
            f"child's views recorded; {share_text(self.figures.plans.total)} plans were authorised within "
            f"{self.plan_days} working days."
        )
        return self._shares_by_quarter_chart(
            "timeliness",
            title="Timeliness by quarter",
            summary=summary,
            series=series,
            direction=_direction("imminent-concerns", "childs-views", "plans-authorised"),
            y_label="Share on time (%)",
        )

    # Outcomes: still together -------------------------------------------------------------------

    def _still_together_table(self) -> Table:
        return Table(
            "still-together",
            "Homes still together after their first stability meeting",
            (
                "Months after the meeting",
                "Homes counted",
                "Still together",
                _column("still-together", "Still together (%)"),
                "Ended as planned",
                "Ended unplanned",
            ),
            tuple(
                (r.months, r.homes, r.together, percentage(r.share), r.ended_planned, r.ended_unplanned)
                for r in self.figures.still_together
            ),
        )

    def _still_together_chart(self) -> Chart:
        counted = [r for r in self.figures.still_together if r.homes]
        if counted:
            r = counted[-1]
            together = (
                f"{r.together} were still together {r.months} months later, too few homes for a percentage"
                if too_few(r.share)
                else f"{r.together} ({_percent_text(r.share.percentage)}) were still together "
                f"{r.months} months later"
            )
            summary = (
                f"Of {r.homes} homes whose first stability meeting was at least {r.months} months ago, "
                f"{together}."
            )
        else:
            summary = (
                "No home's first stability meeting was 3 months ago or more yet, so nothing can be counted."
            )
        notes = [_direction("still-together")]
        if any(too_few(r.share) for r in self.figures.still_together):
            notes.append(TOO_FEW_CHART_NOTE)
        summary = " ".join([summary, *notes])
        return Chart(
            "still-together",
            summary,
            lambda: charts.bar_chart(
                title="Homes still together after a stability meeting",
                description=summary,
                bars=[
                    charts.Bar(
                        f"{r.months} months after the meeting ({r.homes} homes)",
                        plotted(r.share),
                        few_text(r.together, r.homes)
                        if too_few(r.share)
                        else _percent_text(r.share.percentage),
                        True,
                    )
                    for r in self.figures.still_together
                ],
                value_max=100,
                notes=notes,
            ),
        )

    # Outcomes: survival -------------------------------------------------------------------------

    def _survival_table(
        self, key: str, title: str, first: str, curves: dict[str, survival.Curve], overall: bool
    ) -> Table:
        months = survival.SURVIVAL_MONTHS
        headers = (
            first,
            "Placements",
            "Unplanned endings",
            *(_column("survival", heading) for heading in _SURVIVAL_COLUMNS),
            *(f"At risk at {m} months" for m in months),
        )
        rows = [(label, *_survival_row(curve)) for label, curve in curves.items()]
        if overall:
            rows.insert(0, ("All placements", *_survival_row(self.figures.survival_overall)))
        return Table(key, title, headers, tuple(rows))

    def _survival_chart(
        self, key: str, title: str, curves: dict[str, survival.Curve], x_label: str, summary: str
    ) -> Chart:
        summary = f"{summary} {_direction('survival')}"
        drawn = sorted(
            ((label, c) for label, c in curves.items() if c.placements >= MIN_CHART_PLACEMENTS),
            key=lambda item: -item[1].placements,
        )[: len(charts.PALETTE)]
        until = survival.days_in_months(SURVIVAL_CHART_MONTHS)
        return Chart(
            key,
            summary,
            lambda: charts.step_chart(
                title=title,
                description=summary,
                lines=[
                    charts.Line(
                        f"{label} ({curve.placements})", [(x, 100 * y) for x, y in curve.points(until)]
                    )
                    for label, curve in drawn
                ],
                x_max=until,
                x_ticks=[
                    (survival.days_in_months(m), str(m)) for m in range(0, SURVIVAL_CHART_MONTHS + 1, 3)
                ],
                x_label=x_label,
                y_label="Still going, with no unplanned ending (%)",
                notes=[_direction("survival")],
            ),
        )

    def _range_summary(self, curves: dict[str, survival.Curve], what: str) -> str:
        twelve = survival.days_in_months(12)
        known = [
            (label, s)
            for label, c in curves.items()
            if c.placements >= MIN_CHART_PLACEMENTS and (s := c.survival_at(twelve)) is not None
        ]
        overall = self.figures.survival_overall.survival_at(twelve)
        if overall is None:
            return "There is not yet enough history to estimate how many placements last 12 months."
        if self.figures.survival_overall.placements < MIN_CASES_FOR_A_RATE:
            return (
                f"There are only {self.figures.survival_overall.placements} placements, too few to "
                "estimate how many last 12 months."
            )
        text = (
            f"An estimated {_percent_text(100 * overall)} of placements last 12 months "
            "without an unplanned ending"
        )
        if len(known) < 2:
            return text + "."
        low = min(known, key=lambda item: item[1])
        high = max(known, key=lambda item: item[1])
        return (
            f"{text}; by {what}, from {_percent_text(100 * low[1])} ({low[0]}) "
            f"to {_percent_text(100 * high[1])} ({high[0]})."
        )

    def _meeting_summary(self) -> str:
        twelve = survival.days_in_months(12)
        with_ = self.figures.survival_by_meeting[survival.WITH_EARLY_MEETING]
        without = self.figures.survival_by_meeting[survival.WITHOUT_EARLY_MEETING]
        a, b = with_.survival_at(twelve), without.survival_at(twelve)
        if a is None or b is None:
            why = "there is not yet enough history to compare how many lasted 12 months"
        elif min(with_.placements, without.placements) < MIN_CASES_FOR_A_RATE:
            why = "too few homes are in one group or the other to compare how many lasted 12 months"
        else:
            why = ""
        if why:
            return (
                f"Of {with_.placements + without.placements} homes in trouble, {with_.placements} "
                f"had a meeting within {survival.EARLY_MEETING_WORKING_DAYS} working days of the "
                f"first concern; {why}."
            )
        return (
            f"12 months on, an estimated {_percent_text(100 * a)} of {with_.placements} homes "
            f"with a meeting within {survival.EARLY_MEETING_WORKING_DAYS} working days of the "
            "first concern were still going, against "
            f"{_percent_text(100 * b)} of {without.placements} homes without."
        )

    def _survival_type_table(self) -> Table:
        return self._survival_table(
            "survival-type",
            "Placement survival by type of placement",
            "Type of placement",
            self.figures.survival_by_type,
            True,
        )

    def _survival_age_table(self) -> Table:
        return self._survival_table(
            "survival-age",
            "Placement survival by age at the start",
            "Age at the start",
            self.figures.survival_by_age,
            True,
        )

    def _survival_meeting_table(self) -> Table:
        return self._survival_table(
            "survival-meeting",
            "Survival of homes in trouble, with and without an early meeting",
            "Homes in trouble",
            self.figures.survival_by_meeting,
            False,
        )

    def _survival_type_chart(self) -> Chart:
        return self._survival_chart(
            "survival-type",
            "Placement survival by type of placement",
            self.figures.survival_by_type,
            "Months since the placement began",
            self._range_summary(self.figures.survival_by_type, "type of placement"),
        )

    def _survival_age_chart(self) -> Chart:
        return self._survival_chart(
            "survival-age",
            "Placement survival by age at the start",
            self.figures.survival_by_age,
            "Months since the placement began",
            self._range_summary(self.figures.survival_by_age, "age at the start"),
        )

    def _survival_meeting_chart(self) -> Chart:
        return self._survival_chart(
            "survival-meeting",
            "Survival of homes in trouble, with and without an early meeting",
            self.figures.survival_by_meeting,
            f"Months since the {survival.EARLY_MEETING_WORKING_DAYS}th working day after the first concern",
            self._meeting_summary(),
        )

    # Outcomes: scale trends ---------------------------------------------------------------------

    def _scales_table(self) -> Table:
        meeting, supervision = self.figures.scales
        return Table(
            "scales",
            "Stability scores at meetings and placement stability scales in supervision, by quarter",
            (
                "Quarter",
                "Meeting scores",
                _column("meeting-score-mean", "Mean meeting score"),
                _column("meeting-scores-low", "Meeting scores at 4 or below (%)"),
                "Supervision scales",
                _column("supervision-scale-mean", "Mean supervision scale"),
                _column("supervision-scales-low", "Supervision scales at 4 or below (%)"),
            ),
            tuple(
                (
                    m.quarter.label,
                    m.count,
                    None if m.mean is None else round(m.mean, 1),
                    percentage(m.low_share),
                    s.count,
                    None if s.mean is None else round(s.mean, 1),
                    percentage(s.low_share),
                )
                for m, s in zip(meeting, supervision, strict=True)
            ),
        )

    def _scales_chart(self) -> Chart:
        meeting, supervision = self.figures.scales
        parts = []
        for name, nothing, trend in (
            ("mean meeting score", "no scores were given at meetings", meeting),
            ("mean supervision scale", "no scales were recorded in supervision", supervision),
        ):
            known = [q for q in trend if q.mean is not None]
            if not known:
                parts.append(nothing)
            elif len(known) == 1:
                parts.append(f"the {name} was {known[0].mean:.1f} in {known[0].quarter.label}")
            else:
                parts.append(
                    f"the {name} went from {known[0].mean:.1f} in {known[0].quarter.label} "
                    f"to {known[-1].mean:.1f} in {known[-1].quarter.label}"
                )
        direction = _direction("meeting-score-mean", "supervision-scale-mean")
        summary = (
            f"Over the last 2 years, {parts[0]}, and {parts[1]} (0 is about to end, 10 is settled). "
            f"{direction}"
        )
        return Chart(
            "scales",
            summary,
            lambda: charts.line_chart(
                title="Stability scores and scales by quarter",
                description=summary,
                categories=[_quarter_tick(q) for q in self.quarters],
                lines=[
                    charts.Line(
                        "Mean score at stability meetings", [(i, q.mean) for i, q in enumerate(meeting)]
                    ),
                    charts.Line(
                        "Mean scale in supervision", [(i, q.mean) for i, q in enumerate(supervision)]
                    ),
                ],
                y_max=10,
                y_ticks=[(v, str(v)) for v in (0, 2, 4, 6, 8, 10)],
                y_label="Mean score, 0 to 10",
                notes=[direction],
            ),
        )

    # The Department for Education's measures ----------------------------------------------------

    @cached_property
    def comparison(self) -> Comparison | None:
        year = self.year_ending
        statistics = published_statistics(self.published_dir)
        if year is None or statistics is None:
            return None
        return statistics.comparison(year_ending=year, region=self.region, authorities=self.comparators)

    @property
    def comparison_missing(self) -> str:
        """What the page says when there are no published figures for the year; else ''."""
        if self.year_ending is None or self.comparison is not None:
            return ""
        return NOT_AVAILABLE.format(year=self.year_ending.year)

    def dfe_result(self, measure: str) -> Share:
        return getattr(self.dfe, measure)

    @staticmethod
    def _published_cell(figure: PublishedFigure) -> float | str:
        if _published_too_few(figure):
            return few_text(figure.count, figure.total)
        return figure.percent if figure.percent is not None else figure.note

    @property
    def _year_text(self) -> str:
        return f"year ending 31 March {self.year_ending.year}" if self.year_ending else "no year"

    def _dfe_table(self) -> Table:
        """The authority's own count of each measure: the children counted and in the group."""
        rows = []
        if self.dfe is not None:
            for measure, label in DFE_MEASURES:
                result = self.dfe_result(measure)
                rows.append(
                    (label, result.numerator, result.denominator, percentage(result), MEASURE[measure].better)
                )
        return Table(
            "dfe",
            f"Placement stability measures from Steadfast's records, {self._year_text}",
            ("Measure", "Children counted", "Children in the group", "Percentage (%)", "Which is better"),
            tuple(rows),
        )

    def _dfe_comparison_table(self) -> Table:
        """The three percentages for the authority and each area published, side by side."""
        rows = []
        if self.dfe is not None:
            rows.append(
                (
                    f"{self.authority} (Steadfast's records)",
                    *(percentage(self.dfe_result(m)) for m, _ in DFE_MEASURES),
                )
            )
            for area in self.comparison.areas if self.comparison else ():
                rows.append((area.name, *(self._published_cell(area.figure(m)) for m, _ in DFE_MEASURES)))
        return Table(
            "dfe-comparison",
            f"Placement stability measures beside the published figures, {self._year_text}",
            (
                "Area",
                *(_column(m, heading) for (m, _), heading in zip(DFE_MEASURES, DFE_SHORT_NAMES, strict=True)),
            ),
            tuple(rows),
        )

    def _dfe_chart(self, index: int) -> Chart:
        measure, label = DFE_MEASURES[index]
        key = f"dfe-{index + 1}"
        if self.dfe is None:
            notes = [_direction(measure)]
            summary = f"There are no placement records for a year that has ended. {notes[0]}"
            return Chart(
                key,
                summary,
                lambda: charts.bar_chart(title=label, description=summary, bars=[], notes=notes),
            )
        result = self.dfe_result(measure)
        few = too_few(result)
        own = few_text(result.numerator, result.denominator) if few else _percent_text(result.percentage, 1)
        summary = f"Year ending 31 March {self.year_ending.year}, {label[0].lower()}{label[1:]}: {own} here"
        england = self.comparison.england if self.comparison else None
        if england is not None:
            summary += f", against {_published_text(england.figure(measure))} in England."
        else:
            summary += f". {self.comparison_missing}"
        bars = [
            charts.Bar(
                f"{self.authority} ({result.numerator} of {result.denominator})", plotted(result), own, True
            )
        ]
        for area in self.comparison.areas if self.comparison else ():
            figure = area.figure(measure)
            small = _published_too_few(figure)
            few = few or small
            bars.append(charts.Bar(area.name, None if small else figure.percent, _published_text(figure)))
        notes = [_direction(measure)]
        if few:
            notes.append(TOO_FEW_CHART_NOTE)
        summary = " ".join([summary.strip(), *notes])
        return Chart(
            key,
            summary,
            lambda: charts.bar_chart(title=label, description=summary, bars=bars, value_max=100, notes=notes),
        )

    @property
    def _children(self) -> ChildrenBehind:
        if self.result.children is None:
            raise ValueError("The children behind the measures were not read with the figures")
        return self.result.children

    def dfe_children(self, measure: str) -> frozenset:
        """The ids of the children behind a measure's list (a key of DFE_CHILDREN)."""
        return self._children.lists[measure]

    def dfe_child_placements(self, child_ids: Iterable[int]) -> dict[int, tuple[int, int]]:
        """For each of `child_ids`, the placements during the year and during the 2 years, as
        the measures counted them when they were worked out."""
        return {child_id: self._children.placements[child_id] for child_id in child_ids}

    # Learning themes ----------------------------------------------------------------------------

    def _themes_table(self) -> Table:
        labels = dict(LearningTheme.choices)
        return Table(
            "themes",
            "Learning themes found at disruption meetings and learning circles",
            ("Theme", _column("themes", "Meetings"), "Children", *(q.label for q in self.quarters)),
            tuple((labels[t.theme], t.meetings, t.children, *t.by_quarter) for t in self.figures.themes),
        )

    def _themes_chart(self) -> Chart:
        labels = dict(LearningTheme.choices)
        found = [t for t in self.figures.themes if t.meetings]
        if found:
            top = found[0]
            summary = (
                f"From {self.period}, the theme found most often was {labels[top.theme].lower()}: at "
                f"{top.meetings} {'meeting' if top.meetings == 1 else 'meetings'} about "
                f"{top.children} {'child' if top.children == 1 else 'children'}."
            )
        else:
            summary = f"No disruption meeting or learning circle from {self.period} has recorded a theme."
        direction = _direction("themes")
        summary = f"{summary} {direction}"
        return Chart(
            "themes",
            summary,
            lambda: charts.bar_chart(
                title="Learning themes",
                description=summary,
                bars=[
                    charts.Bar(labels[t.theme], t.meetings, str(t.meetings), True)
                    for t in self.figures.themes
                ],
                notes=[direction],
            ),
        )

    # Lookups ------------------------------------------------------------------------------------

    TABLES = {
        "imminent-concerns": _imminent_table,
        "childs-views": _childs_views_table,
        "childs-own-words": _own_words_table,
        "childs-influence": _influence_table,
        "childs-feedback": _fed_back_table,
        "plans-authorised": _plans_table,
        "still-together": _still_together_table,
        "survival-type": _survival_type_table,
        "survival-age": _survival_age_table,
        "survival-meeting": _survival_meeting_table,
        "scales": _scales_table,
        "dfe": _dfe_table,
        "dfe-comparison": _dfe_comparison_table,
        "themes": _themes_table,
    }
    CHARTS = {
        "timeliness": _timeliness_chart,
        "childs-voice": _childs_voice_chart,
        "still-together": _still_together_chart,
        "survival-type": _survival_type_chart,
        "survival-age": _survival_age_chart,
        "survival-meeting": _survival_meeting_chart,
        "scales": _scales_chart,
        "dfe-1": lambda report: report._dfe_chart(0),
        "dfe-2": lambda report: report._dfe_chart(1),
        "dfe-3": lambda report: report._dfe_chart(2),
        "themes": _themes_chart,
    }

    def table(self, key: str) -> Table | None:
        """The table `key`, with a note under it when it gives a share as a count."""
        build = self.TABLES.get(key)
        if build is None:
            return None
        table = build(self)
        if any(isinstance(value, str) and TOO_FEW in value for row in table.rows for value in row):
            table = replace(table, notes=(*table.notes, TOO_FEW_NOTE))
        return table

    def chart(self, key: str) -> Chart | None:
        build = self.CHARTS.get(key)
        return None if build is None else build(self)


def _published_too_few(figure: PublishedFigure) -> bool:
    """Whether a published percentage is of fewer than MIN_CASES_FOR_A_RATE children. The
    Department suppresses most such figures itself; any it gives is shown as its count."""
    return (
        figure.percent is not None
        and figure.count is not None
        and figure.total is not None
        and 0 < figure.total < MIN_CASES_FOR_A_RATE
    )


def _published_text(figure: PublishedFigure) -> str:
    if _published_too_few(figure):
        return few_text(figure.count, figure.total)
    if figure.percent is None:
        return figure.note
    return f"{figure.percent:g}%"
