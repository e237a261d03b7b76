"""Rules that compare this year's return with the previous year's (the `_last` tables): a child's
details should agree across years, and a period of care, adoption decision or missing period left
open last year should carry on this year.

A child's first episode of the year is the one with the earliest start date and last year's last
episode the one with the latest (the first such row in the file where two tie); a row whose start
date is missing or impossible is neither. A row without a CHILD is matched with no row of
another table, except where a rule asks only whether a CHILD appears in a table at all."""

import datetime
from typing import Literal

import polars as pl

from .. import codes
from ..expressions import differs
from ..reading import ROW
from ..validation import Flags, Tables, last, rule

RESPITE_STATUSES = ("V3", "V4")


def _rows(table: str, frame: pl.DataFrame, fault: pl.Expr) -> Flags:
    return {table: frame.filter(fault.fill_null(False))[ROW].unique().sort()}


def _with_last(
    t: Tables, table: str, columns: list[str], how: Literal["inner", "left"] = "inner"
) -> pl.DataFrame:
    """This year's `table` joined by CHILD to last year's, whose `columns` gain `_last` (a row
    without a CHILD finds no match)."""
    previous = t[last(table)].select("CHILD", *[pl.col(c).alias(f"{c}_last") for c in columns])
    return t[table].join(previous, on="CHILD", how=how)


def _year_before(day: datetime.date) -> datetime.date:
    return day.replace(year=day.year - 1)


@rule(
    "202",
    "The gender code conflicts with the gender already recorded for this child.",
    fields={"Header": ["SEX"]},
    needs=["Header", "Header_last"],
)
def sex_agrees_with_last_year(t: Tables) -> Flags:
    header = _with_last(t, "Header", ["SEX"])
    return _rows("Header", header, pl.col("SEX").ne_missing(pl.col("SEX_last")))


@rule(
    "203",
    "Date of birth disagrees with the date of birth already recorded for this child.",
    fields={"Header": ["DOB"]},
    needs=["Header", "Header_last"],
)
def date_of_birth_agrees_with_last_year(t: Tables) -> Flags:
    header = _with_last(t, "Header", ["DOB:date"])
    return _rows("Header", header, pl.col("DOB:date").ne_missing(pl.col("DOB:date_last")))


@rule(
    "204",
    "Ethnic origin code disagrees with the ethnic origin already recorded for this child.",
    fields={"Header": ["ETHNIC"]},
    needs=["Header", "Header_last"],
)
def ethnicity_agrees_with_last_year(t: Tables) -> Flags:
    header = _with_last(t, "Header", ["ETHNIC"])
    return _rows("Header", header, pl.col("ETHNIC").ne_missing(pl.col("ETHNIC_last")))


UASC_TABLES = ["Header", "Header_last", "UASC", "UASC_last"]


def _uasc_both_years(t: Tables) -> pl.DataFrame:
    """Each UASC row of this year with its Header row's ROW and UASC mark, and last year's UASC
    row (DUC, DOB) and UASC mark for the same child."""
    current = (
        t["UASC"]
        .select("CHILD", "DUC", "DUC:date", pl.col(ROW).alias("ROW_UASC"))
        .join(
            t["Header"].select("CHILD", "UASC", pl.col(ROW).alias("ROW_HEADER")),
            on="CHILD",
            how="left",
        )
    )
    previous = (
        t["UASC_last"]
        .select("CHILD", pl.col("DUC:date").alias("DUC_last"), pl.col("DOB:date").alias("DOB_last"))
        .join(t["Header_last"].select("CHILD", pl.col("UASC").alias("UASC_last")), on="CHILD", how="left")
    )
    return current.join(previous, on="CHILD", how="left")


def _uasc_flags(merged: pl.DataFrame, fault: pl.Expr) -> Flags:
    at_fault = merged.filter(fault.fill_null(False))
    return {
        "UASC": at_fault["ROW_UASC"].drop_nulls().unique().sort(),
        "Header": at_fault["ROW_HEADER"].drop_nulls().unique().sort(),
    }


@rule(
    "205A",
    "Child identified as UASC last year is no longer UASC this year, but date UASC ceased in both "
    "years does not support this.",
    fields={"Header": ["CHILD", "UASC"], "UASC": ["CHILD"]},
    needs=UASC_TABLES,
)
def uasc_ceasing_last_year_has_date_ceased_last_year(t: Tables) -> Flags:
    merged = _uasc_both_years(t)
    start_last, end_last = _year_before(t.start), _year_before(t.end)
    ceased_last_year = pl.col("DUC_last").is_between(start_last, end_last).fill_null(False)
    fault = (
        differs(pl.col("UASC"), pl.lit("1"))
        & (pl.col("UASC_last") == "1")
        & (pl.col("DUC").is_not_null() | ~ceased_last_year)
    )
    return _uasc_flags(merged, fault)


@rule(
    "205B",
    "Child previously identified as UASC is also UASC this year, but date UASC ceased in both years "
    "does not support this.",
    fields={"Header": ["UASC"], "UASC": ["DUC"]},
    needs=UASC_TABLES,
)
def uasc_in_both_years_ceases_at_eighteen(t: Tables) -> Flags:
    merged = _uasc_both_years(t)
    ceases_this_year = pl.col("DUC:date").is_between(t.start, t.end).fill_null(False)
    ceased_at_eighteen_last = (pl.col("DUC_last") == pl.col("DOB_last").dt.offset_by("18y")).fill_null(False)
    same_date_ceased = (pl.col("DUC:date") == pl.col("DUC_last")).fill_null(False)
    fault = (
        (pl.col("UASC") == "1")
        & (pl.col("UASC_last") == "1")
        & ((~ceases_this_year & ~same_date_ceased) | ~ceased_at_eighteen_last)
    )
    return _uasc_flags(merged, fault)


@rule(
    "205C",
    "Child not identified as UASC either this year or last year but date UASC ceased has been provided.",
    fields={"Header": ["UASC"], "UASC": ["DUC"]},
    needs=UASC_TABLES,
)
def date_uasc_ceased_is_only_for_uasc(t: Tables) -> Flags:
    merged = _uasc_both_years(t)
    never_uasc = (pl.col("UASC").is_null() | (pl.col("UASC") == "0")) & (
        pl.col("UASC_last").is_null() | (pl.col("UASC_last") == "0")
    )
    fault = never_uasc & (pl.col("DUC:date").is_not_null() | pl.col("DUC_last").is_not_null())
    return _uasc_flags(merged, fault)


@rule(
    "205D",
    "Child identified as UASC this year but not identified as UASC status provided for the child last year.",
    fields={"Header": ["UASC", "CHILD"]},
    needs=UASC_TABLES,
)
def uasc_this_year_was_uasc_last_year(t: Tables) -> Flags:
    header = _with_last(t, "Header", ["UASC"])
    return _rows("Header", header, (pl.col("UASC") == "1") & differs(pl.col("UASC_last"), pl.lit("1")))


@rule(
    "207",
    "Mother status for the current year disagrees with the mother status already recorded for this child.",
    fields={"Header": ["MOTHER"]},
    needs=["Episodes", "Header", "Header_last"],
)
def mother_status_agrees_with_last_year(t: Tables) -> Flags:
    header = _with_last(t, "Header", ["MOTHER"])
    fault = (
        pl.col("CHILD").is_in(t["Episodes"]["CHILD"].drop_nulls().implode())
        & pl.col("MOTHER").ne_missing(pl.col("MOTHER_last"))
        & (pl.col("MOTHER_last") == "1")
    )
    return _rows("Header", header, fault)


@rule(
    "208",
    "Unique Pupil Number (UPN) for the current year disagrees with the Unique Pupil Number (UPN) "
    "already recorded for this child.",
    fields={"Header": ["UPN"]},
    needs=["Header", "Header_last"],
)
def upn_agrees_with_last_year(t: Tables) -> Flags:
    header = _with_last(t, "Header", ["UPN"])
    unknown = codes.UPN_UNKNOWN(t.year)
    now, before = pl.col("UPN"), pl.col("UPN_last")
    unknown_before = before.is_null() | before.is_in(unknown)
    # A UPN may first become known, and "under 6" (UN1) or none may give way to another reason.
    unknown_to_known = unknown_before & ~(now.is_null() | now.is_in(unknown))
    reason_given = ((before == "UN1") | before.is_null()) & now.is_in(unknown - {"UN1"})
    fault = now.ne_missing(before) & ~unknown_to_known.fill_null(False) & ~reason_given.fill_null(False)
    return _rows("Header", header, fault)


def _first_episodes(episodes: pl.DataFrame) -> pl.DataFrame:
    """Each child's first episode: the earliest start, the first in the file on a tie."""
    return (
        episodes.filter(pl.col("CHILD").is_not_null() & pl.col("DECOM:date").is_not_null())
        .sort("CHILD", "DECOM:date", maintain_order=True)
        .unique("CHILD", keep="first", maintain_order=True)
    )


def _last_episodes(episodes: pl.DataFrame) -> pl.DataFrame:
    """Each child's last episode: the latest start, the first in the file on a tie."""
    return (
        episodes.filter(pl.col("CHILD").is_not_null() & pl.col("DECOM:date").is_not_null())
        .sort("CHILD", "DECOM:date", descending=[False, True], maintain_order=True)
        .unique("CHILD", keep="first", maintain_order=True)
    )


def _first_after_last_years_last(t: Tables, columns: list[str]) -> pl.DataFrame:
    """Each child's first episode of the year beside last year's last episode (its `columns`
    with `_last` after them)."""
    previous = _last_episodes(t["Episodes_last"]).select(
        "CHILD", *[pl.col(c).alias(f"{c}_last") for c in columns]
    )
    return _first_episodes(t["Episodes"]).join(previous, on="CHILD", how="inner")


@rule(
    "502",
    "Last year's record ended with an open episode. The date on which that episode started does "
    "not match the start date of the first episode on this year\u2019s record.",
    fields={"Episodes": ["DECOM"]},
    needs=["Episodes", "Episodes_last"],
)
def first_episode_starts_when_last_years_open_episode_started(t: Tables) -> Flags:
    open_last = t["Episodes_last"].filter(pl.col("DEC").is_null() & pl.col("CHILD").is_not_null())
    episodes = _first_episodes(t["Episodes"]).join(
        open_last.select("CHILD", pl.col("DECOM:date").alias("DECOM_last")), on="CHILD", how="inner"
    )
    return _rows("Episodes", episodes, differs(pl.col("DECOM:date"), pl.col("DECOM_last")))


def _field_carried_on(t: Tables, field: str) -> pl.DataFrame:
    """Each child's first episode where last year's last episode was left open (no date it
    ceased) and `field` differs between the two (missing in both counting as the same)."""
    episodes = _first_after_last_years_last(t, [field, "DEC:date"])
    return episodes.filter(
        pl.col("DEC:date_last").is_null() & pl.col(field).ne_missing(pl.col(f"{field}_last"))
    )


@rule(
    "503A",
    "The reason for new episode in the first episode does not match open episode at end of last year.",
    fields={"Episodes": ["RNE"]},
    needs=["Episodes", "Episodes_last"],
)
def first_reason_for_new_episode_carries_on_last_years(t: Tables) -> Flags:
    return {"Episodes": _field_carried_on(t, "RNE")[ROW]}


@rule(
    "503B",
    "The legal status in the first episode does not match open episode at end of last year.",
    fields={"Episodes": ["LS"]},
    needs=["Episodes", "Episodes_last"],
)
def first_legal_status_carries_on_last_years(t: Tables) -> Flags:
    return {"Episodes": _field_carried_on(t, "LS")[ROW]}


@rule(
    "503C",
    "The category of need in the first episode does not match open episode at end of last year.",
    fields={"Episodes": ["CIN"]},
    needs=["Episodes", "Episodes_last"],
)
def first_category_of_need_carries_on_last_years(t: Tables) -> Flags:
    return {"Episodes": _field_carried_on(t, "CIN")[ROW]}


@rule(
    "503E",
    "The placement provider in the first episode does not match open episode at end of last year.",
    fields={"Episodes": ["PLACE_PROVIDER"]},
    needs=["Episodes", "Episodes_last"],
)
def first_placement_provider_carries_on_last_years(t: Tables) -> Flags:
    return {"Episodes": _field_carried_on(t, "PLACE_PROVIDER")[ROW]}


@rule(
    "503F",
    "The Ofsted URN in the  first episode does not match open episode at end of last year.",
    fields={"Episodes": ["URN"]},
    needs=["Episodes", "Episodes_last"],
)
def first_urn_carries_on_last_years(t: Tables) -> Flags:
    return {"Episodes": _field_carried_on(t, "URN")[ROW]}


@rule(
    "503D",
    "The placement type in the first episode does not match open episode at end of last year",
    fields={"Episodes": ["PLACE"]},
    needs=["Episodes", "Episodes_last"],
)
def first_placement_type_carries_on_last_years(t: Tables) -> Flags:
    episodes = _field_carried_on(t, "PLACE")
    replacing = codes.PLACEMENT_TYPES_REPLACING(t.year)
    renamed = pl.lit(False)
    for old, new in replacing.items():
        renamed = renamed | ((pl.col("PLACE_last") == old) & pl.col("PLACE").is_in(new)).fill_null(False)
    return {"Episodes": episodes.filter(~renamed)[ROW]}


@rule(
    "559",
    "Date of decision that a child should be placed for adoption was not in the current year but the "
    "date of the decision that the child should be placed for adoption was not completed in a "
    "previous return.",
    fields={"PlacedAdoption": ["DATE_PLACED"]},
    needs=["PlacedAdoption", "PlacedAdoption_last"],
)
def earlier_adoption_decision_was_in_last_years_return(t: Tables) -> Flags:
    placed = _with_last(t, "PlacedAdoption", ["DATE_PLACED:date"], how="left")
    fault = (pl.col("DATE_PLACED:date") < t.start) & pl.col("DATE_PLACED:date_last").is_null()
    return _rows("PlacedAdoption", placed, fault)


@rule(
    "560",
    "Date of decision that the child should be placed for adoption this year is different from that "
    "recorded last year but the decision to place the child for adoption did not change.",
    fields={"PlacedAdoption": ["DATE_PLACED", "DATE_PLACED_CEASED"]},
    needs=["PlacedAdoption", "PlacedAdoption_last"],
)
def adoption_decision_date_is_kept_while_decision_stands(t: Tables) -> Flags:
    placed = _with_last(t, "PlacedAdoption", ["DATE_PLACED", "DATE_PLACED_CEASED"])
    fault = (
        pl.col("DATE_PLACED_last").is_not_null()
        & pl.col("DATE_PLACED_CEASED_last").is_null()
        & differs(pl.col("DATE_PLACED"), pl.col("DATE_PLACED_last"))
    )
    return _rows("PlacedAdoption", placed, fault)


@rule(
    "561",
    "Date of the decision that the child should be placed for adoption this year is the same as that "
    "recorded last year but records show that the decision changed, and the child should no longer "
    "be placed for adoption last year.",
    fields={"PlacedAdoption": ["DATE_PLACED"]},
    needs=["PlacedAdoption", "PlacedAdoption_last"],
)
def ended_adoption_decision_is_not_repeated(t: Tables) -> Flags:
    placed = _with_last(t, "PlacedAdoption", ["DATE_PLACED", "DATE_PLACED_CEASED", "REASON_PLACED_CEASED"])
    fault = (pl.col("DATE_PLACED") == pl.col("DATE_PLACED_last")) & (
        pl.col("REASON_PLACED_CEASED_last").is_not_null() | pl.col("DATE_PLACED_CEASED_last").is_not_null()
    )
    return _rows("PlacedAdoption", placed, fault)


@rule(
    "562",
    "Episode commenced before the start of the current collection year but there is a missing "
    "continuous episode in the previous year.",
    fields={"Episodes": ["DECOM"]},
    needs=["Episodes", "Episodes_last"],
)
def episode_from_before_the_year_continues_last_years(t: Tables) -> Flags:
    before_year = _first_episodes(t["Episodes"].filter(pl.col("DECOM:date") < t.start))
    last_years = _last_episodes(t["Episodes_last"]).select("CHILD", "DECOM:date")
    return {"Episodes": before_year.join(last_years, on=["CHILD", "DECOM:date"], how="anti")[ROW].sort()}


MISSING_START_UNKNOWN = datetime.date(2099, 1, 1)
"""Where rule 576 puts a missing period whose start date is missing: after every real one."""


@rule(
    "576",
    "There is an open missing/away from placement without authorisation period in last year\u2019s return "
    "and there is no corresponding period recorded at the start of this year.",
    fields={"Missing": ["CHILD"]},
    needs=["Missing", "Missing_last"],
)
def open_missing_period_carries_on_into_the_year(t: Tables) -> Flags:
    first = (
        t["Missing"]
        .filter(pl.col("CHILD").is_not_null())
        .with_columns(pl.col("MIS_START:date").fill_null(MISSING_START_UNKNOWN).alias("START"))
        .sort("CHILD", "START", maintain_order=True)
        .unique("CHILD", keep="first", maintain_order=True)
    )
    open_last = t["Missing_last"].filter(pl.col("MIS_END").is_null() & pl.col("MIS_START:date").is_not_null())
    missing = first.join(open_last.select("CHILD", pl.col("MIS_START:date").alias("START_last")), on="CHILD")
    return _rows("Missing", missing, pl.col("START") != pl.col("START_last"))


@rule(
    "584",
    "Date of decision that the child should be placed for adoption this year is different from that "
    "recorded last year, but the decision to placed the child for adoption changed and the child "
    "should no longer be placed for adoption.",
    fields={"PlacedAdoption": ["DATE_PLACED"]},
    needs=["PlacedAdoption", "PlacedAdoption_last"],
)
def new_adoption_decision_follows_ended_one(t: Tables) -> Flags:
    ended = t[last("PlacedAdoption")].filter(
        pl.col("DATE_PLACED_CEASED").is_not_null() | pl.col("REASON_PLACED_CEASED").is_not_null()
    )
    placed = (
        t["PlacedAdoption"]
        .filter(pl.col("CHILD").is_not_null())
        .join(ended.select("CHILD", pl.col("DATE_PLACED:date").alias("DATE_PLACED_last")), on="CHILD")
    )
    fault = pl.col("DATE_PLACED").is_null() | (pl.col("DATE_PLACED:date") <= pl.col("DATE_PLACED_last"))
    return _rows("PlacedAdoption", placed, fault)


@rule(
    "624",
    "Date of birth of the first child contradicts the date of birth of the first child previously recorded.",
    fields={"Header": ["MC_DOB"]},
    needs=["Header", "Header_last"],
)
def mothers_first_childs_birth_date_agrees_with_last_year(t: Tables) -> Flags:
    header = _with_last(t, "Header", ["MC_DOB"])
    return _rows(
        "Header",
        header,
        pl.col("MC_DOB_last").is_not_null() & differs(pl.col("MC_DOB"), pl.col("MC_DOB_last")),
    )


@rule(
    "626",
    "Child was reported as a mother but the date of birth of the first child is before the current "
    "year which contradicts with the mother status recorded last year.",
    fields={"Header": ["MOTHER", "MC_DOB"]},
    needs=["Header", "Header_last"],
)
def mother_of_child_born_before_the_year_was_a_mother_last_year(t: Tables) -> Flags:
    header = _with_last(t, "Header", ["MOTHER"])
    fault = (
        (pl.col("MOTHER").cast(pl.Float64, strict=False) == 1)
        & (pl.col("MOTHER_last").cast(pl.Float64, strict=False) == 0)
        & (pl.col("MC_DOB:date") < t.start)
    )
    return _rows("Header", header, fault)


@rule(
    "1002",
    "This child has no previous episodes of care, therefore should not have care leaver information "
    "recorded. [NOTE: This tool can only test the current and previous year data loaded into the "
    "tool - this check may generate false positives if a child had episodes prior to last year's "
    "collection.]",
    fields={"OC3": ["IN_TOUCH", "ACTIV", "ACCOM"]},
    needs=["Episodes", "OC3", "Episodes_last"],
)
def care_leaver_had_episodes(t: Tables) -> Flags:
    children = pl.concat([t["Episodes"]["CHILD"], t["Episodes_last"]["CHILD"]]).implode()
    return {"OC3": t["OC3"].filter(~pl.col("CHILD").is_in(children, nulls_equal=True))[ROW]}


@rule(
    "1010",
    "This child has no episodes loaded for current year even though there was an open episode of "
    "care at the end of the previous year, and care leaver data has been entered.",
    fields={"OC3": ["IN_TOUCH", "ACTIV", "ACCOM"]},
    needs=["Episodes", "Episodes_last", "OC3"],
)
def care_leaver_open_last_year_has_episodes(t: Tables) -> Flags:
    open_last = (
        t["Episodes_last"]
        .filter(pl.col("DECOM:date").is_not_null())
        .sort("CHILD", "DECOM:date", nulls_last=True, maintain_order=True)
        .filter((pl.col("CHILD") != pl.col("CHILD").shift(-1)).fill_null(True) & pl.col("DEC").is_null())
    )
    fault = ~pl.col("CHILD").is_in(t["Episodes"]["CHILD"].implode(), nulls_equal=True) & pl.col(
        "CHILD"
    ).is_in(open_last["CHILD"].implode(), nulls_equal=True)
    return {"OC3": t["OC3"].filter(fault)[ROW]}


@rule(
    "NoE",
    "This child has no episodes loaded for previous year even though child started to be looked "
    "after before this current year.",
    fields={"Episodes": ["DECOM"]},
    needs=["Episodes", "Episodes_last"],
)
def child_looked_after_before_the_year_has_last_years_episodes(t: Tables) -> Flags:
    fault = (pl.col("DECOM:date") < t.start) & ~pl.col("CHILD").is_in(
        t["Episodes_last"]["CHILD"].implode(), nulls_equal=True
    )
    return {"Episodes": t["Episodes"].filter(fault.fill_null(False))[ROW]}


CARE_LEAVER_DAYS_FROM_14 = 91
"""A relevant or former relevant child was looked after for at least 13 weeks from the age of 14,
some of it after the age of 16."""


@rule(
    "1001",
    "The episodes recorded for this young person suggest they are not a relevant or a former relevant "
    "child and therefore should not have care leaver information completed. "
    "[NOTE: This tool can only test the current and previous year data loaded into the tool - this "
    "check may generate false positives if a child had episodes prior to last year's collection.]",
    fields={"OC3": ["IN_TOUCH", "ACTIV", "ACCOM"]},
    needs=["Episodes", "OC3", "Header", "Episodes_last"],
)
def care_leaver_was_looked_after_long_enough(t: Tables) -> Flags:
    if any(t[name].is_empty() for name in ("Episodes", "OC3", "Header", "Episodes_last")):
        return {}
    columns = ["CHILD", "DECOM:date", "DEC:date", "LS", "REC"]
    # An episode in both years' returns counts once, as the one with the earlier end (the
    # previous year's may still be open).
    episodes = (
        pl.concat([t["Episodes"].select(columns), t["Episodes_last"].select(columns)])
        .sort("DEC:date", nulls_last=True, maintain_order=True)
        .unique(["CHILD", "DECOM:date"], keep="first", maintain_order=True)
        .with_columns(
            (
                pl.col("CHILD").is_not_null()
                & (pl.col("DECOM:date") == pl.col("DECOM:date").max().over("CHILD")).fill_null(False)
            ).alias("LATEST")
        )
    )
    # The latest episode, if still open, counts up to the end of the year.
    open_to_end = pl.when(pl.col("LATEST") & pl.col("DEC:date").is_null()).then(pl.lit(t.end))
    episodes = episodes.with_columns(open_to_end.otherwise(pl.col("DEC:date")).alias("DEC:date"))
    children = (
        t["Header"]
        .filter(pl.col("DOB:date").is_not_null() & (pl.col("DOB:date").dt.offset_by("20y") > t.end))
        .select(
            "CHILD",
            pl.col("DOB:date").dt.offset_by("14y").alias("DOB14"),
            pl.col("DOB:date").dt.offset_by("16y").alias("DOB16"),
        )
    )
    in_care = episodes.join(children, on="CHILD").filter(
        ~pl.col("LS").is_in(RESPITE_STATUSES).fill_null(False)
    )
    if in_care.is_empty():
        return {"OC3": []}

    def days_from(birthday: str) -> pl.Expr:
        start = pl.max_horizontal("DECOM:date", birthday)
        return (pl.col("DEC:date") - start).dt.total_days().clip(lower_bound=0).sum()

    totals = in_care.group_by("CHILD").agg(
        days_from("DOB14").alias("FROM_14"), days_from("DOB16").alias("FROM_16")
    )
    adopted = episodes.filter(pl.col("LATEST") & pl.col("REC").is_in(("E11", "E12")))["CHILD"]
    oc3 = t["OC3"].join(totals, on="CHILD", how="left", maintain_order="left")
    relevant = ((pl.col("FROM_14") >= CARE_LEAVER_DAYS_FROM_14) & (pl.col("FROM_16") >= 1)).fill_null(False)
    return {"OC3": oc3.filter(pl.col("CHILD").is_in(adopted.implode()).fill_null(False) | ~relevant)[ROW]}
