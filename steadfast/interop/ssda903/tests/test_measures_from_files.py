"""`manage.py ssda903 measures`: the Department's three stability measures counted from a folder of
SSDA903 files, worked by hand for seventeen children.

The year ends on 31 March 2026: the year runs from 1 April 2025, the 2 years from 1 April 2024, the
2.5 years from 1 October 2023, and a child is under 16 on 31 March 2026 when born after 31 March
2010.
"""

import io
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db.backends.base.base import BaseDatabaseWrapper

from steadfast.measures import stability_measures as sm
from steadfast.measures.published_statistics import FILE_NAME

HEADER = "CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\n"
EPISODES = "CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN\n"

BORN = {
    "C01": "01/01/2015",
    "C02": "01/01/2012",
    "C03": "01/05/2013",
    "C04": "01/01/2014",
    "C05": "01/01/2016",
    "C06": "01/01/2016",
    "C07": "01/01/2011",
    "C08": "31/03/2010",  # 16 on 31 March 2026
    "C09": "01/04/2010",  # 15 on 31 March 2026
    "C10": "01/01/2014",
    "C11": "01/01/2020",
    "C12": "01/01/2013",
    "C13": "01/01/2012",
    "C14": "01/01/2015",
    "C15": "01/01/2017",
    "C16": "01/01/2015",
    "C17": "01/01/2014",
}

# CHILD, DECOM, RNE, LS, PLACE, DEC, REC, where the child lives (PL_POST): the other columns are
# filled in below. Carers A, B, C... are told apart by their postcode.
ROWS = [
    # C01 moves twice in the year: A (lived in on 1 April 2025), B, C. 3 placements in the year.
    # Came into care in June 2024: not looked after for 2 years, nor 2.5.
    ("C01", "01/06/2024", "S", "C2", "U4", "01/07/2025", "X1", "A"),
    ("C01", "01/07/2025", "P", "C2", "U4", "01/12/2025", "X1", "B"),
    ("C01", "01/12/2025", "P", "C2", "U4", "", "", "C"),
    # C02 stays with A throughout: a change of legal status (L), then A become the adopters (U).
    # 1 placement; in the 2-year group (since January 2023) with 1; under 16 since before
    # 1 October 2023, with A since then: stable.
    ("C02", "01/01/2023", "S", "C2", "U4", "01/06/2024", "X1", "A"),
    ("C02", "01/06/2024", "L", "C1", "U4", "01/09/2025", "X1", "A"),
    ("C02", "01/09/2025", "U", "E1", "A4", "", "", "A"),
    # C03 goes on holiday (T1) and back to the usual carer (B): 1 placement; stable.
    ("C03", "01/02/2023", "S", "C2", "U4", "10/08/2025", "X1", "A"),
    ("C03", "10/08/2025", "P", "C2", "T1", "24/08/2025", "X1", "H"),
    ("C03", "24/08/2025", "B", "C2", "U4", "", "", "A"),
    # C04 is in hospital (T2), comes back to A coded P with the same place (the Department's rule
    # 383): the same placement; then moves to B. 2 placements: in the list of two or more.
    ("C04", "01/04/2025", "S", "C2", "U4", "01/06/2025", "X1", "A"),
    ("C04", "01/06/2025", "P", "C2", "T2", "20/06/2025", "X1", "H"),
    ("C04", "20/06/2025", "P", "C2", "U4", "01/09/2025", "X1", "A"),
    ("C04", "01/09/2025", "P", "C2", "U5", "", "", "B"),
    # C05 has only short breaks (V3, V4): in no measure.
    ("C05", "01/05/2025", "S", "V3", "U4", "05/05/2025", "E15", "A"),
    ("C05", "01/07/2025", "S", "V3", "U4", "04/07/2025", "E15", "A"),
    ("C05", "01/03/2026", "S", "V4", "U4", "", "", "A"),
    # C06 has a short break, then comes into care full time with B and moves to C: 2 placements.
    ("C06", "01/05/2025", "S", "V3", "U4", "03/05/2025", "E15", "A"),
    ("C06", "01/08/2025", "S", "C2", "U4", "01/11/2025", "X1", "B"),
    ("C06", "01/11/2025", "P", "C2", "U4", "", "", "C"),
    # C07 leaves care on 1 May 2025 and comes back to the same carer in September: a new period
    # of care, so 2 placements in the year; not looked after for 2 years (the break resets it).
    ("C07", "01/01/2024", "S", "C2", "U4", "01/05/2025", "E13", "A"),
    ("C07", "01/09/2025", "S", "C2", "U4", "", "", "A"),
    # C08 (16 on 31 March) and C09 (15) have lived with A since 2020: both in the 2-year group
    # with 1 placement; C08 is outside the long-term measure, C09 inside and stable.
    ("C08", "01/01/2020", "S", "C2", "U4", "", "", "A"),
    ("C09", "01/01/2020", "S", "C2", "U4", "", "", "A"),
    # C10 came into care on 1 October 2023 (just 2.5 years) and moved to B on 1 April 2024 (just
    # 2 years): stable. 2 placements in the 2 years (A was lived in on 1 April 2024), 1 in the year.
    ("C10", "01/10/2023", "S", "C2", "U4", "01/04/2024", "X1", "A"),
    ("C10", "01/04/2024", "P", "C2", "U4", "", "", "B"),
    # C11 fostered by A from January 2023, placed for adoption with B in September 2025 (a change
    # of legal status, placement and carers at once, B): stable, as the adoptive placement and the
    # one before it reach back 2 years. 2 placements in the year.
    ("C11", "01/01/2023", "S", "C2", "U4", "01/09/2025", "X1", "A"),
    ("C11", "01/09/2025", "B", "E1", "A3", "", "", "B"),
    # C12 left care on 1 February 2026: not looked after on 31 March.
    ("C12", "01/01/2025", "S", "C2", "U4", "01/02/2026", "E13", "A"),
    # C13 had 3 placements in the 2 years (A until May 2024, B, C), 1 in the year (C, across a
    # change of legal status): counted in the 2-year measure only.
    ("C13", "01/03/2024", "S", "C2", "U4", "01/05/2024", "X1", "A"),
    ("C13", "01/05/2024", "P", "C2", "K2", "01/01/2025", "X1", "B"),
    ("C13", "01/01/2025", "P", "C2", "U4", "01/06/2025", "X1", "C"),
    ("C13", "01/06/2025", "L", "C1", "U4", "", "", "C"),
    # C14 has respite (T3), then moves to D, not back to A: 2 placements.
    ("C14", "01/01/2025", "S", "C2", "U4", "01/06/2025", "X1", "A"),
    ("C14", "01/06/2025", "P", "C2", "T3", "15/06/2025", "X1", "R"),
    ("C14", "15/06/2025", "P", "C2", "U4", "", "", "D"),
    # C15 came into care on 31 March 2026: looked after, 1 placement.
    ("C15", "31/03/2026", "S", "C2", "U4", "", "", "A"),
    # C16 spent three nights with emergency carers between A and F: 3 placements.
    ("C16", "01/05/2025", "S", "C2", "U4", "10/10/2025", "X1", "A"),
    ("C16", "10/10/2025", "P", "C2", "U4", "13/10/2025", "X1", "E"),
    ("C16", "13/10/2025", "P", "C2", "U4", "", "", "F"),
    # C17 with A since 2022, moved to B in June 2024: in the long-term group, not stable; 2
    # placements in the 2 years, 1 in the year.
    ("C17", "01/01/2022", "S", "C2", "U4", "01/06/2024", "X1", "A"),
    ("C17", "01/06/2024", "P", "C2", "U4", "", "", "B"),
]

LOOKED_AFTER = [f"C{n:02}" for n in (1, 2, 3, 4, 6, 7, 8, 9, 10, 11, 13, 14, 15, 16, 17)]
PLACEMENTS_IN_YEAR = {
    "C01": 3,
    "C02": 1,
    "C03": 1,
    "C04": 2,
    "C06": 2,
    "C07": 2,
    "C08": 1,
    "C09": 1,
    "C10": 1,
    "C11": 2,
    "C13": 1,
    "C14": 2,
    "C15": 1,
    "C16": 3,
    "C17": 1,
}


def write_files(folder, rows=ROWS, born=BORN):
    folder.mkdir(exist_ok=True)
    (folder / "header.csv").write_text(
        HEADER + "".join(f"{child},M,{dob},WBRI,,,\n" for child, dob in born.items())
    )
    lines = []
    for child, decom, rne, ls, place, dec, rec, where in rows:
        provider = "PR0" if place == "P1" else "PR1"
        lines.append(f"{child},{decom},{rne},{ls},N1,{place},{provider},{dec},{rec},,AB1 1AA,{where}1 1AA,\n")
    (folder / "episodes.csv").write_text(EPISODES + "".join(lines))
    return folder


def measures(folder, *args):
    out = io.StringIO()
    call_command("ssda903", "measures", str(folder), "--year", "2026", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def counted(tmp_path):
    return json.loads(measures(write_files(tmp_path / "files"), "--json"))


def test_the_json_gives_exactly_the_keys_asked_for(counted):
    assert set(counted) == {
        "three_plus_in_year",
        "long_term",
        "three_plus_over_two_years",
        "two_plus_in_year",
        "placements_in_year",
    }
    for key in ("three_plus_in_year", "long_term", "three_plus_over_two_years"):
        assert set(counted[key]) == {"denominator", "numerator", "excluded"}


def test_the_children_looked_after_on_31_march_and_their_placements_in_the_year(counted):
    assert sorted(counted["three_plus_in_year"]["denominator"]) == LOOKED_AFTER
    assert counted["placements_in_year"] == PLACEMENTS_IN_YEAR
    # 2 of 15 had 3 or more placements.
    assert sorted(counted["three_plus_in_year"]["numerator"]) == ["C01", "C16"]
    assert sorted(counted["two_plus_in_year"]) == ["C01", "C04", "C06", "C07", "C11", "C14", "C16"]


def test_short_breaks_only_and_leaving_care_are_excluded_with_their_reasons(counted):
    assert sorted(counted["three_plus_in_year"]["excluded"], key=lambda e: e["child"]) == [
        {"child": "C05", "reason": sm.EXCLUDED_SHORT_BREAKS_ONLY},
        {"child": "C12", "reason": sm.EXCLUDED_LEFT_CARE},
    ]


def test_the_two_year_measure(counted):
    measure = counted["three_plus_over_two_years"]
    # Looked after since 1 April 2024 or before: 8 children; only C13 had 3 placements in them.
    assert sorted(measure["denominator"]) == ["C02", "C03", "C08", "C09", "C10", "C11", "C13", "C17"]
    assert measure["numerator"] == ["C13"]
    reasons = {e["child"]: e["reason"] for e in measure["excluded"]}
    assert reasons["C01"] == reasons["C07"] == reasons["C16"] == sm.EXCLUDED_NOT_TWO_YEARS
    assert reasons["C05"] == sm.EXCLUDED_SHORT_BREAKS_ONLY


def test_the_long_term_measure(counted):
    measure = counted["long_term"]
    # Under 16 and looked after since 1 October 2023: C02, C03, C09, C10, C11, C17; all but C17
    # have been with their carer for 2 years (C11 by the adoption clause).
    assert sorted(measure["denominator"]) == ["C02", "C03", "C09", "C10", "C11", "C17"]
    assert sorted(measure["numerator"]) == ["C02", "C03", "C09", "C10", "C11"]
    reasons = {e["child"]: e["reason"] for e in measure["excluded"]}
    assert reasons["C08"] == sm.EXCLUDED_AGED_16
    assert reasons["C13"] == sm.EXCLUDED_NOT_TWO_AND_A_HALF_YEARS
    assert reasons["C12"] == sm.EXCLUDED_LEFT_CARE


def test_every_child_in_the_files_is_in_each_measure_or_excluded_from_it(counted):
    for key in ("three_plus_in_year", "long_term", "three_plus_over_two_years"):
        measure = counted[key]
        excluded = [e["child"] for e in measure["excluded"]]
        assert sorted(measure["denominator"] + excluded) == sorted(BORN)
        assert set(measure["numerator"]) <= set(measure["denominator"])


PUBLISHED = (
    "time_period,time_identifier,geographic_level,country_code,country_name,region_code,region_name,"
    "old_la_code,la_name,new_la_code,cla_group,placement_stability,children_count,children_percent\n"
)


def published_rows(level, code, name, *, region="", count="10", total="100", percent="10"):
    country = ("E92000001", "England")
    la = (name, code) if level == "Local authority" else ("", "")
    region_code, region_name = (code, name) if level == "Regional" else (region, "")
    rows = []
    for group, kind in (
        ("CLA on 31 March", "With 3 or more placements during the year"),
        ("CLA 2 years on 31 March", "With 3 or more placements during the previous 2 years"),
        (
            "Children looked after continuously for at least 2.5 years on 31 March aged under 16 years",
            "Living with the same carer for at least 2 years",
        ),
    ):
        for row_kind, row_count, row_percent in ((kind, count, percent), ("Total children", total, "100")):
            rows.append(
                f"2026,Reporting year,{level},{country[0]},{country[1]},{region_code},{region_name},,"
                f'{la[0]},{la[1]},"{group}",{row_kind},{row_count},{row_percent}\n'
            )
    return "".join(rows)


@pytest.fixture
def published_dir(tmp_path, settings):
    folder = tmp_path / "published"
    folder.mkdir()
    (folder / FILE_NAME).write_text(
        PUBLISHED
        + published_rows("National", "E92000001", "England", count="9000", total="83000", percent="11")
        + published_rows("Regional", "E12000005", "West Midlands", count="900", total="8000", percent="12")
        + published_rows("Regional", "E12000001", "North East", count="500", total="4000", percent="13")
        + published_rows("Local authority", "E08000026", "Coventry", region="E12000005", percent="14")
        + published_rows("Local authority", "E06000047", "County Durham", region="E12000001", percent="15")
    )
    settings.PUBLISHED_STATISTICS_DIR = folder
    settings.PUBLISHED_STATISTICS_REGION = "E12000005"
    settings.PUBLISHED_STATISTICS_COMPARATORS = ["E08000026"]
    settings.AUTHORITY_NAME = "Northbridge Council (fictional)"
    return folder


def test_the_figures_are_set_beside_the_published_ones_as_the_page_sets_them(tmp_path, published_dir):
    text = measures(write_files(tmp_path / "files"))

    assert "from 17 children and 41 episodes in the files" in text
    lines = text.splitlines()
    in_year = lines.index(
        "Children looked after on 31 March with 3 or more placements during the year (lower is better)"
    )
    # 2 of 15 is 13.3%.
    assert lines[in_year + 1].split() == [
        "Northbridge",
        "Council",
        "(fictional)",
        "(these",
        "files)",
        "2",
        "of",
        "15",
        "13.3%",
    ]
    assert lines[in_year + 2].split() == ["England", "9,000", "of", "83,000", "11%"]
    assert lines[in_year + 3].split() == ["West", "Midlands", "900", "of", "8,000", "12%"]
    assert lines[in_year + 4].split() == ["Coventry", "10", "of", "100", "14%"]
    # The long-term measure: 5 of 6 is too few for a percentage, as on the page.
    long_term = next(i for i, line in enumerate(lines) if line.startswith("Children under 16"))
    assert "5 of 6 83.3%" in " ".join(lines[long_term + 1].split())
    two_years = next(
        i for i, line in enumerate(lines) if line.startswith("Children looked after for 2 years")
    )
    assert "1 of 8 (too few" not in lines[two_years + 1]
    assert lines[two_years + 1].split()[-1] == "12.5%"


def test_an_area_named_brings_its_own_published_figures_and_its_region(tmp_path, published_dir):
    text = measures(write_files(tmp_path / "files"), "--area", "county durham")

    assert "County Durham (these files)" in text
    assert "County Durham (published)" in text
    assert "North East" in text
    assert "West Midlands" not in text


def test_an_area_not_in_the_published_figures_is_refused(tmp_path, published_dir):
    with pytest.raises(CommandError, match="There is no local authority Atlantis"):
        measures(write_files(tmp_path / "files"), "--area", "Atlantis")


def test_without_published_figures_the_command_says_so(tmp_path, settings):
    settings.PUBLISHED_STATISTICS_DIR = tmp_path / "nowhere"
    text = measures(write_files(tmp_path / "files"))
    assert "Published figures for the year ending 31 March 2026 are not available." in text


def test_it_needs_the_episodes_table(tmp_path):
    folder = write_files(tmp_path / "files")
    (folder / "episodes.csv").unlink()
    with pytest.raises(CommandError, match="The folder has no Episodes table"):
        measures(folder, "--json")


def test_rows_it_cannot_count_are_left_out_and_said(tmp_path, published_dir):
    rows = [*ROWS, ("C99", "31/02/2025", "S", "C2", "U4", "", "", "A")]
    text = measures(write_files(tmp_path / "files", rows, {**BORN, "C99": "01/01/2015"}))
    assert "1 episodes were left out" in text


def test_the_previous_years_files_reach_back_to_when_the_period_of_care_began(tmp_path):
    # This year's file gives only C20's episode open on 1 April 2025, begun by a move in
    # June 2024; last year's file has the start of the period of care, in January 2023.
    folder = write_files(
        tmp_path / "files", [("C20", "01/06/2024", "P", "C2", "U4", "", "", "B")], {"C20": "01/01/2014"}
    )
    write_files(
        folder / "previous",
        [
            ("C20", "01/01/2023", "S", "C2", "U4", "01/06/2024", "X1", "A"),
            ("C20", "01/06/2024", "P", "C2", "U4", "", "", "B"),
        ],
        {"C20": "01/01/2014"},
    )
    counted = json.loads(measures(folder, "--json"))
    assert counted["long_term"]["denominator"] == ["C20"]
    assert counted["long_term"]["numerator"] == []
    assert counted["three_plus_over_two_years"]["denominator"] == ["C20"]


def test_the_command_reads_no_database(tmp_path, monkeypatch):
    opened = []

    def refuse(connection):
        opened.append(connection.alias)
        raise AssertionError("The measures command opened a database connection")

    monkeypatch.setattr(BaseDatabaseWrapper, "ensure_connection", refuse)
    counted = json.loads(measures(write_files(tmp_path / "files"), "--json"))
    assert opened == []
    assert len(counted["three_plus_in_year"]["denominator"]) == len(LOOKED_AFTER)
