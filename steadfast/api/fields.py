"""The types the API's schemas share: text that a database can hold and a person can read."""

import datetime
from typing import Annotated

from pydantic import AfterValidator, Field

CONTROL_CHARACTERS = "Text may not hold control characters (other than line breaks and tabs)."


def _readable(value: str) -> str:
    if any((ord(c) < 32 and c not in "\n\r\t") or ord(c) == 127 for c in value):
        raise ValueError(CONTROL_CHARACTERS)
    return value.strip()


def text(max_length: int, *, required: bool = True) -> type[str]:
    """A string of at most `max_length` characters, trimmed, with no control characters; when
    `required`, not empty once trimmed."""
    return Annotated[  # type: ignore[return-value]
        str,
        Field(max_length=max_length, min_length=1 if required else 0),
        AfterValidator(_readable),
        AfterValidator(_not_blank if required else _as_is),
    ]


def _not_blank(value: str) -> str:
    if not value:
        raise ValueError("Enter a value that is not only spaces.")
    return value


def _as_is(value: str) -> str:
    return value


# Dates the records can hold: none before 1900 or after 2100.
Day = Annotated[datetime.date, Field(ge=datetime.date(1900, 1, 1), le=datetime.date(2100, 12, 31))]
Version = Annotated[
    int, Field(ge=1, le=2_000_000_000, description="The version of the record the change is based on")
]
Id = Annotated[int, Field(ge=1, le=2**62)]
