"""How the measures read: every measure says which way is better, in its table, its download's
headings and its chart (the text alternative too); a share of fewer than 5 cases is given as its
count and never drawn as a percentage; and the Department's measures open on the latest year with
published figures to compare with, never the year not yet ended. Worked on plain records, with
no database."""

import datetime
import xml.etree.ElementTree as ET
from collections import defaultdict
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from steadfast.core import charts
from steadfast.measures.report import (
    DFE_MEASURES,
    HIGHER_IS_BETTER,
    LOWER_IS_BETTER,
    MEASURES,
    MIN_CASES_FOR_A_RATE,
    NEITHER_IS_BETTER,
    TOO_FEW,
    TOO_FEW_CHART_NOTE,
    TOO_FEW_NOTE,
    YEAR_CHOSEN,
    YEAR_LATEST,
    YEAR_PUBLISHED,
    DfeFigures,
    Report,
    WorkedOut,
    available_years,
    few_text,
    labelled,
    percentage,
    plotted,
    share_text,
    work_out_figures,
    year_to_open,
)
from steadfast.measures.service_measures import (
    ConcernRecord,
    MeetingRecord,
    PlacementRecord,
    Share,
    quarters_to,
)

from .test_published_statistics import IN_YEAR, synthetic_rows, write_synthetic_file

SVG = "{http://www.w3.org/2000/svg}"
TODAY = datetime.date(2026, 12, 5)
BORN = datetime.date(2015, 6, 1)
HELD = "authorised"
IMMINENT = "breakdown_imminent"
KIND = "placement_stability"


def texts(svg: str) -> str:
    root = ET.fromstring(svg.encode("utf-8"))
    return " ".join(" ".join(element.itertext()) for element in root.iter(f"{SVG}text"))


def bars_drawn(svg: str) -> list[ET.Element]:
    root = ET.fromstring(svg.encode("utf-8"))
    return [r for r in root.iter(f"{SVG}rect") if r.get("fill") != "#ffffff"]


def points_drawn(svg: str) -> list[ET.Element]:
    return list(ET.fromstring(svg.encode("utf-8")).iter(f"{SVG}circle"))


def placement(pk: int, child: int, start: datetime.date, end=None, planned=None) -> PlacementRecord:
    return PlacementRecord(
        id=pk,
        child_id=child,
        date_of_birth=BORN,
        start=start,
        end=end,
        kind="foster_approved_carer",
        ending_planned=planned,
        carer=("household", child),
    )


def report_of(
    *,
    imminent: int = 2,
    dfe: tuple[Share, Share, Share] = (Share(1, 3), Share(0, 2), Share(4, 4)),
    published_dir=None,
    region: str = "",
    comparators: tuple[str, ...] = (),
) -> Report:
    """A report of a small authority: three placements, `imminent` concerns saying breakdown was
    imminent in January 2026 (each met by a meeting), a meeting with the child's views and an
    authorised plan, a few scores, and the Department's measures as given."""
    placements = [
        placement(1, 1, datetime.date(2024, 6, 1)),
        placement(2, 2, datetime.date(2024, 9, 1), datetime.date(2025, 2, 1), planned=False),
        placement(3, 3, datetime.date(2025, 1, 6)),
    ]
    concerns = [ConcernRecord(1, datetime.date(2026, 1, 12), IMMINENT) for _ in range(imminent)]
    meetings = [
        MeetingRecord(1, KIND, HELD, datetime.date(2025, 1, 10), childs_views=True),
        MeetingRecord(
            1,
            KIND,
            HELD,
            datetime.date(2026, 1, 14),
            childs_views=False,
            sent_on=datetime.date(2026, 1, 15),
            authorised_on=datetime.date(2026, 1, 16),
        ),
    ]
    figures = work_out_figures(
        today=TODAY,
        quarters=quarters_to(TODAY),
        plan_days=5,
        placements=placements,
        concerns=concerns,
        meetings=meetings,
        meeting_scores=[(datetime.date(2026, 1, 14), 3, 1), (datetime.date(2026, 1, 14), 8, 2)],
        supervision_scales=[(datetime.date(2026, 2, 2), 4, 1), (datetime.date(2026, 2, 2), 7, 1)],
    )
    result = WorkedOut(
        day=TODAY,
        worked_out_at=datetime.datetime(2026, 12, 5, 7, 5, tzinfo=ZoneInfo("Europe/London")),
        plan_days=5,
        figures=figures,
        dfe=DfeFigures(datetime.date(2026, 3, 31), *dfe),
        children=None,
    )
    return Report(
        result=result,
        published_dir=published_dir,
        region=region,
        comparators=comparators,
        authority="Northbridge Council (fictional)",
    )


@pytest.fixture
def small(tmp_path) -> Report:
    """The small authority, with no published figures."""
    return report_of(published_dir=tmp_path)


# Which way is better ----------------------------------------------------------------------------


def test_every_measure_is_better_one_way_or_says_it_is_neither():
    assert MEASURES
    for measure in MEASURES:
        assert measure.better in (HIGHER_IS_BETTER, LOWER_IS_BETTER, NEITHER_IS_BETTER), measure.key
    # The Department's: fewer children with 3 or more placements, more with the same carer.
    better = {m.key: m.better for m in MEASURES}
    assert better["three_or_more_placements_in_year"] == LOWER_IS_BETTER
    assert better["three_or_more_placements_in_two_years"] == LOWER_IS_BETTER
    assert better["long_term_stability"] == HIGHER_IS_BETTER
    assert better["meeting-scores-low"] == LOWER_IS_BETTER


def test_every_table_and_chart_on_the_page_shows_a_measure_defined_with_its_direction():
    tables = {table for m in MEASURES for table, _ in m.columns} | {"dfe"}
    assert tables == set(Report.TABLES)
    assert {chart for m in MEASURES for chart in m.charts} == set(Report.CHARTS)


def test_every_measure_says_which_way_is_better_in_its_tables(small):
    for measure in MEASURES:
        for key, heading in measure.columns:
            assert labelled(heading, measure.better) in small.table(key).headers, (measure.key, key)


def test_the_departments_table_says_which_way_is_better_for_each_of_its_measures(small):
    table = small.table("dfe")
    which = table.headers.index("Which is better")
    better = {m.key: m.better for m in MEASURES}
    assert [row[which] for row in table.rows] == [better[measure] for measure, _ in DFE_MEASURES]


def test_every_measure_says_which_way_is_better_on_its_charts_and_in_their_text_alternative(small):
    for measure in MEASURES:
        for key in measure.charts:
            chart = small.chart(key)
            assert measure.better.lower() in chart.summary.lower(), (measure.key, key)
            svg = chart.draw()
            assert measure.better.lower() in texts(svg).lower(), (measure.key, key)
            desc = ET.fromstring(svg.encode()).find(f"{SVG}desc").text
            assert desc == chart.summary


# Fewer than 5 cases -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("share", "cell", "drawn", "text"),
    [
        (Share(0, 0), None, None, "none counted"),
        (Share(0, 1), "0 of 1 (too few for a percentage)", None, "0 of 1"),
        (Share(2, 3), "2 of 3 (too few for a percentage)", None, "2 of 3"),
        (Share(4, 4), "4 of 4 (too few for a percentage)", None, "4 of 4"),
        (Share(5, 5), 100.0, 100.0, "5 of 5 (100%)"),
        (Share(0, 5), 0.0, 0.0, "0 of 5 (0%)"),
        (Share(1, 8), 12.5, 12.5, "1 of 8 (12%)"),
    ],
)
def test_a_share_of_fewer_than_5_cases_is_its_count_and_is_not_drawn(share, cell, drawn, text):
    assert MIN_CASES_FOR_A_RATE == 5
    assert percentage(share) == cell
    assert plotted(share) == drawn
    assert share_text(share) == text


def test_every_rate_in_every_table_is_given_as_its_count_when_there_are_fewer_than_5_cases(small):
    rates = [m for m in MEASURES if m.rate]
    assert len(rates) >= 10
    for measure in rates:
        shown = defaultdict(list)
        for key, heading in measure.columns:
            table = small.table(key)
            column = table.headers.index(labelled(heading, measure.better))
            shown[key] += [row[column] for row in table.rows]
            assert TOO_FEW_NOTE in table.notes
        for key, cells in shown.items():
            # No bare figure: each is a count with its note, or nothing counted at all.
            assert all(cell is None or (isinstance(cell, str) and TOO_FEW in cell) for cell in cells), (
                measure.key,
                key,
                cells,
            )
            assert any(isinstance(cell, str) for cell in cells), (measure.key, key)
    table = small.table("dfe")
    column = table.headers.index("Percentage (%)")
    assert [row[column] for row in table.rows] == [few_text(1, 3), few_text(0, 2), few_text(4, 4)]


def test_the_counts_stand_in_the_rate_columns_of_the_survival_tables(small):
    table = small.table("survival-type")
    first = table.rows[0]
    assert first[:3] == ("All placements", 3, 1)
    assert first[3] == "3 placements (too few for a percentage)"


def test_with_5_cases_or_more_a_share_is_a_percentage_and_is_drawn(tmp_path):
    report = report_of(imminent=5, dfe=(Share(1, 5), Share(0, 5), Share(5, 5)), published_dir=tmp_path)
    table = report.table("imminent-concerns")
    assert ("Jan to Mar 2026", 5, 5, 100.0) in table.rows
    assert points_drawn(report.chart("timeliness").draw())
    dfe = report.table("dfe")
    assert [row[3] for row in dfe.rows] == [20.0, 0.0, 100.0]
    assert TOO_FEW_NOTE not in dfe.notes
    svg = report.chart("dfe-3").draw()
    assert [r.get("fill") for r in bars_drawn(svg)] == [charts.HIGHLIGHT]
    assert "100.0%" in texts(svg)


def test_a_line_chart_draws_no_point_for_a_quarter_of_fewer_than_5_cases(small):
    chart = small.chart("timeliness")
    svg = chart.draw()
    assert points_drawn(svg) == []
    assert TOO_FEW_CHART_NOTE in texts(svg) and TOO_FEW_CHART_NOTE in chart.summary
    assert "2 of 2 imminent concerns" in chart.summary and "100%" not in chart.summary


@pytest.mark.parametrize(("key", "count"), [("dfe-1", "1 of 3"), ("dfe-2", "0 of 2"), ("dfe-3", "4 of 4")])
def test_a_bar_of_fewer_than_5_cases_is_not_drawn_and_gives_its_count(small, key, count):
    chart = small.chart(key)
    svg = chart.draw()
    assert bars_drawn(svg) == []
    words = texts(svg)
    assert f"{count} ({TOO_FEW})" in words
    assert TOO_FEW_CHART_NOTE in words
    assert f"{count} ({TOO_FEW}) here" in chart.summary
    for bare in ("0%", "100%", "0.0%", "100.0%"):
        assert bare not in words and bare not in chart.summary


def test_homes_still_together_of_fewer_than_5_are_counted_not_drawn(small):
    chart = small.chart("still-together")
    svg = chart.draw()
    assert bars_drawn(svg) == []
    assert "1 of 1 (too few for a percentage)" in texts(svg)
    assert "%" not in chart.summary.replace("percentage", "")


def test_a_survival_summary_of_fewer_than_5_placements_gives_no_percentage(small):
    for key in ("survival-type", "survival-age"):
        summary = small.chart(key).summary
        assert "only 3 placements, too few" in summary and "%" not in summary


def test_a_published_share_of_fewer_than_5_children_is_given_as_its_count(tmp_path):
    rows = synthetic_rows(year=2026)
    local = "2026,Reporting year,Local authority,E92000001,England,E12000099,Synthetic Region"
    tiny = f"{local},997,Synthetic Hamlet,E09999997"
    rows += [
        f"{tiny},{IN_YEAR},With 3 or more placements during the year,2,50",
        f"{tiny},{IN_YEAR},Total children,4,100",
    ]
    write_synthetic_file(tmp_path, rows)
    report = report_of(published_dir=tmp_path, region="E12000099", comparators=("E09999997", "E09999999"))
    table = report.table("dfe-comparison")
    assert ("Synthetic Hamlet", few_text(2, 4)) == table.rows[-2][:2]
    assert table.rows[-1][:2] == ("Synthetic Borough", 13)
    svg = report.chart("dfe-1").draw()
    assert "2 of 4 (too few for a percentage)" in texts(svg) and "50%" not in texts(svg)
    # Drawn: England's, the region's and the borough's (of 23 children); not the hamlet's, nor
    # the authority's own (1 of 3).
    assert len(bars_drawn(svg)) == 3


# The year shown --------------------------------------------------------------------------------


def march(year: int) -> datetime.date:
    return datetime.date(year, 3, 31)


def test_the_measures_open_on_the_latest_year_with_published_figures():
    covered = [march(2026), march(2025), march(2024)]
    assert year_to_open(covered=covered, published={2021, 2022, 2023, 2024, 2025}) == march(2025)
    assert year_to_open(covered=covered, published={2024, 2026}) == march(2026)
    assert year_to_open(covered=covered, published={2019}) is None
    assert year_to_open(covered=[], published={2025}) is None


def test_the_year_not_yet_ended_is_never_opened_even_with_figures_for_it():
    # On 5 December 2026 the year ending 31 March 2027 has not ended.
    covered = available_years([placement(1, 1, datetime.date(2023, 5, 1))], today=TODAY)
    assert covered == [march(2026), march(2025), march(2024)]
    assert year_to_open(covered=covered, published={2025, 2026, 2027}) == march(2026)


@given(
    covered=st.sets(st.integers(2000, 2030), max_size=8),
    published=st.sets(st.integers(2000, 2030), max_size=8),
)
def test_the_year_opened_is_the_latest_covered_and_published(covered, published):
    opened = year_to_open(covered=[march(y) for y in covered], published=published)
    both = covered & published
    assert opened == (march(max(both)) if both else None)


def test_the_page_says_which_year_it_shows_and_why(small):
    small.opened_because = YEAR_PUBLISHED
    assert small.year_shown == (
        "These figures are for the year ending 31 March 2026, the latest year with published "
        "figures to compare with."
    )
    small.opened_because = YEAR_CHOSEN
    assert small.year_shown == "These figures are for the year ending 31 March 2026, the year you chose."
    small.opened_because = YEAR_LATEST
    assert small.year_shown.startswith(
        "These figures are for the year ending 31 March 2026, the latest year that has ended. "
        "There are no published figures"
    )
