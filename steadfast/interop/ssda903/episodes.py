"""SSDA903 episodes as the placement episodes the Department's stability measures count
(`steadfast.measures.stability_measures`), so that the files and the measures page are counted by
one set of rules (docs/measures.md, "From SSDA903 files").

One row of the Episodes table is one episode. Its kind comes from its legal status and placement
code, its carer from its reason for the new episode (RNE), read against the episodes before it:

- LS V3 or V4, one of an agreed series of short breaks: `SHORT_BREAK`, left out of the measures;
- PLACE T0 to T4, a temporary placement: `TEMPORARY`, not a placement;
- otherwise the placement type of the placement records that PLACE corresponds to (`KINDS`);
  A3 to A6 are placed for adoption.

- RNE S starts a period of care, with a new carer;
- RNE L (a change of legal status only), T (a change of placement, but the same carers) and U (a
  change of legal status and of placement, but the same carers) keep the carer of the last
  episode that was not temporary;
- RNE P (a change of placement and carers) and B (a change of legal status, placement and carers
  at once) are a move to a new carer, except the return from a temporary stay to the place
  the child was living in before it (the same PLACE, PLACE_PROVIDER, URN and PL_POST as the last
  episode that was not temporary), which the Department's rule 383 codes P: that is the same
  carer;
- a missing or unknown RNE counts as a move.

Rows the counting cannot place are left out and counted (`rows_left_out`): an episode with no real
start date (DECOM), one that ends (DEC) before it starts, and the episodes of a child with no
real date of birth in the Header table. The validation reports each of them.
"""

import polars as pl

from steadfast.measures import stability_measures as sm
from steadfast.placements.models import PlacementType

from . import codes

SHORT_BREAK_LEGAL_STATUSES = ("V3", "V4")
TEMPORARY_PLACEMENTS = ("T0", "T1", "T2", "T3", "T4")

KINDS = {
    **dict.fromkeys(("A3", "A4", "A5", "A6"), PlacementType.PLACED_FOR_ADOPTION.value),
    **dict.fromkeys(("U1", "U2", "U3"), PlacementType.FOSTER_CONNECTED_PERSON.value),
    **dict.fromkeys(("U4", "U5", "U6"), PlacementType.FOSTER_APPROVED_CARER.value),
    **dict.fromkeys(("K1", "K2"), PlacementType.RESIDENTIAL.value),
    "K3": PlacementType.INDEPENDENT_LIVING.value,
    "P1": PlacementType.PLACED_WITH_PARENTS.value,
    # No placement type of the placement records corresponds to these: residential employment,
    # a care home or an NHS establishment, a family centre or mother and baby unit, a young
    # offender institution or prison, a residential school, and the other placements (Z11-Z14).
    **dict.fromkeys(
        ("P3", "R1", "R2", "R3", "R5", "S1", "Z11", "Z12", "Z13", "Z14"), PlacementType.OTHER.value
    ),
}
"""The placement type each placement code (PLACE) corresponds to, apart from the temporary ones.
A code not listed (from another year, or mistyped) is `other`."""

AGENCY_PROVIDERS = ("PR4", "PR5")
"""Private and voluntary providers: foster care with another carer (U4 to U6) through them is
foster care through an agency."""

SAME_CARER = ("L", "T", "U")
MOVE = ("P", "B")
START = "S"

_READ = ("RNE", "LS", "PLACE", "PLACE_PROVIDER", "URN", "PL_POST")


def episode_frame(header: pl.LazyFrame | pl.DataFrame, episodes: pl.LazyFrame | pl.DataFrame) -> pl.LazyFrame:
    """The placement episodes of the Header and Episodes tables (as `reading` prepares them),
    one row per episode with the columns of `stability_measures.EPISODE_COLUMNS`, the child's
    CHILD as its id. Rows the counting cannot place are left out (see `rows_left_out`)."""
    return _episodes(_flagged(header, episodes).filter(pl.col("_counted"))).select(sm.EPISODE_COLUMNS)


def rows_left_out(header: pl.LazyFrame | pl.DataFrame, episodes: pl.LazyFrame | pl.DataFrame) -> int:
    """How many rows of the Episodes table `episode_frame` leaves out."""
    return _flagged(header, episodes).filter(~pl.col("_counted")).select(pl.len()).collect().item()


def _flagged(header: pl.LazyFrame | pl.DataFrame, episodes: pl.LazyFrame | pl.DataFrame) -> pl.LazyFrame:
    """The episodes' columns the counting reads, each with the child's date of birth, and
    `_counted`: whether the row can be counted."""
    births = (
        header.lazy()
        .select(pl.col("CHILD"), pl.col("DOB:date").alias(sm.DATE_OF_BIRTH))
        .filter(pl.col("CHILD").is_not_null())
        .unique("CHILD", keep="first")
    )
    return (
        episodes.lazy()
        .select("CHILD", "ROW", "DECOM:date", "DEC:date", *_READ)
        .join(births, on="CHILD", how="left")
        .with_columns(
            (
                pl.col("CHILD").is_not_null()
                & pl.col("DECOM:date").is_not_null()
                & pl.col(sm.DATE_OF_BIRTH).is_not_null()
                & (pl.col("DEC:date").is_null() | (pl.col("DEC:date") >= pl.col("DECOM:date")))
            ).alias("_counted")
        )
    )


def _episodes(flagged: pl.LazyFrame) -> pl.LazyFrame:
    """The rows in date order for each child, with the episode's columns."""
    place, legal_status, reason = pl.col("PLACE"), pl.col("LS"), pl.col("RNE")
    short_break = legal_status.is_in(SHORT_BREAK_LEGAL_STATUSES).fill_null(False)
    temporary = ~short_break & place.is_in(TEMPORARY_PLACEMENTS).fill_null(False)
    kind = (
        pl.when(short_break)
        .then(pl.lit(sm.SHORT_BREAK))
        .when(temporary)
        .then(pl.lit(sm.TEMPORARY))
        .when(place.is_in(("U4", "U5", "U6")) & pl.col("PLACE_PROVIDER").is_in(AGENCY_PROVIDERS))
        .then(pl.lit(PlacementType.FOSTER_AGENCY.value))
        .otherwise(place.replace_strict(KINDS, default=PlacementType.OTHER.value, return_dtype=pl.String))
    )
    # Where the child lives, as the file names it: a return from a temporary stay names the same.
    where = pl.concat_str(
        [pl.col(c).fill_null("") for c in ("CHILD", "PLACE", "PLACE_PROVIDER", "URN", "PL_POST")],
        separator="|",
    )
    last_where = pl.when(~temporary).then(where).forward_fill().shift(1)
    new_child = pl.col("CHILD").ne_missing(pl.col("CHILD").shift(1))
    returned = temporary.shift(1).fill_null(False) & (where == last_where).fill_null(False)
    new_carer = (
        new_child
        | (reason == START).fill_null(False)
        | (reason.is_in(MOVE).fill_null(True) & ~returned)
        | ~reason.is_in((*MOVE, *SAME_CARER, START)).fill_null(False)
    )
    return flagged.sort(["CHILD", "DECOM:date", "ROW"]).with_columns(
        pl.col("CHILD").alias(sm.CHILD_ID),
        pl.col("DECOM:date").alias(sm.START),
        pl.col("DEC:date").alias(sm.END),
        kind.alias(sm.KIND),
        # Temporary stays take the carer before them; the counting passes over them.
        (new_carer & ~temporary).cum_sum().alias(sm.CARER_ID),
        (reason == START).fill_null(False).alias(sm.STARTS_PERIOD_OF_CARE),
    )


# Each code the mapping reads is one of the year's codes: checked by the tests.
CODES_READ = {
    "PLACE": (*KINDS, *TEMPORARY_PLACEMENTS),
    "LS": SHORT_BREAK_LEGAL_STATUSES,
    "RNE": (*SAME_CARER, *MOVE, START),
    "PLACE_PROVIDER": AGENCY_PROVIDERS,
}
CODE_LISTS = {
    "PLACE": codes.PLACEMENT_TYPE,
    "LS": codes.LEGAL_STATUS,
    "RNE": codes.REASON_NEW_EPISODE,
    "PLACE_PROVIDER": codes.PLACEMENT_PROVIDER,
}
