"""The tables of an SSDA903 collection year and their columns, kept by year: a year that adds
or drops a table or a column is a new entry, never an edit of an earlier one."""

from collections.abc import Mapping
from types import MappingProxyType

_TABLES_FROM_2023: Mapping[str, tuple[str, ...]] = MappingProxyType(
    {
        "Header": ("CHILD", "SEX", "DOB", "ETHNIC", "UPN", "MOTHER", "MC_DOB"),
        "Episodes": (
            "CHILD",
            "DECOM",
            "RNE",
            "LS",
            "CIN",
            "PLACE",
            "PLACE_PROVIDER",
            "DEC",
            "REC",
            "REASON_PLACE_CHANGE",
            "HOME_POST",
            "PL_POST",
            "URN",
        ),
        "Reviews": ("CHILD", "DOB", "REVIEW", "REVIEW_CODE"),
        "UASC": ("CHILD", "SEX", "DOB", "DUC"),
        "OC2": (
            "CHILD",
            "DOB",
            "SDQ_SCORE",
            "SDQ_REASON",
            "CONVICTED",
            "HEALTH_CHECK",
            "IMMUNISATIONS",
            "TEETH_CHECK",
            "HEALTH_ASSESSMENT",
            "SUBSTANCE_MISUSE",
            "INTERVENTION_RECEIVED",
            "INTERVENTION_OFFERED",
        ),
        "OC3": ("CHILD", "DOB", "IN_TOUCH", "ACTIV", "ACCOM"),
        "AD1": (
            "CHILD",
            "DOB",
            "DATE_INT",
            "DATE_MATCH",
            "FOSTER_CARE",
            "NB_ADOPTR",
            "SEX_ADOPTR",
            "LS_ADOPTR",
        ),
        "PlacedAdoption": ("CHILD", "DOB", "DATE_PLACED", "DATE_PLACED_CEASED", "REASON_PLACED_CEASED"),
        "PrevPerm": ("CHILD", "DOB", "PREV_PERM", "LA_PERM", "DATE_PERM"),
        "Missing": ("CHILD", "DOB", "MISSING", "MIS_START", "MIS_END"),
        "SWEpisodes": ("CHILD", "DOB", "SW_ID", "SW_DECOM", "SW_DEC", "SW_REASON"),
    }
)

_TABLES_FROM_2027: Mapping[str, tuple[str, ...]] = MappingProxyType(
    {**_TABLES_FROM_2023, "DoLo": ("CHILD", "DOB", "DOLO_START", "DOLO_END")}
)

# The first collection year each layout applies to.
_LAYOUTS: tuple[tuple[int, Mapping[str, tuple[str, ...]]], ...] = (
    (2023, _TABLES_FROM_2023),
    (2027, _TABLES_FROM_2027),
)

FIRST_YEAR = _LAYOUTS[0][0]

DATE_COLUMNS = frozenset(
    {
        "DOB",
        "MC_DOB",
        "DECOM",
        "DEC",
        "REVIEW",
        "DUC",
        "DATE_INT",
        "DATE_MATCH",
        "DATE_PLACED",
        "DATE_PLACED_CEASED",
        "DATE_PERM",
        "MIS_START",
        "MIS_END",
        "SW_DECOM",
        "SW_DEC",
        "DOLO_START",
        "DOLO_END",
    }
)
"""Columns holding a date, written dd/mm/yyyy in the files."""

DATE_FORMAT = "%d/%m/%Y"


def tables_for(year: int) -> Mapping[str, tuple[str, ...]]:
    """The tables of the collection year ending 31 March `year`, each with its columns in the
    order the Department's specification gives them."""
    if year < FIRST_YEAR:
        raise ValueError(f"Collection years before {FIRST_YEAR - 1}/{FIRST_YEAR % 100:02} are not supported")
    return next(tables for first, tables in reversed(_LAYOUTS) if year >= first)


def table_with_columns(columns: set[str], *, year: int) -> str | None:
    """The table whose columns are exactly `columns` (in any order), or None. A file is
    recognised by its columns, never by its name, as the sector's validator does."""
    for name, expected in tables_for(year).items():
        if set(expected) == columns:
            return name
    return None


def closest_table(columns: set[str], *, year: int) -> tuple[str, set[str], set[str]]:
    """The table `columns` come nearest to, with the columns it lacks and those it should not
    have, to tell the person what is wrong with a file nobody could recognise."""
    name, expected = max(tables_for(year).items(), key=lambda item: len(set(item[1]) & columns))
    return name, set(expected) - columns, columns - set(expected)
