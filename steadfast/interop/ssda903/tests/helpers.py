"""Running one rule over tables given as rows, and random rows of any tables, for the rules'
tests."""

import datetime
from collections.abc import Mapping, Sequence

from hypothesis import strategies as st

from steadfast.interop.ssda903 import codes, tables
from steadfast.interop.ssda903.reading import collection_from_rows
from steadfast.interop.ssda903.validation import validate


def flagged(
    code: str, *, year: int = 2026, **tables: Sequence[Mapping[str, str | None]]
) -> dict[str, list[int]]:
    """The rows (from 0, by table) rule `code` finds fault in among `tables`, each a list of rows
    giving only the columns the test is about. Fails if the rule did not run."""
    report = validate(collection_from_rows(tables, year=year), codes=[code])
    assert report.ran == (code,), f"rule {code} did not run for {year}"
    found: dict[str, list[int]] = {}
    for table, row in report.problems.select("table", "ROW").iter_rows():
        found.setdefault(table, []).append(row)
    return {table: sorted(rows) for table, rows in found.items()}


def _codes_in_lists() -> list[str]:
    lists = [
        codes.SEX,
        codes.ETHNICITY,
        codes.REASON_NEW_EPISODE,
        codes.LEGAL_STATUS,
        codes.PLACEMENT_TYPE,
        codes.REASON_EPISODE_CEASED,
        codes.REASON_PLACE_CHANGE,
        codes.REVIEW_PARTICIPATION,
        codes.MISSING_TYPE,
    ]
    return sorted({value for each in lists for value in each(2026)} | {"UN4", "0", "1"})


_DATES = st.one_of(
    st.dates(datetime.date(2000, 1, 1), datetime.date(2027, 12, 31)).map(lambda d: d.strftime("%d/%m/%Y")),
    st.sampled_from(["31/02/2025", "29/02/2024", "2025-04-01", "1/4/25", "00/00/0000"]),
)
_VALUES = st.one_of(st.sampled_from(_codes_in_lists()), st.text(max_size=4))


def _value(column: str) -> st.SearchStrategy[str | None]:
    if column == "CHILD":
        value = st.sampled_from(["1", "2", "3"])
    elif column in tables.DATE_COLUMNS:
        value = _DATES
    else:
        value = _VALUES
    return st.one_of(st.none(), value)


def tables_of(*names: str) -> st.SearchStrategy[dict[str, list[dict[str, str | None]]]]:
    """Random rows of the tables `names`, as the 2025/26 return lays them out."""
    layout = tables.tables_for(2026)
    rows = {
        name: st.lists(st.fixed_dictionaries({column: _value(column) for column in layout[name]}), max_size=6)
        for name in names
    }
    return st.fixed_dictionaries(rows)


def runs_cleanly(rule_codes: list[str], rows: dict[str, list[dict[str, str | None]]]) -> None:
    """Every rule of `rule_codes` runs over `rows`, and each row it flags is a row of its table."""
    collection = collection_from_rows(rows, year=2026)
    report = validate(collection, codes=rule_codes)
    assert sorted(report.ran) == sorted(rule_codes)
    for table, row in report.problems.select("table", "ROW").iter_rows():
        assert row < collection.tables[table].height
