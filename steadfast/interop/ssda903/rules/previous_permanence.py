"""Rules about the PrevPerm table: the permanence (adoption, special guardianship, a child
arrangements order) a child had before the period of care that began this year.

Where the Department's validator joins tables on the child, a missing child matches a missing
child, as a pandas merge does; where it groups by the child, a row without a child takes no part.
"""

import polars as pl

from .. import codes, tables
from ..expressions import true
from ..reading import ROW
from ..validation import Flags, Tables, rule

PERMANENCE_DETAILS = ("PREV_PERM", "LA_PERM", "DATE_PERM")

_DATE_SHAPE = r"^\d{1,2}/\d{1,2}/\d{4}$"


def _date_of_order() -> pl.Expr:
    """DATE_PERM as a date, where the day, the month or the year may be written ZZ, ZZ or ZZZZ
    when not known: as the Department's validator reads it, the latest day the date could be (an
    unknown day is the month's last; an unknown month the day before the same day a year after
    January's); missing when it cannot be read."""
    parts = pl.col("DATE_PERM").str.split("/")
    day, month, year = (parts.list.get(i, null_on_oob=True) for i in range(3))

    def known(part: pl.Expr) -> pl.Expr:
        return (
            pl.when(part == "ZZ").then(pl.lit("01")).when(part == "ZZZZ").then(pl.lit("2000")).otherwise(part)
        )

    text = pl.concat_str([known(day), known(month), known(year)], separator="/")
    read = (
        pl.when((parts.list.len() == 3) & text.str.contains(_DATE_SHAPE))
        .then(text.str.strptime(pl.Date, tables.DATE_FORMAT, strict=False))
        .otherwise(None)
    )
    return (
        pl.when(month == "ZZ")
        .then(read.dt.offset_by("1y").dt.offset_by("-1d"))
        .when(day == "ZZ")
        .then(read.dt.offset_by("1mo").dt.offset_by("-1d"))
        .otherwise(read)
    )


@rule(
    "630",
    "Information on previous permanence option should be returned.",
    fields={"Episodes": ["RNE"]},
    needs=["Episodes", "PrevPerm"],
)
def child_starting_care_has_previous_permanence(t: Tables) -> Flags:
    starts = t["Episodes"].filter(true(pl.col("RNE") == "S") & true(pl.col("DECOM:date") >= t.start))
    joined = starts.select("CHILD", ROW).join(
        t["PrevPerm"].select("CHILD", *PERMANENCE_DETAILS), on="CHILD", how="left", nulls_equal=True
    )
    # No PrevPerm row at all leaves PREV_PERM missing too.
    option = pl.col("PREV_PERM")
    fault = option.is_null() | (
        option.ne_missing("Z1") & (pl.col("LA_PERM").is_null() | pl.col("DATE_PERM").is_null())
    )
    return {"Episodes": joined.filter(fault)[ROW]}


@rule("631", "Previous permanence option not a valid value.", fields={"PrevPerm": ["PREV_PERM"]})
def previous_permanence_code_is_valid(t: Tables) -> Flags:
    option = pl.col("PREV_PERM")
    fault = option.is_not_null() & ~option.is_in(list(codes.PREVIOUS_PERMANENCE(t.year))).fill_null(False)
    return {"PrevPerm": t["PrevPerm"].filter(fault)[ROW]}


@rule(
    "632",
    "Date of previous permanence order not a valid value. NOTE: This rule may result in false negatives "
    "where the period of care started before the current collection year",
    fields={"PrevPerm": ["DATE_PERM"], "Episodes": ["DECOM"]},
)
def date_of_previous_order_is_valid_and_before_care(t: Tables) -> Flags:
    # Each child's first episode, the first in the file among equal starts.
    dated = t["Episodes"].filter(pl.col("CHILD").is_not_null() & pl.col("DECOM:date").is_not_null())
    first_rows = dated.group_by("CHILD").agg(pl.col(ROW).get(pl.col("DECOM:date").arg_min()))
    first = dated.join(first_rows.select(ROW), on=ROW, how="semi").select("CHILD", "DECOM:date", ROW)
    orders = t["PrevPerm"].select("CHILD", "DATE_PERM", _date_of_order().alias("ordered"), ROW)
    joined = first.join(orders, on="CHILD", suffix="_pp")
    fault = true(pl.col("ordered") >= pl.col("DECOM:date")) | (
        pl.col("DATE_PERM").is_not_null() & pl.col("ordered").is_null()
    )
    return {"Episodes": joined.filter(fault)[ROW], "PrevPerm": joined.filter(fault)[f"{ROW}_pp"]}


@rule(
    "633",
    "Local authority code where previous permanence option was arranged is not a valid value.",
    fields={"PrevPerm": ["LA_PERM"]},
)
def local_authority_of_previous_permanence_is_valid(t: Tables) -> Flags:
    authority = pl.col("LA_PERM")
    known = authority.is_in(list(codes.PERMANENCE_LOCAL_AUTHORITY(t.year))).fill_null(False)
    return {"PrevPerm": t["PrevPerm"].filter(authority.is_not_null() & ~known)[ROW]}


@rule(
    "634",
    "There are entries for previous permanence options, but child has not started to be looked after from 1 "
    "April 2016 onwards.",
    fields={"PrevPerm": ["LA_PERM", "PREV_PERM", "DATE_PERM"], "Episodes": ["DECOM"]},
)
def previous_permanence_is_for_a_child_in_care_this_year(t: Tables) -> Flags:
    # Every episode of a child whose latest episode began before the year is at fault with the
    # child's PrevPerm row.
    episodes = t["Episodes"].filter(pl.col("CHILD").is_not_null())
    last_began = episodes.group_by("CHILD").agg(pl.col("DECOM:date").max().alias("last_began"))
    before_year = last_began.filter(true(pl.col("last_began") < t.start)).select("CHILD")
    given = t["PrevPerm"].filter(pl.any_horizontal(pl.col(c).is_not_null() for c in PERMANENCE_DETAILS))
    prev_perm = given.join(before_year, on="CHILD", how="semi")
    return {
        "Episodes": episodes.join(prev_perm.select("CHILD"), on="CHILD", how="semi")[ROW],
        "PrevPerm": prev_perm[ROW],
    }


@rule(
    "635",
    "There are entries for date of order and local authority code where previous permanence option was "
    "arranged but previous permanence code is Z1",
    fields={"PrevPerm": ["LA_PERM", "DATE_PERM", "PREV_PERM"]},
)
def previous_permanence_details_have_an_option(t: Tables) -> Flags:
    fault = (pl.col("LA_PERM").is_not_null() | pl.col("DATE_PERM").is_not_null()) & pl.col(
        "PREV_PERM"
    ).is_null()
    return {"PrevPerm": t["PrevPerm"].filter(fault)[ROW]}


@rule(
    "INT07",
    "Internal Check: Child in PrevPerm does not exist in Header.",
    fields={"PrevPerm": ["CHILD"]},
    needs=["PrevPerm", "Header"],
)
def child_with_previous_permanence_is_in_header(t: Tables) -> Flags:
    unknown = t["PrevPerm"].join(t["Header"].select("CHILD"), on="CHILD", how="anti", nulls_equal=True)
    return {"PrevPerm": unknown[ROW]}


@rule(
    "INT16",
    "Internal Check: DOB in PrevPerm is different to DOB in Header.",
    fields={"PrevPerm": ["DOB"], "Header": ["DOB"]},
)
def birth_of_child_with_previous_permanence_agrees_with_header(t: Tables) -> Flags:
    header = t["Header"].select("CHILD", pl.col("DOB:date").alias("born"))
    joined = t["PrevPerm"].join(header, on="CHILD", nulls_equal=True)
    return {"PrevPerm": joined.filter(true(pl.col("DOB:date") != pl.col("born")))[ROW]}


@rule("INT35", "Internal Check: Child should only exist once in PrevPerm.", fields={"PrevPerm": ["CHILD"]})
def child_is_once_in_previous_permanence(t: Tables) -> Flags:
    fault = pl.col("CHILD").is_not_null() & (pl.len().over("CHILD") > 1)
    return {"PrevPerm": t["PrevPerm"].filter(fault)[ROW]}
