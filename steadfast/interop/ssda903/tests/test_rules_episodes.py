"""The Department's rules on the Episodes table: each flags the rows the sector's validator flags
on the same data, and none fails on any rows."""

import datetime

import polars as pl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from steadfast.interop.ssda903 import codes
from steadfast.interop.ssda903.reading import collection_from_rows
from steadfast.interop.ssda903.tests.helpers import flagged
from steadfast.interop.ssda903.validation import rules_for, validate


def episodes(columns: str, *rows: str) -> list[dict[str, str | None]]:
    """Episode rows from a line of column names and lines of values ("-" for a blank cell)."""
    names = columns.split()
    return [
        {name: None if value == "-" else value for name, value in zip(names, row.split(), strict=True)}
        for row in rows
    ]


CASES = [
    ("141", {"Episodes": episodes("DECOM", "01/04/2025", "31/04/2025", "-")}, {"Episodes": [1]}),
    (
        "142",
        {
            "Episodes": episodes(
                "CHILD DECOM DEC REC",
                "1 01/04/2025 - -",
                "1 01/05/2025 - -",
                "2 01/04/2025 01/05/2025 E2",
                "2 01/05/2025 - -",
                "3 01/04/2025 01/05/2025 -",
                "3 01/05/2025 - -",
                "4 01/04/2025 XX X1",
                "4 - - -",
            )
        },
        {"Episodes": [0, 4, 6]},
    ),
    ("143", {"Episodes": episodes("RNE", "S", "B", "X", "-")}, {"Episodes": [2]}),
    ("144", {"Episodes": episodes("LS", "C2", "V4", "C3", "-")}, {"Episodes": [2]}),
    ("145", {"Episodes": episodes("CIN", "N1", "N9", "-")}, {"Episodes": [1]}),
    ("146", {"Episodes": episodes("PLACE", "K3", "Z14", "Z1", "-")}, {"Episodes": [2]}),
    ("147", {"Episodes": episodes("DEC", "01/04/2025", "00/04/2025", "-")}, {"Episodes": [1]}),
    (
        "148",
        {"Episodes": episodes("DEC REC", "01/04/2025 E2", "01/04/2025 -", "- E2", "- -")},
        {"Episodes": [1, 2]},
    ),
    ("149", {"Episodes": episodes("REC", "E4A", "E4", "-")}, {"Episodes": [1]}),
    (
        "178",
        {
            "Episodes": episodes(
                "PLACE PLACE_PROVIDER", "U1 PR1", "T0 PR1", "U1 PR9", "T0 -", "- PR1", "T4 PR0"
            )
        },
        {"Episodes": [1, 2]},
    ),
    (
        "199",
        {
            "Episodes": episodes(
                "CHILD DECOM REC",
                "1 01/04/2025 E11",
                "1 01/06/2025 -",
                "2 01/04/2025 X1",
                "2 01/06/2025 E12",
                "3 01/04/2025 E12",
            ),
            "Episodes_last": episodes("CHILD DECOM REC", "3 01/04/2024 E11", "4 01/04/2024 E11"),
        },
        {"Episodes": [1, 4]},
    ),
    (
        "213",
        {"Episodes": episodes("PLACE PLACE_PROVIDER", "T4 PR1", "Z11 PR2", "U1 PR1", "T4 -")},
        {"Episodes": [0, 1]},
    ),
    (
        "214",
        {"Episodes": episodes("LS PL_POST URN", "V3 AB1 -", "V4 - SC1", "C2 AB1 SC1", "V3 - -")},
        {"Episodes": [0, 1]},
    ),
    (
        "217",
        {
            "Episodes": episodes(
                "PLACE DECOM RNE",
                "A3 01/04/2025 P",
                "A5 01/04/2025 -",
                "A3 01/04/2025 T",
                "A3 31/03/2015 P",
                "A4 01/04/2025 P",
            )
        },
        {"Episodes": [0, 1]},
    ),
    (
        "218",
        {
            "Episodes": episodes(
                "PLACE DEC URN",
                "U1 - -",
                "U1 01/04/2025 -",
                "U1 31/03/2025 -",
                "U1 - SC123456",
                "R1 - -",
                "- - -",
            )
        },
        {"Episodes": [0, 1, 5]},
    ),
    (
        "222",
        {"Episodes": episodes("PLACE URN", "R1 SC123456", "Z12 XXXXXXX", "U1 SC123456", "P1 -")},
        {"Episodes": [0]},
    ),
    (
        "225",
        {
            "Episodes": episodes(
                "CHILD DECOM PLACE RNE REC REASON_PLACE_CHANGE",
                "1 01/05/2025 U1 P - -",
                "1 01/04/2025 U1 S X1 -",
                "2 01/04/2025 U1 S X1 CARPL",
                "2 01/05/2025 U1 P - -",
                "3 01/04/2025 U1 S X1 -",
                "3 01/05/2025 T1 P - -",
                "4 01/04/2025 U1 S X1 -",
                "5 01/05/2025 U1 P - -",
            )
        },
        {"Episodes": [1]},
    ),
    (
        "226",
        {
            "Episodes": episodes(
                "CHILD DECOM PLACE REASON_PLACE_CHANGE",
                "1 01/04/2025 U1 CARPL",
                "1 01/05/2025 T0 -",
                "2 01/04/2025 U1 -",
                "2 01/05/2025 T3 -",
                "3 01/04/2025 T4 CARPL",
                "4 01/04/2025 U1 CARPL",
            )
        },
        {"Episodes": [1, 4]},
    ),
    (
        "233",
        {"Episodes": episodes("DEC REASON_PLACE_CHANGE", "- CARPL", "01/05/2025 CARPL", "- -")},
        {"Episodes": [0]},
    ),
    (
        "242",
        {"Episodes": episodes("PLACE URN", "A3 XXXXXXX", "K2 XXXXXXX", "- XXXXXXX", "K2 SC123456")},
        {"Episodes": [1, 2]},
    ),
    (
        "336",
        {
            "Episodes": episodes(
                "CHILD DECOM PLACE",
                "1 01/05/2025 A3",
                "1 01/04/2025 U1",
                "2 01/04/2025 R1",
                "2 01/05/2025 A4",
                "3 01/04/2025 A3",
                "4 01/04/2025 K2",
                "4 01/05/2025 A5",
            )
        },
        {"Episodes": [3]},
    ),
    ("353", {"Episodes": episodes("DECOM", "14/10/1991", "13/10/1991", "-")}, {"Episodes": [1]}),
    ("354", {"Episodes": episodes("DECOM", "31/03/2026", "01/04/2026", "-")}, {"Episodes": [1]}),
    (
        "355",
        {"Episodes": episodes("DECOM DEC", "01/04/2025 01/04/2025", "01/04/2025 02/04/2025", "01/04/2025 -")},
        {"Episodes": [0]},
    ),
    (
        "356",
        {"Episodes": episodes("DECOM DEC", "02/04/2025 01/04/2025", "01/04/2025 01/04/2025", "02/04/2025 -")},
        {"Episodes": [0]},
    ),
    (
        "357",
        {
            "Episodes": episodes(
                "CHILD DECOM RNE",
                "1 01/06/2025 S",
                "1 01/05/2025 P",
                "2 01/05/2025 S",
                "2 01/06/2025 P",
                "3 01/03/2025 P",
                "4 XX P",
                "4 01/07/2025 -",
            )
        },
        {"Episodes": [1, 6]},
    ),
    (
        "361",
        {
            "Episodes": episodes(
                "CHILD DECOM DEC LS",
                "1 01/04/2025 03/04/2025 L1",
                "1 03/04/2025 05/04/2025 L1",
                "2 01/04/2025 04/04/2025 L1",
                "3 01/04/2025 05/04/2025 L1",
                "4 01/04/2025 10/04/2025 C2",
            )
        },
        {"Episodes": [0, 1, 3]},
    ),
    (
        "362",
        {
            "Episodes": episodes(
                "CHILD DECOM DEC LS",
                "1 01/04/2025 15/04/2025 L2",
                "1 15/04/2025 30/04/2025 L2",
                "2 01/04/2025 22/04/2025 L2",
                "3 01/04/2025 15/04/2025 L2",
                "3 16/04/2025 30/04/2025 L2",
            )
        },
        {"Episodes": [0, 1]},
    ),
    (
        "363",
        {
            "Episodes": episodes(
                "CHILD DECOM DEC LS",
                "1 01/04/2025 05/04/2025 L3",
                "1 05/04/2025 10/04/2025 L3",
                "2 01/04/2025 08/04/2025 L3",
                "3 01/04/2025 05/04/2025 L3",
                "3 06/04/2025 10/04/2025 L3",
                "4 01/04/2025 30/04/2025 C2",
            )
        },
        {"Episodes": [0, 1]},
    ),
    (
        "364",
        {
            "Episodes": episodes(
                "CHILD DECOM DEC LS",
                "1 01/04/2025 20/04/2025 J2",
                "1 20/04/2025 25/04/2025 J2",
                "2 01/04/2025 22/04/2025 J2",
                "3 10/03/2026 - J2",
                "4 01/03/2026 - J2",
            )
        },
        {"Episodes": [0, 1, 4]},
    ),
    (
        "365",
        {
            "Episodes": episodes(
                "DECOM DEC LS",
                "01/04/2025 18/04/2025 V3",
                "01/04/2025 19/04/2025 V3",
                "01/04/2025 19/04/2025 V4",
                "20/03/2026 - V3",
                "01/03/2026 - V3",
            )
        },
        {"Episodes": [1, 4]},
    ),
    ("366", {"Episodes": episodes("LS RNE", "V3 S", "V3 P", "V4 P", "V3 -")}, {"Episodes": [1, 3]}),
    (
        "367",
        {
            "Episodes": episodes(
                "CHILD DECOM DEC LS",
                "1 01/04/2025 30/05/2025 V3",
                "1 01/06/2025 20/06/2025 V3",
                "2 01/03/2025 30/05/2025 V3",
                "2 01/06/2025 10/06/2025 V3",
                "3 01/02/2026 - V3",
                "3 01/01/2026 31/01/2026 V3",
            )
        },
        {"Episodes": [0, 1, 4, 5]},
    ),
    (
        "377",
        {"Episodes": episodes("CHILD PLACE", "1 T3", "1 T3", "1 T3", "1 U1", "2 T3", "2 T3", "- T3")},
        {"Episodes": [0, 1, 2]},
    ),
]


@pytest.mark.parametrize(("code", "tables", "expected"), CASES, ids=[case[0] for case in CASES])
def test_a_rule_flags_the_rows_the_sectors_validator_flags(code, tables, expected):
    assert flagged(code, **tables) == expected


def test_an_episode_with_neither_start_nor_end_has_not_lasted_less_than_a_day():
    assert flagged("355", Episodes=episodes("DECOM DEC", "- -")) == {}


_DATES = st.one_of(
    st.none(),
    st.dates(datetime.date(1990, 1, 1), datetime.date(2026, 6, 30)).map(lambda d: d.strftime("%d/%m/%Y")),
    st.sampled_from(
        ["01/04/2025", "04/04/2025", "22/04/2025", "31/03/2026", "31/02/2025", "2025-04-01", "XX"]
    ),
)


def _code(values: frozenset[str]) -> st.SearchStrategy[str | None]:
    return st.one_of(st.none(), st.sampled_from(sorted(values)), st.text("ELNPRSTUVX0123456789", max_size=3))


_EPISODE_ROW = st.fixed_dictionaries(
    {
        "CHILD": st.sampled_from(["1", "2", "3", None]),
        "DECOM": _DATES,
        "RNE": _code(codes.REASON_NEW_EPISODE(2026)),
        "LS": _code(codes.LEGAL_STATUS(2026)),
        "CIN": _code(codes.CATEGORY_OF_NEED(2026)),
        "PLACE": _code(codes.PLACEMENT_TYPE(2026)),
        "PLACE_PROVIDER": _code(codes.PLACEMENT_PROVIDER(2026)),
        "DEC": _DATES,
        "REC": _code(codes.REASON_EPISODE_CEASED(2026)),
        "REASON_PLACE_CHANGE": _code(codes.REASON_PLACE_CHANGE(2026)),
        "PL_POST": st.sampled_from(["AB1 2CD", None]),
        "URN": st.sampled_from(["SC123456", codes.URN_OF_ADOPTION_AGENCY, None]),
    }
)
_EPISODE_CODES = sorted(r.code for r in rules_for(2026) if r.check.__module__.endswith(".episodes"))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    this_year=st.lists(_EPISODE_ROW, max_size=10),
    last_year=st.one_of(st.none(), st.lists(_EPISODE_ROW, max_size=4)),
)
def test_no_rule_fails_on_any_rows_and_each_flags_only_rows_it_was_given(this_year, last_year):
    tables = {"Episodes": this_year} | ({"Episodes_last": last_year} if last_year is not None else {})
    report = validate(collection_from_rows(tables, year=2026), codes=_EPISODE_CODES)

    assert report.ran == tuple(_EPISODE_CODES)
    found = report.problems.filter(pl.col("table") == "Episodes")["ROW"].to_list()
    assert all(0 <= row < len(this_year) for row in found)
    assert set(report.problems["table"]) <= {"Episodes"}
