"""Rules about the Episodes table: the placements, legal statuses and reasons that make up each
period of care, read within the current year's return.

Rules that compare an episode with the one before or after it read the child's episodes in the
Department's order: by CHILD, then start date, with a missing or impossible date last, and rows
that tie in their first-given order. A row without a CHILD has no neighbour."""

import datetime

import polars as pl

from .. import codes
from ..expressions import differs, same
from ..validation import Flags, Tables, rule

TEMPORARY = ("T0", "T1", "T2", "T3", "T4")
RESPITE = ("V3", "V4")
ADOPTION_PLACEMENTS = ("A3", "A4", "A5", "A6")
FORMER_FOSTER_CARERS = ("U1", "U2", "U3", "U4", "U5", "U6")
CONTINUATION = ("P", "L", "T", "U", "B")
CEASED_CARE = (
    "E2",
    "E3",
    "E4A",
    "E4B",
    "E5",
    "E6",
    "E7",
    "E8",
    "E9",
    "E11",
    "E12",
    "E13",
    "E14",
    "E15",
    "E16",
    "E17",
    "E41",
    "E45",
    "E46",
    "E47",
    "E48",
)
E1_FIRST_DAY = datetime.date(2005, 12, 1)
"""Placement orders (legal status E1) exist from 1 December 2005."""
DECOM_UNKNOWN = datetime.date(1901, 1, 1)
"""Where rule 388 puts an episode whose start date is missing: before every real one."""
PLACEMENT_IDENTITY = ("PLACE", "PL_POST", "URN", "PLACE_PROVIDER")
"""The columns that together say which placement an episode is in."""


def _faults(table: str, frame: pl.DataFrame, fault: pl.Expr) -> Flags:
    return {table: frame.filter(fault.fill_null(False))["ROW"]}


def _in_order(episodes: pl.DataFrame, *dates: str) -> pl.DataFrame:
    """The episodes by CHILD and then `dates`, missing values last, ties kept in file order,
    with `SAME_AS_PREVIOUS` and `SAME_AS_NEXT`: whether the row before (after) is the same
    child's."""
    return episodes.sort(["CHILD", *dates], nulls_last=True, maintain_order=True).with_columns(
        (pl.col("CHILD") == pl.col("CHILD").shift(1)).fill_null(False).alias("SAME_AS_PREVIOUS"),
        (pl.col("CHILD") == pl.col("CHILD").shift(-1)).fill_null(False).alias("SAME_AS_NEXT"),
    )


def _previous(column: str, steps: int = 1) -> pl.Expr:
    return pl.col(column).shift(steps)


@rule(
    "378",
    "A child who is placed with parent(s) cannot be looked after under a single period of "
    "accommodation under Section 20 of the Children Act 1989.",
    fields={"Episodes": ["PLACE", "LS"]},
)
def placed_with_parents_is_not_single_period_of_accommodation(t: Tables) -> Flags:
    return _faults("Episodes", t["Episodes"], (pl.col("PLACE") == "P1") & (pl.col("LS") == "V2"))


@rule(
    "380",
    "A period of care cannot start with a temporary placement.",
    fields={"Episodes": ["PLACE", "RNE"]},
)
def period_of_care_does_not_start_in_temporary_placement(t: Tables) -> Flags:
    return _faults(
        "Episodes",
        t["Episodes"],
        pl.col("PLACE").is_in(TEMPORARY) & ~pl.col("RNE").is_in(("P", "B")).fill_null(False),
    )


@rule(
    "381",
    "A period of care cannot end with a temporary placement.",
    fields={"Episodes": ["PLACE", "REC"]},
)
def period_of_care_does_not_end_in_temporary_placement(t: Tables) -> Flags:
    return _faults(
        "Episodes",
        t["Episodes"],
        pl.col("PLACE").is_in(TEMPORARY) & (pl.col("REC") != "X1"),
    )


@rule(
    "382",
    "A child receiving respite care cannot be in a temporary placement.",
    fields={"Episodes": ["LS", "PLACE"]},
)
def respite_care_is_not_temporary_placement(t: Tables) -> Flags:
    return _faults("Episodes", t["Episodes"], pl.col("LS").is_in(RESPITE) & pl.col("PLACE").is_in(TEMPORARY))


@rule(
    "383",
    "A child in a temporary placement must subsequently return to his/her normal placement.",
    fields={"Episodes": ["PLACE", "RNE", "PL_POST"]},
)
def temporary_placement_returns_to_normal_placement(t: Tables) -> Flags:
    episodes = _in_order(t["Episodes"], "DECOM:date")
    fault = (
        pl.col("SAME_AS_PREVIOUS")
        & _previous("SAME_AS_PREVIOUS").fill_null(False)
        & _previous("PLACE").is_in(TEMPORARY).fill_null(False)
        & (
            differs(pl.col("RNE"), pl.lit("P"))
            | differs(pl.col("PLACE"), _previous("PLACE", 2))
            | differs(pl.col("PL_POST"), _previous("PL_POST", 2))
        )
    )
    return _faults("Episodes", episodes, fault)


@rule(
    "384",
    "A child receiving respite care cannot be in a long-term foster placement ",
    fields={"Episodes": ["PLACE", "LS"]},
)
def respite_care_is_not_long_term_fostering(t: Tables) -> Flags:
    return _faults(
        "Episodes", t["Episodes"], pl.col("LS").is_in(RESPITE) & pl.col("PLACE").is_in(("U1", "U4"))
    )


@rule(
    "385",
    "Date episode ceased must be on or before the end of the current collection year.",
    fields={"Episodes": ["DEC"]},
)
def episode_ends_by_end_of_year(t: Tables) -> Flags:
    return _faults("Episodes", t["Episodes"], pl.col("DEC:date") > t.end)


@rule(
    "388",
    "Reason episode ceased is coded new episode begins, but there is no continuation episode.",
    fields={"Episodes": ["REC"]},
)
def new_episode_begins_has_continuation_episode(t: Tables) -> Flags:
    episodes = t["Episodes"].with_columns(pl.col("DECOM:date").fill_null(DECOM_UNKNOWN).alias("START"))
    episodes = _in_order(episodes, "START").with_columns(
        pl.when("SAME_AS_NEXT").then(pl.col("START").shift(-1)).alias("NEXT_START")
    )
    has_next = pl.col("NEXT_START").is_not_null()
    ended = pl.col("DEC:date").is_not_null()
    ends_on_next_start = pl.col("DEC:date") == pl.col("NEXT_START")
    x1 = pl.col("REC") == "X1"
    fault = (
        (has_next & ended & x1 & ~ends_on_next_start)
        | (has_next & ended & ~x1 & ends_on_next_start)
        | (~has_next & pl.col("CHILD").is_not_null() & ended & x1)
    )
    return _faults("Episodes", episodes, fault)


@rule(
    "390",
    "Reason episode ceased is adopted but child has not been previously placed for adoption.",
    fields={"Episodes": ["PLACE", "REC"]},
)
def adopted_child_was_placed_for_adoption(t: Tables) -> Flags:
    return _faults(
        "Episodes",
        t["Episodes"],
        pl.col("REC").is_in(("E11", "E12")) & ~pl.col("PLACE").is_in(ADOPTION_PLACEMENTS).fill_null(False),
    )


def _former_uasc(t: Tables) -> pl.Series | None:
    """The children shown as UASC this year or last (by Header's UASC, or failing a Header, by
    any value in the UASC table), or None when no table says."""
    found: list[pl.Series] = []
    for header, uasc in (("Header", "UASC"), ("Header_last", "UASC_last")):
        if header in t:
            if "UASC" in t[header].columns:
                found.append(t[header].filter(pl.col("UASC") == "1")["CHILD"])
        elif uasc in t:
            table = t[uasc]
            given = pl.any_horizontal(pl.col(c).is_not_null() for c in ("SEX", "DOB", "DUC"))
            found.append(table.filter(given)["CHILD"])
    return pl.concat(found) if found else None


@rule(
    "392b",
    "Child is looked after but no postcodes are recorded. [NOTE: This check may result in false "
    "positives for children formerly UASC, particularly if current & prior year UASC data not loaded]",
    fields={"Episodes": ["HOME_POST", "PL_POST"]},
)
def looked_after_child_has_postcodes(t: Tables) -> Flags:
    fault = ~pl.col("LS").is_in(RESPITE).fill_null(False) & (
        pl.col("HOME_POST").is_null() | pl.col("PL_POST").is_null()
    )
    former_uasc = _former_uasc(t)
    if former_uasc is not None:
        fault = fault & ~pl.col("CHILD").is_in(former_uasc.implode(), nulls_equal=True)
    return _faults("Episodes", t["Episodes"], fault)


@rule(
    "392d",
    "Home and placement postcodes should not be same unless the placement type is P1.",
    fields={"Episodes": ["HOME_POST", "PL_POST", "PLACE"]},
)
def home_and_placement_postcodes_differ_unless_with_parents(t: Tables) -> Flags:
    return _faults(
        "Episodes",
        t["Episodes"],
        differs(pl.col("PLACE"), pl.lit("P1")) & (pl.col("HOME_POST") == pl.col("PL_POST")),
    )


@rule(
    "398",
    "Distance field completed but child looked after under legal status V3 or V4.",
    fields={"Episodes": ["LS", "HOME_POST", "PL_POST"]},
)
def respite_care_has_no_postcodes(t: Tables) -> Flags:
    return _faults(
        "Episodes",
        t["Episodes"],
        pl.col("LS").is_in(RESPITE) & (pl.col("HOME_POST").is_not_null() | pl.col("PL_POST").is_not_null()),
    )


@rule(
    "408",
    "Child is placed for adoption with a placement order, but no placement order has been recorded.",
    fields={"Episodes": ["PLACE", "LS"]},
)
def placed_for_adoption_with_order_has_placement_order(t: Tables) -> Flags:
    return _faults(
        "Episodes", t["Episodes"], pl.col("PLACE").is_in(("A5", "A6")) & differs(pl.col("LS"), pl.lit("E1"))
    )


@rule(
    "426",
    "A child receiving respite care cannot be recorded under a legal status of V3 and V4 in the same year.",
    fields={"Episodes": ["LS"]},
)
def respite_care_is_not_both_v3_and_v4(t: Tables) -> Flags:
    both = (pl.col("LS") == "V3").any().over("CHILD") & (pl.col("LS") == "V4").any().over("CHILD")
    return _faults("Episodes", t["Episodes"], pl.col("LS").is_in(RESPITE) & both)


@rule(
    "431",
    "The reason for new episode is started to be looked after, but the previous episode ended on "
    "the same day.",
    fields={"Episodes": ["RNE", "DECOM"]},
)
def new_period_of_care_starts_after_previous_episode_ended(t: Tables) -> Flags:
    episodes = _in_order(t["Episodes"], "DECOM:date")
    fault = (
        pl.col("SAME_AS_PREVIOUS") & (pl.col("RNE") == "S") & (pl.col("DECOM:date") <= _previous("DEC:date"))
    )
    return _faults("Episodes", episodes, fault)


@rule(
    "432",
    "The child ceased to be looked after at the end of the previous episode but the reason for "
    "the new episode is not started to be looked after.",
    fields={"Episodes": ["RNE"]},
)
def episode_after_care_ceased_starts_new_period(t: Tables) -> Flags:
    episodes = _in_order(t["Episodes"], "DECOM:date")
    fault = (
        pl.col("SAME_AS_PREVIOUS")
        & _previous("REC").is_in(CEASED_CARE).fill_null(False)
        & differs(pl.col("RNE"), pl.lit("S"))
    )
    return _faults("Episodes", episodes, fault)


@rule(
    "433",
    "The reason for new episode suggests that this is a continuation episode, but the episode does "
    "not start on the same day as the last episode finished.",
    fields={"Episodes": ["RNE", "DECOM"]},
)
def continuation_episode_starts_when_previous_ended(t: Tables) -> Flags:
    episodes = _in_order(t["Episodes"], "DECOM:date", "DEC:date")
    # The dates are compared as written, as the Department's validator compares them.
    fault = (
        pl.col("SAME_AS_PREVIOUS")
        & pl.col("RNE").is_in(CONTINUATION)
        & differs(_previous("DEC"), pl.col("DECOM"))
    )
    return _faults("Episodes", episodes, fault)


def _placement_changed() -> pl.Expr:
    return pl.any_horizontal(
        pl.col(c).fill_null("") != _previous(c).fill_null("") for c in PLACEMENT_IDENTITY
    )


@rule(
    "434",
    "Reason for new episode is that child's legal status has changed but not the placement, but "
    "this is not reflected in the episode data.",
    fields={"Episodes": ["RNE", "LS", "PLACE", "PL_POST", "URN", "PLACE_PROVIDER"]},
)
def legal_status_change_changes_legal_status_only(t: Tables) -> Flags:
    episodes = _in_order(t["Episodes"], "DECOM:date")
    fault = (
        pl.col("SAME_AS_PREVIOUS")
        & (pl.col("RNE") == "L")
        & (same(pl.col("LS"), _previous("LS")) | _placement_changed())
    )
    return _faults("Episodes", episodes, fault)


@rule(
    "435",
    "Reason for new episode is that child\u2019s placement has changed but not the legal status, but "
    "this is not reflected in the episode data recorded.",
    fields={"Episodes": ["LS", "PLACE", "PL_POST", "URN", "PLACE_PROVIDER"]},
)
def placement_change_changes_placement_only(t: Tables) -> Flags:
    episodes = _in_order(t["Episodes"], "DECOM:date")
    same_placement = pl.all_horizontal(same(pl.col(c), _previous(c)) for c in PLACEMENT_IDENTITY)
    fault = (
        pl.col("SAME_AS_PREVIOUS")
        & pl.col("RNE").is_in(("P", "T"))
        & (differs(pl.col("LS"), _previous("LS")) | same_placement)
    )
    return _faults("Episodes", episodes, fault)


@rule(
    "436",
    "Reason for new episode is that both child\u2019s placement and legal status have changed, but this "
    "is not reflected in the episode data.",
    fields={"Episodes": ["RNE", "LS", "PLACE", "PL_POST", "URN", "PLACE_PROVIDER"]},
)
def placement_and_legal_status_change_changes_both(t: Tables) -> Flags:
    episodes = _in_order(t["Episodes"], "DECOM:date")
    # A missing value here matches a missing value, as the Department's validator has it.
    same_legal_status = pl.col("LS").fill_null("*") == _previous("LS").fill_null("*")
    same_placement = ~_placement_changed()
    fault = (
        pl.col("SAME_AS_PREVIOUS") & pl.col("RNE").is_in(("U", "B")) & (same_legal_status | same_placement)
    )
    return _faults("Episodes", episodes, fault)


@rule(
    "437",
    "Reason episode ceased is child has died or is aged 18 or over but there are further episodes.",
    fields={"Episodes": ["REC"]},
)
def no_episode_follows_death_or_eighteenth_birthday(t: Tables) -> Flags:
    episodes = _in_order(t["Episodes"], "DECOM:date")
    fault = pl.col("DECOM:date").is_not_null() & pl.col("REC").is_in(("E2", "E15")) & pl.col("SAME_AS_NEXT")
    return _faults("Episodes", episodes, fault)


@rule(
    "446",
    "E1 is not a valid code for episodes starting before December 2005.",
    fields={"Episodes": ["LS", "DECOM"]},
)
def placement_order_starts_from_december_2005(t: Tables) -> Flags:
    return _faults("Episodes", t["Episodes"], (pl.col("LS") == "E1") & (pl.col("DECOM:date") < E1_FIRST_DAY))


@rule(
    "501",
    "A new episode has started before the end date of the previous episode.",
    fields={"Episodes": ["DECOM", "DEC"]},
)
def episode_starts_after_previous_episode_ended(t: Tables) -> Flags:
    episodes = _in_order(t["Episodes"], "DECOM:date")
    return _faults(
        "Episodes", episodes, pl.col("SAME_AS_PREVIOUS") & (pl.col("DECOM:date") < _previous("DEC:date"))
    )


@rule(
    "504",
    "The category of need code differs from that reported at start of current period of being looked after",
    fields={"Episodes": ["CIN"]},
)
def category_of_need_is_kept_through_period_of_care(t: Tables) -> Flags:
    episodes = _in_order(t["Episodes"], "DECOM:date")
    fault = (
        pl.col("SAME_AS_PREVIOUS")
        & (_previous("REC") == "X1")
        & (_previous("DEC:date") == pl.col("DECOM:date"))
        & differs(pl.col("CIN"), _previous("CIN"))
    )
    return _faults("Episodes", episodes, fault)


@rule(
    "516",
    "The episode data submitted for this child does not show that he/she was with their former "
    "foster carer(s) during the year.If the code in the reason episode ceased is E45 or E46 the "
    "child must have a placement code of U1 to U6.",
    fields={"Episodes": ["REC", "PLACE"]},
)
def staying_put_follows_former_foster_placement(t: Tables) -> Flags:
    return _faults(
        "Episodes",
        t["Episodes"],
        pl.col("REC").is_in(("E45", "E46")) & ~pl.col("PLACE").is_in(FORMER_FOSTER_CARERS).fill_null(False),
    )


@rule(
    "526",
    "Child is missing a placement provider code for at least one episode.",
    fields={"Episodes": ["PLACE", "PLACE_PROVIDER"]},
)
def placement_provider_is_given(t: Tables) -> Flags:
    without_provider = codes.PLACEMENTS_WITHOUT_PROVIDER(t.year)
    return _faults(
        "Episodes",
        t["Episodes"],
        ~pl.col("PLACE").is_in(without_provider).fill_null(False) & pl.col("PLACE_PROVIDER").is_null(),
    )


def _provider_not_with(provider: str, placements: tuple[str, ...]) -> pl.Expr:
    return pl.col("PLACE").is_in(placements) & (pl.col("PLACE_PROVIDER") == provider)


@rule(
    "527",
    "A placement provider code of PR1 cannot be associated with placements P1, R2 or R5.",
    fields={"Episodes": ["PLACE", "PLACE_PROVIDER"]},
)
def own_authority_provision_is_not_p1_r2_or_r5(t: Tables) -> Flags:
    return _faults("Episodes", t["Episodes"], _provider_not_with("PR1", ("P1", "R2", "R5")))


@rule(
    "528",
    "A placement provider code of PR2 cannot be associated with placements P1, R2 or R5.",
    fields={"Episodes": ["PLACE", "PLACE_PROVIDER"]},
)
def other_authority_provision_is_not_p1_r2_or_r5(t: Tables) -> Flags:
    return _faults("Episodes", t["Episodes"], _provider_not_with("PR2", ("P1", "R2", "R5")))


@rule(
    "529",
    "Placement provider code of PR3 cannot be associated with placements P1, A3 to A6, K1, K2 and U1 "
    "to U6 as these placements cannot be provided by other public organisations.",
    fields={"Episodes": ["PLACE", "PLACE_PROVIDER"]},
)
def other_public_provision_is_not_family_adoption_or_home_placement(t: Tables) -> Flags:
    placements = ("A3", "A4", "A5", "A6", "K1", "K2", "P1", "U1", "U2", "U3", "U4", "U5", "U6")
    return _faults("Episodes", t["Episodes"], _provider_not_with("PR3", placements))


@rule(
    "530",
    "A placement provider code of PR4 cannot be associated with placement P1.",
    fields={"Episodes": ["PLACE", "PLACE_PROVIDER"]},
)
def private_provision_is_not_with_parents(t: Tables) -> Flags:
    return _faults("Episodes", t["Episodes"], _provider_not_with("PR4", ("P1",)))


@rule(
    "531",
    "A placement provider code of PR5 cannot be associated with placements P1.",
    fields={"Episodes": ["PLACE", "PLACE_PROVIDER"]},
)
def voluntary_provision_is_not_with_parents(t: Tables) -> Flags:
    return _faults("Episodes", t["Episodes"], _provider_not_with("PR5", ("P1",)))


@rule(
    "550",
    "A placement provider code of PR0 can only be associated with placement P1.",
    fields={"Episodes": ["PLACE", "PLACE_PROVIDER"]},
)
def parents_provision_is_only_with_parents(t: Tables) -> Flags:
    return _faults(
        "Episodes",
        t["Episodes"],
        differs(pl.col("PLACE"), pl.lit("P1")) & (pl.col("PLACE_PROVIDER") == "PR0"),
    )


@rule(
    "1009",
    "Reason for placement change is not a valid code.",
    fields={"Episodes": ["REASON_PLACE_CHANGE"]},
)
def reason_for_placement_change_is_valid(t: Tables) -> Flags:
    return _faults(
        "Episodes", t["Episodes"], ~pl.col("REASON_PLACE_CHANGE").is_in(codes.REASON_PLACE_CHANGE(t.year))
    )


CHILD_TABLES = ("PlacedAdoption", "Missing", "Reviews", "AD1", "PrevPerm", "OC2")
"""The tables that hold data only for a child with episodes in the year."""


@rule(
    "1012",
    "No other data should be returned for OC3 children who had no episodes in the current year",
    fields={table: ["CHILD"] for table in CHILD_TABLES},
    needs=["Episodes"],
)
def only_children_with_episodes_have_other_data(t: Tables) -> Flags:
    with_episodes = t["Episodes"]["CHILD"].implode()
    return {
        table: t[table].filter(~pl.col("CHILD").is_in(with_episodes, nulls_equal=True))["ROW"]
        for table in CHILD_TABLES
        if table in t
    }
