"""The Department for Education's published placement stability figures, for comparison.

They are read at run time from the Department's own CSV file, `la_cla_placement_stability.csv`
(from "Children looked after in England including adoptions", on Explore Education Statistics),
in a folder the authority names; no figure from it is ever written into the code. A file is
read once per process and read again when it changes (by its modification time). A missing or
unreadable file, or a year it does not hold, gives no figures, and the caller says so.
"""

import csv
import datetime
import logging
import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

logger = logging.getLogger(__name__)

FILE_NAME = "la_cla_placement_stability.csv"

NATIONAL = "National"
REGIONAL = "Regional"
LOCAL_AUTHORITY = "Local authority"

TOTAL = "Total children"
# Each measure (named as in stability_measures.StabilityMeasures) is two rows of the file: the
# children counted, and the total in the group, both under the group's `cla_group`.
MEASURE_ROWS = {
    "three_or_more_placements_in_year": ("CLA on 31 March", "With 3 or more placements during the year"),
    "three_or_more_placements_in_two_years": (
        "CLA 2 years on 31 March",
        "With 3 or more placements during the previous 2 years",
    ),
    "long_term_stability": (
        "Children looked after continuously for at least 2.5 years on 31 March aged under 16 years",
        "Living with the same carer for at least 2 years",
    ),
}
# The Department's symbols for a figure it does not give.
SYMBOLS = {"c": "Suppressed", "z": "Not applicable", "x": "Not available", "low": "Fewer than 0.5"}
NOT_PUBLISHED = "Not published"

NOT_AVAILABLE = "Published figures for the year ending 31 March {year} are not available."


@dataclass(frozen=True, slots=True)
class PublishedFigure:
    """One measure for one area: the children counted, the children in the group and the
    percentage, as published (rounded to whole numbers by the Department), or why not."""

    count: int | None
    total: int | None
    percent: int | float | None
    note: str = ""


@dataclass(frozen=True, slots=True)
class Area:
    level: str
    code: str
    name: str
    figures: dict[str, PublishedFigure] = field(default_factory=dict)

    def figure(self, measure: str) -> PublishedFigure:
        return self.figures.get(measure, PublishedFigure(None, None, None, NOT_PUBLISHED))


@dataclass(frozen=True, slots=True)
class Comparison:
    """The areas to set beside the authority's own figures for one year: England, the region
    and the comparable authorities (in the order named; any not in the file are left out)."""

    year_ending: datetime.date
    england: Area | None
    region: Area | None
    authorities: tuple[Area, ...]

    @property
    def areas(self) -> tuple[Area, ...]:
        return tuple(a for a in (self.england, self.region, *self.authorities) if a is not None)


@dataclass(frozen=True, slots=True)
class PublishedStatistics:
    """Every area in the file, by the year (ending 31 March) and the area's code."""

    areas: dict[tuple[int, str], Area]

    @property
    def years(self) -> frozenset[int]:
        return frozenset(year for year, _ in self.areas)

    def comparison(
        self, *, year_ending: datetime.date, region: str, authorities: Sequence[str]
    ) -> Comparison | None:
        """The comparison for the year ending `year_ending`, or None when the file does not hold it."""
        year = year_ending.year
        if year not in self.years:
            return None
        return Comparison(
            year_ending=year_ending,
            england=next((a for (y, _), a in self.areas.items() if y == year and a.level == NATIONAL), None),
            region=self.areas.get((year, region)),
            authorities=tuple(self.areas[(year, code)] for code in authorities if (year, code) in self.areas),
        )


def _value(text: str) -> tuple[int | float | None, str]:
    """A figure as published (a whole number stays whole), or why there is none."""
    text = text.strip()
    try:
        value = float(text)
    except ValueError:
        return None, SYMBOLS.get(text.lower(), NOT_PUBLISHED)
    return (int(value) if value.is_integer() else value), ""


def parse(rows: Iterable[dict[str, str]]) -> PublishedStatistics:
    """The figures from the file's rows (as `csv.DictReader` gives them). Rows of another kind
    of year, level or group are passed over."""
    counted: dict[tuple[int, str], dict[str, tuple[float | None, float | None, str]]] = {}
    totals: dict[tuple[int, str, str], float | None] = {}
    names: dict[tuple[int, str], tuple[str, str]] = {}
    measure_of = {rows_: measure for measure, rows_ in MEASURE_ROWS.items()}
    groups = {group for group, _ in MEASURE_ROWS.values()}
    for row in rows:
        period = (row.get("time_period") or "").strip()
        level = (row.get("geographic_level") or "").strip()
        if not period.isdigit() or len(period) != 4:
            continue
        if level == NATIONAL:
            code, name = row.get("country_code", ""), row.get("country_name", "")
        elif level == REGIONAL:
            code, name = row.get("region_code", ""), row.get("region_name", "")
        elif level == LOCAL_AUTHORITY:
            code, name = row.get("new_la_code", ""), row.get("la_name", "")
        else:
            continue
        key = (int(period), code.strip())
        names[key] = (level, name.strip())
        group, kind = row.get("cla_group", "").strip(), row.get("placement_stability", "").strip()
        count, note = _value(row.get("children_count", ""))
        if kind == TOTAL and group in groups:
            totals[(*key, group)] = count
        elif (group, kind) in measure_of:
            percent, percent_note = _value(row.get("children_percent", ""))
            counted.setdefault(key, {})[measure_of[(group, kind)]] = (count, percent, note or percent_note)
    areas = {}
    for key, (level, name) in names.items():
        figures = {}
        for measure, (count, percent, note) in counted.get(key, {}).items():
            total = totals.get((*key, MEASURE_ROWS[measure][0]))
            figures[measure] = PublishedFigure(
                count=None if count is None else int(count),
                total=None if total is None else int(total),
                percent=percent,
                note=note,
            )
        areas[key] = Area(level=level, code=key[1], name=name, figures=figures)
    return PublishedStatistics(areas=areas)


_cache: dict[Path, tuple[int, PublishedStatistics]] = {}
_lock = threading.Lock()


def published_statistics(directory: Path) -> PublishedStatistics | None:
    """The file in `directory`, read once and again whenever it changes; None when it is
    missing or cannot be read."""
    path = Path(directory) / FILE_NAME
    try:
        modified = path.stat().st_mtime_ns
    except OSError:
        return None
    with _lock:
        cached = _cache.get(path)
        if cached is not None and cached[0] == modified:
            return cached[1]
        try:
            # The Department's files begin with a byte order mark, which utf-8-sig drops.
            with path.open(encoding="utf-8-sig", newline="") as file:
                statistics = parse(csv.DictReader(file))
        except (OSError, UnicodeDecodeError, csv.Error):
            logger.warning("Could not read the published statistics in %s", path, exc_info=True)
            return None
        _cache[path] = (modified, statistics)
        return statistics
