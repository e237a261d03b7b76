"""Rules about the SWEpisodes table: the child's social workers during the year, each from the
day they took the child on (SW_DECOM) to the day they stopped (SW_DEC)."""

import datetime

import polars as pl

from .. import codes
from ..expressions import rows, true
from ..reading import ROW
from ..validation import Flags, Tables, rule

SW_DECOM = pl.col("SW_DECOM:date")
SW_DEC = pl.col("SW_DEC:date")


def _first_day_a_year_before(day: datetime.date) -> datetime.date:
    """The first day on or after the moment a year of 365.2425 days before `day` began, the
    Department's validator's measure of "a year before the collection's first day"."""
    moment = datetime.datetime.combine(day, datetime.time()) - datetime.timedelta(days=365.2425)
    return moment.date() + datetime.timedelta(days=1 if moment.time() != datetime.time() else 0)


def _in_order(table: pl.DataFrame) -> pl.DataFrame:
    """The child's episodes in order of their start (then end, then place in the file), those with
    no start last: what `_previous` reads as the previous episode."""
    return table.sort(["CHILD", "SW_DECOM:date", "SW_DEC:date", ROW], nulls_last=True)


def _previous(expr: pl.Expr) -> pl.Expr:
    """`expr` on the row before, when it is the same child's, in a table sorted by CHILD (the
    same as `shift(1).over("CHILD")`, without the cost of grouping)."""
    child = pl.col("CHILD")
    return pl.when(child.eq_missing(child.shift(1))).then(expr.shift(1))


def _next(expr: pl.Expr) -> pl.Expr:
    """`expr` on the row after, when it is the same child's, in a table sorted by CHILD."""
    child = pl.col("CHILD")
    return pl.when(child.eq_missing(child.shift(-1))).then(expr.shift(-1))


@rule(
    "SW02STG1",
    "Social worker ID does not begin with the characters ‘SW’ or ‘XX’.",  # noqa: RUF001 (the Department's words)
    fields={"SWEpisodes": ["SW_ID"]},
)
def social_worker_id_begins_sw_or_xx(t: Tables) -> Flags:
    sw_id = pl.col("SW_ID")
    fault = ~true(sw_id.str.slice(0, 2).is_in(["SW", "XX"])) | true(sw_id.str.len_chars() < 4)
    return {"SWEpisodes": rows(t["SWEpisodes"], fault)}


@rule(
    "SW04STG1",
    "Date social worker episode began is not a valid date..",
    fields={"SWEpisodes": ["SW_DECOM"]},
)
def social_worker_start_is_a_date(t: Tables) -> Flags:
    return {"SWEpisodes": rows(t["SWEpisodes"], pl.col("SW_DECOM").is_not_null() & SW_DECOM.is_null())}


@rule(
    "SW05STG1",
    "Date social worker episode began is not a valid date.",
    fields={"SWEpisodes": ["SW_DEC"]},
)
def social_worker_end_is_a_date(t: Tables) -> Flags:
    return {"SWEpisodes": rows(t["SWEpisodes"], pl.col("SW_DEC").is_not_null() & SW_DEC.is_null())}


@rule(
    "SW06STG2",
    "Social worker episode data should be within the social worker data reporting year.",
    fields={"SWEpisodes": ["SW_DECOM"]},
)
def social_worker_starts_by_the_year_s_end(t: Tables) -> Flags:
    return {"SWEpisodes": rows(t["SWEpisodes"], pl.lit(t.end) < SW_DECOM)}


@rule(
    "SW07STG2",
    "Social worker episode end date should be on or after the start of the social worker reporting "
    "period, and should be on or before the collection end date.",
    fields={"SWEpisodes": ["SW_DEC"]},
)
def social_worker_ends_in_the_reporting_period(t: Tables) -> Flags:
    # The social worker reporting period begins a year before the collection year.
    fault = (pl.lit(_first_day_a_year_before(t.start)) > SW_DEC) | (pl.lit(t.end) < SW_DEC)
    return {"SWEpisodes": rows(t["SWEpisodes"], fault)}


@rule(
    "SW08STG2",
    "A new social worker episode has started, but the previous episode has not ended.",
    fields={"SWEpisodes": ["SW_DEC"]},
)
def earlier_social_worker_has_ended(t: Tables) -> Flags:
    # The child's last episode is the one that started last; one with no start comes last.
    last = pl.col(ROW).sort_by(["SW_DECOM:date", ROW], nulls_last=True).last().over("CHILD")
    fault = pl.col("CHILD").is_not_null() & SW_DECOM.is_not_null() & SW_DEC.is_null() & (pl.col(ROW) != last)
    return {"SWEpisodes": rows(t["SWEpisodes"], fault)}


@rule(
    "SW09STG2",
    "Social worker episode appears to have lasted for less than 24 hours.",
    fields={"SWEpisodes": ["SW_DECOM", "SW_DEC"]},
)
def social_worker_episode_lasts_a_day(t: Tables) -> Flags:
    # As the Department's validator has it: an episode ending less than three days after it began.
    return {"SWEpisodes": rows(t["SWEpisodes"], pl.duration(days=3) > (SW_DEC - SW_DECOM))}


def _with_previous(t: Tables) -> pl.DataFrame:
    """SWEpisodes in order with HAS_PREVIOUS and PREVIOUS_DEC, the end of the child's episode
    before."""
    return _in_order(t["SWEpisodes"]).with_columns(
        _previous(pl.col(ROW)).is_not_null().alias("HAS_PREVIOUS"),
        _previous(SW_DEC).alias("PREVIOUS_DEC"),
    )


def _not_within_a_week_of_previous(t: Tables) -> pl.Series:
    previous = pl.col("PREVIOUS_DEC")
    near = true(SW_DECOM.is_between(previous - pl.duration(days=7), previous + pl.duration(days=7)))
    fault = pl.col("HAS_PREVIOUS") & pl.col("SW_REASON").ne_missing("FCONTA") & ~near
    return rows(_with_previous(t), fault)


@rule(
    "SW10STG2",
    "A new social worker episode has started before the end date of the previous social worker episode.",
    fields={"SWEpisodes": ["SW_DECOM"]},
)
def social_worker_starts_after_previous_ends(t: Tables) -> Flags:
    return {"SWEpisodes": _not_within_a_week_of_previous(t)}


@rule(
    "SW10aSTG2",
    "A new social worker episode has started and it is not within +/- 7 days of a previous episode.",
    fields={"SWEpisodes": ["SW_DECOM"]},
)
def social_worker_starts_within_a_week_of_previous(t: Tables) -> Flags:
    return {"SWEpisodes": _not_within_a_week_of_previous(t)}


@rule(
    "SW10bSTG2",
    "A new social worker episode has started with a reason of first contact before the previous "
    "episode has ended.",
    fields={"SWEpisodes": ["SW_DECOM", "SW_REASON"]},
)
def first_contact_starts_after_previous_ends(t: Tables) -> Flags:
    fault = pl.col("HAS_PREVIOUS") & (pl.col("SW_REASON") == "FCONTA") & (pl.col("PREVIOUS_DEC") >= SW_DECOM)
    return {"SWEpisodes": rows(_with_previous(t), fault)}


@rule(
    "SW11bSTG2",
    "Social worker episode has ended before 31 March and no subsequent social worker episode has "
    "been provided.",
    fields={"SWEpisodes": ["SW_DEC"]},
)
def social_worker_ending_at_year_end_is_followed(t: Tables) -> Flags:
    end = pl.lit(t.end)
    in_last_days = SW_DEC.is_between(end - pl.duration(days=5), end)
    episodes = t["SWEpisodes"]
    # An episode with no start after one that ended in the year's last five days.
    forward = episodes.sort(["CHILD", "SW_DECOM:date", ROW], nulls_last=True)
    after_ending = forward.filter(SW_DECOM.is_null() & true(_previous(in_last_days)))[ROW]
    # A child's only episode, ending in the year's last five days.
    only = rows(episodes, pl.col("CHILD").is_not_null() & (pl.len().over("CHILD") == 1) & in_last_days)
    # An episode ending in the year's last five days after the start of the child's episode that
    # comes next in order of latest start first.
    backward = episodes.sort(["CHILD", "SW_DECOM:date", ROW], descending=[True, True, False], nulls_last=True)
    after_start = backward.filter(in_last_days & true(_next(SW_DECOM) < SW_DEC))[ROW]
    return {"SWEpisodes": pl.concat([after_ending, only, after_start])}


@rule(
    "SW12STG2",
    "If a child is looked after on 31 March then all social worker episodes for the full previous "
    "year should be reported, even those whilst they were not looked after",
    fields={"Episodes": ["DECOM", "DEC"], "SWEpisodes": ["SW_DECOM"]},
    needs=["SWEpisodes", "Episodes"],
)
def care_episode_has_social_worker_episodes(t: Tables) -> Flags:
    dec = pl.col("DEC:date")
    since = pl.lit(_first_day_a_year_before(t.start))
    episodes = t["Episodes"].filter(
        (true(dec.is_between(since, pl.lit(t.end))) | dec.is_null())
        & ~true(pl.col("LS").is_in(["V3", "V4"]))
        & ((pl.col("RNE") == "S").fill_null(False) | pl.col("REC").ne_missing("X1"))
    )
    # Each of the child's social worker episodes must have begun by the end of a care episode that
    # ends in leaving care, or by the start of one that begins it; a child with none fails.
    paired = episodes.select("CHILD", "DECOM:date", "DEC:date", "RNE", "REC", ROW).join(
        t["SWEpisodes"].select("CHILD", "SW_DECOM:date"), on="CHILD", how="left"
    )
    by_end = true(pl.col("DEC:date") >= SW_DECOM) & pl.col("REC").ne_missing("X1")
    by_start = true(pl.col("DECOM:date") <= SW_DECOM) & true(pl.col("RNE") == "S")
    return {"Episodes": rows(paired, ~by_end & ~by_start)}


@rule(
    "SW13STG1",
    "The reason for social worker change is not valid.",
    fields={"SWEpisodes": ["SW_REASON"]},
)
def social_worker_change_reason_is_valid(t: Tables) -> Flags:
    reason = pl.col("SW_REASON")
    # A reason is needed for every episode starting from 1 April 2023.
    missing = reason.is_null() & (pl.lit(datetime.date(2023, 4, 1)) <= SW_DECOM)
    invalid = reason.is_not_null() & ~reason.is_in(codes.SW_REASON(t.year))
    return {"SWEpisodes": rows(t["SWEpisodes"], true(missing) | invalid)}


@rule(
    "SW17STG2",
    "There is no social worker episode open at 31 March",
    fields={"SWEpisodes": ["SW_DEC", "SW_DECOM"]},
)
def latest_social_worker_is_open(t: Tables) -> Flags:
    latest = pl.col(ROW).sort_by(["SW_DECOM:date", ROW], descending=[True, False], nulls_last=True).first()
    fault = (pl.col(ROW) == latest.over("CHILD")) & pl.col("SW_DEC").is_not_null()
    return {"SWEpisodes": rows(t["SWEpisodes"], fault)}


@rule(
    "SW18STG2",
    "The end date of the social worker episode is before the start date",
    fields={"SWEpisodes": ["SW_DEC", "SW_DECOM"]},
)
def social_worker_ends_after_starting(t: Tables) -> Flags:
    return {"SWEpisodes": rows(t["SWEpisodes"], SW_DEC <= SW_DECOM)}


@rule(
    "SW19STG2",
    "There are 2 social worker episodes for the child starting on the same date.",
    fields={"SWEpisodes": ["SW_DEC", "SW_DECOM"]},
)
def social_workers_start_on_different_days(t: Tables) -> Flags:
    return {"SWEpisodes": rows(t["SWEpisodes"], ~pl.struct("CHILD", "SW_DECOM").is_first_distinct())}
