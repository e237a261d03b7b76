"""The adoption rules (AD1 and PlacedAdoption, alone and with other tables): each flags the rows
the Department's validator flags on the same rows, and none fails on rows of any shape."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from steadfast.interop.ssda903 import codes
from steadfast.interop.ssda903.reading import collection_from_rows
from steadfast.interop.ssda903.rules import adoption
from steadfast.interop.ssda903.tests.helpers import flagged
from steadfast.interop.ssda903.validation import Tables, rules_for

# (code, tables as rows, the rows flagged by table). The collection year is 2025/26.
CASES = [
    (
        "112",
        {"AD1": [{"DATE_INT": "31/02/2025"}, {"DATE_INT": "01/02/2025"}, {"DATE_INT": None}]},
        {"AD1": [0]},
    ),
    ("113", {"AD1": [{"DATE_MATCH": "01/02/2025"}, {"DATE_MATCH": "2025-02-01"}]}, {"AD1": [1]}),
    ("114", {"AD1": [{"FOSTER_CARE": "0"}, {"FOSTER_CARE": "2"}, {"FOSTER_CARE": None}]}, {"AD1": [1]}),
    (
        "115",
        {"PlacedAdoption": [{"DATE_PLACED": "01/13/2025"}, {"DATE_PLACED": "01/12/2025"}]},
        {"PlacedAdoption": [0]},
    ),
    (
        "116",
        {"PlacedAdoption": [{"DATE_PLACED_CEASED": "1/2/2025"}, {"DATE_PLACED_CEASED": "X"}]},
        {"PlacedAdoption": [1]},
    ),
    (
        "117",
        {
            "Episodes": [
                {"CHILD": "1", "DECOM": "01/04/2024", "DEC": "01/06/2025", "REC": "E11"},
                {"CHILD": "1", "DECOM": "01/07/2025", "DEC": "01/08/2025", "REC": "X1"},
                {"CHILD": "2", "DECOM": "01/05/2025", "DEC": None, "REC": None},
                {"CHILD": "3", "DECOM": "01/05/2025", "DEC": "01/09/2025", "REC": "E4A"},
            ],
            "PlacedAdoption": [
                {"CHILD": "1", "DATE_PLACED": "01/07/2025"},
                {"CHILD": "2", "DATE_PLACED": "01/05/2025", "DATE_PLACED_CEASED": "01/04/2026"},
                {"CHILD": "3", "DATE_PLACED": "01/06/2025", "DATE_PLACED_CEASED": "01/09/2025"},
            ],
        },
        {"Episodes": [0, 2], "PlacedAdoption": [0, 1]},
    ),
    (
        "118",
        {
            "Episodes": [
                {"CHILD": "1", "DECOM": "01/01/2025", "LS": "V3"},
                {"CHILD": "1", "DECOM": "01/05/2025", "LS": "C2"},
                {"CHILD": "2", "DECOM": "01/01/2024", "LS": "E1"},
                {"CHILD": "3", "DECOM": "01/01/2024", "LS": "E1"},
            ],
            "PlacedAdoption": [
                {"CHILD": "1", "DATE_PLACED_CEASED": "01/04/2025"},
                {"CHILD": "2", "DATE_PLACED_CEASED": "31/03/2025"},
                {"CHILD": "3", "DATE_PLACED_CEASED": "01/04/2025"},
            ],
        },
        {"Episodes": [1, 2], "PlacedAdoption": [0, 1]},
    ),
    (
        "119",
        {
            "PlacedAdoption": [
                {"DATE_PLACED_CEASED": "01/05/2025", "REASON_PLACED_CEASED": None},
                {"DATE_PLACED_CEASED": None, "REASON_PLACED_CEASED": "RD1"},
                {"DATE_PLACED_CEASED": "01/05/2025", "REASON_PLACED_CEASED": "RD1"},
                {},
            ]
        },
        {"PlacedAdoption": [0, 1]},
    ),
    (
        "120",
        {"PlacedAdoption": [{"REASON_PLACED_CEASED": "RD4"}, {"REASON_PLACED_CEASED": "RD5"}, {}]},
        {"PlacedAdoption": [1]},
    ),
    (
        "134",
        {
            "AD1": [
                {"CHILD": "1", "DATE_INT": "01/05/2025"},
                {"CHILD": "2", "DATE_INT": "01/05/2025"},
                {"CHILD": "3"},
            ],
            "OC3": [{"CHILD": "1", "IN_TOUCH": "YES"}, {"CHILD": "2"}, {"CHILD": "3", "ACCOM": "X"}],
        },
        {"AD1": [0]},
    ),
    (
        "151",
        {
            "AD1": [
                {
                    "DATE_INT": "01/05/2025",
                    "DATE_MATCH": "01/06/2025",
                    "FOSTER_CARE": "0",
                    "NB_ADOPTR": "1",
                    "SEX_ADOPTR": "M1",
                    "LS_ADOPTR": "L0",
                },
                {"DATE_INT": "01/05/2025", "NB_ADOPTR": "1"},
                {},
            ]
        },
        {"AD1": [1]},
    ),
    ("175", {"AD1": [{"NB_ADOPTR": "2"}, {"NB_ADOPTR": "3"}, {}]}, {"AD1": [1]}),
    ("176", {"AD1": [{"SEX_ADOPTR": "MF"}, {"SEX_ADOPTR": "M2"}, {}]}, {"AD1": [1]}),
    ("177", {"AD1": [{"LS_ADOPTR": "L11"}, {"LS_ADOPTR": "L1"}, {}]}, {"AD1": [1]}),
    (
        "184",
        {
            "Header": [{"CHILD": "1", "DOB": "01/01/2020"}],
            "PlacedAdoption": [
                {"CHILD": "1", "DOB": "01/01/2020", "DATE_PLACED": "31/12/2019"},
                {"CHILD": "2", "DOB": "01/01/2020", "DATE_PLACED": "01/01/2020"},
                {"CHILD": "3", "DOB": None, "DATE_PLACED": "01/01/2020"},
                {"CHILD": "1", "DOB": "01/01/2020"},
            ],
        },
        # A decision for a child whose birth is not known is at fault too.
        {"PlacedAdoption": [0, 2]},
    ),
    (
        "187",
        {
            "Episodes": [
                {"CHILD": "1", "DECOM": "01/01/2024", "RNE": "S", "LS": "C2"},
                {"CHILD": "2", "DECOM": "01/01/2024", "RNE": "S", "LS": "C2"},
                {"CHILD": "3", "DECOM": "01/05/2025", "RNE": "S", "LS": "C2"},
                {
                    "CHILD": "4",
                    "DECOM": "01/01/2024",
                    "RNE": "S",
                    "LS": "C2",
                    "DEC": "01/06/2025",
                    "REC": "E11",
                },
            ],
            "AD1": [{"CHILD": "1", "NB_ADOPTR": "1"}, {"CHILD": "3", "NB_ADOPTR": "1"}, {"CHILD": "4"}],
            "OC3": [{"CHILD": "2", "ACTIV": "F1"}, {"CHILD": "1"}, {"CHILD": "4", "ACTIV": "F1"}],
        },
        {"AD1": [0], "OC3": [0]},
    ),
    (
        "331",
        {
            "Episodes": [
                {"CHILD": "1", "DECOM": "01/05/2025", "REC": "E11"},
                {"CHILD": "2", "DECOM": "01/05/2025", "REC": "E12"},
                {"CHILD": "3", "DECOM": "01/05/2025", "REC": "E4A"},
            ],
            "AD1": [
                {"CHILD": "1", "DATE_MATCH": "02/05/2025"},
                {"CHILD": "2", "DATE_MATCH": "01/05/2025"},
                {"CHILD": "3", "DATE_MATCH": "02/05/2025"},
            ],
        },
        {"AD1": [0], "Episodes": [0]},
    ),
    (
        "333",
        {
            "AD1": [
                {"DATE_INT": "02/05/2025", "DATE_MATCH": "01/05/2025"},
                {"DATE_INT": None, "DATE_MATCH": "01/05/2025"},
                {"DATE_INT": "01/05/2025", "DATE_MATCH": "01/05/2025"},
                {"DATE_INT": "01/05/2025"},
            ]
        },
        {"AD1": [0, 1]},
    ),
    (
        "334",
        {
            "Episodes": [
                {"CHILD": "1", "DECOM": "01/01/2024", "RNE": "S"},
                {"CHILD": "1", "DECOM": "01/01/2025", "RNE": "S"},
                {"CHILD": "2", "DECOM": "01/01/2025", "RNE": "S"},
            ],
            "AD1": [{"CHILD": "1", "DATE_INT": "01/06/2024"}, {"CHILD": "2", "DATE_INT": "01/01/2025"}],
        },
        {"Episodes": [1], "AD1": [0]},
    ),
    (
        "335",
        {
            "Episodes": [
                {"CHILD": "1", "PLACE": "A3", "REC": "E11"},
                {"CHILD": "2", "PLACE": "A4", "REC": "E12"},
                {"CHILD": "3", "PLACE": "A4", "REC": "E12"},
                {"CHILD": "4", "PLACE": "A3", "REC": "E4A"},
            ],
            "AD1": [
                {"CHILD": "1", "FOSTER_CARE": "0"},
                {"CHILD": "2", "FOSTER_CARE": "1"},
                {"CHILD": "3", "FOSTER_CARE": "0"},
                {"CHILD": "4", "FOSTER_CARE": "0"},
            ],
        },
        {"Episodes": [0, 1], "AD1": [0, 1]},
    ),
    (
        "511",
        {"AD1": [{"NB_ADOPTR": "2", "SEX_ADOPTR": "F1"}, {"NB_ADOPTR": "2", "SEX_ADOPTR": "FF"}]},
        {"AD1": [0]},
    ),
    (
        "514",
        {
            "AD1": [
                {"LS_ADOPTR": "L0", "SEX_ADOPTR": "MF"},
                {"LS_ADOPTR": "L0", "SEX_ADOPTR": "F1"},
                {"LS_ADOPTR": "L0"},
            ]
        },
        {"AD1": [0, 2]},
    ),
    (
        "517",
        {
            "AD1": [
                {"LS_ADOPTR": "L3", "SEX_ADOPTR": "MM"},
                {"LS_ADOPTR": "L3", "SEX_ADOPTR": "MF"},
                {"LS_ADOPTR": "L3"},
            ]
        },
        {"AD1": [0, 2]},
    ),
    (
        "518",
        {
            "AD1": [
                {"LS_ADOPTR": "L4", "SEX_ADOPTR": "MF"},
                {"LS_ADOPTR": "L4", "SEX_ADOPTR": "FF"},
                {"SEX_ADOPTR": "MF"},
            ]
        },
        {"AD1": [0]},
    ),
    (
        "519",
        {
            "AD1": [
                {"LS_ADOPTR": "L2", "SEX_ADOPTR": "M1"},
                {"LS_ADOPTR": "L2", "SEX_ADOPTR": "MF"},
                {"LS_ADOPTR": "L2"},
            ]
        },
        {"AD1": [0, 2]},
    ),
    (
        "520",
        {"AD1": [{"LS_ADOPTR": "L11", "SEX_ADOPTR": "FF"}, {"LS_ADOPTR": "L11", "SEX_ADOPTR": "MF"}]},
        {"AD1": [0]},
    ),
    (
        "521",
        {
            "Episodes": [
                {"CHILD": "1", "DECOM": "01/05/2025", "PLACE": "A5"},
                {"CHILD": "2", "DECOM": "01/05/2025", "PLACE": "A6"},
                {"CHILD": "3", "DECOM": "01/05/2025", "PLACE": "U1"},
            ],
            "AD1": [
                {"CHILD": "1", "DATE_INT": "02/05/2025"},
                {"CHILD": "2", "DATE_INT": "01/05/2025"},
                {"CHILD": "3", "DATE_INT": "02/05/2025"},
            ],
        },
        {"Episodes": [0], "AD1": [0]},
    ),
    (
        "522",
        {
            "PlacedAdoption": [
                {"DATE_PLACED": "02/05/2025", "DATE_PLACED_CEASED": "01/05/2025"},
                {"DATE_PLACED": "01/05/2025", "DATE_PLACED_CEASED": "01/05/2025"},
                {"DATE_PLACED_CEASED": "01/05/2025"},
            ]
        },
        {"PlacedAdoption": [0]},
    ),
    (
        "523",
        {
            "PlacedAdoption": [
                {"CHILD": "1", "DATE_PLACED": "02/05/2025"},
                {"CHILD": "2", "DATE_PLACED": "01/05/2025"},
                {"CHILD": "3"},
            ],
            "AD1": [
                {"CHILD": "1", "DATE_INT": "01/05/2025"},
                {"CHILD": "2", "DATE_INT": "01/05/2025"},
                {"CHILD": "3", "DATE_INT": "01/05/2025"},
            ],
        },
        {"PlacedAdoption": [0], "AD1": [0]},
    ),
    (
        "524",
        {"AD1": [{"LS_ADOPTR": "L12", "SEX_ADOPTR": "MF"}, {"LS_ADOPTR": "L12", "SEX_ADOPTR": "MM"}]},
        {"AD1": [0]},
    ),
    (
        "525",
        {
            "PlacedAdoption": [
                {"CHILD": "1", "DATE_PLACED_CEASED": "01/05/2025"},
                {"CHILD": "2", "DATE_PLACED_CEASED": "01/05/2025"},
                {"CHILD": "3"},
            ],
            "AD1": [{"CHILD": "1", "LS_ADOPTR": "L0"}, {"CHILD": "2"}, {"CHILD": "3", "LS_ADOPTR": "L0"}],
        },
        {"PlacedAdoption": [0], "AD1": [0]},
    ),
    (
        "551",
        {
            "Episodes": [
                {"CHILD": "1", "PLACE": "A3"},
                {"CHILD": "2", "PLACE": "A4"},
                {"CHILD": "3", "PLACE": "A5"},
                {"CHILD": "4", "PLACE": "U1"},
            ],
            "PlacedAdoption": [{"CHILD": "1", "DATE_PLACED": "01/05/2025"}, {"CHILD": "2"}],
        },
        {"Episodes": [1, 2]},
    ),
    (
        "552",
        {
            "Episodes": [
                {"CHILD": "1", "DECOM": "01/03/2025", "PLACE": "A3"},
                {"CHILD": "1", "DECOM": "01/06/2025", "PLACE": "A4"},
                {"CHILD": "2", "DECOM": "01/06/2025", "PLACE": "A4"},
            ],
            "PlacedAdoption": [
                {"CHILD": "1", "DATE_PLACED": "01/02/2025"},
                {"CHILD": "1", "DATE_PLACED": "01/04/2025"},
                {"CHILD": "2", "DATE_PLACED": "01/06/2025"},
            ],
        },
        {"Episodes": [0], "PlacedAdoption": [1]},
    ),
    (
        "553",
        {
            "Episodes": [
                {"CHILD": "1", "LS": "E1"},
                {"CHILD": "2", "LS": "E1"},
                {"CHILD": "3", "LS": "E1", "DEC": "01/06/2025"},
                {"CHILD": "4", "LS": "C2"},
            ],
            "PlacedAdoption": [
                {"CHILD": "2", "REASON_PLACED_CEASED": "RD1"},
                {"CHILD": "3", "REASON_PLACED_CEASED": "RD1"},
            ],
        },
        {"Episodes": [0], "PlacedAdoption": [0]},
    ),
    (
        "554",
        {
            "Episodes": [
                {"CHILD": "1", "DECOM": "01/05/2025", "LS": "E1"},
                {"CHILD": "1", "DECOM": "01/08/2025", "LS": "E1"},
                {"CHILD": "2", "DECOM": "01/05/2025", "LS": "E1"},
            ],
            "PlacedAdoption": [
                {"CHILD": "1", "DATE_PLACED": "01/06/2025"},
                {"CHILD": "2", "DATE_PLACED": "01/05/2025"},
            ],
        },
        {"Episodes": [0], "PlacedAdoption": [0]},
    ),
    (
        "557",
        {
            "Episodes": [
                {"CHILD": "1", "PLACE": "A3", "LS": "C2", "REC": "E4A"},
                {"CHILD": "2", "PLACE": "U1", "LS": "E1", "REC": "E13"},
                {"CHILD": "3", "PLACE": "A3", "LS": "E1", "REC": "E11"},
                {"CHILD": "4", "PLACE": "A4", "LS": "E1", "REC": "E4A"},
                {"CHILD": "5", "PLACE": "A4", "LS": "E1", "REC": "X1"},
            ],
            "PlacedAdoption": [
                {"CHILD": "2", "DATE_PLACED_CEASED": "01/05/2025"},
                {"CHILD": "4", "DATE_PLACED_CEASED": "01/05/2025", "REASON_PLACED_CEASED": "RD1"},
            ],
        },
        {"Episodes": [0, 1], "PlacedAdoption": [0]},
    ),
    (
        "558",
        {
            "Episodes": [
                {"CHILD": "1", "REC": "E11"},
                {"CHILD": "2", "REC": "E12"},
                {"CHILD": "3", "REC": "E11"},
                {"CHILD": "3", "REC": "E12"},
            ],
            "PlacedAdoption": [
                {"CHILD": "1", "DATE_PLACED_CEASED": "01/05/2025"},
                {"CHILD": "1", "DATE_PLACED_CEASED": "01/07/2025"},
                {"CHILD": "2", "DATE_PLACED_CEASED": "01/05/2025"},
                {"CHILD": "2"},
                {"CHILD": "3", "DATE_PLACED_CEASED": "01/05/2025"},
            ],
        },
        # The child adopted twice has one reversed decision, counted once for each adoption.
        {"Episodes": [0, 2, 3]},
    ),
    (
        "563",
        {
            "PlacedAdoption": [
                {"DATE_PLACED_CEASED": "01/05/2025", "REASON_PLACED_CEASED": "RD1"},
                {
                    "DATE_PLACED": "01/04/2025",
                    "DATE_PLACED_CEASED": "01/05/2025",
                    "REASON_PLACED_CEASED": "RD1",
                },
                {"REASON_PLACED_CEASED": "RD1"},
            ]
        },
        {"PlacedAdoption": [0]},
    ),
    (
        "579",
        {
            "PlacedAdoption": [
                {"CHILD": "1", "DATE_PLACED": "01/06/2025"},
                {"CHILD": "1", "DATE_PLACED": "01/01/2025"},
                {"CHILD": "2", "DATE_PLACED": "01/01/2025", "DATE_PLACED_CEASED": "01/03/2025"},
                {"CHILD": "2", "DATE_PLACED": "01/02/2025"},
                {"CHILD": "3", "DATE_PLACED": "01/01/2025", "DATE_PLACED_CEASED": "01/03/2025"},
                {"CHILD": "3", "DATE_PLACED": "01/03/2025"},
            ]
        },
        {"PlacedAdoption": [0, 3]},
    ),
    (
        "582",
        {
            "Episodes": [
                {"CHILD": "1", "DEC": "01/05/2025", "REC": "E11"},
                {"CHILD": "2", "DEC": "01/05/2025", "REC": "E11"},
                {"CHILD": "3", "DEC": "01/05/2025", "REC": "E4A"},
            ],
            "AD1": [
                {"CHILD": "1", "DATE_MATCH": "01/05/2025"},
                {"CHILD": "2", "DATE_MATCH": "01/04/2025"},
                {"CHILD": "3", "DATE_MATCH": "01/05/2025"},
            ],
        },
        {"Episodes": [0]},
    ),
    (
        "583",
        {
            "PlacedAdoption": [
                {"CHILD": "1", "DATE_PLACED": "01/02/2025"},
                {"CHILD": "1", "DATE_PLACED": "01/03/2025"},
                {"CHILD": "2", "DATE_PLACED": "01/02/2025", "DATE_PLACED_CEASED": "01/03/2025"},
                {"CHILD": "2", "DATE_PLACED": "01/04/2025"},
                {"CHILD": "3", "DATE_PLACED": "01/02/2025"},
            ]
        },
        {"PlacedAdoption": [0]},
    ),
    (
        "601",
        {
            "Episodes": [
                {"CHILD": "1", "DEC": "01/05/2025", "REC": "E11"},
                {"CHILD": "2", "DEC": "01/05/2025", "REC": "E12"},
                {"CHILD": "3", "DEC": "01/05/2024", "REC": "E12"},
            ],
            "AD1": [
                {"CHILD": "1", "DATE_INT": "01/01/2025"},
                {
                    "CHILD": "2",
                    "DATE_INT": "01/01/2025",
                    "DATE_MATCH": "01/02/2025",
                    "FOSTER_CARE": "0",
                    "NB_ADOPTR": "1",
                    "SEX_ADOPTR": "M1",
                    "LS_ADOPTR": "L0",
                },
                {"CHILD": "3"},
            ],
        },
        {"AD1": [0], "Episodes": [0]},
    ),
    (
        "602",
        {
            "Episodes": [
                {"CHILD": "1", "DEC": "01/05/2025", "REC": "E11"},
                {"CHILD": "2", "DEC": "01/05/2024", "REC": "E11"},
            ],
            "AD1": [{"CHILD": "1", "NB_ADOPTR": "1"}, {"CHILD": "2", "NB_ADOPTR": "1"}, {"CHILD": "3"}],
        },
        {"AD1": [1]},
    ),
    (
        "1003",
        {
            "Episodes": [
                {"CHILD": "1", "DECOM": "01/05/2025", "RNE": "S"},
                {"CHILD": "1", "DECOM": "01/01/2025", "RNE": "P"},
                {"CHILD": "2", "DECOM": "01/05/2025", "RNE": "S"},
            ],
            "PlacedAdoption": [
                {"CHILD": "1", "DATE_PLACED": "01/04/2025"},
                {"CHILD": "2", "DATE_PLACED": "01/05/2025"},
            ],
        },
        {"Episodes": [0], "PlacedAdoption": [0]},
    ),
    (
        "INT01",
        {"Header": [{"CHILD": "1"}], "AD1": [{"CHILD": "1"}, {"CHILD": "2"}]},
        {"AD1": [1]},
    ),
    (
        "INT02",
        {"Header": [{"CHILD": "1"}], "PlacedAdoption": [{"CHILD": "2"}, {"CHILD": "1"}]},
        {"PlacedAdoption": [0]},
    ),
    (
        "INT11",
        {
            "Header": [{"CHILD": "1", "DOB": "01/01/2020"}, {"CHILD": "2", "DOB": "01/01/2020"}],
            "AD1": [
                {"CHILD": "1", "DOB": "02/01/2020"},
                {"CHILD": "2", "DOB": "1/1/2020"},
                {"CHILD": "3", "DOB": "01/01/2021"},
            ],
        },
        {"AD1": [0]},
    ),
    (
        "INT12",
        {
            "Header": [{"CHILD": "1", "DOB": "01/01/2020"}, {"CHILD": "2", "DOB": "01/01/2020"}],
            "PlacedAdoption": [{"CHILD": "1", "DOB": "01/01/2020"}, {"CHILD": "2", "DOB": "01/01/2019"}],
        },
        {"PlacedAdoption": [1]},
    ),
    ("INT31", {"AD1": [{"CHILD": "1"}, {"CHILD": "2"}, {"CHILD": "1"}]}, {"AD1": [0, 2]}),
]


def test_every_adoption_rule_has_a_case():
    mine = {r.code for r in rules_for(2026) if r.check.__module__ == adoption.__name__}
    assert mine == {code for code, _, _ in CASES}


@pytest.mark.parametrize(("code", "tables", "expected"), CASES, ids=[case[0] for case in CASES])
def test_a_rule_flags_the_rows_the_departments_validator_flags(code, tables, expected):
    assert flagged(code, **tables) == expected


def test_the_latest_decision_is_found_by_its_date_not_its_text():
    # Written as text, 31/01/2025 sorts after 01/06/2025; as a date it is the earlier decision,
    # which must have ceased.
    found = flagged(
        "583",
        PlacedAdoption=[
            {"CHILD": "1", "DATE_PLACED": "31/01/2025"},
            {"CHILD": "1", "DATE_PLACED": "01/06/2025"},
        ],
    )
    assert found == {"PlacedAdoption": [0]}


def test_a_child_whose_starts_have_no_real_date_is_left_out():
    found = flagged(
        "1003",
        Episodes=[
            {"CHILD": "1", "DECOM": "99/99/2025", "RNE": "S"},
            {"CHILD": "2", "DECOM": "01/05/2025", "RNE": "S"},
        ],
        PlacedAdoption=[
            {"CHILD": "1", "DATE_PLACED": "01/01/2020"},
            {"CHILD": "2", "DATE_PLACED": "01/01/2020"},
        ],
    )
    assert found == {"Episodes": [1], "PlacedAdoption": [1]}


# Random rows of the adoption tables and those they are checked with.

_DATES = st.sampled_from(
    ["01/04/2025", "15/09/2025", "31/03/2026", "01/01/2020", "30/02/2025", "2025-05-01", "X"]
)
_CHILDREN = st.sampled_from(["1", "2", "3"])


def _value(*choices: str) -> st.SearchStrategy[str | None]:
    return st.one_of(st.none(), st.sampled_from(choices), st.text(alphabet="AZ019/", max_size=4))


_COLUMNS = {
    "CHILD": st.one_of(st.none(), _CHILDREN),
    "DOB": st.one_of(st.none(), _DATES),
    "DECOM": st.one_of(st.none(), _DATES),
    "DEC": st.one_of(st.none(), _DATES),
    "RNE": _value(*codes.REASON_NEW_EPISODE(2026)),
    "LS": _value(*codes.LEGAL_STATUS(2026), "E1", "V4"),
    "PLACE": _value(*adoption.PLACED_FOR_ADOPTION, "A1", "A2", "U1"),
    "REC": _value(*adoption.ADOPTED, "E1", "E4A", "X1"),
    "DATE_INT": st.one_of(st.none(), _DATES),
    "DATE_MATCH": st.one_of(st.none(), _DATES),
    "FOSTER_CARE": _value(*codes.ADOPTED_BY_FOSTER_CARER(2026)),
    "NB_ADOPTR": _value(*codes.NUMBER_OF_ADOPTERS(2026)),
    "SEX_ADOPTR": _value(*codes.SEX_OF_ADOPTERS(2026)),
    "LS_ADOPTR": _value(*codes.LEGAL_STATUS_OF_ADOPTERS(2026)),
    "DATE_PLACED": st.one_of(st.none(), _DATES),
    "DATE_PLACED_CEASED": st.one_of(st.none(), _DATES),
    "REASON_PLACED_CEASED": _value(*codes.REASON_PLACED_CEASED(2026)),
    "IN_TOUCH": _value("YES", "NO"),
    "ACTIV": _value("F1"),
    "ACCOM": _value("B"),
}

_TABLES = {
    "Header": ("CHILD", "DOB"),
    "Episodes": ("CHILD", "DECOM", "DEC", "RNE", "LS", "PLACE", "REC"),
    "AD1": ("CHILD", "DOB", *adoption.ADOPTION_DETAILS),
    "PlacedAdoption": ("CHILD", "DOB", "DATE_PLACED", "DATE_PLACED_CEASED", "REASON_PLACED_CEASED"),
    "OC3": ("CHILD", *adoption.CARE_LEAVER_DETAILS),
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
def test_no_adoption_rule_fails_on_random_rows(tables):
    collection = collection_from_rows(tables, year=2026)
    t = Tables(collection)
    for each in rules_for(2026):
        if each.check.__module__ != adoption.__name__:
            continue
        for table, rows in each.check(t).items():
            assert set(rows) <= set(collection.tables[table]["ROW"]), (each.code, table)
