"""Rules that read the Header beside the Episodes: the child's age at the start or end of an
episode, the UPN and mother fields of children looked after, and children missing from the Header.

Each episode is joined to its child's Header row (by CHILD; a blank CHILD matches nothing). A rule
that finds fault with the pair flags the episode and, where the Department points at both, the
child's Header row too.
"""

import datetime

import polars as pl

from .. import codes
from ..validation import Flags, Tables, rule

dob = pl.col("DOB:date")
decom = pl.col("DECOM:date")
dec = pl.col("DEC:date")


def _aged(years: int) -> pl.Expr:
    """The child's birthday `years` after birth (29 February falls on 28 February)."""
    return dob.dt.offset_by(f"{years}y")


def _with_header(t: Tables, *columns: str) -> pl.DataFrame:
    """Every episode with the Header's `columns` of its child and the Header row as `HEADER_ROW`,
    once for each Header row of the child (an episode whose child has none keeps nulls)."""
    header = t["Header"].select("CHILD", *columns, pl.col("ROW").alias("HEADER_ROW"))
    return t["Episodes"].join(header, on="CHILD", how="left")


def _both(pairs: pl.DataFrame, fault: pl.Expr) -> Flags:
    """The episodes and Header rows of the pairs at fault."""
    at_fault = pairs.filter(fault.fill_null(False))
    return {"Episodes": at_fault["ROW"], "Header": at_fault["HEADER_ROW"]}


def _episodes(pairs: pl.DataFrame, fault: pl.Expr) -> Flags:
    return {"Episodes": pairs.filter(fault.fill_null(False))["ROW"]}


@rule(
    "210",
    "Children looked after for more than a week at 31 March should not have an unknown Unique "
    "Pupil Number (UPN) code of UN4.",
    fields={"Header": ["UPN"], "Episodes": ["DECOM"]},
)
def upn_is_known_for_a_child_looked_after_over_a_week_at_31_march(t: Tables) -> Flags:
    a_week_before_the_end = datetime.date(t.year, 3, 24)
    pairs = _with_header(t, "UPN")
    return _both(pairs, (pl.col("UPN") == "UN4") & (decom >= a_week_before_the_end))


@rule(
    "234",
    "A child aged under 10 can not change placement due to being admitted to custody",
    fields={"Episodes": ["REASON_PLACE_CHANGE"], "Header": ["DOB"]},
)
def child_under_10_does_not_change_placement_for_custody(t: Tables) -> Flags:
    pairs = _with_header(t, "DOB:date")
    return _both(pairs, (pl.col("REASON_PLACE_CHANGE") == "CUSTOD") & (_aged(10) > decom))


@rule(
    "302",
    "First episode starts before child was born.",
    fields={"Episodes": ["DECOM"], "Header": ["DOB"]},
)
def first_episode_starts_after_birth(t: Tables) -> Flags:
    # The child's earliest episode; of two starting the same day, the first in the file.
    first = (
        t["Episodes"]
        .filter(pl.col("CHILD").is_not_null() & decom.is_not_null())
        .sort("CHILD", "DECOM:date", "ROW")
        .unique("CHILD", keep="first", maintain_order=True)
        .select("CHILD", "ROW", "DECOM:date")
    )
    header = t["Header"].select("CHILD", "DOB:date", pl.col("ROW").alias("HEADER_ROW"))
    return _both(first.join(header, on="CHILD", how="left"), dob > decom)


@rule(
    "352",
    "Child who started to be looked after was aged 18 or over.",
    fields={"Episodes": ["DECOM", "RNE"]},
    needs=["Header", "Episodes"],
)
def child_starting_to_be_looked_after_is_under_18(t: Tables) -> Flags:
    pairs = _with_header(t, "DOB:date")
    return _episodes(pairs, (pl.col("RNE") == "S") & (_aged(18) <= decom))


@rule(
    "358",
    "Child with this legal status should not be under 10.",
    fields={"Episodes": ["DECOM", "LS"], "Header": ["DOB"]},
)
def child_under_youth_justice_legal_status_is_over_10(t: Tables) -> Flags:
    pairs = _with_header(t, "DOB:date")
    youth_justice = pl.col("LS").is_in(codes.YOUTH_JUSTICE_LEGAL_STATUS(t.year))
    return _both(pairs, youth_justice & (_aged(10) >= decom))


@rule(
    "359",
    "Child being looked after following 18th birthday must be accommodated under section 20(5) "
    "of the Children Act 1989 in a community home.",
    fields={"Episodes": ["DEC", "LS", "PLACE"]},
    needs=["Header", "Episodes"],
)
def child_looked_after_past_18_is_accommodated_in_a_community_home(t: Tables) -> Flags:
    pairs = _with_header(t, "DOB:date")
    in_community_home = pl.col("LS").eq_missing("V2") & pl.col("PLACE").eq_missing("K2")
    return _episodes(pairs, (_aged(18) < t.end) & pl.col("DEC").is_null() & ~in_community_home)


def _placed_younger_than(t: Tables, place: str, years: int) -> Flags:
    """Episodes in placement `place` that started before the child was `years` old; only
    episodes with a start, an end and the child's date of birth are checked."""
    pairs = (
        t["Episodes"]
        .filter(pl.col("PLACE") == place)
        .join(t["Header"].select("CHILD", "DOB:date"), on="CHILD", how="inner")
    )
    dated = decom.is_not_null() & dec.is_not_null() & dob.is_not_null()
    return _episodes(pairs, dated & (decom < _aged(years)))


def _placed_longer_than(t: Tables, place: str, days: int) -> Flags:
    """Episodes in placement `place` that lasted more than `days` days; only episodes with a
    start, an end and the child's date of birth are checked."""
    pairs = (
        t["Episodes"]
        .filter(pl.col("PLACE") == place)
        .join(t["Header"].select("CHILD", "DOB:date"), on="CHILD", how="inner")
    )
    dated = decom.is_not_null() & dec.is_not_null() & dob.is_not_null()
    return _episodes(pairs, dated & (dec > decom + pl.duration(days=days)))


@rule(
    "371",
    "Child in supported accomodation not subject to children’s homes regulations should be at least 16.",  # noqa: RUF001
    fields={"Episodes": ["DECOM", "PLACE"]},
    needs=["Episodes", "Header"],
)
def child_in_supported_accommodation_is_at_least_16(t: Tables) -> Flags:
    return _placed_younger_than(t, "K3", 16)


@rule(
    "372",
    "Child in youth custody or prison should be at least 10.",
    fields={"Episodes": ["DECOM", "PLACE"]},
    needs=["Episodes", "Header"],
)
def child_in_youth_custody_is_at_least_10(t: Tables) -> Flags:
    return _placed_younger_than(t, "R5", 10)


@rule(
    "373",
    "Child placed in a school should be at least 4 years old.",
    fields={"Episodes": ["DECOM", "PLACE"]},
    needs=["Episodes", "Header"],
)
def child_placed_in_a_school_is_at_least_4(t: Tables) -> Flags:
    return _placed_younger_than(t, "S1", 4)


@rule(
    "374",
    "Child in residential employment should be at least 14 years old.",
    fields={"Episodes": ["DECOM", "PLACE"]},
    needs=["Episodes", "Header"],
)
def child_in_residential_employment_is_at_least_14(t: Tables) -> Flags:
    return _placed_younger_than(t, "P3", 14)


@rule(
    "375",
    "Hospitalisation coded as a temporary placement exceeds six weeks.",
    fields={"Episodes": ["DECOM", "PLACE"]},
    needs=["Episodes", "Header"],
)
def temporary_hospital_placement_lasts_at_most_six_weeks(t: Tables) -> Flags:
    return _placed_longer_than(t, "T1", 42)


@rule(
    "376",
    "Temporary placements coded as being due to holiday of usual foster carer(s) cannot exceed three weeks.",
    fields={"Episodes": ["DECOM", "PLACE"]},
    needs=["Episodes", "Header"],
)
def temporary_placement_for_carers_holiday_lasts_at_most_three_weeks(t: Tables) -> Flags:
    return _placed_longer_than(t, "T3", 21)


@rule(
    "379",
    "Temporary placements for unspecified reason (placement code T4) cannot exceed seven days.",
    fields={"Episodes": ["DECOM", "PLACE"]},
    needs=["Episodes", "Header"],
)
def temporary_placement_for_other_reason_lasts_at_most_seven_days(t: Tables) -> Flags:
    return _placed_longer_than(t, "T4", 7)


@rule(
    "386",
    "Reason episode ceased is adopted but child has reached age 18.",
    fields={"Episodes": ["REC"]},
    needs=["Header", "Episodes"],
)
def child_adopted_is_under_18(t: Tables) -> Flags:
    pairs = _with_header(t, "DOB:date")
    return _episodes(pairs, pl.col("REC").is_in(["E11", "E12"]) & (_aged(18) <= dec))


@rule(
    "387",
    "Reason episode ceased is child moved into independent living arrangement, but the child is "
    "aged under 14.",
    fields={"Episodes": ["REC"]},
    needs=["Header", "Episodes"],
)
def child_moving_to_independent_living_is_at_least_14(t: Tables) -> Flags:
    pairs = _with_header(t, "DOB:date")
    # An unknown date of birth cannot show the child was 14, so it is at fault too.
    not_yet_14 = ~(_aged(14) <= dec).fill_null(False)
    return _episodes(pairs, pl.col("REC").is_in(["E5", "E6"]) & dec.is_not_null() & not_yet_14)


@rule(
    "389",
    "Reason episode ceased is that child transferred to care of adult social care services, but "
    "child is aged under 16.",
    fields={"Episodes": ["REC"]},
    needs=["Episodes", "Header"],
)
def child_transferred_to_adult_social_care_is_at_least_16(t: Tables) -> Flags:
    pairs = _with_header(t, "DOB:date")
    # Without a date of birth and an end date the child cannot be shown to be 16: at fault.
    not_yet_16 = ~(_aged(16) <= dec).fill_null(False)
    return _episodes(pairs, (pl.col("REC") == "E7") & not_yet_16)


@rule(
    "393",
    "Child is looked after but mother field is not completed.",
    fields={"Header": ["MOTHER"]},
    needs=["Header", "Episodes"],
)
def mother_field_is_completed_for_a_girl_looked_after(t: Tables) -> Flags:
    short_breaks = codes.ACCOMMODATED_SHORT_BREAKS(t.year)
    looked_after = t["Episodes"].filter(~pl.col("LS").is_in(short_breaks).fill_null(False))
    header = t["Header"]
    at_fault = (pl.col("SEX") == "F") & pl.col("MOTHER").is_null()
    girls = header.filter(at_fault.fill_null(False)).join(
        looked_after.select("CHILD"), on="CHILD", how="semi"
    )
    return {"Header": girls["ROW"]}


@rule(
    "407",
    "Reason episode ceased is Special Guardianship Order, but child has reached age 18.",
    fields={"Episodes": ["DEC", "REC"], "Header": ["DOB"]},
)
def child_leaving_care_for_special_guardianship_is_under_18(t: Tables) -> Flags:
    pairs = _with_header(t, "DOB:date")
    special_guardianship = pl.col("REC").is_in(["E45", "E46", "E47", "E48"])
    return _both(pairs, special_guardianship & (_aged(18) < dec))


@rule(
    "442",
    "Unique Pupil Number (UPN) field is not completed.",
    fields={"Header": ["UPN"]},
    needs=["Episodes", "Header"],
)
def upn_is_completed_for_a_child_looked_after(t: Tables) -> Flags:
    short_breaks = codes.ACCOMMODATED_SHORT_BREAKS(t.year)
    looked_after = t["Episodes"].filter(~pl.col("LS").is_in(short_breaks).fill_null(False))
    header = t["Header"].filter(pl.col("UPN").is_null())
    return {"Header": header.join(looked_after.select("CHILD"), on="CHILD", how="semi")["ROW"]}


@rule(
    "460",
    "Reason episode ceased is that child stayed with current carers at age 18 (or above), but "
    "child is aged under 18.",
    fields={"Episodes": ["DEC", "REC"]},
    needs=["Header", "Episodes"],
)
def child_staying_with_carers_at_18_is_18(t: Tables) -> Flags:
    pairs = _with_header(t, "DOB:date")
    return _episodes(pairs, (pl.col("REC") == "E17") & (_aged(18) > dec))


@rule(
    "607",
    "Child ceased to be looked after in the year, but mother field has not been completed.",
    fields={"Episodes": ["DEC", "REC", "LS"], "Header": ["MOTHER", "SEX"]},
)
def mother_field_is_completed_for_a_girl_leaving_care(t: Tables) -> Flags:
    pairs = _with_header(t, "SEX", "MOTHER")
    ceased = dec.is_not_null() & pl.col("REC").is_not_null() & (pl.col("REC") != "X1")
    looked_after = ~pl.col("LS").is_in(codes.ACCOMMODATED_SHORT_BREAKS(t.year)).fill_null(False)
    in_the_year = dec.is_between(t.start, t.end)
    girl_without_mother_field = (pl.col("SEX") == "F") & pl.col("MOTHER").is_null()
    return _both(pairs, ceased & looked_after & in_the_year & girl_without_mother_field)


@rule(
    "625",
    "Date of birth of the first child is beyond the end of this reporting year or the date the "
    "child ceased to be looked after.",
    fields={"Header": ["MC_DOB"], "Episodes": ["DEC"]},
)
def mothers_first_child_is_born_by_the_end_of_care(t: Tables) -> Flags:
    # The child's latest ended episode; of two ending the same day, the first in the file.
    latest = (
        t["Episodes"]
        .filter(pl.col("CHILD").is_not_null() & dec.is_not_null())
        .sort(["CHILD", "DEC:date", "ROW"], descending=[False, True, False])
        .unique("CHILD", keep="first", maintain_order=True)
        .select("CHILD", "ROW", "DEC:date")
    )
    header = t["Header"].select("CHILD", "MC_DOB:date", pl.col("ROW").alias("HEADER_ROW"))
    first_born = pl.col("MC_DOB:date")
    return _both(latest.join(header, on="CHILD", how="left"), (first_born > t.end) | (first_born > dec))


@rule(
    "INT03",
    "Internal Check: Child in Episodes does not exist in Header.",
    fields={"Episodes": ["CHILD"]},
    needs=["Header", "Episodes"],
)
def child_in_episodes_is_in_header(t: Tables) -> Flags:
    return {"Episodes": t["Episodes"].join(t["Header"].select("CHILD"), on="CHILD", how="anti")["ROW"]}
