"""Rules about the UASC table: when a child's status as an unaccompanied asylum-seeking child
ceased, and whether the table agrees with the Header."""

import polars as pl

from ..validation import Flags, Tables, rule

_ADULT_YEARS = 18


def _with_header(t: Tables, *columns: str) -> pl.DataFrame:
    """Each UASC row with every Header row of the same child (a blank CHILD matching a blank
    CHILD, as the sector's validator joins them); Header's columns end in `_header`."""
    header = t["Header"].select("CHILD", *(pl.col(c).alias(f"{c}_header") for c in columns))
    return t["UASC"].join(header, on="CHILD", how="inner", nulls_equal=True)


@rule(
    "104",
    "Date for Unaccompanied Asylum-Seeking Children (UASC) status ceased is not a valid date.",
    fields={"UASC": ["DUC"]},
)
def date_status_ceased_is_a_date_in_the_year(t: Tables) -> Flags:
    uasc = t["UASC"]
    not_a_date = pl.col("DUC").is_not_null() & pl.col("DUC:date").is_null()
    return {"UASC": uasc.filter(not_a_date | (pl.col("DUC:date") < t.start).fill_null(False))["ROW"]}


@rule(
    "303",
    "If date Unaccompanied Asylum-Seeking Child (UASC) status ceased is not null, UASC status "
    "must be coded 1.",
    fields={"UASC": ["DUC"], "Header": ["UASC"]},
)
def status_ceased_only_for_an_unaccompanied_child(t: Tables) -> Flags:
    header = t["Header"].select("CHILD", "UASC", pl.col("ROW").alias("ROW_header"))
    joined = header.join(t["UASC"].select("CHILD", "DUC", "ROW"), on="CHILD", how="inner", nulls_equal=True)
    wrong = joined.filter(pl.col("DUC").is_not_null() & (pl.col("UASC") != "1").fill_null(True))
    return {"UASC": wrong["ROW"], "Header": wrong["ROW_header"]}


@rule(
    "304",
    "Date unaccompanied asylum-seeking child (UASC) status ceased must be on or before the 18th "
    "birthday of a child.",
    fields={"UASC": ["DUC"]},
)
def status_ceased_by_the_eighteenth_birthday(t: Tables) -> Flags:
    uasc = t["UASC"]
    return {
        "UASC": uasc.filter(pl.col("DUC:date") > pl.col("DOB:date").dt.offset_by(f"{_ADULT_YEARS}y"))["ROW"]
    }


@rule(
    "INT09",
    "Internal Check: Child in UASC does not exist in Header.",
    fields={"UASC": ["CHILD"]},
    needs=["Header", "UASC"],
)
def child_in_uasc_is_in_header(t: Tables) -> Flags:
    uasc = t["UASC"]
    return {"UASC": uasc.join(t["Header"].select("CHILD"), on="CHILD", how="anti", nulls_equal=True)["ROW"]}


@rule(
    "INT18",
    "Internal Check: DOB in UASC is different to DOB in Header.",
    fields={"UASC": ["DOB"]},
    needs=["Header", "UASC"],
)
def date_of_birth_in_uasc_matches_header(t: Tables) -> Flags:
    joined = _with_header(t, "DOB:date")
    return {"UASC": joined.filter(pl.col("DOB:date") != pl.col("DOB:date_header"))["ROW"]}


@rule(
    "INT21",
    "Internal Check: SEX in UASC is different to SEX in Header.",
    fields={"UASC": ["SEX"]},
    needs=["Header", "UASC"],
)
def sex_in_uasc_matches_header(t: Tables) -> Flags:
    joined = _with_header(t, "SEX")
    return {"UASC": joined.filter(pl.col("SEX") != pl.col("SEX_header"))["ROW"]}


@rule(
    "INT36",
    "Internal Check: Child should only exist once in UASC.",
    fields={"UASC": ["CHILD"]},
)
def child_is_once_in_uasc(t: Tables) -> Flags:
    uasc = t["UASC"]
    return {"UASC": uasc.filter(pl.col("CHILD").is_not_null() & (pl.len().over("CHILD") > 1))["ROW"]}
