"""The Department's rules on the Header and UASC tables: each flags the rows the sector's
validator flags on the same data, and none fails on any rows."""

import datetime

import polars as pl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from steadfast.interop.ssda903 import codes
from steadfast.interop.ssda903.reading import Collection, collection_from_rows
from steadfast.interop.ssda903.tests.helpers import flagged
from steadfast.interop.ssda903.validation import Tables, rule_named, rules_for, validate


def header(**columns):
    """Header rows from columns of values, one value a row."""
    length = len(next(iter(columns.values())))
    return [{name: values[i] for name, values in columns.items()} for i in range(length)]


CASES = [
    ("101", {"Header": header(SEX=["M", "F", "U", "1", "X", None])}, {"Header": [3, 4, 5]}),
    ("102", {"Header": header(DOB=["01/02/2015", "31/02/2015", "2015-02-01", None])}, {"Header": [1, 2, 3]}),
    ("103", {"Header": header(ETHNIC=["WBRI", "XXX", None])}, {"Header": [1, 2]}),
    (
        "168",
        {
            "Header": header(
                UPN=["A123456789012", "B12345678901C", "I123456789012", "UN3", "UN6", "A12", None]
            )
        },
        {"Header": [2, 4, 5]},
    ),
    ("171", {"Header": header(MC_DOB=["01/02/2024", "30/02/2024", None])}, {"Header": [1]}),
    (
        "174",
        {"Header": header(SEX=["M", "F", "M"], MC_DOB=["01/02/2024", "01/02/2024", None])},
        {"Header": [0]},
    ),
    (
        "209",
        {
            "Header": header(
                UPN=["UN1", "UN1", "UN2", "UN1"], DOB=["31/08/2020", "01/09/2020", "01/01/2015", None]
            )
        },
        {"Header": [0]},
    ),
    (
        "231",
        {
            "Header": header(CHILD=["1", "2", "3"], DOB=["01/04/2015", "31/03/2015", "01/04/2015"]),
            "UASC": [{"CHILD": "1"}, {"CHILD": "2"}],
        },
        {"Header": [0]},
    ),
    ("232", {"Header": header(SEX=["U", "M", None])}, {"Header": [0]}),
    ("301", {"Header": header(DOB=["31/03/2026", "01/04/2026", None])}, {"Header": [1]}),
    ("351", {"Header": header(DOB=["01/04/2000", "31/03/2000", "29/02/2000", None])}, {"Header": [1, 2]}),
    (
        "444",
        {"Header": header(UPN=["A123456789012", "A123456789012", "UN1", "UN1", "B123456789012", None, None])},
        {"Header": [0, 1]},
    ),
    ("611", {"Header": header(MOTHER=["1", "1", "0"], MC_DOB=[None, "01/02/2024", None])}, {"Header": [0]}),
    (
        "612",
        {
            "Header": header(
                MOTHER=["0", None, "1", "0", "0"],
                SEX=["F", "F", "F", "M", "F"],
                MC_DOB=["01/02/2024", "01/02/2024", "01/02/2024", "01/02/2024", None],
            )
        },
        {"Header": [0, 1]},
    ),
    (
        "620",
        {"Header": header(MOTHER=["1", "1", "0", "1"], DOB=["02/04/2014", "01/04/2014", "01/04/2020", None])},
        {"Header": [0]},
    ),
    (
        "621",
        {
            "Header": header(
                DOB=["01/01/2008", "01/01/2008", "01/01/2008", None, "01/01/2008"],
                MC_DOB=["01/01/2024", "01/01/2008", "01/01/2000", "01/01/2024", None],
            )
        },
        {"Header": [1, 2, 3]},
    ),
    (
        "EPI",
        {"Header": header(CHILD=["1", "2", "3"]), "Episodes": [{"CHILD": "1"}], "OC3": [{"CHILD": "2"}]},
        {"Header": [2]},
    ),
    ("EPI", {"Header": header(CHILD=["1", "2"]), "Episodes": [{"CHILD": "1"}]}, {"Header": [1]}),
    ("INT32", {"Header": header(CHILD=["1", "2", "1", None, None])}, {"Header": [0, 2]}),
    (
        "104",
        {"UASC": [{"DUC": "01/04/2025"}, {"DUC": "31/03/2025"}, {"DUC": "32/01/2026"}, {"DUC": None}]},
        {"UASC": [1, 2]},
    ),
    (
        "303",
        {
            "Header": header(CHILD=["1", "2"]),
            "UASC": [{"CHILD": "1", "DUC": "01/05/2025"}, {"CHILD": "3", "DUC": "01/05/2025"}],
        },
        {},
    ),
    (
        "304",
        {
            "UASC": [
                {"DOB": "01/05/2007", "DUC": "01/05/2025"},
                {"DOB": "01/05/2007", "DUC": "02/05/2025"},
                {"DOB": None, "DUC": "02/05/2025"},
            ]
        },
        {"UASC": [1]},
    ),
    (
        "INT09",
        {"Header": header(CHILD=["1", "2"]), "UASC": [{"CHILD": "1"}, {"CHILD": "3"}]},
        {"UASC": [1]},
    ),
    (
        "INT18",
        {
            "Header": header(CHILD=["1", "2", "3"], DOB=["01/05/2010", "01/05/2010", "01/05/2010"]),
            "UASC": [
                {"CHILD": "1", "DOB": "01/05/2010"},
                {"CHILD": "2", "DOB": "02/05/2010"},
                {"CHILD": "3", "DOB": None},
                {"CHILD": "4", "DOB": "02/05/2010"},
            ],
        },
        {"UASC": [1]},
    ),
    (
        "INT21",
        {
            "Header": header(CHILD=["1", "2", "3"], SEX=["M", "F", "F"]),
            "UASC": [{"CHILD": "1", "SEX": "M"}, {"CHILD": "2", "SEX": "M"}, {"CHILD": "3", "SEX": None}],
        },
        {"UASC": [1]},
    ),
    ("INT36", {"UASC": [{"CHILD": "1"}, {"CHILD": "2"}, {"CHILD": "1"}]}, {"UASC": [0, 2]}),
]


@pytest.mark.parametrize(("code", "tables", "expected"), CASES, ids=[case[0] for case in CASES])
def test_a_rule_flags_the_rows_the_sectors_validator_flags(code, tables, expected):
    assert flagged(code, **tables) == expected


def test_a_uasc_status_given_as_anything_but_0_or_1_is_flagged():
    # Files never give the status (it comes from the UASC table), so a Header is made with one.
    rows = collection_from_rows({"Header": header(CHILD=["1", "2", "3"])}, year=2026).tables["Header"]
    given_status = rows.with_columns(UASC=pl.Series(["1", "0", "2"]))
    tables = Tables(Collection(year=2026, tables={"Header": given_status, "UASC": rows}, files={}))

    assert list(rule_named("105", year=2026).check(tables)["Header"]) == [2]


def test_the_status_worked_out_from_the_uasc_table_is_always_valid():
    tables = {"Header": header(CHILD=["1", "2"]), "UASC": [{"CHILD": "1"}]}
    assert flagged("105", **tables) == {}


def test_a_status_ceased_for_a_child_the_header_marks_not_uasc_flags_both_rows():
    # Files never give the Header's status, so a Header is made with one that disagrees.
    made = collection_from_rows(
        {"Header": header(CHILD=["1", "2"]), "UASC": [{"CHILD": "1", "DUC": "01/05/2025"}, {"CHILD": "2"}]},
        year=2026,
    ).tables
    given_status = made["Header"].with_columns(UASC=pl.Series(["0", "0"]))
    tables = Tables(Collection(year=2026, tables={"Header": given_status, "UASC": made["UASC"]}, files={}))

    found = rule_named("303", year=2026).check(tables)

    assert (list(found["Header"]), list(found["UASC"])) == ([0], [0])


def test_an_unknown_sex_is_not_among_the_sexes_the_return_codes():
    assert codes.SEX_AS_REPORTED(2026) - codes.SEX(2026) == {"U"}


_DATES = st.one_of(
    st.none(),
    st.dates(datetime.date(1980, 1, 1), datetime.date(2027, 12, 31)).map(lambda d: d.strftime("%d/%m/%Y")),
    st.sampled_from(["31/02/2025", "29/02/2025", "2025-04-01", "XX"]),
)
_CHILD = st.sampled_from(["1", "2", "3", None])


def _code(values: frozenset[str]) -> st.SearchStrategy[str | None]:
    return st.one_of(st.none(), st.sampled_from(sorted(values)), st.text("ABUN0123456789", max_size=4))


_HEADER_ROW = st.fixed_dictionaries(
    {
        "CHILD": _CHILD,
        "SEX": _code(codes.SEX_AS_REPORTED(2026)),
        "DOB": _DATES,
        "ETHNIC": _code(codes.ETHNICITY(2026)),
        "UPN": st.one_of(_code(codes.UPN_UNKNOWN(2026)), st.sampled_from(["A123456789012", "A1234567890"])),
        "MOTHER": st.sampled_from(["0", "1", "2", None]),
        "MC_DOB": _DATES,
    }
)
_UASC_ROW = st.fixed_dictionaries(
    {"CHILD": _CHILD, "SEX": _code(codes.SEX(2026)), "DOB": _DATES, "DUC": _DATES}
)
_HEADER_CODES = sorted(
    r.code
    for r in rules_for(2026)
    if set(r.needs) <= {"Header", "UASC"} and r.check.__module__.endswith(("header", "uasc"))
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    header_rows=st.lists(_HEADER_ROW, max_size=8),
    uasc_rows=st.one_of(st.none(), st.lists(_UASC_ROW, max_size=5)),
)
def test_no_rule_fails_on_any_rows_and_each_flags_only_rows_it_was_given(header_rows, uasc_rows):
    tables = {"Header": header_rows} | ({"UASC": uasc_rows} if uasc_rows is not None else {})
    report = validate(collection_from_rows(tables, year=2026), codes=_HEADER_CODES)

    for table, rows in tables.items():
        found = report.problems.filter(pl.col("table") == table)["ROW"].to_list()
        assert all(0 <= row < len(rows) for row in found)
    assert set(report.ran) | set(report.skipped) == set(_HEADER_CODES)
