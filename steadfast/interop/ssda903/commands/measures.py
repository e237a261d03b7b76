"""`manage.py ssda903 measures <folder> [--year YYYY] [--area NAME_OR_CODE] [--json]`

The Department's three placement stability measures counted straight from a year's SSDA903 files
(the Header and Episodes tables), by the same counting as the measures page, beside the published
figures the page compares with. Reads no database.
"""

import datetime
import json
from pathlib import Path

import polars as pl
from django.conf import settings
from django.core.management.base import CommandError

from steadfast.measures import published_statistics as published
from steadfast.measures import stability_measures as sm
from steadfast.measures.report import DFE_MEASURES, MEASURE, MIN_CASES_FOR_A_RATE, few_text, percentage
from steadfast.measures.service_measures import Share

from .. import episodes as ssda903_episodes
from ..reading import LAST, ROW
from ._years import add_year_argument, year_of
from .validate import read

HELP = "Count the Department's placement stability measures from a folder of SSDA903 files."

NEEDED_TABLES = ("Header", "Episodes")
ERROR_NO_TABLE = (
    "The folder has no {table} table. The measures are counted from the Header and Episodes "
    "tables: add the {table} file and try again."
)
ERROR_NO_AREA = (
    "There is no local authority {area} in the published figures for the year ending 31 March "
    "{year}. Give an authority's name or code (new_la_code) as the published file has it."
)
LEFT_OUT = (
    "{rows} episodes were left out: a start date missing or impossible, an end before the start, "
    "or a child with no date of birth in the Header table. `manage.py ssda903 validate` lists them."
)

# The keys of the --json output, for each measure.
JSON_KEYS = {
    sm.THREE_OR_MORE_IN_YEAR: "three_plus_in_year",
    sm.LONG_TERM: "long_term",
    sm.THREE_OR_MORE_IN_TWO_YEARS: "three_plus_over_two_years",
}


def add_arguments(parser) -> None:
    parser.add_argument("folder", type=Path, help="the folder holding the year's CSV files")
    add_year_argument(parser)
    parser.add_argument(
        "--area",
        help="the local authority the files are from, by its name or code in the published figures "
        "(its own published figures are shown too, and its region's); by default the authority "
        "and region the measures page compares with",
    )
    parser.add_argument(
        "--json",
        action="store_true",
        help="print the children behind each measure as JSON instead of the figures",
    )


def run(options, out) -> None:
    year = year_of(options)
    collection = read(options["folder"], year=year)
    for table in NEEDED_TABLES:
        if table not in collection.tables:
            raise CommandError(ERROR_NO_TABLE.format(table=table))
    header, episodes = _with_previous_year(collection.tables)
    year_ending = datetime.date(year, 3, 31)
    frame = ssda903_episodes.episode_frame(header, episodes).collect()
    counted = sm.stability_of_frame(frame, year_ending=year_ending)
    if options["json"]:
        out.write(json.dumps(as_json(counted)))
        return
    # Every row is either an episode of the frame or left out.
    left_out = len(episodes) - frame.height
    _write_figures(counted, out, area=options.get("area"), episodes=len(episodes), left_out=left_out)


def _with_previous_year(tables) -> tuple[pl.DataFrame, pl.DataFrame]:
    """The Header and Episodes tables, with the previous year's (in the `previous` folder) before
    them when given, so that a period of care begun before this year's first episode is seen
    from its start. An episode in both years is taken from this year's file."""
    header, episodes = tables["Header"], tables["Episodes"]
    header_last, episodes_last = tables.get("Header" + LAST), tables.get("Episodes" + LAST)
    if episodes_last is not None:
        episodes = pl.concat(
            [episodes_last.with_columns(pl.col(ROW) - len(episodes_last)), episodes], how="diagonal_relaxed"
        ).unique(["CHILD", "DECOM:date"], keep="last", maintain_order=True)
    if header_last is not None:
        header = pl.concat([header, header_last], how="diagonal_relaxed").unique(
            "CHILD", keep="first", maintain_order=True
        )
    return header, episodes


def as_json(counted: sm.FrameStability) -> dict:
    """The children behind each measure, as the --json output gives them."""
    found: dict = {}
    for measure, key in JSON_KEYS.items():
        excluded = counted.excluded(measure)
        found[key] = {
            "denominator": counted.cohort(measure).to_list(),
            "numerator": counted.counted(measure).to_list(),
            "excluded": [
                {"child": child, "reason": reason}
                for child, reason in zip(
                    excluded[sm.CHILD_ID].to_list(), excluded["reason"].to_list(), strict=True
                )
            ],
        }
    found["two_plus_in_year"] = counted.with_placements_in_year(2).to_list()
    placements = counted.placements_in_year
    found["placements_in_year"] = dict(
        zip(placements[sm.CHILD_ID].to_list(), placements["placements_in_year"].to_list(), strict=True)
    )
    return found


def _write_figures(
    counted: sm.FrameStability, out, *, area: str | None, episodes: int, left_out: int
) -> None:
    year_ending = counted.year_ending
    comparison, own_area = _comparison(year_ending, area)
    name = own_area.name if own_area else settings.AUTHORITY_NAME
    out.write(
        f"Placement stability measures for the year ending 31 March {year_ending.year}, from "
        f"{counted.children.height:,} children and {episodes:,} episodes in the files."
    )
    if left_out:
        out.write(LEFT_OUT.format(rows=f"{left_out:,}"))
    if comparison is None:
        out.write(published.NOT_AVAILABLE.format(year=year_ending.year))
    areas = [] if comparison is None else list(comparison.areas)
    if own_area is not None:
        areas.insert(0, own_area)
    for measure, label in DFE_MEASURES:
        result = Share(counted.counted(measure).len(), counted.cohort(measure).len())
        out.write("")
        out.write(f"{label} ({MEASURE[measure].better.lower()})")
        rows = [
            (f"{name} (these files)", f"{result.numerator:,} of {result.denominator:,}", _own_text(result))
        ]
        for published_area in areas:
            figure = published_area.figure(measure)
            label_of = (
                f"{published_area.name} (published)" if published_area is own_area else published_area.name
            )
            counts = (
                ""
                if figure.count is None or figure.total is None
                else f"{figure.count:,} of {figure.total:,}"
            )
            rows.append((label_of, counts, _published_text(figure)))
        width = max(len(row[0]) for row in rows)
        for label_of, counts, share in rows:
            out.write(f"  {label_of:<{width}}  {counts:>22}  {share}")


def _own_text(result: Share) -> str:
    cell = percentage(result)
    if cell is None:
        return "No data"
    return cell if isinstance(cell, str) else f"{cell:.1f}%"


def _published_text(figure: published.PublishedFigure) -> str:
    """A published figure as the page words it: too few for a percentage, the percentage, or
    why there is none."""
    if figure.percent is not None and figure.count is not None and figure.total is not None:  # noqa: SIM102
        if 0 < figure.total < MIN_CASES_FOR_A_RATE:
            return few_text(figure.count, figure.total)
    if figure.percent is None:
        return figure.note
    return f"{figure.percent:g}%"


def _comparison(
    year_ending: datetime.date, area: str | None
) -> tuple[published.Comparison | None, published.Area | None]:
    """The published areas to compare with, as the measures page compares them, and the
    authority named by `area` (with its own region) when one is given."""
    directory = Path(settings.PUBLISHED_STATISTICS_DIR)
    statistics = published.published_statistics(directory)
    region = settings.PUBLISHED_STATISTICS_REGION
    own_area = None
    if area is not None:
        wanted = area.strip().casefold()
        authorities = [] if statistics is None else statistics.areas.items()
        own_area = next(
            (
                found
                for (year, _), found in authorities
                if year == year_ending.year
                and found.level == published.LOCAL_AUTHORITY
                and wanted in (found.code.casefold(), found.name.casefold())
            ),
            None,
        )
        if own_area is None:
            raise CommandError(ERROR_NO_AREA.format(area=area, year=year_ending.year))
        region = _region_of(directory / published.FILE_NAME, own_area.code) or region
    if statistics is None:
        return None, own_area
    comparators = [
        code
        for code in settings.PUBLISHED_STATISTICS_COMPARATORS
        if own_area is None or code != own_area.code
    ]
    return statistics.comparison(year_ending=year_ending, region=region, authorities=comparators), own_area


def _region_of(path: Path, la_code: str) -> str | None:
    """The region code the published file gives an authority."""
    rows = (
        pl.scan_csv(path, infer_schema=False, encoding="utf8-lossy")
        .filter(pl.col("new_la_code") == la_code)
        .select("region_code")
        .head(1)
        .collect()
    )
    return rows.item() if rows.height else None
