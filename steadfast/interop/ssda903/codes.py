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
"""RNE, the reason for a new episode: S started to be looked after; L a change of legal status
only; P a change of placement and carers only; T a change of placement, but the same carers,
only; B a change of legal status, placement and carers at the same time; U a change of legal
status and of placement, but the same carers, at the same time."""

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


# --- Header, UASC and Episodes: the lists their validation rules compare with ---

SEX_AS_REPORTED = ByYear({2026: frozenset({"M", "F", "U"})})
"""The sex a child's record may report: M, F or U (unknown), which rule 232 then queries."""

UPN_UNKNOWN = ByYear({2026: frozenset({"UN1", "UN2", "UN3", "UN4", "UN5"})})
"""The codes for a Unique Pupil Number that is not known, by reason."""

OUT_OF_ENGLAND = ByYear({2026: frozenset({"CON", "NIR", "SCO", "WAL", "NUK"})})
"""A placement's local authority outside England: Channel Islands and Isle of Man, Northern
Ireland, Scotland, Wales, outside the United Kingdom."""

TEMPORARY_PLACEMENT = ByYear({2026: frozenset({"T0", "T1", "T2", "T3", "T4"})})
"""Temporary placements: T0 to T4."""

PLACE_WITHOUT_PROVIDER = ByYear({2026: frozenset({"T0", "T1", "T2", "T3", "Z11", "Z12", "Z13", "Z14"})})
"""Placements for which a placement provider code is not a valid answer (rule 178)."""

PLACE_WITHOUT_PROVIDER_INFORMATION = ByYear(
    {2026: frozenset({"T0", "T1", "T2", "T3", "T4", "Z11", "Z12", "Z13", "Z14"})}
)
"""Placements for which no placement provider is recorded at all (rule 213)."""

PLACE_WITHOUT_URN = ByYear(
    {
        2026: frozenset(
            {"P1", "P3", "R1", "R2", "R5", "T0", "T1", "T2", "T3", "T4", "Z11", "Z12", "Z13", "Z14"}
        )
    }
)
"""Placements with no Ofsted-registered provider, so no Ofsted URN."""

URN_OF_ADOPTION_AGENCY = "XXXXXXX"
"""The URN recorded for a placement through a regional adoption agency."""

PLACED_FOR_ADOPTION_WITH_CARERS = ByYear({2026: frozenset({"A3", "A5"})})
"""Placed for adoption with the child's current foster carers (A3 with consent, A5 under order)."""

ADOPTION_PLACEMENT_AFTER_FOSTERING = ByYear({2026: frozenset({"A3", "A4"})})
"""The adoption placements rule 336 expects a foster placement before."""

ADOPTION_OR_FOSTER_PLACEMENT = ByYear(
    {2026: frozenset({"A3", "A4", "A5", "A6", "U1", "U2", "U3", "U4", "U5", "U6"})}
)
"""Placed for adoption (A3 to A6) or with foster carers (U1 to U6)."""

REASON_NEW_EPISODE_WITH_NEW_CARERS = ByYear({2026: frozenset({"S", "T", "U"})})
"""The reasons for a new episode allowed when a child is placed for adoption with current foster
carers (rule 217)."""

REASON_NEW_EPISODE_PLACEMENT_CHANGE = ByYear({2026: frozenset({"P", "B", "T", "U"})})
"""The reasons for a new episode that mean the placement changed (rule 225)."""

ADOPTED = ByYear({2026: frozenset({"E11", "E12"})})
"""Reasons an episode ceased that mean the child was adopted."""

SHORT_BREAKS = ByYear({2026: frozenset({"V3", "V4"})})
"""Legal statuses of short breaks: V3 a single short break, V4 a series of them."""

# Header, Episodes, Reviews and Missing: the codes their cross-table rules read.

REVIEW_PARTICIPATION = ByYear({2026: frozenset({"PN0", "PN1", "PN2", "PN3", "PN4", "PN5", "PN6", "PN7"})})
"""REVIEW_CODE: how the child took part in the review; PN0 is for a child under 4."""

MISSING_TYPE = ByYear({2026: frozenset({"M", "A"})})
"""MISSING: M missing from placement; A away from placement without authorisation."""

ACCOMMODATED_SHORT_BREAKS = ByYear({2026: frozenset({"V3", "V4"})})
"""LS: short breaks, where the Department does not expect the mother, UPN or review fields."""

YOUTH_JUSTICE_LEGAL_STATUS = ByYear({2026: frozenset({"J1", "J2", "J3"})})
"""LS: remanded or detained under youth justice law."""

# The adoption tables (AD1, PlacedAdoption) and the previous permanence table (PrevPerm).

ADOPTED_BY_FOSTER_CARER = ByYear({2026: frozenset({"0", "1"})})
"""FOSTER_CARE: 1 when the child was adopted by their foster carer, 0 when not."""

NUMBER_OF_ADOPTERS = ByYear({2026: frozenset({"1", "2"})})

SEX_OF_ADOPTERS = ByYear({2026: frozenset({"M1", "F1", "MM", "FF", "MF"})})
"""SEX_ADOPTR: a single man or woman (M1, F1), or a couple of two men, two women, or a man and a
woman (MM, FF, MF)."""

LEGAL_STATUS_OF_ADOPTERS = ByYear({2026: frozenset({"L0", "L11", "L12", "L2", "L3", "L4"})})
"""LS_ADOPTR: L0 a single adopter; L11 and L12 a married couple of different or the same sex; L2 a
civil partnership; L3 and L4 an unmarried couple of different or the same sex."""

REASON_PLACED_CEASED = ByYear({2026: frozenset({"RD1", "RD2", "RD3", "RD4"})})
"""Why the decision that the child should be placed for adoption was reversed."""

PREVIOUS_PERMANENCE = ByYear({2026: frozenset({"P1", "P2", "P3", "P4", "Z1"})})
"""PREV_PERM: the permanence the child had before this period of care; Z1 for none or not known."""

PERMANENCE_LOCAL_AUTHORITY = ByYear(
    {
        2026: frozenset(
            [
                "800",
                "889",
                "822",
                "301",
                "304",
                "303",
                "330",
                "825",
                "837",
                "302",
                "846",
                "370",
                "350",
                "890",
                "867",
                "380",
                "305",
                "801",
                "351",
                "873",
                "823",
                "895",
                "896",
                "381",
                "909",
                "202",
                "908",
                "331",
                "306",
                "841",
                "830",
                "831",
                "878",
                "371",
                "835",
                "332",
                "840",
                "307",
                "308",
                "811",
                "881",
                "845",
                "390",
                "916",
                "203",
                "876",
                "850",
                "311",
                "204",
                "884",
                "312",
                "205",
                "313",
                "805",
                "919",
                "310",
                "309",
                "420",
                "921",
                "206",
                "207",
                "886",
                "810",
                "382",
                "314",
                "340",
                "888",
                "208",
                "856",
                "383",
                "855",
                "209",
                "925",
                "341",
                "201",
                "821",
                "352",
                "806",
                "887",
                "826",
                "315",
                "929",
                "812",
                "391",
                "926",
                "892",
                "813",
                "802",
                "928",
                "891",
                "392",
                "316",
                "815",
                "353",
                "931",
                "879",
                "836",
                "851",
                "874",
                "807",
                "354",
                "317",
                "870",
                "318",
                "372",
                "857",
                "333",
                "935",
                "343",
                "803",
                "373",
                "342",
                "893",
                "356",
                "355",
                "871",
                "394",
                "334",
                "933",
                "882",
                "936",
                "861",
                "852",
                "319",
                "860",
                "808",
                "393",
                "866",
                "210",
                "357",
                "894",
                "883",
                "880",
                "358",
                "211",
                "937",
                "869",
                "320",
                "359",
                "865",
                "384",
                "335",
                "336",
                "212",
                "868",
                "872",
                "885",
                "344",
                "877",
                "213",
                "938",
                "816",
                "999",
                "WAL",
                "SCO",
                "NUK",
                "NIR",
            ]
        )
    }
)
"""LA_PERM: the English local authority codes, 999 when not known, and WAL, SCO, NIR and NUK for
Wales, Scotland, Northern Ireland and outside the United Kingdom."""

# The OC2, OC3 and SWEpisodes tables.

IN_TOUCH = ByYear({2026: frozenset({"YES", "NO", "DIED", "REFU", "NREQ", "RHOM"})})
"""OC3 IN_TOUCH: whether the authority is in touch with the care leaver around their birthday."""

ACTIVITY = ByYear({2026: frozenset({"F1", "P1", "F2", "P2", "F4", "P4", "F5", "P5", "G4", "G5", "G6", "0"})})
"""OC3 ACTIV: the care leaver's main activity; 0 when the authority is not in touch."""

ACCOMMODATION = ByYear(
    {
        2026: frozenset(
            {
                "B1",
                "B2",
                "C1",
                "C2",
                "D1",
                "D2",
                "E1",
                "E2",
                "G1",
                "G2",
                "H1",
                "H2",
                "K1",
                "K2",
                "R1",
                "R2",
                "S2",
                "T1",
                "T2",
                "U1",
                "U2",
                "V1",
                "V2",
                "W1",
                "W2",
                "X2",
                "Y1",
                "Y2",
                "Z1",
                "Z2",
                "0",
            }
        )
    }
)
"""OC3 ACCOM: the care leaver's accommodation, a letter for its kind and 1 (suitable) or 2 (not);
0 when the authority is not in touch."""

FORMER_FOSTER_CARERS = ByYear({2026: frozenset({"Z1", "Z2"})})
"""OC3 ACCOM codes for living with former foster carers."""

SDQ_REASON = ByYear({2026: frozenset({"SDQ1", "SDQ2", "SDQ3", "SDQ4", "SDQ5"})})
"""OC2 SDQ_REASON: why there is no Strengths and Difficulties Questionnaire score."""

SW_REASON = ByYear(
    {
        2026: frozenset(
            {
                "MANAGE",
                "FCONTA",
                "LEFTRL",
                "ORGRST",
                "TSPROC",
                "ABSENC",
                "CHCHAN",
                "PCCHAN",
                "SWDIED",
                "OTHERS",
            }
        )
    }
)
"""SWEpisodes SW_REASON: why the child's social worker changed; FCONTA is first contact."""

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

NEW_PLACEMENT_REASONS = frozenset({"S", "P", "B"})
"""The reasons for a new episode that begin a new placement, with new carers; L (a change of legal
status only), T and U (a change of placement with the same carers) do not."""

SAME_LEGAL_STATUS_REASONS = frozenset({"P", "T"})
"""The reasons for a new episode that keep the legal status: a change of placement only."""

EPISODE_CONTINUES = "X1"
"""The reason an episode ceased when the child stays looked after and a new episode begins."""
