"""Rules about the Header table: who the child is."""

import datetime

import polars as pl

from .. import codes
from ..validation import Flags, Tables, rule

_SCHOOL_AGE_YEARS = 4
_YOUNGEST_MOTHER_YEARS = 11
_YOUNGEST_UASC_YEARS = 11
_OLDEST_CHILD_YEARS = 25

# A pupil number: a check letter (not I, O or S), then twelve digits, or eleven digits and a
# letter; or one of the codes for an unknown number.
_UPN = r"^[A-HJ-NP-RT-Z](\d{12}|\d{11}[A-Z])$|^UN[1-5]$"


def _years_after(column: str, years: int) -> pl.Expr:
    """The date `years` after the date in `column` (29 February moves to 28 February)."""
    return pl.col(column).dt.offset_by(f"{years}y")


def _years_before(day: datetime.date, years: int) -> pl.Expr:
    return pl.lit(day).dt.offset_by(f"-{years}y")


@rule(
    "101",
    "The child or young person’s reported sex is not valid.",  # noqa: RUF001 (the Department's wording)
    fields={"Header": ["SEX"]},
)
def sex_is_valid(t: Tables) -> Flags:
    header = t["Header"]
    return {
        "Header": header.filter(~pl.col("SEX").is_in(codes.SEX_AS_REPORTED(t.year)).fill_null(False))["ROW"]
    }


@rule("102", "Date of birth is not a valid date.", fields={"Header": ["DOB"]})
def date_of_birth_is_a_date(t: Tables) -> Flags:
    header = t["Header"]
    return {"Header": header.filter(pl.col("DOB:date").is_null())["ROW"]}


@rule(
    "103",
    "The ethnicity code is either not valid or has not been entered.",
    fields={"Header": ["ETHNIC"]},
)
def ethnicity_code_is_valid(t: Tables) -> Flags:
    header = t["Header"]
    return {"Header": header.filter(~pl.col("ETHNIC").is_in(codes.ETHNICITY(t.year)).fill_null(False))["ROW"]}


@rule(
    "105",
    "Data entry for Unaccompanied Asylum-Seeking Children (UASC) status of child is invalid or "
    "has not been completed.",
    fields={"Header": ["UASC"]},
    needs=["Header", "UASC"],
)
def uasc_status_is_valid(t: Tables) -> Flags:
    # The status is worked out from the UASC table when files are read, so it is always 0 or 1
    # then; the check holds for a Header that brings its own status.
    header = t["Header"]
    return {"Header": header.filter(~pl.col("UASC").is_in(["0", "1"]).fill_null(False))["ROW"]}


@rule(
    "168",
    "Unique Pupil Number (UPN) is not valid. If unknown, default codes should be UN1, UN2, UN3, UN4 or UN5.",
    fields={"Header": ["UPN"]},
)
def pupil_number_is_valid(t: Tables) -> Flags:
    header = t["Header"]
    return {"Header": header.filter(pl.col("UPN").is_not_null() & ~pl.col("UPN").str.contains(_UPN))["ROW"]}


@rule("171", "Date of birth of mother's child is not a valid date.", fields={"Header": ["MC_DOB"]})
def mothers_child_date_of_birth_is_a_date(t: Tables) -> Flags:
    header = t["Header"]
    return {"Header": header.filter(pl.col("MC_DOB").is_not_null() & pl.col("MC_DOB:date").is_null())["ROW"]}


@rule(
    "174",
    "Mother's child date of birth is recorded but sex shows that the child is a male.",
    fields={"Header": ["SEX", "MC_DOB"]},
)
def only_a_female_child_has_a_childs_date_of_birth(t: Tables) -> Flags:
    header = t["Header"]
    return {"Header": header.filter((pl.col("SEX") == "M") & pl.col("MC_DOB").is_not_null())["ROW"]}


@rule(
    "209",
    "Child looked after is of school age and should not have an unknown Unique Pupil Number "
    "(UPN) code of UN1.",
    fields={"Header": ["UPN", "DOB"]},
)
def child_of_school_age_has_no_upn_code_un1(t: Tables) -> Flags:
    # School age: four by 31 August of the year before the collection year began.
    reference = datetime.date(t.start.year - 1, 8, 31)
    header = t["Header"]
    school_age = _years_after("DOB:date", _SCHOOL_AGE_YEARS) <= reference
    return {"Header": header.filter(school_age.fill_null(False) & (pl.col("UPN") == "UN1"))["ROW"]}


@rule(
    "231",
    "We expect that unaccompanied asylum seeking children are generally older young people. Please "
    "check the date of birth is correct. If the date of birth is correct then please provide details "
    "in a bypass request.",
    fields={"Header": ["DOB", "UASC"]},
    needs=["Header", "UASC"],
)
def unaccompanied_child_is_at_least_eleven(t: Tables) -> Flags:
    header = t["Header"]
    young = pl.col("DOB:date") > _years_before(t.end, _YOUNGEST_UASC_YEARS)
    return {"Header": header.filter(young.fill_null(False) & (pl.col("UASC") == "1"))["ROW"]}


@rule(
    "232",
    "Sex of the child/young person has been reported as unknown.",
    fields={"Header": ["SEX"]},
)
def sex_is_known(t: Tables) -> Flags:
    header = t["Header"]
    return {"Header": header.filter(pl.col("SEX") == "U")["ROW"]}


@rule("301", "Date of birth falls after the year ended.", fields={"Header": ["DOB"]})
def born_by_the_end_of_the_year(t: Tables) -> Flags:
    header = t["Header"]
    return {"Header": header.filter(pl.col("DOB:date") > t.end)["ROW"]}


@rule("351", "Child was over 25 at the start of the current collection year.", fields={"Header": ["DOB"]})
def child_is_at_most_twenty_five(t: Tables) -> Flags:
    header = t["Header"]
    return {"Header": header.filter(_years_after("DOB:date", _OLDEST_CHILD_YEARS) < t.start)["ROW"]}


@rule("444", "Duplicate UPN has been reported", fields={"Header": ["UPN"]})
def pupil_number_is_unique(t: Tables) -> Flags:
    header = t["Header"]
    known = pl.col("UPN").is_not_null() & ~pl.col("UPN").is_in(codes.UPN_UNKNOWN(t.year))
    return {"Header": header.filter(known & (pl.len().over("UPN") > 1))["ROW"]}


@rule(
    "611",
    "Date of birth field is blank, but child is a mother.",
    fields={"Header": ["MOTHER", "MC_DOB"]},
)
def mother_has_her_childs_date_of_birth(t: Tables) -> Flags:
    header = t["Header"]
    return {"Header": header.filter((pl.col("MOTHER") == "1") & pl.col("MC_DOB").is_null())["ROW"]}


@rule(
    "612",
    "Date of birth field has been completed but mother field indicates child is not a mother.",
    fields={"Header": ["SEX", "MOTHER", "MC_DOB"]},
)
def childs_date_of_birth_only_for_a_mother(t: Tables) -> Flags:
    header = t["Header"]
    not_mother = (pl.col("MOTHER") == "0").fill_null(True)
    return {
        "Header": header.filter(not_mother & (pl.col("SEX") == "F") & pl.col("MC_DOB").is_not_null())["ROW"]
    }


@rule(
    "620",
    "Child has been recorded as a mother, but date of birth shows that the mother is under 11 years of age.",
    fields={"Header": ["DOB", "MOTHER"]},
)
def mother_is_at_least_eleven(t: Tables) -> Flags:
    header = t["Header"]
    under_eleven = _years_after("DOB:date", _YOUNGEST_MOTHER_YEARS) > t.start
    return {"Header": header.filter((pl.col("MOTHER") == "1") & under_eleven)["ROW"]}


@rule(
    "621",
    "Mother’s field has been completed but date of birth shows that the mother is younger "  # noqa: RUF001
    "than her child.",
    fields={"Header": ["DOB", "MC_DOB"]},
)
def mother_is_older_than_her_child(t: Tables) -> Flags:
    header = t["Header"]
    child_born_after = (pl.col("MC_DOB:date") > pl.col("DOB:date")).fill_null(False)
    return {"Header": header.filter(pl.col("MC_DOB:date").is_not_null() & ~child_born_after)["ROW"]}


@rule(
    "EPI",
    "WARNING: Episodes need to be loaded for this child before further validation is possible "
    "[NOTE: This refers to the DfE portal - here, all checks that can be performed with only the "
    "available data will be.]",
    fields={"Header": ["CHILD"]},
    needs=["Header"],
)
def child_has_episodes(t: Tables) -> Flags:
    header = t["Header"]
    others = [t[name].select("CHILD") for name in ("Episodes", "OC3") if name in t]
    if not others:
        return {"Header": header["ROW"]}
    present = pl.concat(others).unique()
    # A blank CHILD matches a blank CHILD, as the sector's validator joins them.
    return {"Header": header.join(present, on="CHILD", how="anti", nulls_equal=True)["ROW"]}


@rule(
    "INT32",
    "Internal Check: Child should only exist once in Header.",
    fields={"Header": ["CHILD"]},
)
def child_is_once_in_header(t: Tables) -> Flags:
    header = t["Header"]
    return {"Header": header.filter(pl.col("CHILD").is_not_null() & (pl.len().over("CHILD") > 1))["ROW"]}
