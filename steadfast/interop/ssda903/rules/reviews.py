"""Rules about the Reviews table: the review's date, how the child took part for their age, and
that the child is the Header's child."""

import polars as pl

from .. import codes
from ..validation import Flags, Tables, rule

review = pl.col("REVIEW:date")
dob = pl.col("DOB:date")


@rule("166", "Date of review is invalid or blank.", fields={"Reviews": ["REVIEW"]})
def review_date_is_valid(t: Tables) -> Flags:
    return {"Reviews": t["Reviews"].filter(review.is_null())["ROW"]}


@rule("167", "Data entry for participation is invalid or blank.", fields={"Reviews": ["REVIEW_CODE"]})
def participation_is_valid_for_a_review(t: Tables) -> Flags:
    code = pl.col("REVIEW_CODE")
    known = code.is_in(codes.REVIEW_PARTICIPATION(t.year)).fill_null(False)
    # A dated review needs a known code; a row without a review date needs no code at all.
    fine = (pl.col("REVIEW").is_not_null() & known) | (pl.col("REVIEW").is_null() & code.is_null())
    return {"Reviews": t["Reviews"].filter(~fine)["ROW"]}


@rule(
    "440",
    "Participation method indicates child was under 4 years old at the time of the review, but "
    "date of birth and review date indicates the child was 4 years old or over.",
    fields={"Reviews": ["DOB", "REVIEW", "REVIEW_CODE"]},
)
def participation_for_under_4s_is_for_a_child_under_4(t: Tables) -> Flags:
    fault = (pl.col("REVIEW_CODE") == "PN0") & (review > dob.dt.offset_by("4y"))
    return {"Reviews": t["Reviews"].filter(fault.fill_null(False))["ROW"]}


@rule(
    "441",
    "Participation method indicates child was 4 years old or over at the time of the review, but "
    "the date of birth and review date indicates the child was under 4 years old.",
    fields={"Reviews": ["DOB", "REVIEW", "REVIEW_CODE"]},
)
def participation_for_over_4s_is_for_a_child_of_4_or_over(t: Tables) -> Flags:
    over_4s = codes.REVIEW_PARTICIPATION(t.year) - {"PN0"}
    fault = pl.col("REVIEW_CODE").is_in(over_4s) & (review < dob.dt.offset_by("4y"))
    return {"Reviews": t["Reviews"].filter(fault.fill_null(False))["ROW"]}


@rule(
    "399",
    "Mother field, review field or participation field are completed but child is looked after "
    "under legal status V3 or V4.",
    fields={"Header": ["MOTHER"], "Episodes": ["LS"], "Reviews": ["REVIEW", "REVIEW_CODE"]},
)
def child_on_short_breaks_has_no_mother_or_review_fields(t: Tables) -> Flags:
    short_breaks = codes.ACCOMMODATED_SHORT_BREAKS(t.year)
    # Only a child every one of whose episodes is a short break.
    episodes = t["Episodes"].filter(pl.col("CHILD").is_not_null())
    on_short_breaks = episodes.filter(pl.col("LS").is_in(short_breaks).fill_null(False).all().over("CHILD"))
    children = on_short_breaks.select("CHILD").unique()
    header = t["Header"].join(children, on="CHILD", how="semi")
    reviews = t["Reviews"].join(children, on="CHILD", how="semi")
    completed_review = pl.col("REVIEW").is_not_null() | pl.col("REVIEW_CODE").is_not_null()
    has_mother = header.filter(pl.col("MOTHER").is_not_null()).select("CHILD").unique()
    has_review = reviews.filter(completed_review).select("CHILD").unique()
    either = pl.concat([has_mother, has_review]).unique()
    return {
        "Episodes": on_short_breaks.join(either, on="CHILD", how="semi")["ROW"],
        "Header": pl.concat(
            [
                header.filter(pl.col("MOTHER").is_not_null())["ROW"],
                header.join(has_review, on="CHILD", how="semi")["ROW"],
            ]
        ),
        "Reviews": pl.concat(
            [reviews.filter(completed_review)["ROW"], reviews.join(has_mother, on="CHILD", how="semi")["ROW"]]
        ),
    }


@rule(
    "INT08",
    "Internal Check: Child in Reviews does not exist in Header.",
    fields={"Reviews": ["CHILD"]},
    needs=["Header", "Reviews"],
)
def child_in_reviews_is_in_header(t: Tables) -> Flags:
    return {"Reviews": t["Reviews"].join(t["Header"].select("CHILD"), on="CHILD", how="anti")["ROW"]}


@rule(
    "INT17",
    "Internal Check: DOB in Reviews is different to DOB in Header.",
    fields={"Header": ["DOB"], "Reviews": ["DOB"]},
)
def date_of_birth_in_reviews_is_the_headers(t: Tables) -> Flags:
    header = t["Header"].select("CHILD", pl.col("DOB:date").alias("HEADER_DOB"))
    pairs = t["Reviews"].join(header, on="CHILD", how="inner")
    return {"Reviews": pairs.filter((dob != pl.col("HEADER_DOB")).fill_null(False))["ROW"]}
