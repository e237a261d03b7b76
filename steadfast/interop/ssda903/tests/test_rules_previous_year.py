"""The Department's rules comparing this year's return with last year's: each flags the rows it
should and passes the rest.

Each case gives the rule's code, the tables (only the columns the rule reads) and the rows the
Department's validator flags on the same data."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from steadfast.interop.ssda903 import codes
from steadfast.interop.ssda903.reading import collection_from_rows
from steadfast.interop.ssda903.validation import Tables, rule_named

from .helpers import flagged

UASC_LAST_YEAR = {
    "Header": [{"CHILD": "1"}],
    "Header_last": [{"CHILD": "1"}, {"CHILD": "2"}, {"CHILD": "3"}],
    "UASC": [{"CHILD": "1"}, {"CHILD": "2"}, {"CHILD": "3"}],
    "UASC_last": [{"CHILD": "1"}, {"CHILD": "2", "DUC": "01/06/2024"}, {"CHILD": "3", "DUC": "01/06/2023"}],
}

CASES = [
    (
        "202",
        {
            "Header": [{"CHILD": "1", "SEX": "M"}, {"CHILD": "2", "SEX": "F"}, {"CHILD": "3", "SEX": "M"}],
            "Header_last": [{"CHILD": "1", "SEX": "M"}, {"CHILD": "2", "SEX": "M"}],
        },
        {"Header": [1]},
    ),
    (
        "203",
        {
            "Header": [{"CHILD": "1", "DOB": "01/01/2010"}, {"CHILD": "2", "DOB": "01/01/2010"}],
            "Header_last": [{"CHILD": "1", "DOB": "01/01/2010"}, {"CHILD": "2", "DOB": "02/01/2010"}],
        },
        {"Header": [1]},
    ),
    (
        "204",
        {
            "Header": [{"CHILD": "1", "ETHNIC": "WBRI"}, {"CHILD": "2", "ETHNIC": "WBRI"}],
            "Header_last": [{"CHILD": "1", "ETHNIC": "WBRI"}, {"CHILD": "2", "ETHNIC": "WIRI"}],
        },
        {"Header": [1]},
    ),
    ("205A", UASC_LAST_YEAR, {"UASC": [2]}),
    (
        "205B",
        {
            "Header": [{"CHILD": "1"}, {"CHILD": "2"}],
            "Header_last": [{"CHILD": "1"}, {"CHILD": "2"}],
            "UASC": [{"CHILD": "1", "DUC": "01/06/2024"}, {"CHILD": "2", "DUC": "01/06/2024"}],
            "UASC_last": [
                {"CHILD": "1", "DOB": "01/06/2006", "DUC": "01/06/2024"},
                {"CHILD": "2", "DOB": "01/06/2006", "DUC": "02/06/2024"},
            ],
        },
        {"UASC": [1], "Header": [1]},
    ),
    (
        "205C",
        {
            "Header": [{"CHILD": "1"}],
            "Header_last": [{"CHILD": "1"}],
            "UASC": [
                {"CHILD": "1", "DUC": "01/06/2025"},
                {"CHILD": "2", "DUC": "01/06/2025"},
                {"CHILD": "3"},
            ],
            "UASC_last": [{"CHILD": "9"}],
        },
        {"UASC": [1]},
    ),
    (
        "205D",
        {
            "Header": [{"CHILD": "1"}, {"CHILD": "2"}],
            "Header_last": [{"CHILD": "1"}, {"CHILD": "2"}],
            "UASC": [{"CHILD": "1"}, {"CHILD": "2"}],
            "UASC_last": [{"CHILD": "1"}],
        },
        {"Header": [1]},
    ),
    (
        "207",
        {
            "Episodes": [{"CHILD": "1"}, {"CHILD": "2"}, {"CHILD": "3"}],
            "Header": [
                {"CHILD": "1", "MOTHER": "0"},
                {"CHILD": "2", "MOTHER": "1"},
                {"CHILD": "3", "MOTHER": "0"},
                {"CHILD": "4", "MOTHER": "0"},
            ],
            "Header_last": [
                {"CHILD": "1", "MOTHER": "1"},
                {"CHILD": "2", "MOTHER": "1"},
                {"CHILD": "3", "MOTHER": "0"},
                {"CHILD": "4", "MOTHER": "1"},
            ],
        },
        {"Header": [0]},
    ),
    (
        "208",
        {
            "Header": [
                {"CHILD": "1", "UPN": "A123"},
                {"CHILD": "2", "UPN": "A124"},
                {"CHILD": "3", "UPN": "A125"},
                {"CHILD": "4", "UPN": "UN2"},
                {"CHILD": "5", "UPN": "UN1"},
                {"CHILD": "6"},
                {"CHILD": "7", "UPN": "UN1"},
            ],
            "Header_last": [
                {"CHILD": "1", "UPN": "A123"},
                {"CHILD": "2", "UPN": "A123"},
                {"CHILD": "3", "UPN": "UN1"},
                {"CHILD": "4"},
                {"CHILD": "5", "UPN": "A123"},
                {"CHILD": "6", "UPN": "A123"},
                {"CHILD": "7", "UPN": "UN2"},
            ],
        },
        {"Header": [1, 4, 5, 6]},
    ),
    (
        "502",
        {
            "Episodes": [
                {"CHILD": "1", "DECOM": "01/06/2025"},
                {"CHILD": "1", "DECOM": "01/04/2024"},
                {"CHILD": "2", "DECOM": "01/05/2024"},
            ],
            "Episodes_last": [
                {"CHILD": "1", "DECOM": "01/04/2024"},
                {"CHILD": "2", "DECOM": "01/04/2024"},
                {"CHILD": "2", "DECOM": "01/01/2024", "DEC": "01/04/2024"},
            ],
        },
        {"Episodes": [2]},
    ),
    (
        "503A",
        {
            "Episodes": [
                {"CHILD": "1", "DECOM": "01/04/2025", "RNE": "S"},
                {"CHILD": "2", "DECOM": "01/06/2025", "RNE": "S"},
                {"CHILD": "2", "DECOM": "01/04/2025", "RNE": "P"},
                {"CHILD": "3", "DECOM": "01/04/2025", "RNE": "P"},
            ],
            "Episodes_last": [
                {"CHILD": "1", "DECOM": "01/04/2024", "RNE": "S"},
                {"CHILD": "2", "DECOM": "01/04/2024", "RNE": "S"},
                {"CHILD": "3", "DECOM": "01/04/2024", "RNE": "S", "DEC": "01/04/2025"},
            ],
        },
        {"Episodes": [2]},
    ),
    (
        "503B",
        {
            "Episodes": [
                {"CHILD": "1", "DECOM": "01/04/2025", "LS": "C2"},
                {"CHILD": "2", "DECOM": "01/04/2025"},
            ],
            "Episodes_last": [
                {"CHILD": "1", "DECOM": "01/04/2024", "LS": "C2"},
                {"CHILD": "2", "DECOM": "01/04/2024", "LS": "C2"},
            ],
        },
        {"Episodes": [1]},
    ),
    (
        "503C",
        {
            "Episodes": [
                {"CHILD": "1", "DECOM": "01/04/2025", "CIN": "N1"},
                {"CHILD": "2", "DECOM": "01/04/2025", "CIN": "N2"},
            ],
            "Episodes_last": [
                {"CHILD": "1", "DECOM": "01/04/2024", "CIN": "N1"},
                {"CHILD": "2", "DECOM": "01/04/2024", "CIN": "N1"},
            ],
        },
        {"Episodes": [1]},
    ),
    (
        "503D",
        {
            "Episodes": [
                {"CHILD": "1", "DECOM": "01/04/2025", "PLACE": "Z11"},
                {"CHILD": "2", "DECOM": "01/04/2025", "PLACE": "U2"},
                {"CHILD": "3", "DECOM": "01/04/2025", "PLACE": "U1"},
            ],
            "Episodes_last": [
                {"CHILD": "1", "DECOM": "01/04/2024", "PLACE": "Z1"},
                {"CHILD": "2", "DECOM": "01/04/2024", "PLACE": "U1"},
                {"CHILD": "3", "DECOM": "01/04/2024", "PLACE": "U1"},
            ],
        },
        {"Episodes": [1]},
    ),
    (
        "503E",
        {
            "Episodes": [
                {"CHILD": "1", "DECOM": "01/04/2025", "PLACE_PROVIDER": "PR1"},
                {"CHILD": "2", "DECOM": "01/04/2025", "PLACE_PROVIDER": "PR4"},
            ],
            "Episodes_last": [
                {"CHILD": "1", "DECOM": "01/04/2024", "PLACE_PROVIDER": "PR1"},
                {"CHILD": "2", "DECOM": "01/04/2024", "PLACE_PROVIDER": "PR1"},
            ],
        },
        {"Episodes": [1]},
    ),
    (
        "503F",
        {
            "Episodes": [
                {"CHILD": "1", "DECOM": "01/04/2025", "URN": "SC1"},
                {"CHILD": "2", "DECOM": "01/04/2025", "URN": "SC2"},
            ],
            "Episodes_last": [
                {"CHILD": "1", "DECOM": "01/04/2024", "URN": "SC1"},
                {"CHILD": "2", "DECOM": "01/04/2024", "URN": "SC1"},
            ],
        },
        {"Episodes": [1]},
    ),
    (
        "559",
        {
            "PlacedAdoption": [
                {"CHILD": "1", "DATE_PLACED": "01/01/2025"},
                {"CHILD": "2", "DATE_PLACED": "01/01/2025"},
                {"CHILD": "3", "DATE_PLACED": "01/06/2025"},
            ],
            "PlacedAdoption_last": [{"CHILD": "1", "DATE_PLACED": "01/01/2025"}],
        },
        {"PlacedAdoption": [1]},
    ),
    (
        "560",
        {
            "PlacedAdoption": [
                {"CHILD": "1", "DATE_PLACED": "01/01/2025"},
                {"CHILD": "2", "DATE_PLACED": "02/01/2025"},
                {"CHILD": "3", "DATE_PLACED": "02/01/2025"},
            ],
            "PlacedAdoption_last": [
                {"CHILD": "1", "DATE_PLACED": "01/01/2025"},
                {"CHILD": "2", "DATE_PLACED": "01/01/2025"},
                {"CHILD": "3", "DATE_PLACED": "01/01/2025", "DATE_PLACED_CEASED": "01/02/2025"},
            ],
        },
        {"PlacedAdoption": [1]},
    ),
    (
        "561",
        {
            "PlacedAdoption": [
                {"CHILD": "1", "DATE_PLACED": "01/01/2025"},
                {"CHILD": "2", "DATE_PLACED": "01/01/2025"},
            ],
            "PlacedAdoption_last": [
                {"CHILD": "1", "DATE_PLACED": "01/01/2025", "REASON_PLACED_CEASED": "RD1"},
                {"CHILD": "2", "DATE_PLACED": "01/01/2025"},
            ],
        },
        {"PlacedAdoption": [0]},
    ),
    (
        "562",
        {
            "Episodes": [
                {"CHILD": "1", "DECOM": "01/01/2025"},
                {"CHILD": "2", "DECOM": "01/01/2025"},
                {"CHILD": "3", "DECOM": "01/06/2025"},
            ],
            "Episodes_last": [{"CHILD": "1", "DECOM": "01/01/2025"}, {"CHILD": "2", "DECOM": "01/02/2024"}],
        },
        {"Episodes": [1]},
    ),
    (
        "576",
        {
            "Missing": [
                {"CHILD": "1", "MIS_START": "01/03/2025"},
                {"CHILD": "2", "MIS_START": "01/05/2025"},
                {"CHILD": "3", "MIS_START": "01/05/2025"},
            ],
            "Missing_last": [
                {"CHILD": "1", "MIS_START": "01/03/2025"},
                {"CHILD": "2", "MIS_START": "01/03/2025"},
                {"CHILD": "3", "MIS_START": "01/03/2025", "MIS_END": "01/04/2025"},
            ],
        },
        {"Missing": [1]},
    ),
    (
        "584",
        {
            "PlacedAdoption": [
                {"CHILD": "1", "DATE_PLACED": "01/01/2024"},
                {"CHILD": "2", "DATE_PLACED": "01/06/2025"},
                {"CHILD": "3"},
                {"CHILD": "4", "DATE_PLACED": "01/01/2024"},
            ],
            "PlacedAdoption_last": [
                {"CHILD": "1", "DATE_PLACED": "01/01/2024", "DATE_PLACED_CEASED": "01/03/2024"},
                {"CHILD": "2", "DATE_PLACED": "01/01/2024", "REASON_PLACED_CEASED": "RD1"},
                {"CHILD": "3", "DATE_PLACED": "01/01/2024", "DATE_PLACED_CEASED": "01/02/2024"},
                {"CHILD": "4", "DATE_PLACED": "01/01/2024"},
            ],
        },
        {"PlacedAdoption": [0, 2]},
    ),
    (
        "624",
        {
            "Header": [
                {"CHILD": "1", "MC_DOB": "01/01/2020"},
                {"CHILD": "2", "MC_DOB": "02/01/2020"},
                {"CHILD": "3", "MC_DOB": "01/01/2020"},
            ],
            "Header_last": [
                {"CHILD": "1", "MC_DOB": "01/01/2020"},
                {"CHILD": "2", "MC_DOB": "01/01/2020"},
                {"CHILD": "3"},
            ],
        },
        {"Header": [1]},
    ),
    (
        "626",
        {
            "Header": [
                {"CHILD": "1", "MOTHER": "1", "MC_DOB": "01/01/2025"},
                {"CHILD": "2", "MOTHER": "1", "MC_DOB": "01/06/2025"},
                {"CHILD": "3", "MOTHER": "1", "MC_DOB": "01/01/2025"},
            ],
            "Header_last": [
                {"CHILD": "1", "MOTHER": "0"},
                {"CHILD": "2", "MOTHER": "0"},
                {"CHILD": "3", "MOTHER": "1"},
            ],
        },
        {"Header": [0]},
    ),
    (
        "1001",
        {
            "OC3": [{"CHILD": "1"}, {"CHILD": "2"}, {"CHILD": "3"}],
            "Header": [
                {"CHILD": "1", "DOB": "01/01/2007"},
                {"CHILD": "2", "DOB": "01/01/2007"},
                {"CHILD": "3", "DOB": "01/01/2007"},
            ],
            "Episodes": [
                {"CHILD": "1", "DECOM": "01/04/2024", "DEC": "01/10/2025", "LS": "C2", "REC": "E8"},
                {"CHILD": "2", "DECOM": "01/09/2025", "DEC": "15/09/2025", "LS": "C2", "REC": "E8"},
                {"CHILD": "3", "DECOM": "01/04/2025", "DEC": "01/12/2025", "LS": "C2", "REC": "E11"},
            ],
            "Episodes_last": [{"CHILD": "1", "DECOM": "01/04/2024", "LS": "C2"}],
        },
        {"OC3": [1, 2]},
    ),
    (
        "1002",
        {
            "OC3": [{"CHILD": "1"}, {"CHILD": "2"}, {"CHILD": "3"}],
            "Episodes": [{"CHILD": "1"}],
            "Episodes_last": [{"CHILD": "2"}],
        },
        {"OC3": [2]},
    ),
    (
        "1010",
        {
            "OC3": [{"CHILD": "1"}, {"CHILD": "2"}, {"CHILD": "3"}],
            "Episodes": [{"CHILD": "1"}],
            "Episodes_last": [
                {"CHILD": "1", "DECOM": "01/01/2025"},
                {"CHILD": "2", "DECOM": "01/01/2025"},
                {"CHILD": "3", "DECOM": "01/01/2025", "DEC": "01/02/2025"},
            ],
        },
        {"OC3": [1]},
    ),
    (
        "NoE",
        {
            "Episodes": [
                {"CHILD": "1", "DECOM": "01/01/2025"},
                {"CHILD": "2", "DECOM": "01/01/2025"},
                {"CHILD": "3", "DECOM": "01/06/2025"},
            ],
            "Episodes_last": [{"CHILD": "1"}],
        },
        {"Episodes": [1]},
    ),
]


@pytest.mark.parametrize(("code", "given", "expected"), CASES, ids=[case[0] for case in CASES])
def test_a_rule_flags_the_rows_the_department_flags(code, given, expected):
    assert flagged(code, **given) == expected


CODES = sorted({case[0] for case in CASES})

DATES = st.sampled_from(["01/01/2025", "01/06/2024", "01/06/2006", "31/03/2026", "30/02/2025", "1/1/2025"])
CHILDREN = st.sampled_from(["1", "2", "3"])


def _value(strategy):
    return st.one_of(strategy, st.none(), st.text(max_size=3))


def _rows(**columns):
    return st.lists(st.fixed_dictionaries({c: _value(s) for c, s in columns.items()}), max_size=6)


HEADER = _rows(
    CHILD=CHILDREN,
    SEX=st.sampled_from(sorted(codes.SEX(2026))),
    DOB=DATES,
    ETHNIC=st.sampled_from(sorted(codes.ETHNICITY(2026))),
    UPN=st.sampled_from(["A123", "UN1", "UN2"]),
    MOTHER=st.sampled_from(["0", "1"]),
    MC_DOB=DATES,
)
EPISODES = _rows(
    CHILD=CHILDREN,
    DECOM=DATES,
    DEC=DATES,
    RNE=st.sampled_from(sorted(codes.REASON_NEW_EPISODE(2026))),
    LS=st.sampled_from(sorted(codes.LEGAL_STATUS(2026))),
    CIN=st.sampled_from(sorted(codes.CATEGORY_OF_NEED(2026))),
    PLACE=st.sampled_from(sorted(codes.PLACEMENT_TYPE(2026) | {"Z1"})),
    PLACE_PROVIDER=st.sampled_from(sorted(codes.PLACEMENT_PROVIDER(2026))),
    URN=st.sampled_from(["SC1", "SC2"]),
)
UASC = _rows(CHILD=CHILDREN, DOB=DATES, DUC=DATES)
PLACED = _rows(
    CHILD=CHILDREN, DATE_PLACED=DATES, DATE_PLACED_CEASED=DATES, REASON_PLACED_CEASED=st.just("RD1")
)
MISSING = _rows(CHILD=CHILDREN, MIS_START=DATES, MIS_END=DATES)
OC3 = _rows(CHILD=CHILDREN)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    data=st.fixed_dictionaries(
        {
            "Header": HEADER,
            "Header_last": HEADER,
            "Episodes": EPISODES,
            "Episodes_last": EPISODES,
            "UASC": UASC,
            "UASC_last": UASC,
            "PlacedAdoption": PLACED,
            "PlacedAdoption_last": PLACED,
            "Missing": MISSING,
            "Missing_last": MISSING,
            "OC3": OC3,
        }
    )
)
def test_no_rule_fails_on_any_rows_and_every_row_it_flags_exists(data):
    collection = collection_from_rows(data, year=2026)
    t = Tables(collection)
    for code in CODES:
        for table, rows in rule_named(code, year=2026).check(t).items():
            assert set(rows) <= set(range(len(collection.tables[table]))), (code, table)
