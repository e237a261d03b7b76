"""Rules about adoption: the AD1 table (a child adopted during the year) and the PlacedAdoption
table (decisions that a child should, or should no longer, be placed for adoption), alone and
with the child's episodes, header and care leaver's outcomes.

Where the Department's validator joins tables on the child, a missing child matches a missing
child, as a pandas merge does; where it groups by the child, a row without a child takes no part.
"""

from typing import Literal

import polars as pl

from .. import codes
from ..expressions import (
    any_given,
    coded_but_not_in,
    continuously_looked_after,
    is_one_of,
    not_a_date,
    rows,
    true,
)
from ..reading import ROW
from ..validation import Flags, Tables, rule

PLACED_FOR_ADOPTION = ("A3", "A4", "A5", "A6")
"""The placements that count as placed for adoption."""

ADOPTED = ("E11", "E12")
"""The reasons an episode ceased that mean the child was adopted."""

PLACEMENT_ORDER = "E1"

ADOPTION_DETAILS = ("DATE_INT", "DATE_MATCH", "FOSTER_CARE", "NB_ADOPTR", "SEX_ADOPTR", "LS_ADOPTR")
"""The AD1 columns that describe the adoption."""

CARE_LEAVER_DETAILS = ("IN_TOUCH", "ACTIV", "ACCOM")
"""The OC3 columns that describe a care leaver's outcomes."""


def _by_child(
    left: pl.DataFrame, right: pl.DataFrame, *, how: Literal["inner", "left"] = "inner", suffix: str
) -> pl.DataFrame:
    """`left` joined with `right` on the child, a missing child matching a missing child."""
    return left.join(right, on="CHILD", how=how, suffix=suffix, nulls_equal=True)


def _one_per_child(frame: pl.DataFrame, date: str, *, latest: bool) -> pl.DataFrame:
    """Each child's row with the earliest (or latest) `date`, the first in the file among equal
    dates; rows without a child or a date take no part."""
    dated = frame.filter(pl.col("CHILD").is_not_null() & pl.col(date).is_not_null())
    # A group keeps its rows in the order of the file, and arg_min and arg_max give the first
    # of equals.
    chosen = pl.col(date).arg_max() if latest else pl.col(date).arg_min()
    chosen_rows = dated.group_by("CHILD").agg(pl.col(ROW).get(chosen))
    return dated.join(chosen_rows.select(ROW), on=ROW, how="semi")


# Dates that are not real dates.


@rule("112", "Date should be placed for adoption is not a valid date.", fields={"AD1": ["DATE_INT"]})
def date_should_be_placed_is_a_date(t: Tables) -> Flags:
    return {"AD1": rows(t["AD1"], not_a_date("DATE_INT"))}


@rule("113", "Date matching child and adopter(s) is not a valid date.", fields={"AD1": ["DATE_MATCH"]})
def date_matched_is_a_date(t: Tables) -> Flags:
    return {"AD1": rows(t["AD1"], not_a_date("DATE_MATCH"))}


@rule(
    "115",
    "Date of Local Authority's (LA) decision that a child should be placed for adoption is not a valid date.",
    fields={"PlacedAdoption": ["DATE_PLACED"]},
)
def date_placed_is_a_date(t: Tables) -> Flags:
    return {"PlacedAdoption": rows(t["PlacedAdoption"], not_a_date("DATE_PLACED"))}


@rule(
    "116",
    "Date of Local Authority's (LA) decision that a child should no longer be placed for adoption is not a "
    "valid date.",
    fields={"PlacedAdoption": ["DATE_PLACED_CEASED"]},
)
def date_placed_ceased_is_a_date(t: Tables) -> Flags:
    return {"PlacedAdoption": rows(t["PlacedAdoption"], not_a_date("DATE_PLACED_CEASED"))}


# Codes.


@rule(
    "114",
    "Data entry to record the status of former carer(s) of an adopted child is invalid.",
    fields={"AD1": ["FOSTER_CARE"]},
)
def adopted_by_foster_carer_code_is_valid(t: Tables) -> Flags:
    return {"AD1": rows(t["AD1"], coded_but_not_in("FOSTER_CARE", codes.ADOPTED_BY_FOSTER_CARER(t.year)))}


@rule("175", "The number of adopter(s) code is not a valid code.", fields={"AD1": ["NB_ADOPTR"]})
def number_of_adopters_code_is_valid(t: Tables) -> Flags:
    return {"AD1": rows(t["AD1"], coded_but_not_in("NB_ADOPTR", codes.NUMBER_OF_ADOPTERS(t.year)))}


@rule(
    "176",
    "The gender of adopter(s) at the date of adoption code is not a valid code.",
    fields={"AD1": ["SEX_ADOPTR"]},
)
def sex_of_adopters_code_is_valid(t: Tables) -> Flags:
    return {"AD1": rows(t["AD1"], coded_but_not_in("SEX_ADOPTR", codes.SEX_OF_ADOPTERS(t.year)))}


@rule("177", "The legal status of adopter(s) code is not a valid code.", fields={"AD1": ["LS_ADOPTR"]})
def legal_status_of_adopters_code_is_valid(t: Tables) -> Flags:
    return {"AD1": rows(t["AD1"], coded_but_not_in("LS_ADOPTR", codes.LEGAL_STATUS_OF_ADOPTERS(t.year)))}


@rule(
    "120",
    "The reason for the reversal of the decision that the child should be placed for adoption code is not "
    "valid.",
    fields={"PlacedAdoption": ["REASON_PLACED_CEASED"]},
)
def reason_placed_ceased_code_is_valid(t: Tables) -> Flags:
    fault = coded_but_not_in("REASON_PLACED_CEASED", codes.REASON_PLACED_CEASED(t.year))
    return {"PlacedAdoption": rows(t["PlacedAdoption"], fault)}


# The adopters: how many, their sex and their legal status agree.


@rule(
    "511",
    "If reporting that the number of person(s) adopting the looked after child is two adopters then the code "
    "should only be MM, FF or MF. MM = the adopting couple are both males; FF = the adopting couple are both "
    "females; MF = The adopting couple are male and female.",
    fields={"AD1": ["NB_ADOPTR", "SEX_ADOPTR"]},
)
def two_adopters_are_a_couple(t: Tables) -> Flags:
    fault = true(pl.col("NB_ADOPTR") == "2") & is_one_of("SEX_ADOPTR", ("M1", "F1"))
    return {"AD1": rows(t["AD1"], fault)}


def _legal_status_needs_sex(t: Tables, status: str, sexes: tuple[str, ...]) -> Flags:
    """AD1 rows of legal status `status` whose adopters' sex is not one of `sexes` (missing
    included)."""
    return {"AD1": rows(t["AD1"], true(pl.col("LS_ADOPTR") == status) & ~is_one_of("SEX_ADOPTR", sexes))}


@rule(
    "514",
    "Data entry on the legal status of adopters shows a single adopter but data entry for the numbers of "
    "adopters shows it as a couple.",
    fields={"AD1": ["LS_ADOPTR", "SEX_ADOPTR"]},
)
def single_adopter_is_one_person(t: Tables) -> Flags:
    return _legal_status_needs_sex(t, "L0", ("M1", "F1"))


@rule(
    "517",
    "If reporting legal status of adopters is L3 then the genders of adopters should be coded as MF. MF = "
    "the adopting couple are male and female.",
    fields={"AD1": ["LS_ADOPTR", "SEX_ADOPTR"]},
)
def unmarried_different_sex_couple_is_male_and_female(t: Tables) -> Flags:
    return _legal_status_needs_sex(t, "L3", ("MF",))


@rule(
    "518",
    "If reporting legal status of adopters is L4 then the genders of adopters should be coded as MM or FF. "
    "MM = the adopting couple are both males. FF = the adopting couple are both females.",
    fields={"AD1": ["LS_ADOPTR", "SEX_ADOPTR"]},
)
def unmarried_same_sex_couple_is_of_one_sex(t: Tables) -> Flags:
    return _legal_status_needs_sex(t, "L4", ("MM", "FF"))


@rule(
    "519",
    "Data entered on the legal status of adopters shows civil partnership couple, but data entered on "
    "genders of adopters does not show it as a couple.",
    fields={"AD1": ["LS_ADOPTR", "SEX_ADOPTR"]},
)
def civil_partners_are_a_couple(t: Tables) -> Flags:
    return _legal_status_needs_sex(t, "L2", ("MM", "FF", "MF"))


@rule(
    "520",
    "Data entry on the legal status of adopters shows different gender married couple but data entry on "
    "genders of adopters shows it as a same gender couple.",
    fields={"AD1": ["LS_ADOPTR", "SEX_ADOPTR"]},
)
def married_different_sex_couple_is_male_and_female(t: Tables) -> Flags:
    return _legal_status_needs_sex(t, "L11", ("MF",))


@rule(
    "524",
    "If reporting legal status of adopters is L12 then the genders of adopters should be coded as MM or FF. "
    "MM = the adopting couple are both males. FF = the adopting couple are both females",
    fields={"AD1": ["LS_ADOPTR", "SEX_ADOPTR"]},
)
def married_same_sex_couple_is_of_one_sex(t: Tables) -> Flags:
    return _legal_status_needs_sex(t, "L12", ("MM", "FF"))


# AD1 on its own: complete, in order, once for each child.


@rule(
    "151",
    "All data items relating to a childs adoption must be coded or left blank.",
    fields={"AD1": list(ADOPTION_DETAILS)},
)
def adoption_details_are_all_given_or_all_blank(t: Tables) -> Flags:
    given = [pl.col(c).is_not_null() for c in ADOPTION_DETAILS]
    return {"AD1": rows(t["AD1"], pl.any_horizontal(given) & ~pl.all_horizontal(given))}


@rule(
    "333",
    "Date should be placed for adoption must be on or prior to the date of matching child with adopter(s).",
    fields={"AD1": ["DATE_INT"]},
)
def date_should_be_placed_is_not_after_matching(t: Tables) -> Flags:
    matched, should = pl.col("DATE_MATCH:date"), pl.col("DATE_INT:date")
    fault = matched.is_not_null() & (should.is_null() | true(should > matched))
    return {"AD1": rows(t["AD1"], fault)}


@rule("INT31", "Internal Check: Child should only exist once in AD1.", fields={"AD1": ["CHILD"]})
def child_is_once_in_adoptions(t: Tables) -> Flags:
    fault = pl.col("CHILD").is_not_null() & (pl.len().over("CHILD") > 1)
    return {"AD1": rows(t["AD1"], fault)}


# PlacedAdoption on its own.


@rule(
    "119",
    "If the decision is made that a child should no longer be placed for adoption, then the date of this "
    "decision and the reason why this decision was made must be completed.",
    fields={"PlacedAdoption": ["REASON_PLACED_CEASED", "DATE_PLACED_CEASED"]},
)
def reversal_has_its_date_and_reason(t: Tables) -> Flags:
    fault = pl.col("DATE_PLACED_CEASED").is_null() != pl.col("REASON_PLACED_CEASED").is_null()
    return {"PlacedAdoption": rows(t["PlacedAdoption"], fault)}


@rule(
    "522",
    "Date of decision that the child should be placed for adoption must be on or before the date that a "
    "child should no longer be placed for adoption.",
    fields={"PlacedAdoption": ["DATE_PLACED", "DATE_PLACED_CEASED"]},
)
def decision_is_not_after_its_reversal(t: Tables) -> Flags:
    fault = true(pl.col("DATE_PLACED_CEASED:date") < pl.col("DATE_PLACED:date"))
    return {"PlacedAdoption": rows(t["PlacedAdoption"], fault)}


@rule(
    "563",
    "The child should no longer be placed for adoption but the date of the decision that the child should be "
    "placed for adoption is blank",
    fields={"PlacedAdoption": ["DATE_PLACED", "REASON_PLACED_CEASED", "DATE_PLACED_CEASED"]},
)
def reversed_decision_has_its_date(t: Tables) -> Flags:
    fault = (
        pl.col("REASON_PLACED_CEASED").is_not_null()
        & pl.col("DATE_PLACED_CEASED").is_not_null()
        & pl.col("DATE_PLACED").is_null()
    )
    return {"PlacedAdoption": rows(t["PlacedAdoption"], fault)}


@rule(
    "579",
    "A new decision that the child should be placed for adoption this year cannot start when the previous "
    "decision is still open. Decisions to place the child for adoption should also not overlap. The date of "
    "any new decision to place the child for adoption must not be before the date placed ceased of previous "
    "decisions.",
    fields={"PlacedAdoption": ["DATE_PLACED", "DATE_PLACED_CEASED"]},
)
def decisions_do_not_overlap(t: Tables) -> Flags:
    # Each decision against the one before it for the same child, in order of the date placed
    # (decisions without a real date last, in the order of the file).
    ordered = t["PlacedAdoption"].sort("CHILD", "DATE_PLACED:date", ROW, nulls_last=True)
    before_ceased = pl.col("DATE_PLACED_CEASED:date").shift(1)
    fault = true(pl.col("CHILD") == pl.col("CHILD").shift(1)) & (
        before_ceased.is_null() | true(pl.col("DATE_PLACED:date") < before_ceased)
    )
    return {"PlacedAdoption": rows(ordered, fault)}


@rule(
    "583",
    "More than one date the child should be placed for adoption has been reported, but an earlier decision "
    "has not been revoked. Check that both dates are required and add in the date the earlier decision was "
    "revoked. Note this may be in a previous year.",
    fields={"PlacedAdoption": ["DATE_PLACED", "DATE_PLACED_CEASED"]},
)
def earlier_decisions_are_revoked(t: Tables) -> Flags:
    placed = t["PlacedAdoption"]
    # The latest decision by its date (the first in the file among equals, and a decision
    # without a real date only when the child has no other) may stay open; every other must
    # have ceased.
    latest = placed.sort("DATE_PLACED:date", ROW, descending=[True, False], nulls_last=True).unique(
        "CHILD", keep="first", maintain_order=True
    )
    earlier = placed.join(latest.select(ROW), on=ROW, how="anti")
    return {"PlacedAdoption": rows(earlier, pl.col("DATE_PLACED_CEASED").is_null())}


# Adoption with the header.


@rule(
    "184",
    "Date of decision that a child should be placed for adoption is before the child was born.",
    fields={"PlacedAdoption": ["DATE_PLACED", "DOB"]},
    needs=["Header", "PlacedAdoption"],
)
def decision_is_not_before_birth(t: Tables) -> Flags:
    # As the Department's validator has it, the decision is compared with the date of birth in
    # PlacedAdoption itself (the header's must agree with it: INT12), and a decision dated when
    # that birth is not known is at fault too.
    placed = pl.col("DATE_PLACED:date")
    fault = placed.is_not_null() & ~true(placed >= pl.col("DOB:date"))
    return {"PlacedAdoption": rows(t["PlacedAdoption"], fault)}


def _not_in_header(t: Tables, table: str) -> Flags:
    unknown = t[table].join(t["Header"].select("CHILD"), on="CHILD", how="anti", nulls_equal=True)
    return {table: unknown[ROW]}


def _birth_differs_from_header(t: Tables, table: str) -> Flags:
    header = t["Header"].select("CHILD", pl.col("DOB:date").alias("born"))
    joined = _by_child(t[table], header, suffix="_header")
    return {table: rows(joined, true(pl.col("DOB:date") != pl.col("born")))}


@rule(
    "INT01",
    "Data Integrity Check: Child in AD1 does not exist in Header.",
    fields={"AD1": ["CHILD"]},
    needs=["AD1", "Header"],
)
def adopted_child_is_in_header(t: Tables) -> Flags:
    return _not_in_header(t, "AD1")


@rule(
    "INT02",
    "Internal Check: Child in PlacedAdoption does not exist in Header.",
    fields={"PlacedAdoption": ["CHILD"]},
    needs=["PlacedAdoption", "Header"],
)
def child_placed_for_adoption_is_in_header(t: Tables) -> Flags:
    return _not_in_header(t, "PlacedAdoption")


@rule(
    "INT11",
    "Internal Check: DOB in AD1 is different to DOB in Header.",
    fields={"AD1": ["DOB"], "Header": ["DOB"]},
)
def adopted_childs_birth_agrees_with_header(t: Tables) -> Flags:
    return _birth_differs_from_header(t, "AD1")


@rule(
    "INT12",
    "Internal Check: DOB in PlacedAdoption is different to DOB in Header.",
    fields={"PlacedAdoption": ["DOB"], "Header": ["DOB"]},
)
def birth_of_child_placed_for_adoption_agrees_with_header(t: Tables) -> Flags:
    return _birth_differs_from_header(t, "PlacedAdoption")


# AD1 with PlacedAdoption.


@rule(
    "523",
    "Date of decision that the child should be placed for adoption should be the same date as the decision "
    "that adoption is in the best interest (date should be placed).",
    fields={"PlacedAdoption": ["DATE_PLACED"], "AD1": ["DATE_INT"]},
)
def decision_is_on_the_date_should_be_placed(t: Tables) -> Flags:
    placed = (
        t["PlacedAdoption"]
        .filter(pl.col("DATE_PLACED:date").is_not_null())
        .select("CHILD", "DATE_PLACED:date", ROW)
    )
    adopted = t["AD1"].filter(pl.col("DATE_INT:date").is_not_null()).select("CHILD", "DATE_INT:date", ROW)
    joined = _by_child(placed, adopted, suffix="_ad1")
    fault = pl.col("DATE_INT:date") != pl.col("DATE_PLACED:date")
    return {"PlacedAdoption": rows(joined, fault), "AD1": rows(joined, fault, f"{ROW}_ad1")}


@rule(
    "525",
    "A child for whom the decision to be placed for adoption has been reversed cannot be adopted during the "
    "year.",
    fields={"PlacedAdoption": ["DATE_PLACED_CEASED"], "AD1": list(ADOPTION_DETAILS)},
)
def child_whose_decision_was_reversed_is_not_adopted(t: Tables) -> Flags:
    reversed_ = t["PlacedAdoption"].filter(pl.col("DATE_PLACED_CEASED").is_not_null()).select("CHILD", ROW)
    adopted = t["AD1"].filter(any_given(ADOPTION_DETAILS)).select("CHILD", ROW)
    joined = _by_child(reversed_, adopted, suffix="_ad1")
    return {"PlacedAdoption": joined[ROW], "AD1": joined[f"{ROW}_ad1"]}


# AD1 with the care leavers' outcomes.


@rule(
    "134",
    "Data on adoption should not be entered for the OC3 cohort.",
    fields={"OC3": list(CARE_LEAVER_DETAILS), "AD1": list(ADOPTION_DETAILS)},
)
def care_leaver_has_no_adoption_details(t: Tables) -> Flags:
    leavers = t["OC3"].filter(any_given(CARE_LEAVER_DETAILS)).select("CHILD")
    adopted = t["AD1"].filter(any_given(ADOPTION_DETAILS))
    return {"AD1": adopted.join(leavers, on="CHILD", how="semi", nulls_equal=True)[ROW]}


@rule(
    "187",
    "Child cannot be looked after continuously for 12 months at 31 March (OC2) and have any of adoption or "
    "care leavers returns completed.",
    fields={"AD1": list(ADOPTION_DETAILS), "OC3": list(CARE_LEAVER_DETAILS)},
    needs=["AD1", "Episodes", "OC3"],
)
def child_looked_after_all_year_has_no_adoption_or_leaving_details(t: Tables) -> Flags:
    children = continuously_looked_after(t).filter(pl.col("CLA")).select("CHILD")
    ad1 = t["AD1"].filter(any_given(ADOPTION_DETAILS)).join(children, on="CHILD", how="semi")
    oc3 = t["OC3"].filter(any_given(CARE_LEAVER_DETAILS)).join(children, on="CHILD", how="semi")
    return {"AD1": ad1[ROW], "OC3": oc3[ROW]}


# AD1 with the episodes.


@rule(
    "331",
    "Date of matching child and adopter(s) should be the same as, or prior to, the date of placement of "
    "adoption.",
    fields={"AD1": ["DATE_MATCH"], "Episodes": ["DECOM", "REC"]},
)
def matching_is_not_after_adoptive_placement(t: Tables) -> Flags:
    adoptions = t["Episodes"].filter(is_one_of("REC", ADOPTED)).select("CHILD", "DECOM:date", ROW)
    joined = _by_child(adoptions, t["AD1"].select("CHILD", "DATE_MATCH:date", ROW), suffix="_ad1")
    fault = true(pl.col("DATE_MATCH:date") > pl.col("DECOM:date"))
    return {"AD1": rows(joined, fault, f"{ROW}_ad1"), "Episodes": rows(joined, fault)}


@rule(
    "334",
    "Date child started to be looked after in latest period of care must be on or prior to the date should "
    "be placed for adoption. ",
    fields={"AD1": ["DATE_INT"], "Episodes": ["DECOM", "RNE"]},
)
def date_should_be_placed_is_in_latest_period_of_care(t: Tables) -> Flags:
    # A child whose every start of a period of care has no real date is left out (the
    # Department's validator stops with an error on such a child).
    latest = _one_per_child(
        t["Episodes"].filter(true(pl.col("RNE") == "S")), "DECOM:date", latest=True
    ).select("CHILD", "DECOM:date", ROW)
    joined = _by_child(latest, t["AD1"].select("CHILD", "DATE_INT:date", ROW), suffix="_ad1")
    fault = true(pl.col("DATE_INT:date") < pl.col("DECOM:date"))
    return {"Episodes": rows(joined, fault), "AD1": rows(joined, fault, f"{ROW}_ad1")}


@rule(
    "335",
    "The current foster value (0) suggests that child is not adopted by current foster carer, but last "
    "placement is A2, A3, or A5. Or the current foster value (1) suggests that child is adopted by current "
    "foster carer, but last placement is A1, A4 or A6.",
    fields={"Episodes": ["PLACE"], "AD1": ["FOSTER_CARE"]},
)
def adopted_by_foster_carer_agrees_with_placement(t: Tables) -> Flags:
    adoptions = t["Episodes"].filter(is_one_of("REC", ("E1", "E11", "E12"))).select("CHILD", "PLACE", ROW)
    joined = _by_child(adoptions, t["AD1"].select("CHILD", "FOSTER_CARE", ROW), suffix="_ad1")
    fault = (is_one_of("PLACE", ("A2", "A3", "A5")) & true(pl.col("FOSTER_CARE") == "0")) | (
        is_one_of("PLACE", ("A1", "A4", "A6")) & true(pl.col("FOSTER_CARE") == "1")
    )
    return {"Episodes": rows(joined, fault), "AD1": rows(joined, fault, f"{ROW}_ad1")}


@rule(
    "521",
    "Date of local authority's decision (LA) that adoption is in the best interests of the child (date "
    "should be placed) must be on or prior to the date the child is placed for adoption.",
    fields={"Episodes": ["PLACE", "DECOM"], "AD1": ["DATE_INT"]},
)
def date_should_be_placed_is_not_after_placement_for_adoption(t: Tables) -> Flags:
    placements = (
        t["Episodes"].filter(is_one_of("PLACE", PLACED_FOR_ADOPTION)).select("CHILD", "DECOM:date", ROW)
    )
    joined = _by_child(placements, t["AD1"].select("CHILD", "DATE_INT:date", ROW), suffix="_ad1")
    fault = true(pl.col("DATE_INT:date") > pl.col("DECOM:date"))
    return {"Episodes": rows(joined, fault), "AD1": rows(joined, fault, f"{ROW}_ad1")}


@rule(
    "582",
    "Child is showing as ceasing to be looked after due to adoption, but the date of adoption is the same "
    "as the date reported for being matched with adopters. In most circumstances we expect the date the "
    "child is matched with adopters to be before the date of adoption.",
    fields={"Episodes": ["DEC"], "AD1": ["DATE_MATCH"]},
)
def adoption_is_after_matching(t: Tables) -> Flags:
    # The dates are compared as they are written, as the Department's validator compares them.
    adoptions = t["Episodes"].filter(is_one_of("REC", ADOPTED)).select("CHILD", "DEC", ROW)
    joined = _by_child(adoptions, t["AD1"].select("CHILD", "DATE_MATCH"), suffix="_ad1")
    return {"Episodes": rows(joined, true(pl.col("DEC") == pl.col("DATE_MATCH")))}


def _adoptions_in_year(t: Tables) -> pl.DataFrame:
    ended = pl.col("DEC:date")
    return t["Episodes"].filter(true(ended >= t.start) & true(ended <= t.end) & is_one_of("REC", ADOPTED))


@rule(
    "601",
    "The additional fields relating to adoption have not been completed although the episode data shows that "
    "the child was adopted during the year.",
    fields={"Episodes": ["REC"], "AD1": list(ADOPTION_DETAILS)},
)
def adoption_during_year_has_its_details(t: Tables) -> Flags:
    joined = _by_child(_adoptions_in_year(t).select("CHILD", ROW), t["AD1"], suffix="_ad1")
    fault = pl.any_horizontal(pl.col(c).is_null() for c in ADOPTION_DETAILS)
    return {"AD1": rows(joined, fault, f"{ROW}_ad1"), "Episodes": rows(joined, fault)}


@rule(
    "602",
    "The episode data submitted for this child does not show that he/she was adopted during the year.",
    fields={"AD1": ["CHILD"]},
    needs=["AD1", "Episodes"],
)
def adopted_child_was_adopted_during_year(t: Tables) -> Flags:
    adopted = t["AD1"].filter(any_given(ADOPTION_DETAILS))
    without = adopted.join(_adoptions_in_year(t).select("CHILD"), on="CHILD", how="anti", nulls_equal=True)
    return {"AD1": without[ROW]}


# PlacedAdoption with the episodes.


@rule(
    "117",
    "Date of decision that a child should/should no longer be placed for adoption is beyond the current "
    "collection year or after the child ceased to be looked after.",
    fields={"PlacedAdoption": ["DATE_PLACED_CEASED", "DATE_PLACED"], "Episodes": ["DEC", "REC", "DECOM"]},
)
def decisions_are_not_after_year_or_leaving_care(t: Tables) -> Flags:
    episodes = t["Episodes"].filter(pl.col("REC").ne_missing("X1"))
    latest = _one_per_child(episodes, "DECOM:date", latest=True).select("CHILD", "DEC:date", ROW)
    placed = t["PlacedAdoption"].select("CHILD", "DATE_PLACED:date", "DATE_PLACED_CEASED:date", ROW)
    joined = _by_child(latest, placed, suffix="_pa")
    fault = pl.any_horizontal(
        true(pl.col(date) > limit)
        for date in ("DATE_PLACED:date", "DATE_PLACED_CEASED:date")
        for limit in (pl.lit(t.end), pl.col("DEC:date"))
    )
    return {"Episodes": rows(joined, fault), "PlacedAdoption": rows(joined, fault, f"{ROW}_pa")}


@rule(
    "118",
    "Date of decision that a child should no longer be placed for adoption is before the current collection "
    "year or before the date the child started to be looked after.",
    fields={"Episodes": ["DECOM", "LS"]},
    needs=["Episodes", "PlacedAdoption"],
)
def reversal_is_not_before_year_or_care(t: Tables) -> Flags:
    # A child whose every episode (other than of V3 or V4) has no real start is left out (the
    # Department's validator stops with an error on such a child).
    episodes = t["Episodes"].filter(~is_one_of("LS", ("V3", "V4")))
    earliest = _one_per_child(episodes, "DECOM:date", latest=False).select("CHILD", "DECOM:date", ROW)
    placed = t["PlacedAdoption"].select("CHILD", "DATE_PLACED_CEASED:date", ROW)
    joined = _by_child(earliest, placed, suffix="_pa")
    ceased = pl.col("DATE_PLACED_CEASED:date")
    fault = true(ceased < pl.col("DECOM:date")) | true(ceased < t.start)
    return {"Episodes": rows(joined, fault), "PlacedAdoption": rows(joined, fault, f"{ROW}_pa")}


@rule(
    "551",
    "Child has been placed for adoption but there is no date of the decision that the child should be placed "
    "for adoption.",
    fields={"PlacedAdoption": ["DATE_PLACED"], "Episodes": ["PLACE"]},
)
def placement_for_adoption_has_a_decision(t: Tables) -> Flags:
    placements = t["Episodes"].filter(is_one_of("PLACE", PLACED_FOR_ADOPTION)).select("CHILD", ROW)
    decisions = t["PlacedAdoption"].select("CHILD", "DATE_PLACED")
    joined = _by_child(placements, decisions, how="left", suffix="_pa")
    return {"Episodes": rows(joined, pl.col("DATE_PLACED").is_null())}


@rule(
    "552",
    "Date of Decision to place a child for adoption should be on or prior to the date that the child was "
    "placed for adoption.",
    fields={"PlacedAdoption": ["DATE_PLACED"], "Episodes": ["DECOM"]},
)
def latest_decision_is_not_after_first_placement_for_adoption(t: Tables) -> Flags:
    latest = _one_per_child(t["PlacedAdoption"], "DATE_PLACED:date", latest=True)
    placements = t["Episodes"].filter(is_one_of("PLACE", PLACED_FOR_ADOPTION))
    first = _one_per_child(placements, "DECOM:date", latest=False)
    joined = _by_child(
        first.select("CHILD", "DECOM:date", ROW),
        latest.select("CHILD", "DATE_PLACED:date", ROW),
        suffix="_pa",
    )
    fault = true(pl.col("DECOM:date") < pl.col("DATE_PLACED:date"))
    return {"PlacedAdoption": rows(joined, fault, f"{ROW}_pa"), "Episodes": rows(joined, fault)}


@rule(
    "553",
    "Placement order has been granted but there is no date of decision that the child should be placed for "
    "adoption.",
    fields={
        "Episodes": ["CHILD"],
        "PlacedAdoption": ["CHILD", "DATE_PLACED", "DATE_PLACED_CEASED", "REASON_PLACED_CEASED"],
    },
)
def placement_order_has_a_decision(t: Tables) -> Flags:
    orders = t["Episodes"].filter(true(pl.col("LS") == PLACEMENT_ORDER))
    placed = t["PlacedAdoption"]
    without = orders.join(placed.select("CHILD"), on="CHILD", how="anti", nulls_equal=True)
    reversed_ = placed.filter(
        pl.col("DATE_PLACED_CEASED").is_not_null() | pl.col("REASON_PLACED_CEASED").is_not_null()
    )
    open_orders = orders.filter(pl.col("DEC").is_null()).select("CHILD")
    reversed_while_open = reversed_.join(open_orders, on="CHILD", how="semi", nulls_equal=True)
    return {"Episodes": without[ROW], "PlacedAdoption": reversed_while_open[ROW]}


@rule(
    "554",
    "Date of decision that the child should be placed for adoption should be on or prior to the date that "
    "the placement order was granted. [NOTE: This rule may result in false positives or false negatives if "
    "relevant episodes are in previous years; please check carefully!]",
    fields={"PlacedAdoption": ["DATE_PLACED"], "Episodes": ["DECOM", "LS"]},
)
def decision_is_not_after_placement_order(t: Tables) -> Flags:
    # A child whose every episode under a placement order has no real start is left out (the
    # Department's validator stops with an error on such a child).
    orders = t["Episodes"].filter(true(pl.col("LS") == PLACEMENT_ORDER))
    first = _one_per_child(orders, "DECOM:date", latest=False).select("CHILD", "DECOM:date", ROW)
    joined = _by_child(first, t["PlacedAdoption"].select("CHILD", "DATE_PLACED:date", ROW), suffix="_pa")
    fault = true(pl.col("DATE_PLACED:date") > pl.col("DECOM:date"))
    return {"Episodes": rows(joined, fault), "PlacedAdoption": rows(joined, fault, f"{ROW}_pa")}


@rule(
    "557",
    "Child for whom the decision was made that they should be placed for adoption has left care but was not "
    "adopted and information on the decision that they should no longer be placed for adoption items has not "
    "been completed.",
    fields={
        "PlacedAdoption": ["DATE_PLACED_CEASED", "REASON_PLACED_CEASED"],
        "Episodes": ["PLACE", "LS", "REC"],
    },
)
def child_who_left_care_unadopted_has_decision_reversed(t: Tables) -> Flags:
    left_unadopted = t["Episodes"].filter(
        (is_one_of("PLACE", PLACED_FOR_ADOPTION) | true(pl.col("LS") == PLACEMENT_ORDER))
        & pl.col("REC").is_not_null()
        & ~is_one_of("REC", (*ADOPTED, "X1"))
    )
    placed = t["PlacedAdoption"].select(
        "CHILD",
        ROW,
        (pl.col("DATE_PLACED_CEASED").is_null() | pl.col("REASON_PLACED_CEASED").is_null()).alias(
            "incomplete"
        ),
    )
    joined = _by_child(left_unadopted.select("CHILD", ROW), placed, how="left", suffix="_pa")
    fault = pl.col(f"{ROW}_pa").is_null() | pl.col("incomplete")
    return {"Episodes": rows(joined, fault), "PlacedAdoption": rows(joined, fault, f"{ROW}_pa")}


@rule(
    "558",
    "If a child has been adopted, then the decision to place them for adoption has not been disrupted and "
    "the date of the decision that a child should no longer be placed for adoption should be left blank.",
    fields={"PlacedAdoption": ["DATE_PLACED_CEASED"], "Episodes": ["REC"]},
)
def adopted_childs_decision_was_not_reversed(t: Tables) -> Flags:
    adoptions = t["Episodes"].filter(is_one_of("REC", ADOPTED)).select("CHILD", ROW)
    joined = _by_child(
        adoptions, t["PlacedAdoption"].select("CHILD", "DATE_PLACED_CEASED"), how="left", suffix="_pa"
    )
    # A child with any adoption not matched by a reversed decision is left alone; for the rest,
    # as the Department's validator counts them, the reversed decisions are counted once for
    # each adoption episode.
    still_placed = joined.filter(pl.col("DATE_PLACED_CEASED").is_null()).select("CHILD")
    reversed_ = joined.join(still_placed, on="CHILD", how="anti", nulls_equal=True)
    fault = pl.col("CHILD").is_not_null() & (pl.col("DATE_PLACED_CEASED").count().over("CHILD") > 1)
    return {"Episodes": rows(reversed_, fault)}


@rule(
    "1003",
    "Date of LA's decision that a child should be placed for adoption is before the child started to be "
    "looked after.",
    fields={"PlacedAdoption": ["DATE_PLACED"], "Episodes": ["DECOM", "RNE"]},
)
def decision_is_not_before_care_began(t: Tables) -> Flags:
    # A child whose every start of a period of care has no real date is left out (the
    # Department's validator stops with an error on such a child).
    starts = t["Episodes"].filter(true(pl.col("RNE") == "S"))
    first = _one_per_child(starts, "DECOM:date", latest=False).select("CHILD", "DECOM:date", ROW)
    joined = _by_child(first, t["PlacedAdoption"].select("CHILD", "DATE_PLACED:date", ROW), suffix="_pa")
    fault = true(pl.col("DATE_PLACED:date") < pl.col("DECOM:date"))
    return {"Episodes": rows(joined, fault), "PlacedAdoption": rows(joined, fault, f"{ROW}_pa")}
