"""Rules about the Episodes table: each period of care, its legal status and its placement, and
how one episode follows another."""

import datetime

import polars as pl

from .. import codes
from ..expressions import coded_but_not_in, is_one_of
from ..validation import Flags, Tables, rule

_EARLIEST_EPISODE = datetime.date(1991, 10, 14)
"""The Children Act 1989 came into force on 14 October 1991."""

_FIRST_YEAR_OF_RNE_FOR_ADOPTION = datetime.date(2015, 4, 1)
_LONGEST_SHORT_BREAK_DAYS = 17
_MOST_SHORT_BREAK_DAYS_IN_A_YEAR = 75
_MOST_HOLIDAYS_FROM_FOSTER_CARERS = 2


def _by_child_and_start(episodes: pl.DataFrame) -> pl.DataFrame:
    """Episodes in order of child, then start (blank or impossible starts last, ties in file
    order)."""
    return episodes.sort("CHILD", "DECOM:date", "ROW", nulls_last=True)


def _same_child(offset: int) -> pl.Expr:
    """The row `offset` rows on is the same child (never when a CHILD is blank)."""
    return (pl.col("CHILD") == pl.col("CHILD").shift(-offset)).fill_null(False)


@rule("141", "Date episode began is not a valid date.", fields={"Episodes": ["DECOM"]})
def start_is_a_date(t: Tables) -> Flags:
    episodes = t["Episodes"]
    return {
        "Episodes": episodes.filter(pl.col("DECOM").is_not_null() & pl.col("DECOM:date").is_null())["ROW"]
    }


@rule(
    "142",
    "A new episode has started, but the previous episode has not ended.",
    fields={"Episodes": ["DEC", "REC"]},
)
def episode_before_another_has_ended(t: Tables) -> Flags:
    # The latest episode of each child may be open; any other needs its end and its reason.
    # Blank or impossible starts sort last, so a child with one has every dated episode checked.
    episodes = _by_child_and_start(t["Episodes"])
    latest = ~_same_child(1)
    not_ended = pl.col("DEC:date").is_null() | pl.col("REC").is_null()
    return {
        "Episodes": episodes.filter(
            ~latest & not_ended & pl.col("CHILD").is_not_null() & pl.col("DECOM:date").is_not_null()
        )["ROW"]
    }


@rule("143", "The reason for new episode code is not a valid code.", fields={"Episodes": ["RNE"]})
def reason_for_new_episode_is_valid(t: Tables) -> Flags:
    episodes = t["Episodes"]
    return {"Episodes": episodes.filter(coded_but_not_in("RNE", codes.REASON_NEW_EPISODE(t.year)))["ROW"]}


@rule("144", "The legal status code is not a valid code.", fields={"Episodes": ["LS"]})
def legal_status_is_valid(t: Tables) -> Flags:
    episodes = t["Episodes"]
    return {"Episodes": episodes.filter(coded_but_not_in("LS", codes.LEGAL_STATUS(t.year)))["ROW"]}


@rule("145", "Category of need code is not a valid code.", fields={"Episodes": ["CIN"]})
def category_of_need_is_valid(t: Tables) -> Flags:
    episodes = t["Episodes"]
    return {"Episodes": episodes.filter(coded_but_not_in("CIN", codes.CATEGORY_OF_NEED(t.year)))["ROW"]}


@rule("146", "Placement type code is not a valid code.", fields={"Episodes": ["PLACE"]})
def placement_type_is_valid(t: Tables) -> Flags:
    episodes = t["Episodes"]
    return {"Episodes": episodes.filter(coded_but_not_in("PLACE", codes.PLACEMENT_TYPE(t.year)))["ROW"]}


@rule("147", "Date episode ceased is not a valid date.", fields={"Episodes": ["DEC"]})
def end_is_a_date(t: Tables) -> Flags:
    episodes = t["Episodes"]
    return {"Episodes": episodes.filter(pl.col("DEC").is_not_null() & pl.col("DEC:date").is_null())["ROW"]}


@rule(
    "148",
    "Date episode ceased and reason episode ceased must both be coded, or both left blank.",
    fields={"Episodes": ["DEC", "REC"]},
)
def end_and_reason_go_together(t: Tables) -> Flags:
    episodes = t["Episodes"]
    return {"Episodes": episodes.filter(pl.col("DEC").is_null() != pl.col("REC").is_null())["ROW"]}


@rule("149", "Reason episode ceased code is not valid. ", fields={"Episodes": ["REC"]})
def reason_episode_ceased_is_valid(t: Tables) -> Flags:
    episodes = t["Episodes"]
    return {"Episodes": episodes.filter(coded_but_not_in("REC", codes.REASON_EPISODE_CEASED(t.year)))["ROW"]}


@rule("178", "Placement provider code is not a valid code.", fields={"Episodes": ["PLACE_PROVIDER"]})
def placement_provider_is_valid(t: Tables) -> Flags:
    episodes = t["Episodes"]
    valid = is_one_of("PLACE_PROVIDER", codes.PLACEMENT_PROVIDER(t.year)) & ~is_one_of(
        "PLACE", codes.PLACE_WITHOUT_PROVIDER(t.year)
    )
    return {"Episodes": episodes.filter(pl.col("PLACE_PROVIDER").is_not_null() & ~valid)["ROW"]}


@rule(
    "199",
    "Episode information shows child has been previously adopted from care. "
    "[NOTE: This only tests the current and previous year data loaded into the tool]",
    fields={"Episodes": ["CHILD"]},
)
def child_was_not_adopted_before(t: Tables) -> Flags:
    # Every dated episode of this year and last, in order of start; an episode is at fault once
    # the child has been adopted, unless it is the adoption itself (the first one).
    columns = ["CHILD", "DECOM:date", "REC"]
    this_year = t["Episodes"].select(*columns, "ROW", pl.lit(0).alias("year_order"))
    frames = [this_year]
    if "Episodes_last" in t:
        last_year = t["Episodes_last"].select(
            *columns, pl.lit(None, pl.UInt32).alias("ROW"), pl.lit(1).alias("year_order")
        )
        frames.append(last_year)
    adopted = is_one_of("REC", codes.ADOPTED(t.year))
    episodes = (
        pl.concat(frames)
        .with_row_index("order")
        .filter(pl.col("DECOM:date").is_not_null())
        .sort("DECOM:date", "order")
        .with_columns(adoptions=adopted.cast(pl.Int32).cum_sum().over("CHILD"))
    )
    at_fault = (pl.col("adoptions") > 0) & ~(adopted & (pl.col("adoptions") == 1))
    return {
        "Episodes": episodes.filter(at_fault & pl.col("CHILD").is_not_null() & pl.col("ROW").is_not_null())[
            "ROW"
        ]
    }


@rule("213", "Placement provider information not required.", fields={"Episodes": ["PLACE_PROVIDER"]})
def no_placement_provider_for_these_placements(t: Tables) -> Flags:
    episodes = t["Episodes"]
    no_provider = is_one_of("PLACE", codes.PLACE_WITHOUT_PROVIDER_INFORMATION(t.year))
    return {"Episodes": episodes.filter(no_provider & pl.col("PLACE_PROVIDER").is_not_null())["ROW"]}


@rule("214", "Placement location information not required.", fields={"Episodes": ["PL_POST", "URN"]})
def no_placement_location_for_short_breaks(t: Tables) -> Flags:
    episodes = t["Episodes"]
    located = pl.col("PL_POST").is_not_null() | pl.col("URN").is_not_null()
    return {"Episodes": episodes.filter(is_one_of("LS", codes.SHORT_BREAKS(t.year)) & located)["ROW"]}


@rule(
    "217",
    "Children who are placed for adoption with current foster carers (placement types A3 or A5) "
    "must have a reason for new episode of S, T or U.",
    fields={"Episodes": ["PLACE", "DECOM", "RNE"]},
)
def placed_for_adoption_with_carers_has_a_new_episode_reason(t: Tables) -> Flags:
    episodes = t["Episodes"]
    placed = is_one_of("PLACE", codes.PLACED_FOR_ADOPTION_WITH_CARERS(t.year)) & (
        pl.col("DECOM:date") >= _FIRST_YEAR_OF_RNE_FOR_ADOPTION
    ).fill_null(False)
    reason = is_one_of("RNE", codes.REASON_NEW_EPISODE_WITH_NEW_CARERS(t.year))
    return {"Episodes": episodes.filter(placed & ~reason)["ROW"]}


@rule("218", "Ofsted Unique reference number (URN) is required.", fields={"Episodes": ["URN"]})
def urn_is_given_for_a_registered_placement(t: Tables) -> Flags:
    episodes = t["Episodes"]
    open_in_year = (pl.col("DEC:date") >= t.start).fill_null(False) | pl.col("DEC").is_null()
    exempt = is_one_of("PLACE", codes.PLACE_WITHOUT_URN(t.year))
    # The placement's local authority comes from its postcode; without that look-up every
    # placement is taken to be in England.
    if "PL_LA" in episodes.columns:
        exempt = exempt | is_one_of("PL_LA", codes.OUT_OF_ENGLAND(t.year))
    return {"Episodes": episodes.filter(open_in_year & pl.col("URN").is_null() & ~exempt)["ROW"]}


@rule(
    "222",
    "Ofsted Unique reference number (URN) should not be recorded for this placement type.",
    fields={"Episodes": ["URN"]},
)
def no_urn_for_an_unregistered_placement(t: Tables) -> Flags:
    episodes = t["Episodes"]
    urn = pl.col("URN").is_not_null() & (pl.col("URN") != codes.URN_OF_ADOPTION_AGENCY)
    return {"Episodes": episodes.filter(is_one_of("PLACE", codes.PLACE_WITHOUT_URN(t.year)) & urn)["ROW"]}


@rule(
    "225",
    "Reason for placement change must be recorded.",
    fields={"Episodes": ["REASON_PLACE_CHANGE"]},
)
def placement_change_has_a_reason(t: Tables) -> Flags:
    # An episode that ended in a change of placement (X1), followed by the same child's next
    # episode with a new placement, neither temporary, needs the reason for the change.
    temporary = codes.TEMPORARY_PLACEMENT(t.year)
    episodes = _by_child_and_start(t["Episodes"])
    next_is_a_move = (
        _same_child(1)
        & pl.col("RNE").shift(-1).is_in(codes.REASON_NEW_EPISODE_PLACEMENT_CHANGE(t.year)).fill_null(False)
        & ~pl.col("PLACE").shift(-1).is_in(temporary).fill_null(False)
    )
    at_fault = (
        (pl.col("REC") == "X1").fill_null(False)
        & pl.col("REASON_PLACE_CHANGE").is_null()
        & ~is_one_of("PLACE", temporary)
        & next_is_a_move
    )
    return {"Episodes": episodes.filter(at_fault)["ROW"]}


@rule(
    "226",
    "Reason for placement change is not required for temporary placements.",
    fields={"Episodes": ["REASON_PLACE_CHANGE", "PLACE"]},
)
def no_placement_change_reason_for_a_temporary_placement(t: Tables) -> Flags:
    # Neither a temporary placement nor the same child's episode before it has a reason.
    episodes = _by_child_and_start(t["Episodes"])
    reason_before = pl.col("REASON_PLACE_CHANGE").is_not_null().shift(1) & _same_child(-1)
    reason = pl.col("REASON_PLACE_CHANGE").is_not_null() | reason_before.fill_null(False)
    return {
        "Episodes": episodes.filter(is_one_of("PLACE", codes.TEMPORARY_PLACEMENT(t.year)) & reason)["ROW"]
    }


@rule(
    "233",
    "Reason for placement change is not required when the episode has not ceased.",
    fields={"Episodes": ["REASON_PLACE_CHANGE"]},
)
def no_placement_change_reason_for_an_open_episode(t: Tables) -> Flags:
    episodes = t["Episodes"]
    return {
        "Episodes": episodes.filter(pl.col("DEC").is_null() & pl.col("REASON_PLACE_CHANGE").is_not_null())[
            "ROW"
        ]
    }


@rule(
    "242",
    "URN = 'XXXXXXX' can only be used for regional adoption agencies",
    fields={"Episodes": ["URN"]},
)
def adoption_agency_urn_only_for_adoption_or_fostering(t: Tables) -> Flags:
    episodes = t["Episodes"]
    agency = pl.col("URN") == codes.URN_OF_ADOPTION_AGENCY
    return {
        "Episodes": episodes.filter(agency & ~is_one_of("PLACE", codes.ADOPTION_OR_FOSTER_PLACEMENT(t.year)))[
            "ROW"
        ]
    }


@rule(
    "336",
    "Child does not have a foster placement immediately prior to being placed for adoption.",
    fields={"Episodes": ["PLACE"]},
)
def foster_placement_before_adoption_placement(t: Tables) -> Flags:
    episodes = _by_child_and_start(t["Episodes"])
    before = pl.when(_same_child(-1)).then(pl.col("PLACE").shift(1))
    # A child's first episode (its earliest start) has no episode before it to check.
    first = pl.col("CHILD").is_not_null() & pl.col("DECOM:date").is_not_null() & ~_same_child(-1)
    at_fault = (
        is_one_of("PLACE", codes.ADOPTION_PLACEMENT_AFTER_FOSTERING(t.year))
        & ~before.is_in(codes.ADOPTION_OR_FOSTER_PLACEMENT(t.year)).fill_null(False)
        & ~first
    )
    return {"Episodes": episodes.filter(at_fault)["ROW"]}


@rule("353", "No episode submitted can start before 14 October 1991.", fields={"Episodes": ["DECOM"]})
def episode_starts_after_the_children_act(t: Tables) -> Flags:
    episodes = t["Episodes"]
    return {"Episodes": episodes.filter(pl.col("DECOM:date") < _EARLIEST_EPISODE)["ROW"]}


@rule(
    "354",
    "Date episode ceased must be on or before the end of the current collection year.",
    fields={"Episodes": ["DECOM"]},
)
def episode_starts_by_the_end_of_the_year(t: Tables) -> Flags:
    episodes = t["Episodes"]
    return {"Episodes": episodes.filter(pl.col("DECOM:date") > t.end)["ROW"]}


@rule("355", "Episode appears to have lasted for less than 24 hours", fields={"Episodes": ["DECOM", "DEC"]})
def episode_lasts_a_day_or_more(t: Tables) -> Flags:
    episodes = t["Episodes"]
    return {"Episodes": episodes.filter(pl.col("DECOM") == pl.col("DEC"))["ROW"]}


@rule(
    "356",
    "The date the episode ceased is before the date the same episode started.",
    fields={"Episodes": ["DECOM"]},
)
def episode_ends_after_it_starts(t: Tables) -> Flags:
    episodes = t["Episodes"]
    return {"Episodes": episodes.filter(pl.col("DEC:date") < pl.col("DECOM:date"))["ROW"]}


@rule(
    "357",
    "If this is the first episode ever for this child, reason for new episode must be S.  "
    "Check whether there is an episode immediately preceding this one, which has been left out.  "
    "If not the reason for new episode code must be amended to S.",
    fields={"Episodes": ["RNE"]},
)
def first_episode_starts_care(t: Tables) -> Flags:
    # Each child's earliest dated episode (the first in the file when two start together), if it
    # began in this collection year.
    episodes = t["Episodes"].filter(pl.col("DECOM:date").is_not_null() & pl.col("CHILD").is_not_null())
    first = pl.col("ROW") == pl.col("ROW").sort_by("DECOM:date", "ROW").first().over("CHILD")
    began_this_year = pl.col("DECOM:date") >= t.start
    return {
        "Episodes": episodes.filter(first & began_this_year & (pl.col("RNE") != "S").fill_null(True))["ROW"]
    }


def _joined_spells_too_long(t: Tables, legal_status: str, most_days: int) -> pl.Series:
    """Rows of each unbroken run of episodes of one child with `legal_status` (each ending the day
    the next episode starts), where the run lasts more than `most_days` days; an open episode
    counts to the end of the year."""
    episodes = _by_child_and_start(t["Episodes"]).with_columns(ends=pl.col("DEC:date").fill_null(t.end))
    runs_on = (pl.col("ends") == pl.col("DECOM:date").shift(-1)).fill_null(False) & _same_child(1)
    spells = (
        episodes.with_columns(runs_on=runs_on)
        .filter(pl.col("LS") == legal_status)
        .with_columns(spell=(~pl.col("runs_on").shift(1).fill_null(False)).cum_sum())
        .filter(pl.col("CHILD").is_not_null())
    )
    days = (pl.col("ends").max() - pl.col("DECOM:date").min()).dt.total_days()
    return spells.filter((days.over("CHILD", "spell") > most_days).fill_null(False))["ROW"]


@rule(
    "361",
    "Police protection legal status lasted longer than maximum 72 hours allowed in the Children Act 1989.",
    fields={"Episodes": ["DECOM", "LS", "DEC"]},
)
def police_protection_lasts_at_most_three_days(t: Tables) -> Flags:
    return {"Episodes": _joined_spells_too_long(t, "L1", 3)}


@rule(
    "362",
    "Emergency protection order (EPO) lasted longer than 21 days",
    fields={"Episodes": ["DECOM", "LS", "DEC"]},
)
def emergency_protection_lasts_at_most_twenty_one_days(t: Tables) -> Flags:
    return {"Episodes": _joined_spells_too_long(t, "L2", 21)}


def _back_to_back_days_too_many(t: Tables, legal_status: str, most_days: int) -> pl.Series:
    """Rows of each run of episodes with `legal_status`, taken in file order, in which each starts
    no later than the one before it ended, whose days add up to more than `most_days`; an open
    episode counts to the end of the year."""
    episodes = t["Episodes"].filter((pl.col("LS") == legal_status) & pl.col("DECOM:date").is_not_null())
    ends = pl.when(pl.col("DEC").is_null()).then(pl.lit(t.end)).otherwise(pl.col("DEC:date"))
    episodes = episodes.with_columns(ends=ends)
    new_period = (pl.col("DECOM:date") > pl.col("ends").shift(1)).fill_null(False) | (
        pl.col("CHILD") != pl.col("CHILD").shift(1)
    ).fill_null(True)
    periods = episodes.with_columns(
        period=new_period.cum_sum(), days=(pl.col("ends") - pl.col("DECOM:date")).dt.total_days()
    )
    return periods.filter(pl.col("days").sum().over("period") > most_days)["ROW"]


@rule(
    "363",
    "Child assessment order (CAO) lasted longer than 7 days allowed in the Children Act 1989.",
    fields={"Episodes": ["LS", "DECOM", "DEC"]},
)
def child_assessment_order_lasts_at_most_seven_days(t: Tables) -> Flags:
    return {"Episodes": _back_to_back_days_too_many(t, "L3", 7)}


@rule(
    "364",
    "Sections 41-46 of Police and Criminal Evidence (PACE; 1984) severely limits the time a child "
    "can be detained in custody in Local Authority (LA) accommodation.",
    fields={"Episodes": ["LS", "DECOM", "DEC"]},
)
def police_detention_lasts_at_most_twenty_one_days(t: Tables) -> Flags:
    return {"Episodes": _back_to_back_days_too_many(t, "J2", 21)}


@rule(
    "365",
    "Any individual short- term respite placement must not exceed 17 days.",
    fields={"Episodes": ["LS", "DECOM", "DEC"]},
)
def short_break_lasts_at_most_seventeen_days(t: Tables) -> Flags:
    episodes = t["Episodes"]
    ends = pl.when(pl.col("DEC").is_null()).then(pl.lit(t.end)).otherwise(pl.col("DEC:date"))
    too_long = ends > pl.col("DECOM:date").dt.offset_by(f"{_LONGEST_SHORT_BREAK_DAYS}d")
    return {"Episodes": episodes.filter((pl.col("LS") == "V3") & too_long)["ROW"]}


@rule(
    "366",
    "A child cannot change placement during the course of an individual short-term respite break.",
    fields={"Episodes": ["RNE"]},
)
def short_break_starts_a_new_episode(t: Tables) -> Flags:
    episodes = t["Episodes"]
    return {
        "Episodes": episodes.filter((pl.col("LS") == "V3") & (pl.col("RNE") != "S").fill_null(True))["ROW"]
    }


@rule(
    "367",
    "The maximum amount of respite care allowable is 75 days in any 12-month period.",
    fields={"Episodes": ["LS", "DECOM", "DEC"]},
)
def short_breaks_last_at_most_seventy_five_days_a_year(t: Tables) -> Flags:
    # The days of single short breaks within this collection year, added up for each child.
    ends = (
        pl.when(pl.col("DEC").is_null() | (pl.col("DEC:date") > t.end))
        .then(pl.lit(t.end))
        .otherwise(pl.col("DEC:date"))
    )
    starts = pl.when(pl.col("DECOM:date") < t.start).then(pl.lit(t.start)).otherwise(pl.col("DECOM:date"))
    breaks = (
        t["Episodes"]
        .filter((pl.col("LS") == "V3") & pl.col("DECOM").is_not_null())
        .with_columns(days=(ends - starts).dt.total_days())
        .filter((pl.col("days") > 0) & pl.col("CHILD").is_not_null())
    )
    return {
        "Episodes": breaks.filter(pl.col("days").sum().over("CHILD") > _MOST_SHORT_BREAK_DAYS_IN_A_YEAR)[
            "ROW"
        ]
    }


@rule(
    "377",
    "Only two temporary placements coded as being due to holiday of usual foster carer(s) are "
    "allowed in any 12- month period.",
    fields={"Episodes": ["PLACE"]},
)
def at_most_two_holidays_from_foster_carers(t: Tables) -> Flags:
    holidays = t["Episodes"].filter((pl.col("PLACE") == "T3") & pl.col("CHILD").is_not_null())
    return {"Episodes": holidays.filter(pl.len().over("CHILD") > _MOST_HOLIDAYS_FROM_FOSTER_CARERS)["ROW"]}
