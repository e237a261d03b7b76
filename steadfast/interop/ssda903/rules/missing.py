"""Rules about the Missing table: each period of being missing or away without authorisation has a
type and real dates within the year, periods of one child do not overlap, and each falls within a
period of care of the child's episodes."""

import polars as pl

from .. import codes
from ..validation import Flags, Tables, rule

mis_start = pl.col("MIS_START:date")
mis_end = pl.col("MIS_END:date")
decom = pl.col("DECOM:date")
dec = pl.col("DEC:date")


def _missing(t: Tables, fault: pl.Expr) -> Flags:
    return {"Missing": t["Missing"].filter(fault.fill_null(False))["ROW"]}


@rule(
    "564",
    "Child was missing or away from placement without authorisation and the date started is blank.",
    fields={"Missing": ["MISSING", "MIS_START"]},
)
def missing_period_has_a_start_date(t: Tables) -> Flags:
    return _missing(t, pl.col("MISSING").is_in(codes.MISSING_TYPE(t.year)) & pl.col("MIS_START").is_null())


@rule(
    "565",
    "The date that the child started to be missing or away from placement without authorisation "
    "has been completed but whether the child was missing or away from placement without "
    "authorisation has not been completed.",
    fields={"Missing": ["MISSING", "MIS_START"]},
)
def missing_period_with_a_start_date_has_a_type(t: Tables) -> Flags:
    return _missing(t, pl.col("MIS_START").is_not_null() & pl.col("MISSING").is_null())


@rule(
    "566",
    "The date that the child's episode of being missing or away from placement without "
    "authorisation ended has been completed but whether the child was missing or away without "
    "authorisation has not been completed.",
    fields={"Missing": ["MISSING", "MIS_END"]},
)
def missing_period_with_an_end_date_has_a_type(t: Tables) -> Flags:
    return _missing(t, pl.col("MIS_END").is_not_null() & pl.col("MISSING").is_null())


@rule(
    "567",
    "The date that the missing episode or episode that the child was away from placement without "
    "authorisation ended is before the date that it started.",
    fields={"Missing": ["MIS_START", "MIS_END"]},
)
def missing_period_ends_after_it_starts(t: Tables) -> Flags:
    return _missing(t, mis_start > mis_end)


@rule(
    "570",
    "The date that the child started to be missing or away from placement without authorisation "
    "is after the end of the collection year.",
    fields={"Missing": ["MIS_START"]},
)
def missing_period_starts_by_the_end_of_the_year(t: Tables) -> Flags:
    return _missing(t, mis_start > t.end)


@rule(
    "571",
    "The date that the child ceased to be missing or away from placement without authorisation "
    "is before the start or after the end of the collection year.",
    fields={"Missing": ["MIS_END"]},
)
def missing_period_ends_within_the_year(t: Tables) -> Flags:
    return _missing(t, (mis_end < t.start) | (mis_end > t.end))


@rule(
    "574",
    "A new missing/away from placement without authorisation period cannot start when the "
    "previous missing/away from placement without authorisation period is still open. "
    "Missing/away from placement without authorisation periods should also not overlap.",
    fields={"Missing": ["MIS_START", "MIS_END"]},
)
def missing_periods_of_a_child_do_not_overlap(t: Tables) -> Flags:
    # Each period against the one before it, ordered by end (an open period by its start).
    periods = (
        t["Missing"]
        .filter(pl.col("CHILD").is_not_null())
        .with_columns(mis_end.fill_null(mis_start).alias("ENDS"))
        .sort("CHILD", "ENDS", "MIS_START:date", "ROW", nulls_last=True)
    )
    # Sorted by child, the row before a period is the child's previous one, unless another child's.
    has_previous = (pl.col("CHILD") == pl.col("CHILD").shift(1)).fill_null(False)
    previous_end = mis_end.shift(1)
    still_open_or_overlapping = previous_end.is_null() | (mis_start < previous_end).fill_null(False)
    return {"Missing": periods.filter(has_previous & still_open_or_overlapping)["ROW"]}


def _periods_of_care(t: Tables) -> pl.DataFrame:
    """The child's periods of care: runs of dated episodes in order of start, a new run beginning
    when an episode starts after the previous one ended. Each has the first episode's start
    (`CARE_START`) and the last episode's end (`CARE_END`, null while the last is open)."""
    episodes = (
        t["Episodes"]
        .filter(pl.col("CHILD").is_not_null() & decom.is_not_null())
        .sort("CHILD", "DECOM:date", "ROW")
    )
    new_period = (pl.col("CHILD") != pl.col("CHILD").shift(1)).fill_null(True) | (
        decom > dec.shift(1)
    ).fill_null(False)
    return (
        episodes.with_columns(new_period.cast(pl.UInt32).cum_sum().alias("PERIOD"))
        .group_by("PERIOD")
        .agg(
            pl.col("CHILD").first(),
            decom.first().alias("CARE_START"),
            dec.last().alias("CARE_END"),
        )
        .drop("PERIOD")
    )


care_start = pl.col("CARE_START")
care_end = pl.col("CARE_END")


def _outside_every_period_of_care(missing: pl.DataFrame, t: Tables, outside: pl.Expr) -> Flags:
    """The rows of `missing` that are `outside` each of their child's periods of care (a child
    with no period of care is not checked)."""
    pairs = missing.join(_periods_of_care(t), on="CHILD", how="inner")
    at_fault = pairs.group_by("ROW").agg(outside.fill_null(False).all().alias("OUTSIDE"))
    return {"Missing": at_fault.filter(pl.col("OUTSIDE"))["ROW"]}


@rule(
    "575",
    "If the placement from which the child goes missing/away from placement without "
    "authorisation ends, the missing/away from placement without authorisation period in "
    "the missing module must also have an end date.",
    fields={"Missing": ["MIS_END"]},
    needs=["Episodes", "Missing"],
)
def missing_period_from_an_ended_placement_has_an_end_date(t: Tables) -> Flags:
    open_periods = t["Missing"].filter(pl.col("MIS_END").is_null())
    pairs = open_periods.join(
        t["Episodes"].select("CHILD", "DECOM:date", "DEC:date"), on="CHILD", how="inner"
    )
    return {"Missing": pairs.filter(mis_start.is_between(decom, dec).fill_null(False))["ROW"]}


@rule(
    "577",
    "Child ceased to be looked after but there is a missing/away from placement without "
    "authorisation period without an end date.",
    fields={"Missing": ["MIS_END"]},
    needs=["Episodes", "Missing"],
)
def missing_period_ends_within_a_period_of_care(t: Tables) -> Flags:
    open_ = mis_end.is_null()
    outside = (
        (open_ & care_end.is_not_null()).fill_null(False)
        | (open_ & (mis_start < care_start)).fill_null(False)
        | (mis_end > care_end).fill_null(False)
        | (mis_end < care_start).fill_null(False)
    )
    return _outside_every_period_of_care(t["Missing"].filter(mis_start.is_not_null()), t, outside)


@rule(
    "578",
    "The date that the child started to be missing is after the child ceased to be looked after.",
    fields={"Missing": ["MIS_START"]},
    needs=["Episodes", "Missing"],
)
def missing_period_starts_within_a_period_of_care(t: Tables) -> Flags:
    outside = (mis_start < care_start).fill_null(False) | (mis_start > care_end).fill_null(False)
    return _outside_every_period_of_care(t["Missing"], t, outside)


@rule(
    "580",
    "Child is missing when cease being looked after but reason episode ceased not ‘E8’.",  # noqa: RUF001
    fields={"Episodes": ["REC"]},
    needs=["Episodes", "Missing"],
)
def child_missing_on_leaving_care_at_18_left_care_for_that_reason(t: Tables) -> Flags:
    # A period that ended on the child's 18th birthday, the day an episode ended.
    ended_at_18 = (
        t["Missing"]
        .filter(mis_end == pl.col("DOB:date").dt.offset_by("18y"))
        .select("CHILD", pl.col("MIS_END:date").alias("AT_18"))
    )
    pairs = t["Episodes"].join(ended_at_18, on="CHILD", how="inner")
    return {"Episodes": pairs.filter((dec == pl.col("AT_18")) & pl.col("REC").ne_missing("E8"))["ROW"]}


@rule(
    "581",
    "Child is missing but has not yet started to be looked after.",
    fields={"Missing": ["MIS_START"]},
    needs=["Episodes", "Missing"],
)
def missing_period_starts_within_an_episode(t: Tables) -> Flags:
    episodes = t["Episodes"].select("CHILD", "DECOM:date", "DEC:date")
    pairs = t["Missing"].join(episodes, on="CHILD", how="inner")
    # An episode without a real end date is taken as still open.
    within = (mis_start >= decom) & ((mis_start <= dec) | dec.is_null())
    at_fault = pairs.group_by("ROW").agg(within.fill_null(False).any().alias("WITHIN"))
    return {"Missing": at_fault.filter(~pl.col("WITHIN"))["ROW"]}


@rule(
    "586",
    "Dates of missing periods are before child’s date of birth.",  # noqa: RUF001
    fields={"Missing": ["MIS_START"]},
)
def missing_period_starts_after_birth(t: Tables) -> Flags:
    return _missing(t, mis_start <= pl.col("DOB:date"))


@rule(
    "1004",
    "The start date of the missing episode or episode that the child was away from placement "
    "without authorisation is not a valid date.",
    fields={"Missing": ["MIS_START"]},
)
def missing_period_start_is_a_valid_date(t: Tables) -> Flags:
    return _missing(t, mis_start.is_null())


@rule(
    "1005",
    "The end date of the missing episode or episode that the child was away from placement "
    "without authorisation is not a valid date.",
    fields={"Missing": ["MIS_END"]},
)
def missing_period_end_is_a_valid_date(t: Tables) -> Flags:
    return _missing(t, pl.col("MIS_END").is_not_null() & mis_end.is_null())


@rule("1006", "Missing type invalid.", fields={"Missing": ["MISSING"]})
def missing_type_is_valid(t: Tables) -> Flags:
    return _missing(t, ~pl.col("MISSING").is_in(codes.MISSING_TYPE(t.year)))


@rule(
    "INT04",
    "Internal Check: Child in Missing does not exist in Header.",
    fields={"Missing": ["CHILD"]},
    needs=["Header", "Missing"],
)
def child_in_missing_is_in_header(t: Tables) -> Flags:
    return {"Missing": t["Missing"].join(t["Header"].select("CHILD"), on="CHILD", how="anti")["ROW"]}


@rule(
    "INT13",
    "Internal Check: DOB in Missing is different to DOB in Header.",
    fields={"Header": ["DOB"], "Missing": ["DOB"]},
)
def date_of_birth_in_missing_is_the_headers(t: Tables) -> Flags:
    header = t["Header"].select("CHILD", pl.col("DOB:date").alias("HEADER_DOB"))
    pairs = t["Missing"].join(header, on="CHILD", how="inner")
    return {"Missing": pairs.filter((pl.col("DOB:date") != pl.col("HEADER_DOB")).fill_null(False))["ROW"]}
