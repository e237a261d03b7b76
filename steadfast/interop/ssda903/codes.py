"""The SSDA903 code lists, kept by collection year: `ByYear` holds each version of a list with
the first year it applies to, so a year that changes a list adds an entry and edits nothing."""

from collections.abc import Mapping


class ByYear[T]:
    """Values that change from one collection year to another, each with the first collection
    year (the year its 31 March falls in) it applies to."""

    def __init__(self, versions: Mapping[int, T]) -> None:
        self._versions = sorted(versions.items())

    def __call__(self, year: int) -> T:
        applying = [value for first, value in self._versions if first <= year]
        if not applying:
            raise ValueError(f"No version for the collection year ending 31 March {year}")
        return applying[-1]


SEX = ByYear({2025: frozenset({"M", "F"})})
"""The child's sex: M or F from 2024/25 (1 or 2 before)."""

ETHNICITY = ByYear(
    {
        2026: frozenset(
            {
                "WBRI",
                "WIRI",
                "WOTH",
                "WIRT",
                "WROM",
                "MWBC",
                "MWBA",
                "MWAS",
                "MOTH",
                "AIND",
                "APKN",
                "ABAN",
                "AOTH",
                "BCRB",
                "BAFR",
                "BOTH",
                "CHNE",
                "OOTH",
                "REFU",
                "NOBT",
            }
        )
    }
)

REASON_NEW_EPISODE = ByYear({2026: frozenset({"S", "P", "L", "T", "U", "B"})})
"""RNE: S started to be looked after; P a change of placement only; L a change of legal status
only; T both; U both, to a placement with the same carer; B back to the usual carer after a
temporary stay."""

LEGAL_STATUS = ByYear(
    {2026: frozenset({"C1", "C2", "D1", "E1", "V2", "V3", "V4", "J1", "J2", "J3", "L1", "L2", "L3"})}
)

CATEGORY_OF_NEED = ByYear({2026: frozenset({"N1", "N2", "N3", "N4", "N5", "N6", "N7", "N8"})})

PLACEMENT_TYPE = ByYear(
    {
        # 2025/26 adds K3 and splits Z1 into Z11 to Z14.
        2026: frozenset(
            {
                "A3",
                "A4",
                "A5",
                "A6",
                "K1",
                "K2",
                "K3",
                "P1",
                "P3",
                "R1",
                "R2",
                "R3",
                "R5",
                "S1",
                "T0",
                "T1",
                "T2",
                "T3",
                "T4",
                "U1",
                "U2",
                "U3",
                "U4",
                "U5",
                "U6",
                "Z11",
                "Z12",
                "Z13",
                "Z14",
            }
        )
    }
)

REASON_EPISODE_CEASED = ByYear(
    {
        2026: frozenset(
            {
                "E11",
                "E12",
                "E2",
                "E3",
                "E4A",
                "E4B",
                "E13",
                "E41",
                "E45",
                "E46",
                "E47",
                "E48",
                "E5",
                "E6",
                "E7",
                "E8",
                "E9",
                "E14",
                "E15",
                "E16",
                "E17",
                "X1",
            }
        )
    }
)

PLACEMENT_PROVIDER = ByYear({2026: frozenset({"PR0", "PR1", "PR2", "PR3", "PR4", "PR5"})})

REASON_PLACE_CHANGE = ByYear(
    {
        2026: frozenset(
            {
                "CARPL",
                "CLOSE",
                "ALLEG",
                "STAND",
                "APPRR",
                "CREQB",
                "CREQO",
                "CHILD",
                "LAREQ",
                "PLACE",
                "CUSTOD",
                "OTHER",
            }
        )
    }
)


# Episodes, and the previous year's Episodes and Header: the lists their rules read.

PLACEMENTS_WITHOUT_PROVIDER = ByYear(
    {2026: frozenset({"T0", "T1", "T2", "T3", "T4", "Z11", "Z12", "Z13", "Z14"})}
)
"""Placements that have no placement provider: temporary stays and the Z1 group of 2025/26."""

PLACEMENT_TYPES_REPLACING = ByYear({2026: {"Z1": frozenset({"Z11", "Z12", "Z13", "Z14"})}})
"""Placement types of the year that replace last year's (its key): a child's first placement of
the year may carry the new code where last year's open episode carried the old."""

UPN_UNKNOWN = ByYear({2026: frozenset({"UN1", "UN2", "UN3", "UN4", "UN5"})})
"""The codes given in place of a UPN not known: UN1 a child aged under 6, UN2 to UN5 other
reasons a UPN cannot be given."""
