"""The previous permanence rules (PrevPerm, alone and with the header and episodes): each flags
the rows the Department's validator flags on the same rows, and none fails on rows of any shape."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from steadfast.interop.ssda903 import codes
from steadfast.interop.ssda903.reading import collection_from_rows
from steadfast.interop.ssda903.rules import previous_permanence
from steadfast.interop.ssda903.tests.helpers import flagged
from steadfast.interop.ssda903.validation import Tables, rules_for

# (code, tables as rows, the rows flagged by table). The collection year is 2025/26.
CASES = [
    (
        "630",
        {
            "Episodes": [
                {"CHILD": "1", "DECOM": "01/05/2025", "RNE": "S"},
                {"CHILD": "2", "DECOM": "01/05/2025", "RNE": "S"},
                {"CHILD": "3", "DECOM": "01/05/2025", "RNE": "S"},
                {"CHILD": "4", "DECOM": "01/05/2025", "RNE": "S"},
                {"CHILD": "5", "DECOM": "01/05/2025", "RNE": "S"},
                {"CHILD": "6", "DECOM": "01/01/2025", "RNE": "S"},
                {"CHILD": "7", "DECOM": "01/05/2025", "RNE": "P"},
            ],
            "PrevPerm": [
                {"CHILD": "2", "PREV_PERM": "Z1"},
                {"CHILD": "3", "PREV_PERM": "P1", "LA_PERM": "800", "DATE_PERM": "01/01/2020"},
                {"CHILD": "4", "PREV_PERM": "P1", "LA_PERM": "800"},
                {"CHILD": "5", "LA_PERM": "800", "DATE_PERM": "01/01/2020"},
            ],
        },
        {"Episodes": [0, 3, 4]},
    ),
    (
        "631",
        {"PrevPerm": [{"PREV_PERM": "P4"}, {"PREV_PERM": "P5"}, {"PREV_PERM": None}]},
        {"PrevPerm": [1]},
    ),
    (
        "632",
        {
            "Episodes": [
                {"CHILD": "1", "DECOM": "01/06/2025"},
                {"CHILD": "1", "DECOM": "01/05/2025"},
                {"CHILD": "2", "DECOM": "15/05/2025"},
                {"CHILD": "3", "DECOM": "15/05/2025"},
                {"CHILD": "4", "DECOM": "15/01/2025"},
                {"CHILD": "5", "DECOM": "15/01/2025"},
            ],
            "PrevPerm": [
                {"CHILD": "1", "DATE_PERM": "20/05/2025"},
                {"CHILD": "2", "DATE_PERM": "ZZ/05/2025"},
                {"CHILD": "3", "DATE_PERM": "ZZ/04/2025"},
                {"CHILD": "4", "DATE_PERM": "20/ZZ/2024"},
                {"CHILD": "5", "DATE_PERM": "2025/01/01"},
            ],
        },
        {"Episodes": [1, 2, 4, 5], "PrevPerm": [0, 1, 3, 4]},
    ),
    (
        "633",
        {"PrevPerm": [{"LA_PERM": "800"}, {"LA_PERM": "NIR"}, {"LA_PERM": "123"}, {}]},
        {"PrevPerm": [2]},
    ),
    (
        "634",
        {
            "Episodes": [
                {"CHILD": "1", "DECOM": "01/01/2024"},
                {"CHILD": "1", "DECOM": "01/01/2025"},
                {"CHILD": "2", "DECOM": "01/01/2024"},
                {"CHILD": "2", "DECOM": "01/04/2025"},
                {"CHILD": "3", "DECOM": "01/01/2024"},
            ],
            "PrevPerm": [
                {"CHILD": "1", "PREV_PERM": "Z1"},
                {"CHILD": "2", "PREV_PERM": "Z1"},
                {"CHILD": "3"},
            ],
        },
        {"Episodes": [0, 1], "PrevPerm": [0]},
    ),
    (
        "635",
        {
            "PrevPerm": [
                {"LA_PERM": "800"},
                {"DATE_PERM": "01/01/2020"},
                {"PREV_PERM": "P1", "LA_PERM": "800", "DATE_PERM": "01/01/2020"},
                {},
            ]
        },
        {"PrevPerm": [0, 1]},
    ),
    (
        "INT07",
        {"Header": [{"CHILD": "1"}], "PrevPerm": [{"CHILD": "1"}, {"CHILD": "2"}]},
        {"PrevPerm": [1]},
    ),
    (
        "INT16",
        {
            "Header": [{"CHILD": "1", "DOB": "01/01/2020"}, {"CHILD": "2", "DOB": "01/01/2020"}],
            "PrevPerm": [
                {"CHILD": "1", "DOB": "01/01/2020"},
                {"CHILD": "2", "DOB": "01/02/2020"},
                {"CHILD": "2"},
            ],
        },
        {"PrevPerm": [1]},
    ),
    ("INT35", {"PrevPerm": [{"CHILD": "1"}, {"CHILD": "1"}, {"CHILD": "2"}, {}, {}]}, {"PrevPerm": [0, 1]}),
]


def test_every_previous_permanence_rule_has_a_case():
    mine = {r.code for r in rules_for(2026) if r.check.__module__ == previous_permanence.__name__}
    assert mine == {code for code, _, _ in CASES}


@pytest.mark.parametrize(("code", "tables", "expected"), CASES, ids=[case[0] for case in CASES])
def test_a_rule_flags_the_rows_the_departments_validator_flags(code, tables, expected):
    assert flagged(code, **tables) == expected


# Random rows of PrevPerm and the tables it is checked with.

_DATES = st.sampled_from(
    ["01/04/2025", "31/03/2026", "01/01/2020", "30/02/2025", "ZZ/05/2025", "15/ZZ/2024", "ZZ/ZZ/ZZZZ", "X"]
)


def _value(*choices: str) -> st.SearchStrategy[str | None]:
    return st.one_of(st.none(), st.sampled_from(choices), st.text(alphabet="PZ019/", max_size=4))


_COLUMNS = {
    "CHILD": st.one_of(st.none(), st.sampled_from(["1", "2", "3"])),
    "DOB": st.one_of(st.none(), _DATES),
    "DECOM": st.one_of(st.none(), _DATES),
    "RNE": _value(*codes.REASON_NEW_EPISODE(2026)),
    "PREV_PERM": _value(*codes.PREVIOUS_PERMANENCE(2026)),
    "LA_PERM": _value("800", "WAL", "999"),
    "DATE_PERM": st.one_of(st.none(), _DATES),
}

_TABLES = {
    "Header": ("CHILD", "DOB"),
    "Episodes": ("CHILD", "DECOM", "RNE"),
    "PrevPerm": ("CHILD", "DOB", *previous_permanence.PERMANENCE_DETAILS),
}


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.fixed_dictionaries(
        {
            table: st.lists(st.fixed_dictionaries({c: _COLUMNS[c] for c in columns}), max_size=6)
            for table, columns in _TABLES.items()
        }
    )
)
def test_no_previous_permanence_rule_fails_on_random_rows(tables):
    collection = collection_from_rows(tables, year=2026)
    t = Tables(collection)
    for each in rules_for(2026):
        if each.check.__module__ != previous_permanence.__name__:
            continue
        for table, rows in each.check(t).items():
            assert set(rows) <= set(collection.tables[table]["ROW"]), (each.code, table)
