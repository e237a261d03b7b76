"""Running one rule over tables given as rows, for the rules' tests."""

from collections.abc import Mapping, Sequence

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
