"""The Department's rules about the Missing table: each case gives the rows of the tables a rule
reads and the rows it finds fault in, by table (the first row of a table is 0)."""

import pytest
from hypothesis import HealthCheck, given, settings

from .helpers import flagged, runs_cleanly, tables_of


def period(child="1", **values):
    return {"CHILD": child, **values}


def episode(child="1", **values):
    return {"CHILD": child, **values}


CASES = [
    # 564: a period of a known type has a start date.
    (
        "564",
        {
            "Missing": [
                period(MISSING="M", MIS_START=None),
                period(MISSING="A", MIS_START="01/05/2025"),
                period(),
            ]
        },
        {"Missing": [0]},
    ),
    # 565 and 566: a period with a date has a type.
    (
        "565",
        {
            "Missing": [
                period(MISSING=None, MIS_START="01/05/2025"),
                period(MISSING="M", MIS_START="01/05/2025"),
            ]
        },
        {"Missing": [0]},
    ),
    (
        "566",
        {"Missing": [period(MISSING="A", MIS_END="01/05/2025"), period(MISSING=None, MIS_END="01/05/2025")]},
        {"Missing": [1]},
    ),
    # 567: a period ends on or after its start.
    (
        "567",
        {
            "Missing": [
                period(MIS_START="02/05/2025", MIS_END="01/05/2025"),
                period(MIS_START="01/05/2025", MIS_END="01/05/2025"),
                period(MIS_START="02/05/2025", MIS_END=None),
            ]
        },
        {"Missing": [0]},
    ),
    # 570: a period starts by the end of the year.
    ("570", {"Missing": [period(MIS_START="31/03/2026"), period(MIS_START="01/04/2026")]}, {"Missing": [1]}),
    # 571: a period ends within the year.
    (
        "571",
        {
            "Missing": [
                period(MIS_END="31/03/2025"),
                period(MIS_END="01/04/2025"),
                period(MIS_END="31/03/2026"),
                period(MIS_END="01/04/2026"),
            ]
        },
        {"Missing": [0, 3]},
    ),
    # 574: a child's periods do not overlap, and none starts while another is open.
    (
        "574",
        {
            "Missing": [
                period("1", MIS_START="01/05/2025", MIS_END="10/05/2025"),
                period("1", MIS_START="09/05/2025", MIS_END="20/05/2025"),
                period("1", MIS_START="20/05/2025", MIS_END="25/05/2025"),
                period("2", MIS_START="01/05/2025", MIS_END=None),
                period("2", MIS_START="01/06/2025", MIS_END=None),
                period("3", MIS_START="01/06/2025", MIS_END="02/06/2025"),
            ]
        },
        {"Missing": [1, 4]},
    ),
    # 575: a period that starts during an episode that has ended has an end date.
    (
        "575",
        {
            "Episodes": [
                episode(DECOM="01/04/2025", DEC="01/06/2025"),
                episode(DECOM="01/06/2025", DEC=None),
            ],
            "Missing": [
                period(MIS_START="01/05/2025", MIS_END=None),
                period(MIS_START="01/05/2025", MIS_END="02/05/2025"),
                period(MIS_START="01/07/2025", MIS_END=None),
            ],
        },
        {"Missing": [0]},
    ),
    # 577: a period ends within one of the child's periods of care, and is not open after care ended.
    (
        "577",
        {
            "Episodes": [
                episode("1", DECOM="01/04/2025", DEC="01/05/2025"),
                episode("1", DECOM="01/05/2025", DEC="01/06/2025"),
                episode("2", DECOM="01/04/2025", DEC=None),
            ],
            "Missing": [
                period("1", MIS_START="10/05/2025", MIS_END="20/05/2025"),
                period("1", MIS_START="10/05/2025", MIS_END=None),
                period("1", MIS_START="10/05/2025", MIS_END="02/06/2025"),
                period("2", MIS_START="10/05/2025", MIS_END=None),
                period("2", MIS_START="10/03/2025", MIS_END=None),
            ],
        },
        {"Missing": [1, 2, 4]},
    ),
    # 578: a period starts within one of the child's periods of care.
    (
        "578",
        {
            "Episodes": [
                episode("1", DECOM="01/04/2025", DEC="01/05/2025"),
                episode("1", DECOM="01/07/2025", DEC="01/08/2025"),
            ],
            "Missing": [
                period("1", MIS_START="01/05/2025"),
                period("1", MIS_START="02/06/2025"),
                period("1", MIS_START="31/03/2025"),
                period("1", MIS_START="15/07/2025"),
                period("2", MIS_START="15/07/2025"),
            ],
        },
        {"Missing": [1, 2]},
    ),
    # 580: a child missing when care ended at 18 left care for that reason (E8).
    (
        "580",
        {
            "Episodes": [
                episode("1", DEC="01/06/2025", REC="E2"),
                episode("2", DEC="01/06/2025", REC="E8"),
                episode("3", DEC="01/06/2025", REC="E2"),
            ],
            "Missing": [
                period("1", DOB="01/06/2007", MIS_END="01/06/2025"),
                period("2", DOB="01/06/2007", MIS_END="01/06/2025"),
                period("3", DOB="01/06/2008", MIS_END="01/06/2025"),
            ],
        },
        {"Episodes": [0]},
    ),
    # 581: a period starts during one of the child's episodes (an open one runs on).
    (
        "581",
        {
            "Episodes": [
                episode("1", DECOM="01/04/2025", DEC="01/05/2025"),
                episode("1", DECOM="01/07/2025", DEC=None),
            ],
            "Missing": [
                period("1", MIS_START="01/05/2025"),
                period("1", MIS_START="02/05/2025"),
                period("1", MIS_START="01/01/2026"),
                period("2", MIS_START="02/05/2025"),
            ],
        },
        {"Missing": [1]},
    ),
    # 586: a period starts after the child was born.
    (
        "586",
        {
            "Missing": [
                period(DOB="01/06/2015", MIS_START="01/06/2015"),
                period(DOB="01/06/2015", MIS_START="02/06/2015"),
            ]
        },
        {"Missing": [0]},
    ),
    # 1004 and 1005: the dates are real dates (an end may be blank; a start may not).
    (
        "1004",
        {"Missing": [period(MIS_START="01/05/2025"), period(MIS_START="31/02/2025"), period(MIS_START=None)]},
        {"Missing": [1, 2]},
    ),
    (
        "1005",
        {"Missing": [period(MIS_END="01/05/2025"), period(MIS_END="2025-05-01"), period(MIS_END=None)]},
        {"Missing": [1]},
    ),
    # 1006: the type is M or A.
    ("1006", {"Missing": [period(MISSING="M"), period(MISSING="X"), period(MISSING=None)]}, {"Missing": [1]}),
    # INT04: every child in Missing is in the Header.
    ("INT04", {"Header": [{"CHILD": "1"}], "Missing": [period("1"), period("2")]}, {"Missing": [1]}),
    # INT13: the date of birth in Missing is the Header's (when both are known).
    (
        "INT13",
        {
            "Header": [{"CHILD": "1", "DOB": "01/06/2015"}],
            "Missing": [period("1", DOB="01/06/2015"), period("1", DOB="02/06/2015"), period("1", DOB=None)],
        },
        {"Missing": [1]},
    ),
]

CODES = sorted({code for code, _, _ in CASES})


@pytest.mark.parametrize(("code", "tables", "expected"), CASES, ids=[case[0] for case in CASES])
def test_a_rule_flags_the_rows_at_fault_and_only_those(code, tables, expected):
    assert flagged(code, **tables) == expected


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(tables_of("Header", "Episodes", "Missing"))
def test_the_missing_rules_run_on_any_rows(rows):
    runs_cleanly(CODES, rows)
