"""Reading the Department for Education's published file. Every figure here is SYNTHETIC, made up
for the tests, in a file with the Department's header (and its byte order mark)."""

import csv
import datetime
import os

from steadfast.measures import published_statistics
from steadfast.measures.published_statistics import FILE_NAME, PublishedFigure
from steadfast.measures.published_statistics import published_statistics as read

HEADER = (
    "time_period,time_identifier,geographic_level,country_code,country_name,region_code,region_name,"
    "old_la_code,la_name,new_la_code,cla_group,placement_stability,children_count,children_percent"
)
IN_YEAR = "CLA on 31 March"
TWO_YEARS = "CLA 2 years on 31 March"
LONG_TERM = "Children looked after continuously for at least 2.5 years on 31 March aged under 16 years"


def synthetic_rows(year: int = 2025, england_count: str = "111") -> list[str]:
    """Synthetic figures for England, one region and two authorities (one with suppressed values)."""
    england = f"{year},Reporting year,National,E92000001,England,,,,,"
    region = f"{year},Reporting year,Regional,E92000001,England,E12000099,Synthetic Region,,,"
    local = f"{year},Reporting year,Local authority,E92000001,England,E12000099,Synthetic Region"
    authority = f"{local},999,Synthetic Borough,E09999999"
    small = f"{local},998,Synthetic Isle,E09999998"
    return [
        f"{england},{IN_YEAR},With 3 or more placements during the year,{england_count},11",
        f"{england},{IN_YEAR},Total children,1000,100",
        f"{england},{TWO_YEARS},With 3 or more placements during the previous 2 years,220,22",
        f"{england},{TWO_YEARS},Total children,1000,100",
        f"{england},{LONG_TERM},Living with the same carer for at least 2 years,700,70",
        f"{england},{LONG_TERM},Total children,1000,100",
        f"{region},{IN_YEAR},With 3 or more placements during the year,12,12",
        f"{region},{IN_YEAR},Total children,100,100",
        f"{authority},{IN_YEAR},With 3 or more placements during the year,3,13",
        f"{authority},{IN_YEAR},Total children,23,100",
        f"{small},{IN_YEAR},With 3 or more placements during the year,c,c",
        f"{small},{IN_YEAR},Total children,4,100",
        f"{small},{LONG_TERM},Living with the same carer for at least 2 years,z,z",
    ]


def write_synthetic_file(directory, rows=None) -> None:
    """The synthetic file, with the byte order mark the Department's files begin with."""
    body = "\n".join([HEADER, *(rows if rows is not None else synthetic_rows())]) + "\n"
    (directory / FILE_NAME).write_text("\ufeff" + body, encoding="utf-8")


def use_synthetic_figures(settings, directory, *, year: int):
    """Point the measures at a synthetic file in `directory` with figures for `year`, for the
    synthetic region and authority."""
    write_synthetic_file(directory, synthetic_rows(year=year))
    settings.PUBLISHED_STATISTICS_DIR = directory
    settings.PUBLISHED_STATISTICS_REGION = "E12000099"
    settings.PUBLISHED_STATISTICS_COMPARATORS = ["E09999999"]
    return directory


def test_the_file_is_read_with_its_byte_order_mark_and_each_measure_joined_to_its_total(tmp_path):
    write_synthetic_file(tmp_path)
    comparison = read(tmp_path).comparison(
        year_ending=datetime.date(2025, 3, 31),
        region="E12000099",
        authorities=["E09999998", "E09999999", "E00000000"],
    )
    assert comparison.england.name == "England"
    assert comparison.england.figure("three_or_more_placements_in_year") == PublishedFigure(111, 1000, 11.0)
    assert comparison.england.figure("long_term_stability") == PublishedFigure(700, 1000, 70.0)
    assert comparison.region.name == "Synthetic Region"
    # In the order named; a code not in the file is left out.
    assert [a.name for a in comparison.authorities] == ["Synthetic Isle", "Synthetic Borough"]
    assert [a.name for a in comparison.areas] == [
        "England",
        "Synthetic Region",
        "Synthetic Isle",
        "Synthetic Borough",
    ]


def test_the_departments_symbols_are_said_in_words():
    statistics = published_statistics.parse(csv.DictReader([HEADER, *synthetic_rows()]))
    isle = statistics.areas[(2025, "E09999998")]
    assert isle.figure("three_or_more_placements_in_year") == PublishedFigure(None, 4, None, "Suppressed")
    assert isle.figure("long_term_stability").note == "Not applicable"
    assert isle.figure("three_or_more_placements_in_two_years").note == "Not published"


def test_a_year_or_a_file_that_is_not_there_gives_nothing(tmp_path):
    assert read(tmp_path) is None
    write_synthetic_file(tmp_path)
    statistics = read(tmp_path)
    assert statistics.years == {2025}
    assert (
        statistics.comparison(year_ending=datetime.date(2026, 3, 31), region="E12000099", authorities=[])
        is None
    )


def test_the_file_is_read_once_and_again_when_it_changes(tmp_path):
    write_synthetic_file(tmp_path)
    path = tmp_path / FILE_NAME
    first = read(tmp_path)
    assert read(tmp_path) is first
    # Rewritten with the same modification time: still the figures already read.
    stat = path.stat()
    write_synthetic_file(tmp_path, synthetic_rows(england_count="222"))
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert read(tmp_path) is first
    # A newer file is read again.
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
    england = (
        read(tmp_path).comparison(year_ending=datetime.date(2025, 3, 31), region="", authorities=[]).england
    )
    assert england.figure("three_or_more_placements_in_year").count == 222
