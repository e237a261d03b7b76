"""The Department's rules about OC2 and OC3 for 2025/26 (1 April 2025 to 31 March 2026): each finds
fault in the rows it should and passes the rest."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from steadfast.interop.ssda903 import codes, validation
from steadfast.interop.ssda903.reading import collection_from_rows
from steadfast.interop.ssda903.rules import outcomes

from .helpers import flagged, runs_cleanly

# Child 1 has been looked after since before the year and still is: looked after continuously
# for 12 months. Child 2 started to be looked after during the year.
LOOKED_AFTER = {"CHILD": "1", "DECOM": "01/01/2020", "RNE": "S", "LS": "C2"}
NEW = {"CHILD": "2", "DECOM": "01/06/2025", "RNE": "S", "LS": "C2"}
EPISODES = [LOOKED_AFTER, NEW]
ALL_FOUR = {"IMMUNISATIONS": "1", "TEETH_CHECK": "1", "HEALTH_ASSESSMENT": "1", "SUBSTANCE_MISUSE": "0"}

CASES = [
    ("131", {"OC3": [{"IN_TOUCH": "YES"}, {"IN_TOUCH": "MAYBE"}, {}]}, {"OC3": [1, 2]}),
    ("132", {"OC3": [{"ACTIV": "F1"}, {"ACTIV": "X9"}, {}]}, {"OC3": [1, 2]}),
    ("133", {"OC3": [{"ACCOM": "B1"}, {"ACCOM": "T"}, {}]}, {"OC3": [1, 2]}),
    (
        "153",
        {"OC3": [{"IN_TOUCH": "YES", "ACTIV": "F1", "ACCOM": "B1"}, {}, {"IN_TOUCH": "NO"}]},
        {"OC3": [2]},
    ),
    (
        "344",
        {
            "OC3": [
                {"IN_TOUCH": "DIED", "ACTIV": "0", "ACCOM": "0"},
                {"IN_TOUCH": "RHOM", "ACTIV": "F1", "ACCOM": "0"},
                {"IN_TOUCH": "DIED", "ACTIV": "0"},
                {"IN_TOUCH": "YES", "ACTIV": "F1", "ACCOM": "B1"},
            ]
        },
        {"OC3": [1, 2]},
    ),
    (
        "345",
        {
            "OC3": [
                {"IN_TOUCH": "YES", "ACTIV": "0", "ACCOM": "B1"},
                {"IN_TOUCH": "YES", "ACTIV": "F1", "ACCOM": "B1"},
                {"IN_TOUCH": "NO", "ACTIV": "0", "ACCOM": "0"},
            ]
        },
        {"OC3": [0]},
    ),
    (
        "347",
        {
            "OC3": [
                {"DOB": "01/01/2008", "ACCOM": "T1"},
                {"DOB": "01/01/2007", "ACCOM": "T2"},
                {"DOB": "01/01/2008", "ACCOM": "B1"},
                {"DOB": "01/01/2008", "ACCOM": "T"},
            ]
        },
        {"OC3": [0, 3]},
    ),
    (
        "348",
        {
            "OC3": [
                {"CHILD": "1", "IN_TOUCH": "YES"},
                {"CHILD": "2", "IN_TOUCH": "DIED"},
                {"CHILD": "3"},
                {"CHILD": "4", "IN_TOUCH": "YES"},
            ],
            "OC3_last": [
                {"CHILD": "1", "IN_TOUCH": "DIED"},
                {"CHILD": "2", "IN_TOUCH": "DIED"},
                {"CHILD": "3", "IN_TOUCH": "DIED"},
                {"CHILD": "4", "IN_TOUCH": "NO"},
            ],
        },
        {"OC3": [0, 2]},
    ),
    (
        "391",
        {
            "OC3": [
                {"DOB": "01/04/2009", "IN_TOUCH": "YES"},
                {"DOB": "31/03/2009", "IN_TOUCH": "YES"},
                {"DOB": "01/04/2010"},
            ]
        },
        {"OC3": [0]},
    ),
    ("INT34", {"OC3": [{"CHILD": "1"}, {"CHILD": "1"}, {"CHILD": "2"}, {}, {}]}, {"OC3": [0, 1]}),
    ("INT33", {"OC2": [{"CHILD": "1"}, {"CHILD": "1"}, {"CHILD": "2"}, {}, {}]}, {"OC2": [0, 1]}),
    (
        "158",
        {
            "OC2": [
                {"INTERVENTION_RECEIVED": "1", "INTERVENTION_OFFERED": "0"},
                {"INTERVENTION_RECEIVED": "1"},
                {"INTERVENTION_RECEIVED": "0", "INTERVENTION_OFFERED": "1"},
            ]
        },
        {"OC2": [0]},
    ),
    (
        "159",
        {
            "OC2": [
                {"SUBSTANCE_MISUSE": "1", "INTERVENTION_RECEIVED": "0"},
                {"SUBSTANCE_MISUSE": "1", "INTERVENTION_RECEIVED": "0", "INTERVENTION_OFFERED": "1"},
                {"SUBSTANCE_MISUSE": "0", "INTERVENTION_RECEIVED": "0"},
            ]
        },
        {"OC2": [0]},
    ),
    (
        "180",
        {"OC2": [{"SDQ_SCORE": s} for s in ("5", "41", "X", "5.5", None, "40", "0", "-1")]},
        {"OC2": [1, 2, 3, 7]},
    ),
    (
        "181",
        {
            "OC2": [
                {"CONVICTED": "2"},
                {"CONVICTED": "1", "HEALTH_CHECK": "0"},
                {},
                {"INTERVENTION_OFFERED": "Y"},
            ]
        },
        {"OC2": [0, 3]},
    ),
    (
        "182",
        {"OC2": [{"CONVICTED": "1"}, {**ALL_FOUR, "CONVICTED": "1"}, {}, {"IMMUNISATIONS": "1"}]},
        {"OC2": [0]},
    ),
    (
        "188",
        {
            "OC2": [
                {"DOB": "01/04/2022", "SDQ_SCORE": "5"},
                {"DOB": "31/03/2022", "SDQ_SCORE": "5"},
                {"DOB": "01/04/2022"},
            ]
        },
        {"OC2": [0]},
    ),
    (
        "189",
        {
            "OC2": [
                {"DOB": "31/03/2008", "SDQ_REASON": "SDQ1"},
                {"DOB": "01/04/2008", "SDQ_REASON": "SDQ1"},
                {"DOB": "31/03/2008"},
            ]
        },
        {"OC2": [0]},
    ),
    (
        "192",
        {
            "OC2": [
                {"SUBSTANCE_MISUSE": "1"},
                {"SUBSTANCE_MISUSE": "1", "INTERVENTION_RECEIVED": "0"},
                {"SUBSTANCE_MISUSE": "0"},
            ]
        },
        {"OC2": [0]},
    ),
    (
        "193",
        {
            "OC2": [
                {"SUBSTANCE_MISUSE": "0", "INTERVENTION_RECEIVED": "1"},
                {"INTERVENTION_OFFERED": "1"},
                {"SUBSTANCE_MISUSE": "1", "INTERVENTION_RECEIVED": "1"},
                {"SUBSTANCE_MISUSE": "0"},
            ]
        },
        {"OC2": [0, 1]},
    ),
    ("196", {"OC2": [{"SDQ_REASON": "SDQ1"}, {"SDQ_REASON": "SDQ9"}, {}]}, {"OC2": [1]}),
    (
        "197a",
        {
            "OC2": [
                {"SDQ_SCORE": "5", "SDQ_REASON": "SDQ1"},
                {"SDQ_SCORE": "5"},
                {"SDQ_REASON": "SDQ1"},
            ]
        },
        {"OC2": [0]},
    ),
    (
        "542",
        {
            "OC2": [
                {"DOB": "01/04/2016", "CONVICTED": "0"},
                {"DOB": "31/03/2016", "CONVICTED": "0"},
                {"DOB": "01/04/2016"},
            ]
        },
        {"OC2": [0]},
    ),
    (
        "544",
        {
            "OC2": [
                {"CONVICTED": "1", "IMMUNISATIONS": "1"},
                {**ALL_FOUR, "CONVICTED": "1"},
                {"CONVICTED": "0"},
            ]
        },
        {"OC2": [0]},
    ),
    (
        "547",
        {
            "OC2": [
                {"HEALTH_CHECK": "1", "IMMUNISATIONS": "1"},
                {**ALL_FOUR, "HEALTH_CHECK": "1"},
                {"HEALTH_CHECK": "0"},
            ]
        },
        {"OC2": [0]},
    ),
    (
        "157",
        {
            "Episodes": EPISODES,
            "OC2": [
                {"CHILD": "1", "DOB": "01/01/2015", "SDQ_REASON": "SDQ1"},
                {"CHILD": "2", "DOB": "01/01/2015", "SDQ_REASON": "SDQ1"},
                {"CHILD": "1", "DOB": "01/01/2015", "SDQ_REASON": "SDQ2"},
                {"CHILD": "1", "DOB": "01/01/2023", "SDQ_REASON": "SDQ1"},
            ],
        },
        {"OC2": [0]},
    ),
    (
        "185",
        {
            "Episodes": EPISODES,
            "OC2": [
                {"CHILD": "2", "SDQ_SCORE": "5"},
                {"CHILD": "1", "SDQ_SCORE": "5"},
                {"CHILD": "3", "SDQ_SCORE": "5"},
            ],
        },
        {"OC2": [0, 2]},
    ),
    (
        "186",
        {
            "Episodes": EPISODES,
            "OC2": [
                {"CHILD": "1", "DOB": "01/01/2015"},
                {"CHILD": "1", "DOB": "01/01/2015", "SDQ_REASON": "SDQ2"},
                {"CHILD": "2", "DOB": "01/01/2015"},
                {"CHILD": "1", "DOB": "01/01/2008"},
            ],
        },
        {"OC2": [0]},
    ),
    (
        "190",
        {
            "Episodes": EPISODES,
            "OC2": [{"CHILD": "2", "CONVICTED": "0"}, {"CHILD": "1", "CONVICTED": "0"}, {"CHILD": "2"}],
        },
        {"OC2": [0]},
    ),
    (
        "191",
        {
            "Episodes": [
                *EPISODES,
                {"CHILD": "3", "DECOM": "01/01/2021", "RNE": "P", "LS": "C2"},
                {
                    "CHILD": "3",
                    "DECOM": "01/01/2019",
                    "RNE": "S",
                    "LS": "C2",
                    "DEC": "01/01/2021",
                    "REC": "P1",
                },
            ],
            "OC2": [{"CHILD": "1", "IMMUNISATIONS": "1"}, {"CHILD": "1", **ALL_FOUR}, {"CHILD": "2"}],
        },
        {"OC2": [0], "Episodes": [3]},
    ),
    (
        "197B",
        {
            "Episodes": EPISODES,
            "OC2": [
                {"CHILD": "1", "DOB": "01/06/2021"},
                {"CHILD": "1", "DOB": "01/06/2008"},
                {"CHILD": "1", "DOB": "01/06/2015"},
                {"CHILD": "2", "DOB": "01/06/2021"},
                {"CHILD": "1", "DOB": "01/06/2021", "SDQ_SCORE": "5"},
            ],
        },
        {"OC2": [0, 1]},
    ),
    (
        "198",
        {
            "Episodes": EPISODES,
            "OC2": [
                {"CHILD": "2", "SDQ_REASON": "SDQ1"},
                {"CHILD": "1", "SDQ_REASON": "SDQ1"},
                {"CHILD": "3", "SDQ_REASON": "SDQ1"},
            ],
        },
        {"OC2": [0, 2]},
    ),
    (
        "543",
        {
            "Episodes": EPISODES,
            "OC2": [
                {"CHILD": "1", "DOB": "01/01/2010"},
                {"CHILD": "1", "DOB": "01/01/2010", "CONVICTED": "0"},
                {"CHILD": "1", "DOB": "01/01/2020"},
                {"CHILD": "2", "DOB": "01/01/2010"},
            ],
        },
        {"OC2": [0]},
    ),
    (
        "545",
        {
            "Episodes": EPISODES,
            "OC2": [
                {"CHILD": "1", "DOB": "01/01/2022"},
                {"CHILD": "1", "DOB": "01/01/2022", "HEALTH_CHECK": "1"},
                {"CHILD": "1", "DOB": "01/01/2010"},
                {"CHILD": "2", "DOB": "01/01/2022"},
            ],
        },
        {"OC2": [0]},
    ),
    (
        "546",
        {
            "Episodes": EPISODES,
            "OC2": [
                {"CHILD": "1", "DOB": "01/01/2010", "HEALTH_CHECK": "1"},
                {"CHILD": "1", "DOB": "01/01/2022", "HEALTH_CHECK": "1"},
                {"CHILD": "2", "DOB": "01/01/2010", "HEALTH_CHECK": "1"},
            ],
        },
        {"OC2": [0]},
    ),
    (
        "215",
        {
            "OC3": [{"CHILD": "1", "IN_TOUCH": "YES"}, {"CHILD": "2", "IN_TOUCH": "YES"}, {"CHILD": "3"}],
            "OC2": [{"CHILD": "1", "CONVICTED": "0"}, {"CHILD": "2"}, {"CHILD": "3", "CONVICTED": "0"}],
        },
        {"OC3": [0], "OC2": [0]},
    ),
    ("INT05", {"Header": [{"CHILD": "1"}], "OC2": [{"CHILD": "1"}, {"CHILD": "2"}]}, {"OC2": [1]}),
    ("INT06", {"Header": [{"CHILD": "1"}], "OC3": [{"CHILD": "1"}, {"CHILD": "2"}]}, {"OC3": [1]}),
    (
        "INT14",
        {
            "Header": [{"CHILD": "1", "DOB": "01/01/2010"}, {"CHILD": "2", "DOB": "01/01/2010"}],
            "OC2": [
                {"CHILD": "1", "DOB": "02/01/2010"},
                {"CHILD": "2", "DOB": "01/01/2010"},
                {"CHILD": "3", "DOB": "01/01/2000"},
                {"CHILD": "1"},
            ],
        },
        {"OC2": [0]},
    ),
    (
        "INT15",
        {
            "Header": [{"CHILD": "1", "DOB": "01/01/2010"}, {"CHILD": "2", "DOB": "01/01/2010"}],
            "OC3": [
                {"CHILD": "1", "DOB": "02/01/2010"},
                {"CHILD": "2", "DOB": "01/01/2010"},
                {"CHILD": "3", "DOB": "01/01/2000"},
                {"CHILD": "1"},
            ],
        },
        {"OC3": [0]},
    ),
    (
        "3001",
        {
            "Header": [{"CHILD": "1", "DOB": "01/06/2008"}, {"CHILD": "2", "DOB": "01/06/2007"}],
            "OC3": [
                {"CHILD": "1", "ACCOM": "Z1"},
                {"CHILD": "2", "ACCOM": "Z1"},
                {"CHILD": "1", "ACCOM": "B1"},
            ],
        },
        {"OC3": [0]},
    ),
    (
        "165",
        {
            "Header": [
                {"CHILD": "1", "SEX": "F", "MOTHER": "1"},
                {"CHILD": "2", "SEX": "F"},
                {"CHILD": "3", "SEX": "M", "MOTHER": "0"},
                {"CHILD": "4", "SEX": "F", "MOTHER": "X"},
                {"CHILD": "5", "SEX": "F", "MOTHER": "1"},
                {"CHILD": "6", "SEX": "F", "MOTHER": "1"},
                {"CHILD": "7", "SEX": "F"},
            ],
            "Episodes": [
                {"CHILD": "1", "DECOM": "01/01/2020", "LS": "C2"},
                {"CHILD": "2", "DECOM": "01/01/2020", "LS": "C2"},
                {"CHILD": "3", "DECOM": "01/01/2020", "LS": "C2"},
                {"CHILD": "4", "DECOM": "01/01/2020", "LS": "C2"},
                {"CHILD": "5", "DECOM": "01/01/2015", "DEC": "01/01/2016", "LS": "C2"},
                {"CHILD": "6", "DECOM": "01/01/2015", "DEC": "01/01/2016", "LS": "C2"},
                {"CHILD": "7", "DECOM": "01/01/2020", "LS": "V3"},
            ],
            "OC3": [{"CHILD": "5", "IN_TOUCH": "YES"}, {"CHILD": "2", "IN_TOUCH": "YES"}, {"CHILD": "6"}],
        },
        {"Header": [1, 2, 3, 4], "OC3": [0, 1]},
    ),
    (
        "628",
        {
            "Header": [
                {"CHILD": "1", "MOTHER": "1"},
                {"CHILD": "2", "MOTHER": "1"},
                {"CHILD": "3", "MOTHER": "1"},
                {"CHILD": "4"},
            ],
            "Episodes": [{"CHILD": "2", "DECOM": "01/01/2020"}],
            "OC3": [{"CHILD": "1", "IN_TOUCH": "YES"}, {"CHILD": "3"}, {"CHILD": "4", "IN_TOUCH": "YES"}],
        },
        {"Header": [0]},
    ),
    (
        "1000",
        {
            "Episodes": [{"CHILD": "1", "REC": "E2"}, {"CHILD": "2", "REC": "E8"}],
            "Episodes_last": [{"CHILD": "3", "REC": "E2"}],
            "OC3": [{"CHILD": "1"}, {"CHILD": "2"}, {"CHILD": "3"}],
        },
        {"OC3": [0, 2]},
    ),
    (
        "1007",
        {
            "Episodes": [
                {"CHILD": "1", "DECOM": "01/01/2020", "DEC": "01/09/2025"},
                {"CHILD": "2", "DECOM": "01/01/2020", "DEC": "01/03/2025"},
                {"CHILD": "3", "DECOM": "01/01/2020"},
                {"CHILD": "4", "DECOM": "01/01/2020", "DEC": "01/09/2025"},
            ],
            "OC3": [
                {"CHILD": "1", "DOB": "01/06/2008", "IN_TOUCH": "YES"},
                {"CHILD": "2", "DOB": "01/06/2008", "IN_TOUCH": "YES"},
                {"CHILD": "3", "DOB": "01/06/2008", "IN_TOUCH": "YES"},
                {"CHILD": "4", "DOB": "01/06/2000", "IN_TOUCH": "YES"},
            ],
        },
        {"OC3": [0]},
    ),
    (
        "1011",
        {
            "Episodes": [
                {"CHILD": "1", "DECOM": "01/01/2020", "REC": "E3"},
                {"CHILD": "2", "DECOM": "01/01/2020", "REC": "E3"},
                {"CHILD": "2", "DECOM": "01/01/2021", "REC": "E8"},
            ],
            "OC3": [{"CHILD": "1", "IN_TOUCH": "YES"}, {"CHILD": "2", "IN_TOUCH": "YES"}, {"CHILD": "1"}],
        },
        {"OC3": [0]},
    ),
    (
        "1014",
        {
            "Episodes": [
                {"CHILD": "1", "DECOM": "01/01/2015", "DEC": "01/01/2016"},
                {"CHILD": "2", "DECOM": "01/01/2020"},
            ],
            "UASC": [{"CHILD": "1"}, {"CHILD": "2"}],
            "OC3": [{"CHILD": "1", "IN_TOUCH": "YES"}, {"CHILD": "2", "IN_TOUCH": "YES"}],
        },
        {"UASC": [0], "OC3": [0]},
    ),
    (
        "1016",
        {
            "Episodes": [
                {"CHILD": "1", "DECOM": "01/01/2020", "DEC": "01/09/2025"},
                {"CHILD": "2", "DECOM": "01/01/2020", "DEC": "01/03/2025"},
                {"CHILD": "3", "DECOM": "01/01/2020", "DEC": "01/09/2025"},
                {"CHILD": "4", "DECOM": "01/01/2020", "DEC": "01/09/2025"},
            ],
            "OC3": [
                {"CHILD": "1", "DOB": "01/06/2008", "IN_TOUCH": "YES"},
                {"CHILD": "2", "DOB": "01/06/2008", "IN_TOUCH": "YES"},
                {"CHILD": "3", "DOB": "01/06/2007", "IN_TOUCH": "YES"},
                {"CHILD": "4", "DOB": "01/06/2010", "IN_TOUCH": "YES"},
            ],
        },
        {"OC3": [0, 2]},
    ),
]

CODES = sorted({code for code, _, _ in CASES})


@pytest.mark.parametrize(("code", "tables", "expected"), CASES, ids=[c[0] for c in CASES])
def test_a_rule_flags_the_rows_at_fault_and_passes_the_rest(code, tables, expected):
    assert flagged(code, **tables) == expected


def test_a_child_who_left_care_during_the_year_is_not_looked_after_continuously():
    left = {"CHILD": "3", "DECOM": "01/01/2020", "RNE": "S", "LS": "C2", "DEC": "01/10/2025", "REC": "E8"}
    moved = {**left, "CHILD": "4", "REC": "X1"}
    collection = collection_from_rows({"Episodes": [LOOKED_AFTER, NEW, left, moved]}, year=2026)
    cla = dict(outcomes.continuously_looked_after(validation.Tables(collection)).iter_rows())
    assert cla == {"1": True, "2": False, "3": False, "4": True}


DATES = st.sampled_from(
    ["01/04/2025", "29/02/2008", "31/03/2026", "01/06/2010", "15/09/2019", "31/02/2020", "X"]
)
CHILDREN = st.sampled_from(["1", "2", "3"])


def _value(options):
    return st.one_of(st.none(), st.sampled_from(sorted(options)), st.text(max_size=3))


def _rows(columns):
    return st.lists(st.fixed_dictionaries(columns), max_size=6)


TABLES = st.fixed_dictionaries(
    {
        "Header": _rows(
            {"CHILD": CHILDREN, "DOB": DATES, "SEX": _value({"M", "F"}), "MOTHER": _value({"0", "1"})}
        ),
        "Episodes": _rows(
            {
                "CHILD": CHILDREN,
                "DECOM": DATES,
                "DEC": st.one_of(st.none(), DATES),
                "RNE": _value(codes.REASON_NEW_EPISODE(2026)),
                "LS": _value(codes.LEGAL_STATUS(2026)),
                "REC": _value(codes.REASON_EPISODE_CEASED(2026)),
            }
        ),
        "Episodes_last": _rows({"CHILD": CHILDREN, "REC": _value({"E2", "E3"})}),
        "UASC": _rows({"CHILD": CHILDREN}),
        "OC2": _rows(
            {
                "CHILD": CHILDREN,
                "DOB": DATES,
                "SDQ_SCORE": _value({"0", "12", "40", "41"}),
                "SDQ_REASON": _value(codes.SDQ_REASON(2026)),
                **{column: _value({"0", "1"}) for column in outcomes.OC2_TWELVE_MONTHS},
            }
        ),
        "OC3": _rows(
            {
                "CHILD": CHILDREN,
                "DOB": DATES,
                "IN_TOUCH": _value(codes.IN_TOUCH(2026)),
                "ACTIV": _value(codes.ACTIVITY(2026)),
                "ACCOM": _value(codes.ACCOMMODATION(2026)),
            }
        ),
        "OC3_last": _rows({"CHILD": CHILDREN, "IN_TOUCH": _value(codes.IN_TOUCH(2026))}),
    }
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TABLES)
def test_no_rule_fails_on_any_rows_and_each_flag_is_a_row_of_its_table(tables):
    runs_cleanly(CODES, tables)
