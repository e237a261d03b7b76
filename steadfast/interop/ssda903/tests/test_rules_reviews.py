"""The Department's rules about the Reviews table: each case gives the rows of the tables a rule
reads and the rows it finds fault in, by table (the first row of a table is 0)."""

import pytest
from hypothesis import HealthCheck, given, settings

from .helpers import flagged, runs_cleanly, tables_of

CASES = [
    # 166: the review date must be a real date.
    (
        "166",
        {"Reviews": [{"REVIEW": "01/05/2025"}, {"REVIEW": "31/02/2025"}, {"REVIEW": None}]},
        {"Reviews": [1, 2]},
    ),
    # 167: a dated review has a known participation code; an undated row has none.
    (
        "167",
        {
            "Reviews": [
                {"REVIEW": "01/05/2025", "REVIEW_CODE": "PN1"},
                {"REVIEW": "01/05/2025", "REVIEW_CODE": "PN9"},
                {"REVIEW": None, "REVIEW_CODE": None},
                {"REVIEW": None, "REVIEW_CODE": "PN1"},
                {"REVIEW": "01/05/2025", "REVIEW_CODE": None},
            ]
        },
        {"Reviews": [1, 3, 4]},
    ),
    # 440: PN0 is for a child under 4 at the review.
    (
        "440",
        {
            "Reviews": [
                {"DOB": "01/05/2021", "REVIEW": "01/05/2025", "REVIEW_CODE": "PN0"},
                {"DOB": "01/05/2021", "REVIEW": "02/05/2025", "REVIEW_CODE": "PN0"},
                {"DOB": "01/05/2021", "REVIEW": "02/05/2025", "REVIEW_CODE": "PN1"},
            ]
        },
        {"Reviews": [1]},
    ),
    # 441: PN1 to PN7 are for a child of 4 or over at the review.
    (
        "441",
        {
            "Reviews": [
                {"DOB": "01/05/2021", "REVIEW": "01/05/2025", "REVIEW_CODE": "PN3"},
                {"DOB": "01/05/2021", "REVIEW": "30/04/2025", "REVIEW_CODE": "PN3"},
                {"DOB": "01/05/2021", "REVIEW": "30/04/2025", "REVIEW_CODE": "PN0"},
                {"DOB": None, "REVIEW": "30/04/2025", "REVIEW_CODE": "PN3"},
            ]
        },
        {"Reviews": [1]},
    ),
    # 399: a child whose every episode is a short break has no mother or review fields.
    (
        "399",
        {
            "Header": [
                {"CHILD": "1", "MOTHER": None},
                {"CHILD": "2", "MOTHER": "0"},
                {"CHILD": "3", "MOTHER": "1"},
            ],
            "Episodes": [
                {"CHILD": "1", "LS": "V3"},
                {"CHILD": "2", "LS": "V4"},
                {"CHILD": "3", "LS": "V3"},
                {"CHILD": "3", "LS": "C2"},
            ],
            "Reviews": [
                {"CHILD": "1", "REVIEW": None, "REVIEW_CODE": None},
                {"CHILD": "2", "REVIEW": None, "REVIEW_CODE": None},
                {"CHILD": "3", "REVIEW": "01/05/2025", "REVIEW_CODE": "PN1"},
            ],
        },
        {"Episodes": [1], "Header": [1], "Reviews": [1]},
    ),
    (
        "399",
        {
            "Header": [{"CHILD": "1", "MOTHER": None}],
            "Episodes": [{"CHILD": "1", "LS": "V3"}],
            "Reviews": [
                {"CHILD": "1", "REVIEW": "01/05/2025", "REVIEW_CODE": None},
                {"CHILD": "1", "REVIEW": None, "REVIEW_CODE": None},
            ],
        },
        {"Episodes": [0], "Header": [0], "Reviews": [0]},
    ),
    # INT08: every child in Reviews is in the Header.
    (
        "INT08",
        {"Header": [{"CHILD": "1"}], "Reviews": [{"CHILD": "1"}, {"CHILD": "2"}]},
        {"Reviews": [1]},
    ),
    # INT17: the date of birth in Reviews is the Header's (when both are known).
    (
        "INT17",
        {
            "Header": [{"CHILD": "1", "DOB": "01/05/2015"}, {"CHILD": "2", "DOB": None}],
            "Reviews": [
                {"CHILD": "1", "DOB": "01/05/2015"},
                {"CHILD": "1", "DOB": "02/05/2015"},
                {"CHILD": "2", "DOB": "02/05/2015"},
                {"CHILD": "3", "DOB": "02/05/2015"},
            ],
        },
        {"Reviews": [1]},
    ),
]

CODES = sorted({code for code, _, _ in CASES})


@pytest.mark.parametrize(("code", "tables", "expected"), CASES, ids=[case[0] for case in CASES])
def test_a_rule_flags_the_rows_at_fault_and_only_those(code, tables, expected):
    assert flagged(code, **tables) == expected


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(tables_of("Header", "Episodes", "Reviews"))
def test_the_review_rules_run_on_any_rows(tables):
    runs_cleanly(CODES, tables)
