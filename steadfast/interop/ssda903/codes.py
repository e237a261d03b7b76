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


# Header and Episodes: the codes as Steadfast's records hold them (import and export) ----------
# Each maps a code of the return to a domain choice's value (the words of children.models and
# placements.models, kept here as text so that this module imports no app). Several codes may
# map to one choice; the export writes back the code kept from the import while it still maps to
# the record's choice, and otherwise the first code listed for that choice.

SEX_TO_DOMAIN = ByYear({2025: {"M": "male", "F": "female"}})

ETHNICITY_TO_DOMAIN = ByYear(
    {
        2026: {
            "WBRI": "white_british",
            "WIRI": "white_irish",
            "WIRT": "white_traveller",
            "WROM": "white_traveller",
            "WOTH": "white_other",
            "MWBC": "mixed_white_black_caribbean",
            "MWBA": "mixed_white_black_african",
            "MWAS": "mixed_white_asian",
            "MOTH": "mixed_other",
            "AIND": "asian_indian",
            "APKN": "asian_pakistani",
            "ABAN": "asian_bangladeshi",
            "AOTH": "asian_other",
            "BCRB": "black_caribbean",
            "BAFR": "black_african",
            "BOTH": "black_other",
            "CHNE": "chinese",
            "OOTH": "other",
            "REFU": "refused",
            "NOBT": "not_yet_obtained",
        }
    }
)

LEGAL_STATUS_TO_DOMAIN = ByYear(
    {
        2026: {
            "C1": "interim_care_order",
            "C2": "full_care_order",
            "E1": "placement_order",
            "D1": "placement_order",  # a freeing order, the placement order's forerunner
            "V2": "voluntary_accommodation",
            "V3": "voluntary_accommodation",  # a single short break
            "V4": "voluntary_accommodation",  # a series of short breaks
            "L1": "police_protection",
            "L2": "emergency_protection",
            "L3": "emergency_protection",  # a child assessment order with accommodation
            "J1": "remand",
            "J2": "remand",  # detained under PACE
            "J3": "remand",  # sentenced with a residence requirement
        }
    }
)

PLACEMENT_TYPE_TO_DOMAIN = ByYear(
    {
        2026: {
            "U4": "foster_approved_carer",
            "U5": "foster_approved_carer",
            "U6": "foster_approved_carer",
            "U1": "foster_connected_person",
            "U2": "foster_connected_person",
            "U3": "foster_connected_person",
            "K2": "residential",
            "K1": "residential",
            "K3": "residential",
            "R1": "residential",
            "S1": "residential",
            "P1": "placed_with_parents",
            "Z11": "independent_living",
            "Z12": "independent_living",
            "Z13": "independent_living",
            "Z14": "independent_living",
            "A5": "placed_for_adoption",
            "A3": "placed_for_adoption",
            "A4": "placed_for_adoption",
            "A6": "placed_for_adoption",
            "P3": "other",
            "R2": "other",
            "R3": "other",
            "R5": "other",
            "T0": "other",
            "T1": "other",
            "T2": "other",
            "T3": "other",
            "T4": "other",
        }
    }
)
"""A foster placement (U4 to U6) with a private or voluntary provider (PR4, PR5) is foster care
through an agency: `FOSTER_AGENCY_PROVIDERS`."""

FOSTER_AGENCY_PROVIDERS = frozenset({"PR4", "PR5"})

# Why a placement ended: the reason the episode ceased (REC) when care ended, else the reason
# for the change of placement (REASON_PLACE_CHANGE). Each with whether the ending was planned.
REASON_CEASED_TO_DOMAIN = ByYear(
    {
        2026: {
            "E11": ("adopted", True),
            "E12": ("adopted", True),
            "E41": ("returned_home", True),
            "E4A": ("returned_home", True),
            "E4B": ("returned_home", False),
            "E13": ("returned_home", False),
            "E45": ("special_guardianship", True),
            "E46": ("special_guardianship", True),
            "E47": ("special_guardianship", True),
            "E48": ("special_guardianship", True),
            "E5": ("left_care", True),
            "E6": ("left_care", True),
            "E7": ("left_care", True),
            "E17": ("left_care", True),
            "E2": ("other", False),
            "E3": ("other", False),
            "E8": ("other", False),
            "E9": ("other", False),
            "E14": ("other", False),
            "E15": ("other", False),
            "E16": ("other", False),
        }
    }
)

REASON_PLACE_CHANGE_TO_DOMAIN = ByYear(
    {
        2026: {
            "CARPL": ("care_plan_changed", True),
            "PLACE": ("care_plan_changed", True),
            "LAREQ": ("care_plan_changed", True),
            "CREQB": ("carer_requested", False),
            "CREQO": ("carer_requested", False),
            "CHILD": ("child_requested", False),
            "ALLEG": ("allegation", False),
            "STAND": ("allegation", False),
            "CLOSE": ("provider_closed", False),
            "APPRR": ("provider_closed", False),
            "CUSTOD": ("other", False),
            "OTHER": ("other", False),
        }
    }
)

NEW_PLACEMENT_REASONS = frozenset({"S", "P", "T", "U", "B"})
"""The reasons for a new episode that begin a new placement; L (a change of legal status only)
does not."""

SAME_LEGAL_STATUS_REASONS = frozenset({"P", "T"})
"""The reasons for a new episode that keep the legal status: a change of placement only."""

EPISODE_CONTINUES = "X1"
"""The reason an episode ceased when the child stays looked after and a new episode begins."""
