"""The Department's rules on the Episodes table: each flags the rows it should and passes the rest.

Each case gives the rule's code, the tables (only the columns the rule reads) and the rows the
Department's validator flags on the same data."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from steadfast.interop.ssda903 import codes, tables
from steadfast.interop.ssda903.reading import collection_from_rows
from steadfast.interop.ssda903.validation import Tables, rule_named

from .helpers import flagged

CASES = [
    ("378", {"Episodes": [{"PLACE": "P1", "LS": "V2"}, {"PLACE": "P1", "LS": "C2"}]}, {"Episodes": [0]}),
    (
        "380",
        {"Episodes": [{"PLACE": "T1", "RNE": "S"}, {"PLACE": "T1", "RNE": "P"}, {"PLACE": "U1", "RNE": "S"}]},
        {"Episodes": [0]},
    ),
    (
        "381",
        {"Episodes": [{"PLACE": "T0", "REC": "E11"}, {"PLACE": "T0", "REC": "X1"}, {"PLACE": "T0"}]},
        {"Episodes": [0]},
    ),
    ("382", {"Episodes": [{"LS": "V3", "PLACE": "T2"}, {"LS": "C2", "PLACE": "T2"}]}, {"Episodes": [0]}),
    (
        "383",
        {
            "Episodes": [
                {"CHILD": "1", "DECOM": "01/07/2025", "PLACE": "U1", "RNE": "P", "PL_POST": "AB1 2CD"},
                {"CHILD": "1", "DECOM": "01/05/2025", "PLACE": "U1", "RNE": "S", "PL_POST": "AB1 2CD"},
                {"CHILD": "1", "DECOM": "01/06/2025", "PLACE": "T1", "RNE": "P"},
                {"CHILD": "2", "DECOM": "01/05/2025", "PLACE": "U1", "RNE": "S", "PL_POST": "AB1 2CD"},
                {"CHILD": "2", "DECOM": "01/06/2025", "PLACE": "T1", "RNE": "P"},
                {"CHILD": "2", "DECOM": "01/07/2025", "PLACE": "U2", "RNE": "P", "PL_POST": "AB1 2CD"},
            ]
        },
        {"Episodes": [5]},
    ),
    ("384", {"Episodes": [{"LS": "V4", "PLACE": "U4"}, {"LS": "V4", "PLACE": "U2"}]}, {"Episodes": [0]}),
    (
        "385",
        {"Episodes": [{"DEC": "01/04/2026"}, {"DEC": "31/03/2026"}, {"DEC": "32/03/2026"}]},
        {"Episodes": [0]},
    ),
    (
        "388",
        {
            "Episodes": [
                {"CHILD": "1", "DECOM": "01/04/2025", "DEC": "01/06/2025", "REC": "X1"},
                {"CHILD": "1", "DECOM": "01/06/2025"},
                {"CHILD": "2", "DECOM": "01/04/2025", "DEC": "01/06/2025", "REC": "X1"},
                {"CHILD": "2", "DECOM": "02/06/2025"},
                {"CHILD": "3", "DECOM": "01/04/2025", "DEC": "01/05/2025", "REC": "X1"},
                {"CHILD": "4", "DECOM": "01/04/2025", "DEC": "01/06/2025", "REC": "E11"},
                {"CHILD": "4", "DECOM": "01/06/2025"},
            ]
        },
        {"Episodes": [2, 4, 5]},
    ),
    ("390", {"Episodes": [{"REC": "E11", "PLACE": "U1"}, {"REC": "E12", "PLACE": "A5"}]}, {"Episodes": [0]}),
    (
        "392b",
        {
            "Episodes": [
                {"CHILD": "1", "LS": "C2", "HOME_POST": "AB1 2CD", "PL_POST": "AB1 3CD"},
                {"CHILD": "2", "LS": "C2", "HOME_POST": "AB1 2CD"},
                {"CHILD": "3", "LS": "V3"},
            ]
        },
        {"Episodes": [1]},
    ),
    (
        "392b",
        {
            "Episodes": [{"CHILD": "1", "LS": "C2"}, {"CHILD": "2", "LS": "C2"}],
            "Header": [{"CHILD": "1"}, {"CHILD": "2"}],
            "UASC": [{"CHILD": "2", "DOB": "01/01/2009"}],
        },
        {"Episodes": [0]},
    ),
    (
        "392d",
        {
            "Episodes": [
                {"PLACE": "U1", "HOME_POST": "AB1 2CD", "PL_POST": "AB1 2CD"},
                {"PLACE": "P1", "HOME_POST": "AB1 2CD", "PL_POST": "AB1 2CD"},
                {"PLACE": "U1", "HOME_POST": "AB1 2CD", "PL_POST": "AB1 3CD"},
            ]
        },
        {"Episodes": [0]},
    ),
    (
        "398",
        {
            "Episodes": [
                {"LS": "V3", "HOME_POST": "AB1 2CD"},
                {"LS": "V3"},
                {"LS": "C2", "HOME_POST": "AB1 2CD"},
            ]
        },
        {"Episodes": [0]},
    ),
    ("408", {"Episodes": [{"PLACE": "A5", "LS": "C2"}, {"PLACE": "A6", "LS": "E1"}]}, {"Episodes": [0]}),
    (
        "426",
        {
            "Episodes": [
                {"CHILD": "1", "LS": "V3"},
                {"CHILD": "1", "LS": "V4"},
                {"CHILD": "1", "LS": "C2"},
                {"CHILD": "2", "LS": "V3"},
                {"CHILD": "2", "LS": "V3"},
            ]
        },
        {"Episodes": [0, 1]},
    ),
    (
        "431",
        {
            "Episodes": [
                {"CHILD": "1", "DECOM": "01/06/2025", "RNE": "S"},
                {"CHILD": "1", "DECOM": "01/04/2025", "DEC": "01/06/2025", "RNE": "S"},
                {"CHILD": "2", "DECOM": "01/04/2025", "DEC": "01/06/2025", "RNE": "S"},
                {"CHILD": "2", "DECOM": "02/06/2025", "RNE": "S"},
            ]
        },
        {"Episodes": [0]},
    ),
    (
        "432",
        {
            "Episodes": [
                {"CHILD": "1", "DECOM": "01/04/2025", "REC": "E11"},
                {"CHILD": "1", "DECOM": "01/06/2025", "RNE": "P"},
                {"CHILD": "2", "DECOM": "01/04/2025", "REC": "E11"},
                {"CHILD": "2", "DECOM": "01/06/2025", "RNE": "S"},
                {"CHILD": "3", "DECOM": "01/04/2025", "REC": "X1"},
                {"CHILD": "3", "DECOM": "01/06/2025", "RNE": "P"},
            ]
        },
        {"Episodes": [1]},
    ),
    (
        "433",
        {
            "Episodes": [
                {"CHILD": "1", "DECOM": "01/04/2025", "DEC": "01/06/2025"},
                {"CHILD": "1", "DECOM": "01/06/2025", "RNE": "P"},
                {"CHILD": "2", "DECOM": "01/04/2025", "DEC": "01/06/2025"},
                {"CHILD": "2", "DECOM": "02/06/2025", "RNE": "P"},
                {"CHILD": "3", "DECOM": "01/04/2025", "DEC": "01/06/2025"},
                {"CHILD": "3", "DECOM": "02/06/2025", "RNE": "S"},
            ]
        },
        {"Episodes": [3]},
    ),
    (
        "434",
        {
            "Episodes": [
                {"CHILD": "1", "DECOM": "01/04/2025", "LS": "C2", "PLACE": "U1"},
                {"CHILD": "1", "DECOM": "01/06/2025", "LS": "C1", "PLACE": "U1", "RNE": "L"},
                {"CHILD": "2", "DECOM": "01/04/2025", "LS": "C2", "PLACE": "U1"},
                {"CHILD": "2", "DECOM": "01/06/2025", "LS": "C2", "PLACE": "U1", "RNE": "L"},
                {"CHILD": "3", "DECOM": "01/04/2025", "LS": "C2", "PLACE": "U1"},
                {"CHILD": "3", "DECOM": "01/06/2025", "LS": "C1", "PLACE": "U2", "RNE": "L"},
            ]
        },
        {"Episodes": [3, 5]},
    ),
    (
        "435",
        {
            "Episodes": [
                {"CHILD": "1", "DECOM": "01/04/2025", "LS": "C2", "PLACE": "U1", "PL_POST": "A", "URN": "1"},
                {"CHILD": "1", "DECOM": "01/06/2025", "LS": "C2", "PLACE": "U2", "RNE": "P", "PL_POST": "A"},
                {"CHILD": "2", "DECOM": "01/04/2025", "LS": "C2", "PLACE": "U1"},
                {"CHILD": "2", "DECOM": "01/06/2025", "LS": "C1", "PLACE": "U2", "RNE": "P"},
                {
                    "CHILD": "3",
                    "DECOM": "01/04/2025",
                    "LS": "C2",
                    "PLACE": "U1",
                    "PL_POST": "A",
                    "URN": "1",
                    "PLACE_PROVIDER": "PR1",
                },
                {
                    "CHILD": "3",
                    "DECOM": "01/06/2025",
                    "LS": "C2",
                    "PLACE": "U1",
                    "PL_POST": "A",
                    "URN": "1",
                    "PLACE_PROVIDER": "PR1",
                    "RNE": "T",
                },
            ]
        },
        {"Episodes": [3, 5]},
    ),
    (
        "436",
        {
            "Episodes": [
                {"CHILD": "1", "DECOM": "01/04/2025", "LS": "C2", "PLACE": "U1"},
                {"CHILD": "1", "DECOM": "01/06/2025", "LS": "C1", "PLACE": "U2", "RNE": "U"},
                {"CHILD": "2", "DECOM": "01/04/2025", "LS": "C2", "PLACE": "U1"},
                {"CHILD": "2", "DECOM": "01/06/2025", "LS": "C2", "PLACE": "U2", "RNE": "B"},
                {"CHILD": "3", "DECOM": "01/04/2025", "LS": "C2", "PLACE": "U1"},
                {"CHILD": "3", "DECOM": "01/06/2025", "LS": "C1", "PLACE": "U1", "RNE": "U"},
            ]
        },
        {"Episodes": [3, 5]},
    ),
    (
        "437",
        {
            "Episodes": [
                {"CHILD": "1", "DECOM": "01/06/2025"},
                {"CHILD": "1", "DECOM": "01/04/2025", "REC": "E2"},
                {"CHILD": "2", "DECOM": "01/04/2025", "REC": "E15"},
            ]
        },
        {"Episodes": [1]},
    ),
    (
        "446",
        {"Episodes": [{"LS": "E1", "DECOM": "30/11/2005"}, {"LS": "E1", "DECOM": "01/12/2005"}]},
        {"Episodes": [0]},
    ),
    (
        "501",
        {
            "Episodes": [
                {"CHILD": "1", "DECOM": "01/04/2025", "DEC": "01/06/2025"},
                {"CHILD": "1", "DECOM": "31/05/2025"},
                {"CHILD": "2", "DECOM": "01/04/2025", "DEC": "01/06/2025"},
                {"CHILD": "2", "DECOM": "01/06/2025"},
            ]
        },
        {"Episodes": [1]},
    ),
    (
        "504",
        {
            "Episodes": [
                {"CHILD": "1", "DECOM": "01/04/2025", "DEC": "01/06/2025", "REC": "X1", "CIN": "N1"},
                {"CHILD": "1", "DECOM": "01/06/2025", "CIN": "N2"},
                {"CHILD": "2", "DECOM": "01/04/2025", "DEC": "01/06/2025", "REC": "X1", "CIN": "N1"},
                {"CHILD": "2", "DECOM": "01/06/2025", "CIN": "N1"},
            ]
        },
        {"Episodes": [1]},
    ),
    ("516", {"Episodes": [{"REC": "E45", "PLACE": "U1"}, {"REC": "E46", "PLACE": "R1"}]}, {"Episodes": [1]}),
    (
        "526",
        {
            "Episodes": [
                {"PLACE": "U1"},
                {"PLACE": "T0"},
                {"PLACE": "Z11"},
                {"PLACE": "U1", "PLACE_PROVIDER": "PR1"},
            ]
        },
        {"Episodes": [0]},
    ),
    (
        "527",
        {"Episodes": [{"PLACE": "R2", "PLACE_PROVIDER": "PR1"}, {"PLACE": "U1", "PLACE_PROVIDER": "PR1"}]},
        {"Episodes": [0]},
    ),
    (
        "528",
        {"Episodes": [{"PLACE": "P1", "PLACE_PROVIDER": "PR2"}, {"PLACE": "U1", "PLACE_PROVIDER": "PR2"}]},
        {"Episodes": [0]},
    ),
    (
        "529",
        {"Episodes": [{"PLACE": "K2", "PLACE_PROVIDER": "PR3"}, {"PLACE": "R1", "PLACE_PROVIDER": "PR3"}]},
        {"Episodes": [0]},
    ),
    (
        "530",
        {"Episodes": [{"PLACE": "P1", "PLACE_PROVIDER": "PR4"}, {"PLACE": "P1", "PLACE_PROVIDER": "PR0"}]},
        {"Episodes": [0]},
    ),
    (
        "531",
        {"Episodes": [{"PLACE": "P1", "PLACE_PROVIDER": "PR5"}, {"PLACE": "R1", "PLACE_PROVIDER": "PR5"}]},
        {"Episodes": [0]},
    ),
    (
        "550",
        {"Episodes": [{"PLACE": "U1", "PLACE_PROVIDER": "PR0"}, {"PLACE": "P1", "PLACE_PROVIDER": "PR0"}]},
        {"Episodes": [0]},
    ),
    (
        "1009",
        {"Episodes": [{"REASON_PLACE_CHANGE": "XYZ"}, {"REASON_PLACE_CHANGE": "CARPL"}, {}]},
        {"Episodes": [0]},
    ),
    (
        "1012",
        {
            "Episodes": [{"CHILD": "1"}],
            "Missing": [{"CHILD": "1"}, {"CHILD": "2"}],
            "Reviews": [{"CHILD": "3"}],
        },
        {"Missing": [1], "Reviews": [0]},
    ),
]


@pytest.mark.parametrize(("code", "given", "expected"), CASES, ids=[case[0] for case in CASES])
def test_a_rule_flags_the_rows_the_department_flags(code, given, expected):
    assert flagged(code, **given) == expected


CODES = sorted({case[0] for case in CASES})

DATES = st.sampled_from(["01/04/2025", "15/06/2025", "01/12/2005", "31/03/2026", "01/04/2026", "31/02/2025"])
EPISODE_VALUES = {
    "CHILD": st.sampled_from(["1", "2", "3"]),
    "DECOM": DATES,
    "DEC": DATES,
    "RNE": st.sampled_from(sorted(codes.REASON_NEW_EPISODE(2026))),
    "LS": st.sampled_from(sorted(codes.LEGAL_STATUS(2026))),
    "CIN": st.sampled_from(sorted(codes.CATEGORY_OF_NEED(2026))),
    "PLACE": st.sampled_from(sorted(codes.PLACEMENT_TYPE(2026))),
    "PLACE_PROVIDER": st.sampled_from(sorted(codes.PLACEMENT_PROVIDER(2026))),
    "REC": st.sampled_from(sorted(codes.REASON_EPISODE_CEASED(2026))),
    "REASON_PLACE_CHANGE": st.sampled_from(sorted(codes.REASON_PLACE_CHANGE(2026))),
    "HOME_POST": st.sampled_from(["AB1 2CD", "AB1 3CD"]),
    "PL_POST": st.sampled_from(["AB1 2CD", "AB1 3CD"]),
    "URN": st.sampled_from(["SC123456", "URN"]),
}


def _value(strategy):
    return st.one_of(strategy, st.none(), st.text(max_size=3))


def _rows(columns):
    return st.lists(st.fixed_dictionaries({c: _value(s) for c, s in columns.items()}), max_size=8)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    episodes=_rows(EPISODE_VALUES),
    missing=_rows({"CHILD": EPISODE_VALUES["CHILD"]}),
    header=_rows({"CHILD": EPISODE_VALUES["CHILD"]}),
    uasc=_rows({"CHILD": EPISODE_VALUES["CHILD"], "DUC": DATES}),
)
def test_no_rule_fails_on_any_rows_and_every_row_it_flags_exists(episodes, missing, header, uasc):
    collection = collection_from_rows(
        {"Episodes": episodes, "Missing": missing, "Header": header, "UASC": uasc}, year=2026
    )
    t = Tables(collection)
    for code in CODES:
        for table, rows in rule_named(code, year=2026).check(t).items():
            assert set(rows) <= set(range(len(collection.tables[table]))), (code, table)
    assert set(EPISODE_VALUES) <= set(tables.tables_for(2026)["Episodes"])
