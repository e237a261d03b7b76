"""Rules about outcomes: OC2 (children looked after for 12 months: health, convictions, the
Strengths and Difficulties Questionnaire) and OC3 (care leavers around their birthday), alone and
with the Header, Episodes and UASC tables."""

import polars as pl

from .. import codes
from ..expressions import any_blank, any_given, continuously_looked_after, rows, true
from ..reading import ROW
from ..validation import Flags, Tables, rule

DOB = pl.col("DOB:date")

OC2_TWELVE_MONTHS = (
    "CONVICTED",
    "HEALTH_CHECK",
    "IMMUNISATIONS",
    "TEETH_CHECK",
    "HEALTH_ASSESSMENT",
    "SUBSTANCE_MISUSE",
    "INTERVENTION_RECEIVED",
    "INTERVENTION_OFFERED",
)
"""The OC2 items about a child looked after continuously for 12 months."""

OC2_ALWAYS = ("IMMUNISATIONS", "TEETH_CHECK", "HEALTH_ASSESSMENT", "SUBSTANCE_MISUSE")
"""The OC2 items every child looked after for 12 months has."""

OC3_ITEMS = ("IN_TOUCH", "ACTIV", "ACCOM")
"""The care leaver's items in OC3."""


def _birthday(years: int) -> pl.Expr:
    """The child's birthday at `years` (29 February falls on 28 February in other years)."""
    return DOB.dt.offset_by(f"{years}y")


def _oc2_with_cla(t: Tables) -> pl.DataFrame:
    """OC2 with CLA: whether the child was looked after continuously for 12 months (false for a
    child not in Episodes)."""
    return (
        t["OC2"]
        .join(continuously_looked_after(t), on="CHILD", how="left")
        .with_columns(pl.col("CLA").fill_null(False))
    )


# OC3: the care leaver's items.


@rule(
    "131",
    "Data entry for being in touch after leaving care is invalid.",
    fields={"OC3": ["IN_TOUCH"]},
)
def in_touch_code_is_valid(t: Tables) -> Flags:
    return {"OC3": rows(t["OC3"], ~true(pl.col("IN_TOUCH").is_in(codes.IN_TOUCH(t.year))))}


@rule(
    "132",
    "Data entry for activity after leaving care is invalid.",
    fields={"OC3": ["ACTIV"]},
)
def activity_code_is_valid(t: Tables) -> Flags:
    return {"OC3": rows(t["OC3"], ~true(pl.col("ACTIV").is_in(codes.ACTIVITY(t.year))))}


@rule(
    "133",
    "Data entry for accommodation after leaving care is invalid. If reporting on a childs "
    "accommodation after leaving care the data entry must be valid",
    fields={"OC3": ["ACCOM"]},
)
def accommodation_code_is_valid(t: Tables) -> Flags:
    return {"OC3": rows(t["OC3"], ~true(pl.col("ACCOM").is_in(codes.ACCOMMODATION(t.year))))}


@rule(
    "153",
    "All data items relating to a child's activity or accommodation after leaving care must be "
    "coded or left blank.",
    fields={"OC3": ["IN_TOUCH", "ACTIV", "ACCOM"]},
)
def care_leaver_items_are_all_given_or_all_blank(t: Tables) -> Flags:
    return {"OC3": rows(t["OC3"], any_given(OC3_ITEMS) & any_blank(OC3_ITEMS))}


@rule(
    "344",
    "The record shows the young person has died or returned home to live with parent(s) or someone "
    "with parental responsibility for a continuous period of 6 months or more, but activity and/or "
    "accommodation on leaving care have been completed.",
    fields={"OC3": ["IN_TOUCH", "ACTIV", "ACCOM"]},
)
def died_or_home_has_no_activity_or_accommodation(t: Tables) -> Flags:
    fault = pl.col("IN_TOUCH").is_in(["DIED", "RHOM"]) & (
        pl.col("ACTIV").ne_missing("0") | pl.col("ACCOM").ne_missing("0")
    )
    return {"OC3": rows(t["OC3"], fault)}


@rule(
    "345",
    "The data collection record shows the local authority is in touch with this young person, but "
    "activity and/or accommodation data items are zero.",
    fields={"OC3": ["IN_TOUCH", "ACTIV", "ACCOM"]},
)
def in_touch_has_activity_and_accommodation(t: Tables) -> Flags:
    fault = (pl.col("IN_TOUCH") == "YES") & (true(pl.col("ACTIV") == "0") | true(pl.col("ACCOM") == "0"))
    return {"OC3": rows(t["OC3"], fault)}


@rule(
    "347",
    "Care leavers aged under 18 years, can not be accommodated in a Foyer.",
    fields={"OC3": ["DOB", "ACCOM"]},
)
def care_leaver_in_a_foyer_is_eighteen(t: Tables) -> Flags:
    # A foyer is accommodation T1 or T2 (suitable or not).
    fault = pl.col("ACCOM").str.starts_with("T") & (_birthday(18) > pl.lit(t.start))
    return {"OC3": rows(t["OC3"], fault)}


@rule(
    "348",
    "Care leaver has previously been reported as having died. ",
    fields={"OC3": ["IN_TOUCH"]},
    needs=["OC3", "OC3_last"],
)
def care_leaver_reported_died_stays_died(t: Tables) -> Flags:
    died = t["OC3_last"].filter(pl.col("IN_TOUCH") == "DIED")["CHILD"].drop_nulls().implode()
    fault = pl.col("CHILD").is_in(died) & pl.col("IN_TOUCH").ne_missing("DIED")
    return {"OC3": rows(t["OC3"], fault)}


@rule(
    "391",
    "Young person was not 17, 18, 19, 20 or 21 during the current collection year. ",
    fields={"OC3": ["DOB", "IN_TOUCH", "ACTIV", "ACCOM"]},
)
def care_leaver_is_seventeen_to_twenty_one(t: Tables) -> Flags:
    fault = (_birthday(17) > pl.lit(t.end)) & any_given(OC3_ITEMS)
    return {"OC3": rows(t["OC3"], fault)}


@rule(
    "INT34",
    "Internal Check: Child should only exist once in OC3.",
    fields={"OC3": ["CHILD"]},
)
def child_is_once_in_oc3(t: Tables) -> Flags:
    return {"OC3": rows(t["OC3"], pl.col("CHILD").is_not_null() & (pl.len().over("CHILD") > 1))}


# OC2: children looked after for 12 months.


@rule(
    "158",
    "If a child has been recorded as receiving an intervention for their substance misuse problem, "
    "then the additional item on whether an intervention was offered should be left blank.",
    fields={"OC2": ["INTERVENTION_RECEIVED", "INTERVENTION_OFFERED"]},
)
def intervention_received_leaves_offered_blank(t: Tables) -> Flags:
    fault = (pl.col("INTERVENTION_RECEIVED") == "1") & pl.col("INTERVENTION_OFFERED").is_not_null()
    return {"OC2": rows(t["OC2"], fault)}


@rule(
    "159",
    "If a child has been recorded as not receiving an intervention for their substance misuse "
    "problem, then the additional item on whether an intervention was offered should be completed "
    "as well.",
    fields={"OC2": ["SUBSTANCE_MISUSE", "INTERVENTION_RECEIVED", "INTERVENTION_OFFERED"]},
)
def intervention_not_received_says_if_offered(t: Tables) -> Flags:
    fault = (
        (pl.col("SUBSTANCE_MISUSE") == "1")
        & (pl.col("INTERVENTION_RECEIVED") == "0")
        & pl.col("INTERVENTION_OFFERED").is_null()
    )
    return {"OC2": rows(t["OC2"], fault)}


@rule(
    "180",
    "Data entry for the strengths and difficulties questionnaire (SDQ) score is invalid.",
    fields={"OC2": ["SDQ_SCORE"]},
)
def sdq_score_is_a_whole_number_to_forty(t: Tables) -> Flags:
    score = pl.col("SDQ_SCORE").cast(pl.Float64, strict=False)
    valid = true(score.is_finite() & (score == score.floor()) & score.is_between(0, 40))
    return {"OC2": rows(t["OC2"], pl.col("SDQ_SCORE").is_not_null() & ~valid)}


@rule(
    "181",
    "Data items relating to children looked after continuously for 12 months should be completed "
    "with a 0 or 1.",
    fields={"OC2": list(OC2_TWELVE_MONTHS)},
)
def twelve_month_items_are_zero_or_one(t: Tables) -> Flags:
    fault = pl.any_horizontal(
        pl.col(c).is_not_null() & ~true(pl.col(c).is_in(["0", "1"])) for c in OC2_TWELVE_MONTHS
    )
    return {"OC2": rows(t["OC2"], fault)}


@rule(
    "182",
    "Data entries on immunisations, teeth checks, health assessments and substance misuse problem "
    "identified should be completed or all OC2 fields should be left blank.",
    fields={
        "OC2": [*OC2_ALWAYS, "CONVICTED", "HEALTH_CHECK", "INTERVENTION_RECEIVED", "INTERVENTION_OFFERED"]
    },
)
def twelve_month_items_are_given_or_all_blank(t: Tables) -> Flags:
    others = ("CONVICTED", "HEALTH_CHECK", "INTERVENTION_RECEIVED", "INTERVENTION_OFFERED")
    return {"OC2": rows(t["OC2"], any_blank(OC2_ALWAYS) & any_given(others))}


@rule(
    "188",
    "Child is aged under 4 years at the end of the year, but a Strengths and Difficulties (SDQ) "
    "score or a reason for no SDQ score has been completed. ",
    fields={"OC2": ["SDQ_SCORE", "SDQ_REASON"]},
)
def child_under_four_has_no_sdq(t: Tables) -> Flags:
    fault = (_birthday(4) > pl.lit(t.end)) & any_given(("SDQ_SCORE", "SDQ_REASON"))
    return {"OC2": rows(t["OC2"], fault)}


@rule(
    "189",
    "Child is aged 17 years or over at the beginning of the year, but an Strengths and Difficulties "
    "(SDQ) score or a reason for no Strengths and Difficulties (SDQ) score has been completed.",
    fields={"OC2": ["DOB", "SDQ_SCORE", "SDQ_REASON"]},
)
def child_over_seventeen_has_no_sdq(t: Tables) -> Flags:
    fault = (_birthday(17) < pl.lit(t.start)) & any_given(("SDQ_SCORE", "SDQ_REASON"))
    return {"OC2": rows(t["OC2"], fault)}


@rule(
    "192",
    "Child has been identified as having a substance misuse problem but the additional item on "
    "whether an intervention was received has been left blank.",
    fields={"OC2": ["SUBSTANCE_MISUSE", "INTERVENTION_RECEIVED"]},
)
def substance_misuse_says_if_intervention_received(t: Tables) -> Flags:
    fault = (pl.col("SUBSTANCE_MISUSE") == "1") & pl.col("INTERVENTION_RECEIVED").is_null()
    return {"OC2": rows(t["OC2"], fault)}


@rule(
    "193",
    "Child not identified as having a substance misuse problem but at least one of the two "
    "additional items on whether an intervention were offered and received have been completed.",
    fields={"OC2": ["SUBSTANCE_MISUSE", "INTERVENTION_RECEIVED", "INTERVENTION_OFFERED"]},
)
def no_substance_misuse_has_no_intervention(t: Tables) -> Flags:
    no_misuse = pl.col("SUBSTANCE_MISUSE").is_null() | (pl.col("SUBSTANCE_MISUSE") == "0")
    fault = no_misuse & any_given(("INTERVENTION_RECEIVED", "INTERVENTION_OFFERED"))
    return {"OC2": rows(t["OC2"], fault)}


@rule(
    "196",
    "Strengths and Difficulties (SDQ) reason is not a valid code.",
    fields={"OC2": ["SDQ_REASON"]},
)
def sdq_reason_code_is_valid(t: Tables) -> Flags:
    fault = pl.col("SDQ_REASON").is_not_null() & ~pl.col("SDQ_REASON").is_in(codes.SDQ_REASON(t.year))
    return {"OC2": rows(t["OC2"], fault)}


@rule(
    "197a",
    "Reason for no Strengths and Difficulties (SDQ) score is not required if Strengths and "
    "Difficulties Questionnaire score is filled in.",
    fields={"OC2": ["SDQ_SCORE", "SDQ_REASON"]},
)
def sdq_score_has_no_reason_for_none(t: Tables) -> Flags:
    fault = pl.col("SDQ_SCORE").is_not_null() & pl.col("SDQ_REASON").is_not_null()
    return {"OC2": rows(t["OC2"], fault)}


@rule(
    "542",
    "A child aged under 10 at 31 March should not have conviction information completed.",
    fields={"OC2": ["CONVICTED"]},
)
def child_under_ten_has_no_conviction_item(t: Tables) -> Flags:
    fault = (_birthday(10) > pl.lit(t.end)) & pl.col("CONVICTED").is_not_null()
    return {"OC2": rows(t["OC2"], fault)}


@rule(
    "544",
    "Any child who has conviction information completed must also have immunisation, teeth check, "
    "health assessment and substance misuse problem identified fields completed.",
    fields={"OC2": ["CONVICTED", *OC2_ALWAYS]},
)
def convicted_has_health_items(t: Tables) -> Flags:
    return {"OC2": rows(t["OC2"], (pl.col("CONVICTED") == "1") & any_blank(OC2_ALWAYS))}


@rule(
    "547",
    "Any child who has health promotion information completed must also have immunisation, teeth "
    "check, health assessment and substance misuse problem identified fields completed.",
    fields={"OC2": ["HEALTH_CHECK", *OC2_ALWAYS]},
)
def health_check_has_health_items(t: Tables) -> Flags:
    return {"OC2": rows(t["OC2"], (pl.col("HEALTH_CHECK") == "1") & any_blank(OC2_ALWAYS))}


@rule(
    "INT33",
    "Internal Check: Child should only exist once in OC2.",
    fields={"OC2": ["CHILD"]},
)
def child_is_once_in_oc2(t: Tables) -> Flags:
    return {"OC2": rows(t["OC2"], pl.col("CHILD").is_not_null() & (pl.len().over("CHILD") > 1))}


# OC2 with Episodes: whether the child was looked after continuously for 12 months.


@rule(
    "157",
    "Child is aged 4 years or over at the beginning of the year or 16 years or under at the end of "
    "the year and Strengths and Difficulties Questionnaire (SDQ) 1 has been recorded as the reason "
    "for no Strengths and Difficulties Questionnaire (SDQ) score.",
    fields={"OC2": ["SDQ_REASON", "DOB"]},
    needs=["OC2", "Episodes"],
)
def sdq_age_range_is_not_given_sdq1(t: Tables) -> Flags:
    fault = (
        pl.col("CLA")
        & (_birthday(4) <= pl.lit(t.start))
        & (_birthday(16) >= pl.lit(t.end))
        & pl.col("SDQ_SCORE").is_null()
        & (pl.col("SDQ_REASON") == "SDQ1")
    )
    return {"OC2": rows(_oc2_with_cla(t), fault)}


@rule(
    "185",
    "Child has not been looked after continuously for at least 12 months at 31 March but a "
    "Strengths and Difficulties (SDQ) score has been completed.",
    fields={"OC2": ["SDQ_SCORE"]},
    needs=["Episodes", "OC2"],
)
def sdq_score_is_for_twelve_months_looked_after(t: Tables) -> Flags:
    return {"OC2": rows(_oc2_with_cla(t), pl.col("SDQ_SCORE").is_not_null() & ~pl.col("CLA"))}


@rule(
    "186",
    "Children aged 4 or over at the start of the year and children aged under 17 at the end of the "
    "year and who have been looked after for at least 12 months continuously should have a "
    "Strengths and Difficulties (SDQ) score completed.",
    fields={"OC2": ["SDQ_SCORE"]},
    needs=["Episodes", "OC2"],
)
def sdq_score_or_reason_is_given_for_four_to_sixteen(t: Tables) -> Flags:
    fault = (
        (_birthday(4) <= pl.lit(t.start))
        & (_birthday(17) > pl.lit(t.end))
        & pl.col("CLA")
        & pl.col("SDQ_SCORE").is_null()
        & pl.col("SDQ_REASON").is_null()
    )
    return {"OC2": rows(_oc2_with_cla(t), fault)}


@rule(
    "190",
    "Child has not been looked after continuously for at least 12 months at 31 March but one or more "
    "data items relating to children looked after for 12 months have been completed.",
    fields={"OC2": list(OC2_TWELVE_MONTHS)},
    needs=["OC2", "Episodes"],
)
def twelve_month_items_are_for_twelve_months_looked_after(t: Tables) -> Flags:
    return {"OC2": rows(_oc2_with_cla(t), ~pl.col("CLA") & any_given(OC2_TWELVE_MONTHS))}


@rule(
    "191",
    "Child has been looked after continuously for at least 12 months at 31 March but one or more "
    "data items relating to children looked after for 12 months have been left blank.",
    fields={"OC2": list(OC2_ALWAYS), "Episodes": ["CHILD"]},
)
def twelve_months_looked_after_has_health_items(t: Tables) -> Flags:
    cla = continuously_looked_after(t).filter(pl.col("CLA"))
    # A child with no OC2 row is shown at their first episode.
    first = pl.col(ROW).sort_by(["DECOM:date", ROW]).first().over("CHILD")
    episodes = (
        t["Episodes"]
        .filter(pl.col("DECOM:date").is_not_null() & pl.col("CHILD").is_not_null())
        .filter(pl.col(ROW) == first)
        .join(cla, on="CHILD", how="semi")
        .join(t["OC2"], on="CHILD", how="anti")
    )
    return {
        "OC2": rows(_oc2_with_cla(t), pl.col("CLA") & any_blank(OC2_ALWAYS)),
        "Episodes": episodes[ROW],
    }


@rule(
    "197B",
    "SDQ score or reason for no SDQ should be reported for 4- or 17-year-olds.",
    fields={"OC2": ["SDQ_REASON", "DOB"]},
    needs=["OC2", "Episodes"],
)
def sdq_score_or_reason_is_given_at_four_or_seventeen(t: Tables) -> Flags:
    start, end = pl.lit(t.start), pl.lit(t.end)
    fault = (
        (_birthday(4).is_between(start, end) | _birthday(17).is_between(start, end))
        & pl.col("CLA")
        & pl.col("SDQ_SCORE").is_null()
        & pl.col("SDQ_REASON").is_null()
    )
    return {"OC2": rows(_oc2_with_cla(t), fault)}


@rule(
    "198",
    "Child has not been looked after continuously for at least 12 months at 31 March but a reason "
    "for no Strengths and Difficulties (SDQ) score has been completed. ",
    fields={"OC2": ["SDQ_REASON"]},
    needs=["Episodes", "OC2"],
)
def sdq_reason_is_for_twelve_months_looked_after(t: Tables) -> Flags:
    return {"OC2": rows(_oc2_with_cla(t), pl.col("SDQ_REASON").is_not_null() & ~pl.col("CLA"))}


@rule(
    "543",
    "Child is aged 10 or over at 31 March and has been looked after continuously for 12 months yet "
    "conviction information has not been completed.",
    fields={"OC2": ["DOB", "CONVICTED"]},
    needs=["Episodes", "OC2"],
)
def child_over_ten_has_conviction_item(t: Tables) -> Flags:
    fault = (pl.lit(t.end) > _birthday(10)) & pl.col("CLA") & pl.col("CONVICTED").is_null()
    return {"OC2": rows(_oc2_with_cla(t), fault)}


@rule(
    "545",
    "Child is aged under 5 at 31 March and has been looked after continuously for 12 months yet "
    "health promotion information has not been completed.",
    fields={"OC2": ["DOB", "HEALTH_CHECK"]},
    needs=["Episodes", "OC2"],
)
def child_under_five_has_health_check(t: Tables) -> Flags:
    fault = (pl.lit(t.end) < _birthday(5)) & pl.col("CLA") & pl.col("HEALTH_CHECK").is_null()
    return {"OC2": rows(_oc2_with_cla(t), fault)}


@rule(
    "546",
    "Children aged 5 or over at 31 March should not have health promotion information completed.",
    fields={"OC2": ["DOB", "HEALTH_CHECK"]},
    needs=["Episodes", "OC2"],
)
def child_over_five_has_no_health_check(t: Tables) -> Flags:
    fault = (pl.lit(t.end) >= _birthday(5)) & pl.col("CLA") & pl.col("HEALTH_CHECK").is_not_null()
    return {"OC2": rows(_oc2_with_cla(t), fault)}


# OC2 with OC3.


@rule(
    "215",
    "Child has care leaver information but one or more data items relating to children looked after "
    "for 12 months have been completed.",
    fields={"OC3": list(OC3_ITEMS), "OC2": list(OC2_TWELVE_MONTHS)},
)
def care_leaver_has_no_twelve_month_items(t: Tables) -> Flags:
    leavers = t["OC3"].filter(any_given(OC3_ITEMS)).select("CHILD", pl.col(ROW).alias("OC3_ROW"))
    both = t["OC2"].filter(any_given(OC2_TWELVE_MONTHS)).join(leavers, on="CHILD")
    return {"OC3": both["OC3_ROW"], "OC2": both[ROW]}


# OC3 and Header.


@rule(
    "INT06",
    "Internal Check: Child in OC3 does not exist in Header.",
    fields={"OC3": ["CHILD"]},
    needs=["Header", "OC3"],
)
def oc3_child_is_in_header(t: Tables) -> Flags:
    return {"OC3": t["OC3"].join(t["Header"].select("CHILD"), on="CHILD", how="anti")[ROW]}


@rule(
    "INT05",
    "Internal Check: Child in OC2 does not exist in Header.",
    fields={"OC2": ["CHILD"]},
    needs=["Header", "OC2"],
)
def oc2_child_is_in_header(t: Tables) -> Flags:
    return {"OC2": t["OC2"].join(t["Header"].select("CHILD"), on="CHILD", how="anti")[ROW]}


def _date_of_birth_differs(t: Tables, table: str) -> pl.Series:
    header = t["Header"].select("CHILD", pl.col("DOB:date").alias("HEADER_DOB")).drop_nulls()
    return rows(t[table].join(header, on="CHILD"), pl.col("HEADER_DOB") != DOB)


@rule(
    "INT14",
    "Internal Check: DOB in OC2 is different to DOB in Header.",
    fields={"OC2": ["DOB"]},
    needs=["Header", "OC2"],
)
def oc2_date_of_birth_is_the_header_s(t: Tables) -> Flags:
    return {"OC2": _date_of_birth_differs(t, "OC2")}


@rule(
    "INT15",
    "Internal Check: DOB in OC3 is different to DOB in Header.",
    fields={"OC3": ["DOB"]},
    needs=["Header", "OC3"],
)
def oc3_date_of_birth_is_the_header_s(t: Tables) -> Flags:
    return {"OC3": _date_of_birth_differs(t, "OC3")}


@rule(
    "3001",
    "Where care leavers information is being returned for a young person around their 17th "
    "birthday, the accommodation cannot be with their former foster carer(s).",
    fields={"OC3": ["ACCOM"], "Header": ["DOB"]},
    needs=["Header", "OC3"],
)
def care_leaver_at_seventeen_is_not_with_former_foster_carers(t: Tables) -> Flags:
    seventeen = t["Header"].filter(true(_birthday(17).is_between(pl.lit(t.start), pl.lit(t.end))))
    fault = pl.col("ACCOM").is_in(codes.FORMER_FOSTER_CARERS(t.year)) & pl.col("CHILD").is_in(
        seventeen["CHILD"].drop_nulls().implode()
    )
    return {"OC3": rows(t["OC3"], fault)}


# OC3 with Episodes (and Header, UASC).


def _episodes_in_year(t: Tables, *, open_until_end: bool) -> pl.DataFrame:
    """CHILD and IN_YEAR, the number of the child's episodes open during the year. An episode with
    no end counts when it began by the year's end and `open_until_end`."""
    decom, dec = pl.col("DECOM:date"), pl.col("DEC:date")
    open_in_year = true(decom <= pl.lit(t.end)) & (
        true(dec >= pl.lit(t.start)) | (dec.is_null() if open_until_end else pl.lit(False))
    )
    return (
        t["Episodes"]
        .filter(pl.col("CHILD").is_not_null())
        .group_by("CHILD")
        .agg(open_in_year.sum().alias("IN_YEAR"))
    )


@rule(
    "165",
    "Data entry for mother status is invalid.",
    fields={"Header": ["MOTHER", "SEX"], "OC3": ["ACTIV", "ACCOM", "IN_TOUCH"], "Episodes": ["DECOM"]},
    needs=["Header", "Episodes", "OC3"],
)
def mother_status_is_valid(t: Tables) -> Flags:
    # Episodes of a V3 or V4 short break do not count; an episode with no end is open at the
    # year's end.
    episodes = t["Episodes"].filter(~true(pl.col("LS").is_in(["V3", "V4"])))
    decom, dec = pl.col("DECOM:date"), pl.col("DEC:date").fill_null(pl.lit(t.end))
    in_year = (
        episodes.filter(pl.col("CHILD").is_not_null())
        .group_by("CHILD")
        .agg(true((dec >= pl.lit(t.start)) & (decom <= pl.lit(t.end))).sum().alias("IN_YEAR"))
    )
    oc3 = t["OC3"].select("CHILD", pl.col(ROW).alias("OC3_ROW"), has_oc3=any_given(OC3_ITEMS))
    merged = (
        in_year.join(t["Header"].select("CHILD", "SEX", "MOTHER", ROW), on="CHILD", how="left")
        .join(oc3, on="CHILD", how="left")
        .with_columns(pl.col("has_oc3").fill_null(False))
    )
    mother, in_care = pl.col("MOTHER").is_not_null(), pl.col("IN_YEAR") > 0
    female = pl.col("SEX") == "F"
    fault = (
        (mother & ~true(pl.col("MOTHER").is_in(["0", "1"])))
        | (mother & (pl.col("SEX") == "M"))
        | (~mother & female & in_care)
        | (mother & female & ~in_care & pl.col("has_oc3"))
    )
    flagged = merged.filter(true(fault))
    return {"Header": flagged[ROW].drop_nulls(), "OC3": flagged["OC3_ROW"].drop_nulls()}


@rule(
    "628",
    "Motherhood details are not required for care leavers who have not been looked after during the year.",
    fields={"Header": ["MOTHER"]},
    needs=["Episodes", "Header", "OC3"],
)
def mother_status_is_not_for_care_leavers_not_looked_after(t: Tables) -> Flags:
    leavers = t["OC3"].filter(any_given(OC3_ITEMS)).select("CHILD")
    header = (
        t["Header"]
        .join(t["Episodes"].select("CHILD"), on="CHILD", how="anti")
        .join(leavers, on="CHILD", how="semi")
    )
    return {"Header": rows(header, pl.col("MOTHER").is_not_null())}


@rule(
    "1000",
    "This child is recorded as having died in care and therefore should not have the care leaver "
    "information completed. [NOTE: This only tests the current and previous year data loaded into "
    "the tool]",
    fields={"OC3": list(OC3_ITEMS)},
    needs=["Episodes", "OC3"],
)
def child_died_in_care_has_no_care_leaver_items(t: Tables) -> Flags:
    died = [
        t[name].filter(pl.col("REC") == "E2").select("CHILD")
        for name in ("Episodes", "Episodes_last")
        if name in t
    ]
    children = pl.concat(died)["CHILD"].drop_nulls().implode()
    return {"OC3": rows(t["OC3"], pl.col("CHILD").is_in(children))}


@rule(
    "1007",
    "Care leaver information is not required for 17- or 18-year olds who are still looked after [on "
    "their 17th or 18th birthday.]",
    fields={"OC3": list(OC3_ITEMS)},
    needs=["Episodes", "OC3"],
)
def care_leaver_items_are_not_for_looked_after_at_birthday(t: Tables) -> Flags:
    end = pl.lit(t.end)
    # The child's last birthday by the year's end.
    birthday = DOB.dt.offset_by(pl.format("{}y", t.end.year - DOB.dt.year()))
    birthday = pl.when(birthday > end).then(birthday.dt.offset_by("-1y")).otherwise(birthday)
    oc3 = (
        t["OC3"]
        .filter(true((_birthday(17) <= end) & (_birthday(19) > end)) & any_given(OC3_ITEMS))
        .select("CHILD", ROW, birthday.alias("BIRTHDAY"))
    )
    # An episode counts when it began by the birthday and ended after it (an episode with no end
    # does not count, as in the Department's validator).
    looked_after = (
        t["Episodes"]
        .select("CHILD", "DECOM:date", "DEC:date")
        .join(oc3, on="CHILD")
        .filter(
            true((pl.col("DECOM:date") <= pl.col("BIRTHDAY")) & (pl.col("DEC:date") > pl.col("BIRTHDAY")))
        )
    )
    return {"OC3": looked_after[ROW]}


@rule(
    "1011",
    "This child is recorded as having his/her care transferred to another local authority for the "
    "final episode and therefore should not have the care leaver information completed.",
    fields={"OC3": list(OC3_ITEMS)},
    needs=["Episodes", "OC3"],
)
def child_transferred_has_no_care_leaver_items(t: Tables) -> Flags:
    latest = pl.col(ROW).sort_by(["DECOM:date", ROW], descending=[True, False]).first().over("CHILD")
    transferred = (
        t["Episodes"]
        .filter(pl.col("DECOM:date").is_not_null() & pl.col("CHILD").is_not_null())
        .filter((pl.col(ROW) == latest) & (pl.col("REC") == "E3"))["CHILD"]
        .implode()
    )
    return {"OC3": rows(t["OC3"], pl.col("CHILD").is_in(transferred) & any_given(OC3_ITEMS))}


@rule(
    "1014",
    "UASC information is not required for care leavers",
    fields={"OC3": ["ACTIV", "ACCOM", "IN_TOUCH"], "UASC": ["DUC"]},
    needs=["Episodes", "UASC", "OC3"],
)
def care_leaver_not_looked_after_has_no_uasc_row(t: Tables) -> Flags:
    not_in_year = _episodes_in_year(t, open_until_end=True).filter(pl.col("IN_YEAR") == 0).select("CHILD")
    leavers = t["OC3"].filter(any_given(OC3_ITEMS)).select("CHILD", pl.col(ROW).alias("OC3_ROW"))
    both = t["UASC"].select("CHILD", ROW).join(not_in_year, on="CHILD", how="semi").join(leavers, on="CHILD")
    return {"UASC": both[ROW], "OC3": both["OC3_ROW"]}


@rule(
    "1016",
    "Care leaver information is not required for 17- or 18-year olds who cease to be looked after, "
    "after their birthday.",
    fields={"OC3": list(OC3_ITEMS)},
    needs=["Episodes", "OC3"],
)
def care_leaver_items_are_not_for_leaving_after_birthday(t: Tables) -> Flags:
    end = pl.lit(t.end)
    aged_17 = (_birthday(17) <= end) & (_birthday(18) > end)
    aged_18 = (_birthday(18) <= end) & (_birthday(19) > end)
    oc3 = (
        t["OC3"]
        .filter(any_given(OC3_ITEMS))
        .select(
            "CHILD",
            ROW,
            pl.when(aged_17).then(_birthday(17)).when(aged_18).then(_birthday(18)).alias("BIRTHDAY"),
        )
    )
    left_after = (
        t["Episodes"]
        .select("CHILD", "DEC:date")
        .join(oc3.filter(pl.col("BIRTHDAY").is_not_null()), on="CHILD")
        .filter(true(pl.col("DEC:date") >= pl.col("BIRTHDAY")))
    )
    return {"OC3": left_after[ROW]}
