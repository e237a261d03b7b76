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


SEX = ByYear({2023: frozenset({"1", "2"}), 2025: frozenset({"M", "F"})})
"""The child's sex: 1 and 2 until 2023/24, M and F from 2024/25."""

ETHNICITY = ByYear(
    {
        2023: frozenset(
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
