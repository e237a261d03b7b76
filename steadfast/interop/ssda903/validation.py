"""The Department for Education's validation rules for the SSDA903 return, and running them.

Each rule is one small function over the year's tables (Polars frames, as `reading` gives them)
that returns, for each table it finds fault in, the `ROW` of every row at fault. A rule names the
collection years it applies to (`since`, `until`): a rule the Department changes in a year is a
new function from that year, and the old one gets an `until`, so a new year adds and edits
nothing. The rules live in the modules of `rules/`, by the table they are mostly about.

`validate` runs every rule of the collection's year whose tables are all present and gives the
rows at fault, one problem per rule, table and row; `problem_rows` turns them into what a person
reads: the file, the line, the columns, the values there and the Department's message.
"""

import datetime
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field

import polars as pl

from .reading import LAST, ROW, Collection

Flags = Mapping[str, pl.Series | Sequence[int]]
"""For each table a rule finds fault in, the `ROW` of each row at fault."""


class Tables:
    """What a rule reads: the collection's tables by name, and its year's first and last days."""

    def __init__(self, collection: Collection) -> None:
        self._tables = collection.tables
        self.year = collection.year
        self.start = datetime.date(collection.year - 1, 4, 1)
        self.end = datetime.date(collection.year, 3, 31)

    def __getitem__(self, name: str) -> pl.DataFrame:
        return self._tables[name]

    def __contains__(self, name: str) -> bool:
        return name in self._tables


@dataclass(frozen=True)
class Rule:
    code: str
    message: str
    fields: Mapping[str, tuple[str, ...]]
    """The columns the rule is about, by table: what the report points to."""
    check: Callable[[Tables], Flags]
    since: int
    until: int | None
    needs: tuple[str, ...]
    """The tables that must all be present for the rule to run."""

    def applies_in(self, year: int) -> bool:
        return self.since <= year and (self.until is None or year <= self.until)


_RULES: list[Rule] = []

FIRST_YEAR = 2026
"""The first collection year whose rules are kept: 2025/26."""


def rule(
    code: str,
    message: str,
    *,
    fields: Mapping[str, Iterable[str]],
    since: int = FIRST_YEAR,
    until: int | None = None,
    needs: Iterable[str] | None = None,
) -> Callable[[Callable[[Tables], Flags]], Callable[[Tables], Flags]]:
    """Register the decorated function as the Department's rule `code` for the collection years
    `since` to `until` (both included; None for no end). It runs only when every table of
    `needs` (by default, the tables of `fields`) is present."""

    def register(check: Callable[[Tables], Flags]) -> Callable[[Tables], Flags]:
        _RULES.append(
            Rule(
                code=code,
                message=message,
                fields={table: tuple(columns) for table, columns in fields.items()},
                check=check,
                since=since,
                until=until,
                needs=tuple(needs if needs is not None else fields),
            )
        )
        return check

    return register


def rules_for(year: int) -> list[Rule]:
    """The rules of the collection year ending 31 March `year`, in code order; each code at most
    once."""
    from . import rules  # noqa: F401  (registers every rule)

    applying = [r for r in _RULES if r.applies_in(year)]
    codes = [r.code for r in applying]
    repeated = {code for code in codes if codes.count(code) > 1}
    if repeated:
        raise RuntimeError(f"Rules registered twice for {year}: {sorted(repeated)}")
    return sorted(applying, key=lambda r: _code_order(r.code))


def _code_order(code: str) -> tuple[int, str]:
    digits = "".join(c for c in code if c.isdigit())
    return (int(digits) if digits and code[0].isdigit() else 1_000_000, code)


def rule_named(code: str, *, year: int) -> Rule:
    return next(r for r in rules_for(year) if r.code == code)


PROBLEM_SCHEMA = {"code": pl.String, "table": pl.String, ROW: pl.UInt32}


@dataclass(frozen=True)
class Report:
    """What `validate` found: one row of `problems` for each rule, table and row at fault."""

    year: int
    problems: pl.DataFrame
    ran: tuple[str, ...]
    skipped: tuple[str, ...]
    """The rules that did not run because a table they need is not in the collection."""
    rules: Mapping[str, Rule] = field(repr=False)

    def summary(self) -> pl.DataFrame:
        """Problems by rule and table: code, message, table, rows."""
        counts = self.problems.group_by("code", "table").agg(pl.len().alias("rows"))
        messages = pl.DataFrame(
            {"code": list(self.rules), "message": [r.message for r in self.rules.values()]},
            schema={"code": pl.String, "message": pl.String},
        )
        return (
            counts.join(messages, on="code", how="left")
            .select("code", "message", "table", "rows")
            .sort("code", "table")
        )


def _rows(flagged: pl.Series | Sequence[int]) -> pl.Series:
    return pl.Series(ROW, flagged, dtype=pl.UInt32).drop_nulls().unique()


def validate(
    collection: Collection,
    *,
    progress: Callable[[Rule], None] | None = None,
    codes: Iterable[str] | None = None,
) -> Report:
    """Run the rules of the collection's year (or only those of `codes`) over its tables.
    `progress` is told of each rule as it finishes."""
    tables = Tables(collection)
    chosen = set(codes) if codes is not None else None
    applying = [r for r in rules_for(collection.year) if chosen is None or r.code in chosen]
    ran: list[str] = []
    skipped: list[str] = []
    found: list[pl.DataFrame] = []
    for each in applying:
        if all(name in tables for name in each.needs):
            for table, flagged in each.check(tables).items():
                rows = _rows(flagged)
                if len(rows):
                    found.append(
                        pl.DataFrame({"code": each.code, "table": table, ROW: rows}, schema=PROBLEM_SCHEMA)
                    )
            ran.append(each.code)
        else:
            skipped.append(each.code)
        if progress is not None:
            progress(each)
    problems = pl.concat(found).sort(ROW) if found else pl.DataFrame(schema=PROBLEM_SCHEMA)
    return Report(
        year=collection.year,
        problems=problems,
        ran=tuple(ran),
        skipped=tuple(skipped),
        rules={r.code: r for r in applying},
    )


@dataclass(frozen=True, slots=True)
class ProblemRow:
    """One problem as a person reads it."""

    code: str
    file: str
    line: int
    columns: str
    values: str
    message: str


def problem_rows(report: Report, collection: Collection) -> Iterator[ProblemRow]:
    """Each problem with its file, its line in the file (the heading is line 1), the columns the
    rule is about, the values in them on that line, and the Department's message."""
    for (code, table), group in report.problems.group_by("code", "table", maintain_order=True):
        rule_ = report.rules[str(code)]
        columns = [c for c in rule_.fields.get(str(table), ()) if c in collection.tables[str(table)].columns]
        rows = collection.tables[str(table)].join(group.select(ROW), on=ROW, how="semi").select(ROW, *columns)
        for values in rows.iter_rows(named=True):
            yield ProblemRow(
                code=rule_.code,
                file=collection.files[str(table)],
                line=values[ROW] + 2,
                columns=", ".join(columns),
                values=", ".join(
                    f"{c}: {values[c] if values[c] is not None else '(blank)'}" for c in columns
                ),
                message=rule_.message,
            )


def last(name: str) -> str:
    """The name of the previous year's table `name`."""
    return name + LAST
