"""Pieces the validation rules share: conditions over the prepared tables, and the rows they
pick out. A comparison with a missing value (a blank, or a date that is not real) counts as false,
as a comparison with pandas' missing values does in the Department's validator."""

from collections.abc import Iterable

import polars as pl

from .reading import ROW
from .validation import Tables


def true(condition: pl.Expr) -> pl.Expr:
    """`condition`, with missing counting as false."""
    return condition.fill_null(False)


def is_one_of(column: str, values: Iterable[str]) -> pl.Expr:
    """The column holds one of `values`; a blank is in no list."""
    return pl.col(column).is_in(list(values)).fill_null(False)


def coded_but_not_in(column: str, values: Iterable[str]) -> pl.Expr:
    """A code is given and is not one of `values`."""
    return pl.col(column).is_not_null() & ~is_one_of(column, values)


def not_a_date(column: str) -> pl.Expr:
    """Something is written in the date column `column`, and it is not a real dd/mm/yyyy date."""
    return pl.col(column).is_not_null() & pl.col(f"{column}:date").is_null()


def any_given(columns: Iterable[str]) -> pl.Expr:
    return pl.any_horizontal(pl.col(c).is_not_null() for c in columns)


def any_blank(columns: Iterable[str]) -> pl.Expr:
    return pl.any_horizontal(pl.col(c).is_null() for c in columns)


def rows(frame: pl.DataFrame, fault: pl.Expr, column: str = ROW) -> pl.Series:
    """The `column` (by default `ROW`) of each row of `frame` at `fault`."""
    return frame.filter(true(fault))[column].drop_nulls()


def continuously_looked_after(t: Tables) -> pl.DataFrame:
    """CHILD and CLA (true or false) for each child of the Episodes table: looked after
    continuously through the collection year, as the Department's validator reckons it. That is,
    with an episode open during the year, and none that starts a period of care after the year's
    first day, ends one (other than by X1) before its last day, or is a V3 or V4 short break during
    the year."""
    start, end = pl.lit(t.start), pl.lit(t.end)
    began, ended = pl.col("DECOM:date"), pl.col("DEC:date")
    during = true(began <= end) & (true(ended >= start) | ended.is_null())
    enters = true((pl.col("RNE") == "S") & (began > start) & (began <= end))
    leaves = pl.col("REC").ne_missing("X1") & true((ended >= start) & (ended < end))
    short_break = is_one_of("LS", ("V3", "V4")) & during
    return (
        t["Episodes"]
        .filter(pl.col("CHILD").is_not_null())
        .group_by("CHILD")
        .agg((during.any() & ~(enters | leaves | short_break).any()).alias("CLA"))
    )


def differs(left: pl.Expr, right: pl.Expr) -> pl.Expr:
    """Different, a missing value on either side counting as different."""
    return (left != right).fill_null(True)


def same(left: pl.Expr, right: pl.Expr) -> pl.Expr:
    """Equal, a missing value on either side counting as not equal."""
    return (left == right).fill_null(False)
